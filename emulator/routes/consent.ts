// The consent `User` connections need before they can run. `GET …/connections/authorizationinformation?redirectUrl=`
// says whether the calling user (the token's subject) has consented and where to consent; opening that URL (this
// emulator's IMS authorize path) grants it and sends the browser on to redirectUrl. Shapes from Bentley's
// synchronization sample app; the real authorizationUrl is an IMS sign-in page, whose parameters are not known here.
import { DETAIL, ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { AuthorizationInformationResponse } from "../../api/types";
import { InvalidRequest } from "../errors";
import type { Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { AUTHORIZE_PATH } from "./oidc";
import { oauthError } from "./token";

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value) && URL.canParse(value);

function redirectUrlOf(ctx: RequestContext): string {
  const value = ctx.query.get("redirectUrl");
  if (value === undefined || value === "") throw new InvalidRequest([DETAIL.missingRedirectUrl]);
  if (!isHttpUrl(value)) throw new InvalidRequest([DETAIL.invalidRedirectUrl]);
  return value;
}

function information(ctx: RequestContext): Reply {
  const redirectUrl = redirectUrlOf(ctx);
  // The API scope let the request in, so it has a Bearer token and thus a subject.
  const user = ctx.emulator.auth.subject(ctx.headers.authorization)!;
  const query = new URLSearchParams({ user, redirect_uri: redirectUrl });
  const body: AuthorizationInformationResponse = {
    authorizationInformation: {
      isUserAuthorized: ctx.emulator.store.isUserAuthorized(user),
      _links: { authorizationUrl: { href: `${ctx.origin}${AUTHORIZE_PATH}?${query}` } },
    },
  };
  return { status: 200, body };
}

/** Opened in the user's browser (no Bearer token): grants the consent and redirects, as IMS does after sign-in. */
function authorize(ctx: RequestContext): Reply {
  const user = ctx.query.get("user");
  const redirect = ctx.query.get("redirect_uri") ?? "";
  if (!user || !isHttpUrl(redirect)) return oauthError(400, ERROR.invalidConsentRequest);
  ctx.emulator.store.grantConsent(user);
  return { status: 302, headers: { location: redirect } };
}

export const consentRoutes: Route[] = [
  {
    scope: "api",
    method: "GET",
    path: `${SYNC_PATH}/connections/authorizationinformation`,
    invalidCode: INVALID_REQUEST.authorizationInformation,
    handle: information,
  },
  { scope: "token", method: "GET", path: AUTHORIZE_PATH, handle: authorize },
];
