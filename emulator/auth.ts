// Who may call the API. Open by default (any non-empty Bearer token); a fixed `token` and/or client credentials
// close it to that token and the unexpired tokens this emulator signed. Token values are never logged or echoed.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { ERROR } from "../api/contract";
import { derivedGuid } from "./ids";
import { ConsentRequests, redirectAllowed } from "./consent-requests";
import { decodeJwt, TokenSigner } from "./jwt";
import { FailedAuthenticationThrottle } from "./throttle";

export interface AuthSettings {
  /** The only static token accepted. */
  token?: string;
  /** With clientSecret: the only client the token endpoint serves. */
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds: number;
  /** The token the control endpoint requires (`--control-token`). */
  controlToken?: string;
  /** Listening beyond loopback: the control endpoint requires controlToken, else the API's credentials. */
  controlNeedsToken: boolean;
  /** `--allowed-redirect`: where /connect/authorize may send a browser; any http(s) URL when undefined. */
  allowedRedirects?: URL[];
}

const CONTROL_TOKEN_REQUIRED = {
  code: "InvalidAuthorizationToken",
  message: "The control endpoint requires Authorization: Bearer <the --control-token> (or, without one, the API's credentials).",
};
const CONTROL_LOCKED = {
  code: "ControlTokenRequired",
  message:
    "The emulator listens beyond loopback and the API takes any token, so the control endpoint is closed: " +
    "start it with --control-token (or lock the API with --token or --client-id/--client-secret) to use it.",
};

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Auth {
  /** Signs the tokens /connect/token issues; its public key is the authority's JWKS. */
  readonly signer = new TokenSigner();
  /** Failed client authentications per client id at the token endpoint. */
  readonly throttle = new FailedAuthenticationThrottle();
  /** The consent requests authorizationinformation opened, for /connect/authorize. */
  readonly consentRequests = new ConsentRequests();

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
    return this.signer.verify(token, now) ? undefined : ERROR.invalidToken;
  }

  /** The refusal of a control request with this Authorization header, or undefined when it may go on. */
  checkControl(authorization: string | undefined, now: number): { status: number; error: { code: string; message: string } } | undefined {
    const { controlToken, controlNeedsToken, token: fixed, clientId } = this.settings;
    if (controlToken === undefined && !controlNeedsToken) return undefined;
    const token = BEARER.exec(authorization ?? "")?.[1];
    if (controlToken !== undefined) {
      return token !== undefined && same(token, controlToken) ? undefined : { status: 401, error: CONTROL_TOKEN_REQUIRED };
    }
    // Without a control token the API's credentials stand in, when it has any: an open API has none worth the name.
    if (fixed === undefined && clientId === undefined) return { status: 403, error: CONTROL_LOCKED };
    return this.check(authorization, now) === undefined ? undefined : { status: 401, error: CONTROL_TOKEN_REQUIRED };
  }

  /** Whether /connect/authorize may redirect to this URL (`--allowed-redirect`). */
  redirectAllowed(url: string): boolean {
    return redirectAllowed(url, this.settings.allowedRedirects);
  }

  /**
   * The user a request acts for (consent is kept per user): a JWT's `sub` (ours, or one from elsewhere, e.g. a real
   * IMS token given as --token), else a GUID derived from the token, so one opaque token is one user.
   */
  subject(authorization: string | undefined): string | undefined {
    const token = BEARER.exec(authorization ?? "")?.[1];
    if (token === undefined) return undefined;
    const sub = decodeJwt(token)?.sub;
    return typeof sub === "string" && sub !== "" ? sub : derivedGuid(`token:${token}`);
  }

  /** Whether the token endpoint serves this client: the configured one only; with `token` alone, none (the API is
   * locked to that token); any when the API is open. */
  knows(clientId: string, clientSecret: string): boolean {
    const { token, clientId: id, clientSecret: secret } = this.settings;
    if (id === undefined || secret === undefined) return token === undefined && clientId !== "" && clientSecret !== "";
    return same(clientId, id) && same(clientSecret, secret);
  }

  /** A client-credentials access token for `clientId`, issued by `issuer` (the authority URL the client called). */
  issue(clock: () => number, issuer: string, clientId: string, scope: string): string {
    const scopes = scope.split(/\s+/).filter(Boolean);
    return this.signer.sign(() => {
      const now = clock();
      const seconds = Math.floor(now / 1000);
      return {
        iss: issuer,
        aud: scopes,
        // A service client acts as its own user, `<clientId>@apps.imsoidc.bentley.com` in iTwin membership; its id
        // here is a GUID derived from the client id, as IMS user ids are GUIDs.
        sub: derivedGuid(`client:${clientId}`),
        client_id: clientId,
        scope: scopes,
        iat: seconds,
        nbf: seconds,
        // Whole seconds, as IMS issues them (a token then lives up to a second less than expires_in says).
        exp: seconds + this.settings.tokenTtlSeconds,
        jti: randomBytes(16).toString("hex"),
      };
    });
  }
}
