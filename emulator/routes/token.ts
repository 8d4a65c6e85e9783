// Bentley IMS-style token endpoint: the OAuth2 client-credentials grant (client id and secret as HTTP Basic auth
// or form fields), answering with RS256-signed JWTs (jwt.ts). Errors use the OAuth2 form `{error, error_description}`.
import { DEFAULT_SCOPE, ERROR } from "../../api/contract";
import type { TokenResponse } from "../../api/types";
import { safeDecode, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { TOKEN_PATH } from "./oidc";

export function oauthError(status: number, error: { code: string; message: string }, headers: Record<string, string> = {}): Reply {
  return { status, body: { error: error.code, error_description: error.message }, headers: { "cache-control": "no-store", ...headers } };
}

function credentials(ctx: RequestContext, form: URLSearchParams): { id: string; secret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? "")?.[1];
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon >= 0) {
      // RFC 6749 §2.3.1: both halves are form-urlencoded before encoding.
      const part = (s: string) => safeDecode(s.replace(/\+/g, " "));
      return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
    }
  }
  return { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" };
}

function issue(ctx: RequestContext): Reply {
  const form = ctx.body as URLSearchParams;
  const { auth } = ctx.emulator;
  const { id, secret } = credentials(ctx, form);
  const now = ctx.emulator.now();
  const wait = auth.throttle.wait(id, now);
  if (wait !== undefined) return oauthError(429, ERROR.tooManyFailedAuthentications, { "retry-after": String(wait) });
  if (!auth.knows(id, secret)) {
    auth.throttle.failed(id, now);
    return oauthError(401, ERROR.invalidClient);
  }
  auth.throttle.succeeded(id);
  if (form.get("grant_type") !== "client_credentials") return oauthError(400, ERROR.unsupportedGrantType);
  const scope = form.get("scope") || DEFAULT_SCOPE;
  const body: TokenResponse = {
    access_token: auth.issue(() => ctx.emulator.now(), ctx.origin, id, scope),
    token_type: "Bearer",
    expires_in: auth.tokenTtlSeconds,
    scope,
  };
  return { status: 200, body, headers: { "cache-control": "no-store" } };
}

export const tokenRoutes: Route[] = [{ scope: "token", method: "POST", path: TOKEN_PATH, body: "form", handle: issue }];
