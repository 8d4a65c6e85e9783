// The user consent `User` connections need: authorization information per user (the token's subject), the
// authorizationUrl that grants it and redirects, and runs refused without it under --require-user-consent.
import { describe, expect, it } from "vitest";
import { DETAIL, INVALID_REQUEST, RUN_ERROR, SYNC_PATH, invalidRequestBody } from "../../api/contract";
import { startEmulator } from "../../emulator";
import { parseCliArgs } from "../../emulator/cli";
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
    const opened = await fetch(_links.authorizationUrl.href, { redirect: "manual", headers: { authorization: "Bearer user-b-token" } });
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

describe("the authorizationUrl grants consent only to its user, signed in, and redirects only where its request said", () => {
  const ctx = useEmulator({ requireUserConsent: true });

  const authorizationUrl = async (token: string, redirect = REDIRECT) =>
    (await ctx.api.get(`${INFO}?redirectUrl=${encodeURIComponent(redirect)}`, { token })).body.authorizationInformation._links.authorizationUrl.href as string;
  const open = (url: string, token?: string) =>
    fetch(url, { redirect: "manual", headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const authorized = async (token: string) => (await information(ctx.api, token)).isUserAuthorized;
  /** What the sign-in page's form posts. */
  const signIn = (state: string, accessToken: string) =>
    fetch(`${ctx.api.url}/connect/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ state, access_token: accessToken }).toString(),
      redirect: "manual",
    });

  it("a URL made up for another user (a service client's subject is predictable) grants nothing and redirects nowhere", async () => {
    const victim = new URL(await authorizationUrl("victim-token")).searchParams.get("user")!;
    for (const forged of [
      `${ctx.api.url}/connect/authorize?user=${victim}&redirect_uri=${encodeURIComponent("https://attacker.example/")}`,
      `${ctx.api.url}/connect/authorize?user=${victim}&redirect_uri=${encodeURIComponent("https://attacker.example/")}&state=guessed`,
    ]) {
      const answer = await open(forged, "attacker-token");
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: "invalid_request" });
      expect(answer.headers.get("location")).toBeNull();
    }
    expect(await authorized("victim-token")).toBe(false);
  });

  it("opened by someone else signed in: 403 access_denied; with no sign-in: the sign-in page, and nothing granted", async () => {
    const url = await authorizationUrl("owner-token");
    const other = await open(url, "intruder-token");
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: "access_denied" });
    const page = await open(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain('name="access_token"');
    expect(await authorized("owner-token")).toBe(false);
  });

  it("the sign-in form posts the user's token: consent, and a 302 to the request's redirectUrl, whatever the query says", async () => {
    const url = new URL(await authorizationUrl("form-user-token"));
    url.searchParams.set("redirect_uri", "https://attacker.example/");
    const wrong = await signIn(url.searchParams.get("state")!, "not-the-user");
    expect(wrong.status).toBe(403);
    const tampered = await open(url.href, "form-user-token");
    expect(tampered.status).toBe(302);
    expect(tampered.headers.get("location")).toBe(REDIRECT);
    expect(await authorized("form-user-token")).toBe(true);
    // An authorizationUrl grants once.
    expect((await open(url.href, "form-user-token")).status).toBe(400);

    const next = new URL(await authorizationUrl("second-form-user"));
    const posted = await signIn(next.searchParams.get("state")!, "second-form-user");
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(REDIRECT);
    expect(await authorized("second-form-user")).toBe(true);
    const log = (await ctx.api.get("/__emulator/requests")).body.requests.filter((r: { method: string; path: string }) => r.method === "POST" && r.path === "/connect/authorize");
    expect(log.at(-1).body).toMatchObject({ access_token: "(redacted)" });
  });
});

describe("with --allowed-redirect", () => {
  const ctx = useEmulator({ requireUserConsent: true, allowedRedirects: ["https://app.example.com/after-consent"] });

  it("redirects only to a redirectUrl under one of them", async () => {
    for (const [redirect, status] of [
      [REDIRECT, 302],
      ["https://app.example.com/after-consent/deeper", 302],
      ["https://app.example.com/after-consent-not", 400],
      ["https://attacker.example/after-consent", 400],
    ] as const) {
      const { _links } = (await ctx.api.get(`${INFO}?redirectUrl=${encodeURIComponent(redirect)}`, { token: "allow-user" })).body.authorizationInformation;
      const answer = await fetch(_links.authorizationUrl.href, { redirect: "manual", headers: { authorization: "Bearer allow-user" } });
      expect(answer.status).toBe(status);
      expect(answer.headers.get("location")).toBe(status === 302 ? redirect : null);
    }
  });

  it("is a repeatable flag of http(s) URLs", async () => {
    expect(parseCliArgs(["--allowed-redirect", "https://a.example/", "--allowed-redirect", "http://localhost:3000/cb"])).toMatchObject({
      allowedRedirects: ["https://a.example/", "http://localhost:3000/cb"],
    });
    await expect(startEmulator({ allowedRedirects: ["javascript:alert(1)"] })).rejects.toThrow('allowedRedirects takes http(s) URLs, got "javascript:alert(1)"');
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
