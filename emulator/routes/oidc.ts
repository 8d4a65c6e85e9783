// Bentley IMS's OpenID Connect discovery, as Bentley's libraries read it before they ask for a token
// (@itwin/service-authorization checks the required fields, then posts to `token_endpoint`; its IntrospectionClient
// verifies tokens with the keys at `jwks_uri`). Served without a token, on the authority URL the client called.
import { DEFAULT_SCOPE } from "../../api/contract";
import type { OpenIdConfiguration } from "../../api/types";
import type { Reply } from "../http";
import type { RequestContext, Route } from "../router";

const DISCOVERY = "/.well-known/openid-configuration";
/** IMS's own path for its keys. */
const JWKS = `${DISCOVERY}/jwks`;
export const AUTHORIZE_PATH = "/connect/authorize";
export const TOKEN_PATH = "/connect/token";

function discovery(ctx: RequestContext): Reply {
  const authority = ctx.origin;
  const body: OpenIdConfiguration = {
    issuer: authority,
    // Only the consent of `User` connections is served there (routes/consent.ts), not a code flow.
    authorization_endpoint: `${authority}${AUTHORIZE_PATH}`,
    token_endpoint: `${authority}${TOKEN_PATH}`,
    jwks_uri: `${authority}${JWKS}`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: [DEFAULT_SCOPE, "synchronization:read", "synchronization:modify"],
  };
  return { status: 200, body };
}

export const oidcRoutes: Route[] = [
  { scope: "token", method: "GET", path: DISCOVERY, handle: discovery },
  { scope: "token", method: "GET", path: JWKS, handle: (ctx) => ({ status: 200, body: ctx.emulator.auth.signer.jwks() }) },
];
