// The user consent `User` connections need: authorization information per user (the token's subject), the
// authorizationUrl that grants it and redirects, and runs refused without it under --require-user-consent.
import { describe, expect, it } from "vitest";
import { DETAIL, INVALID_REQUEST, RUN_ERROR, SYNC_PATH, invalidRequestBody } from "../../api/contract";
import { Api, CONNECTIONS, createConnection, useEmulator, waitForRun } from "./helpers";

const INFO = `${SYNC_PATH}/connections/authorizationinformation`;
const REDIRECT = "https://app.example.com/after-consent?tab=runs";

async function information(api: Api, token: string) {
  const answer = await api.get(`${INFO}?redirectUrl=${encodeURIComponent(REDIRECT)}`, { token });
  expect(answer.status).toBe(200);
  return answer.body.authorizationInformation;
}

async function runResult(api: Api, connectionId: string, token: string) {
  const started = await api.post(`${CONNECTIONS}/${connectionId}/run`, undefined, { token });
  expect(started.status).toBe(202);
  const run = await waitForRun(new Api(api.url, token), api.pathOf(started.headers.get("location")!));
  return { result: run.result, error: run.error };
}

describe("with --require-user-consent", () => {
  const ctx = useEmulator({ requireUserConsent: true });

  it("answers the documented shape: not authorized yet, and the URL to consent at", async () => {
    const info = await information(ctx.api, "user-a-token");
    expect(info).toEqual({ isUserAuthorized: false, _links: { authorizationUrl: { href: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/connect\/authorize\?/) } } });
  });

  it("refuses a User run without consent; the authorizationUrl grants it to that user only and redirects", async () => {
    const id = await createConnection(ctx.api, { authenticationType: "User" });
    expect(await runResult(ctx.api, id, "user-b-token")).toEqual({ result: "Error", error: RUN_ERROR.userNotAuthenticated });

    const { _links } = await information(ctx.api, "user-b-token");
    const opened = await fetch(_links.authorizationUrl.href, { redirect: "manual" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(REDIRECT);

    expect((await information(ctx.api, "user-b-token")).isUserAuthorized).toBe(true);
    expect((await runResult(ctx.api, id, "user-b-token")).result).toBe("Success");
    // Consent is per user: another token's user has none.
    expect((await information(ctx.api, "user-c-token")).isUserAuthorized).toBe(false);
    expect((await runResult(ctx.api, id, "user-c-token")).error).toEqual(RUN_ERROR.userNotAuthenticated);
  });

  it("runs Service connections without anyone's consent", async () => {
    const id = await createConnection(ctx.api, { authenticationType: "Service" });
    expect((await runResult(ctx.api, id, "user-d-token")).result).toBe("Success");
  });

  it("puts the authorizationUrl on the origin the client called", async () => {
    const origin = `http://localhost:${ctx.emulator.port}`;
    const answer = await new Api(origin, "user-e-token").get(`${INFO}?redirectUrl=${encodeURIComponent(REDIRECT)}`);
    expect(answer.body.authorizationInformation._links.authorizationUrl.href).toMatch(new RegExp(`^${origin}/connect/authorize\\?`));
  });

  it("answers 422 InvalidAuthorizationInformationRequest without redirectUrl, or with one that is no http(s) URL", async () => {
    const missing = await ctx.api.get(INFO);
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual(invalidRequestBody(INVALID_REQUEST.authorizationInformation, [DETAIL.missingRedirectUrl]));
    const invalid = await ctx.api.get(`${INFO}?redirectUrl=javascript:alert(1)`);
    expect(invalid.body).toEqual(invalidRequestBody(INVALID_REQUEST.authorizationInformation, [DETAIL.invalidRedirectUrl]));
    expect((await ctx.api.get(INFO, { token: null })).status).toBe(401);
  });

  it("takes the sample app's spelling of the path and its unencoded redirectUrl", async () => {
    const answer = await ctx.api.get(`${SYNC_PATH}/connections/authorizationInformation?redirectUrl=http://localhost:3000/`);
    expect(answer.status).toBe(200);
    expect(answer.body.authorizationInformation._links.authorizationUrl.href).toContain(encodeURIComponent("http://localhost:3000/"));
  });
});

describe("without --require-user-consent", () => {
  const ctx = useEmulator();

  it("counts every user as having consented, as their runs succeed", async () => {
    expect((await information(ctx.api, "anyone")).isUserAuthorized).toBe(true);
    const id = await createConnection(ctx.api, { authenticationType: "User" });
    expect((await runResult(ctx.api, id, "anyone")).result).toBe("Success");
  });
});
