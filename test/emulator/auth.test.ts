// Authorization: the open default, --token, and the IMS-style client-credentials token endpoint.
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR, errorBody } from "../../api/contract";
import { MANIFEST, useEmulator, type Api, type Json } from "./helpers";

/** POST /connect/token with client credentials as HTTP Basic auth, like Bentley IMS. */
async function requestToken(api: Api, id: string, secret: string, form = "grant_type=client_credentials&scope=itwin-platform") {
  const response = await fetch(`${api.url}/connect/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
    },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe("by default", () => {
  const ctx = useEmulator();

  it("accepts any non-empty Bearer token", async () => {
    expect((await ctx.api.get(MANIFEST, { token: "anything-at-all" })).status).toBe(200);
  });

  it("answers 401 HeaderNotFound without Authorization and InvalidAuthorizationToken for other schemes", async () => {
    const missing = await ctx.api.get(MANIFEST, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(errorBody(ERROR.headerNotFound));
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer "]) {
      const answer = await ctx.api.get(MANIFEST, { token: null, headers: { authorization } });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(errorBody(ERROR.invalidToken));
    }
  });

  it("issues tokens to any client that sends an id and a secret, and refuses one without", async () => {
    const issued = await requestToken(ctx.api, "someone", "anything");
    expect(issued.status).toBe(200);
    expect((await ctx.api.get(MANIFEST, { token: issued.body.access_token })).status).toBe(200);
    const anonymous = await requestToken(ctx.api, "", "");
    expect(anonymous).toEqual({ status: 401, body: { error: "invalid_client", error_description: ERROR.invalidClient.message } });
  });
});

describe("with --token", () => {
  const ctx = useEmulator({ token: "the-one-token" });

  it("accepts only that token", async () => {
    expect((await ctx.api.get(MANIFEST, { token: "the-one-token" })).status).toBe(200);
    const other = await ctx.api.get(MANIFEST, { token: "another-token" });
    expect(other.status).toBe(401);
    expect(other.body).toEqual(errorBody(ERROR.invalidToken));
  });

  it("issues no token to anyone: the token endpoint answers 401 invalid_client, so nothing else gets in", async () => {
    const issued = await requestToken(ctx.api, "any-client", "any-secret");
    expect(issued).toEqual({ status: 401, body: { error: "invalid_client", error_description: ERROR.invalidClient.message } });
    expect((await ctx.api.get(MANIFEST, { token: "any-client" })).status).toBe(401);
  });
});

describe("with --client-id and --client-secret", () => {
  // Two seconds: `exp` is a whole second, so a token lives between one and two.
  const ctx = useEmulator({ clientId: "app-id", clientSecret: "app-secret", tokenTtlSeconds: 2, token: "static-token" });
  // The signing key is made on the first token: not inside the test that waits for one to expire.
  beforeAll(() => requestToken(ctx.api, "app-id", "app-secret"));

  it("issues tokens by client credentials that the API then accepts, until they expire", async () => {
    const issued = await requestToken(ctx.api, "app-id", "app-secret");
    expect(issued).toEqual({
      status: 200,
      body: { access_token: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/), token_type: "Bearer", expires_in: 2, scope: "itwin-platform" },
    });
    const token = issued.body.access_token;
    expect((await ctx.api.get(MANIFEST, { token })).status).toBe(200);
    expect((await ctx.api.get(MANIFEST, { token: "static-token" })).status).toBe(200);
    expect((await ctx.api.get(MANIFEST, { token: "made-up" })).status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await ctx.api.get(MANIFEST, { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(errorBody(ERROR.invalidToken));
  });

  it("accepts the credentials as form fields too", async () => {
    const response = await fetch(`${ctx.api.url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=app-id&client_secret=app-secret&scope=synchronization%3Aread",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token_type: "Bearer", scope: "synchronization:read" });
  });

  it("answers invalid_client for wrong credentials and unsupported_grant_type for other grants", async () => {
    expect(await requestToken(ctx.api, "app-id", "wrong")).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: ERROR.invalidClient.message },
    });
    expect(await requestToken(ctx.api, "app-id", "app-secret", "grant_type=password&username=u&password=p")).toEqual({
      status: 400,
      body: { error: "unsupported_grant_type", error_description: ERROR.unsupportedGrantType.message },
    });
    expect((await fetch(`${ctx.api.url}/connect/token`)).status).toBe(405);
  });

  it("never puts tokens or secrets in the request log", async () => {
    const { body } = await requestToken(ctx.api, "app-id", "app-secret");
    await ctx.api.get(MANIFEST, { token: body.access_token });
    const log = await ctx.api.get("/__emulator/requests");
    const text = JSON.stringify(log.body);
    expect(log.body.requests.at(-1)).toMatchObject({ method: "GET", path: MANIFEST, status: 200, authorization: true });
    for (const secret of [body.access_token, "app-secret", "static-token"]) expect(text).not.toContain(secret);
  });
});
