// The consent `User` connections need before they can run. `GET …/connections/authorizationinformation?redirectUrl=`
// says whether the calling user (the token's subject) has consented and where to consent; opening that URL (this
// emulator's IMS authorize path) signed in as that user grants it and sends the browser on to redirectUrl (and only
// there: consent-requests.ts). Shapes from Bentley's synchronization sample app; the real authorizationUrl is an IMS
// sign-in page, whose parameters are not known here.
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
  const state = ctx.emulator.auth.consentRequests.create(user, redirectUrl, ctx.emulator.now());
  // `user` and `redirect_uri` say what the URL is for; only `state` is read back.
  const query = new URLSearchParams({ user, redirect_uri: redirectUrl, state });
  const body: AuthorizationInformationResponse = {
    authorizationInformation: {
      isUserAuthorized: ctx.emulator.store.isUserAuthorized(user),
      _links: { authorizationUrl: { href: `${ctx.origin}${AUTHORIZE_PATH}?${query}` } },
    },
  };
  return { status: 200, body };
}

/** The emulator's sign-in step, for a browser (which cannot send a Bearer header): the user's access token, posted. */
function signInPage(state: string): Reply {
  const html =
    "<!DOCTYPE html><html><head><title>iTwin emulator: consent</title></head><body>" +
    "<h1>Consent for iTwin Synchronization</h1><p>Sign in as the user who asked for this consent: paste that user's access token.</p>" +
    `<form method="post"><input type="hidden" name="state" value="${state}">` +
    '<input type="password" name="access_token" autocomplete="off" required> <button type="submit">Consent</button></form></body></html>';
  return {
    status: 200,
    text: html,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; form-action 'self'", "cache-control": "no-store" },
  };
}

/**
 * Grants the consent of the request `state` names to its user, signed in by `authorization` (a Bearer token the API
 * accepts, whose subject is that user), and redirects to the request's redirectUrl, as IMS does after sign-in.
 * Without a token, the sign-in page (GET) or a 401 (POST).
 */
function consent(ctx: RequestContext, state: string, authorization: string | undefined, page: boolean): Reply {
  const { auth, store } = ctx.emulator;
  const now = ctx.emulator.now();
  const request = auth.consentRequests.find(state, now);
  if (request === undefined) return oauthError(400, ERROR.invalidConsentRequest);
  if (authorization === undefined) return page ? signInPage(state) : oauthError(401, ERROR.consentLoginRequired);
  if (auth.check(authorization, now) !== undefined) return oauthError(401, ERROR.consentLoginRequired);
  if (auth.subject(authorization) !== request.user) return oauthError(403, ERROR.consentOtherUser);
  if (!auth.redirectAllowed(request.redirectUrl)) return oauthError(400, ERROR.consentRedirectNotAllowed);
  auth.consentRequests.close(state);
  store.grantConsent(request.user);
  return { status: 302, headers: { location: request.redirectUrl, "cache-control": "no-store" } };
}

/** The authorizationUrl, opened with the user's token (`Authorization: Bearer`) or in a browser (the sign-in page). */
function authorize(ctx: RequestContext): Reply {
  return consent(ctx, ctx.query.get("state") ?? "", ctx.headers.authorization, true);
}

/** The sign-in page's form: `state` and `access_token`. */
function signIn(ctx: RequestContext): Reply {
  const form = ctx.body as URLSearchParams;
  const token = form.get("access_token");
  return consent(ctx, form.get("state") ?? "", token ? `Bearer ${token}` : undefined, false);
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
  { scope: "token", method: "POST", path: AUTHORIZE_PATH, body: "form", handle: signIn },
];
