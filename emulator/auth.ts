// Who may call the API. Open by default (any non-empty Bearer token); a fixed `token` and/or client credentials
// close it to that token and the unexpired tokens this emulator issued. Token values are never logged or echoed.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { ERROR } from "../api/contract";

export interface AuthSettings {
  /** The only static token accepted. */
  token?: string;
  /** With clientSecret: the only client the token endpoint serves. */
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds: number;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Auth {
  /** Issued token → expiry time (ms). */
  private readonly issued = new Map<string, number>();

  constructor(private readonly settings: AuthSettings) {}

  get tokenTtlSeconds(): number {
    return this.settings.tokenTtlSeconds;
  }

  /** The 401 error for an Authorization header, or undefined when it grants access. */
  check(authorization: string | undefined, now: number): { code: string; message: string } | undefined {
    if (authorization === undefined) return ERROR.headerNotFound;
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) return ERROR.invalidToken;
    const { token: fixed, clientId } = this.settings;
    if (fixed === undefined && clientId === undefined) return undefined;
    if (fixed !== undefined && same(token, fixed)) return undefined;
    const expiry = this.issued.get(token);
    if (expiry !== undefined && expiry > now) return undefined;
    if (expiry !== undefined) this.issued.delete(token);
    return ERROR.invalidToken;
  }

  /** Whether the token endpoint serves this client: the configured one only, or any when none is configured. */
  knows(clientId: string, clientSecret: string): boolean {
    const { clientId: id, clientSecret: secret } = this.settings;
    if (id === undefined || secret === undefined) return clientId !== "" && clientSecret !== "";
    return same(clientId, id) && same(clientSecret, secret);
  }

  issue(now: number): string {
    for (const [old, expiry] of this.issued) if (expiry <= now) this.issued.delete(old);
    const token = randomBytes(32).toString("base64url");
    this.issued.set(token, now + this.settings.tokenTtlSeconds * 1000);
    return token;
  }
}
