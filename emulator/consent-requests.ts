// The consent requests authorizationinformation opens, one per authorizationUrl: an unguessable `state` naming the
// user who asked (the token's subject) and the redirectUrl they named. /connect/authorize grants consent only through
// one, to that user signed in, and redirects only to that URL: a URL made up by someone else (any user id, any
// redirect) grants nothing and sends no one anywhere.
import { randomBytes } from "node:crypto";

export interface ConsentRequest {
  user: string;
  redirectUrl: string;
  /** ms since the epoch. */
  expires: number;
}

/** How long an authorizationUrl can be used. */
export const CONSENT_REQUEST_TTL_MS = 10 * 60_000;
/** Requests kept at most (the oldest go first): callers open them at will, the memory is not theirs. */
const MAX_OPEN = 10_000;

export class ConsentRequests {
  /** By state, oldest first. */
  private readonly open = new Map<string, ConsentRequest>();

  /** Opens a request and returns its state. */
  create(user: string, redirectUrl: string, now: number): string {
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    const state = randomBytes(24).toString("base64url");
    this.open.set(state, { user, redirectUrl, expires: now + CONSENT_REQUEST_TTL_MS });
    return state;
  }

  /** The open, unexpired request of this state. */
  find(state: string, now: number): ConsentRequest | undefined {
    const request = this.open.get(state);
    if (request !== undefined && request.expires <= now) this.open.delete(state);
    return request !== undefined && request.expires > now ? request : undefined;
  }

  /** Closes a request once it was used: an authorizationUrl grants once. */
  close(state: string): void {
    this.open.delete(state);
  }
}

/** `--allowed-redirect`: an http(s) URL; a redirect is allowed under it when it has its origin and its path, or a
 * path below it (`https://app.example/cb` allows `/cb` and `/cb/done`, not `/cbx`). */
export function parseAllowedRedirect(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`allowedRedirects takes http(s) URLs, got "${value}"`);
  }
  return url;
}

export function redirectAllowed(redirectUrl: string, allowed: readonly URL[] | undefined): boolean {
  if (allowed === undefined) return true;
  const url = new URL(redirectUrl);
  return allowed.some((entry) => {
    if (url.origin !== entry.origin) return false;
    const base = entry.pathname.replace(/\/+$/, "");
    return url.pathname === base || url.pathname.startsWith(`${base}/`) || base === "";
  });
}
