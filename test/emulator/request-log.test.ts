// GET /__emulator/requests: each request's headers (Authorization as present/absent only) and body, the newest N kept,
// paged with $skip/$top and _links.next.
import { describe, expect, it } from "vitest";
import { MEDIA_TYPE } from "../../api/contract";
import { parseCliArgs } from "../../emulator/cli";
import { CONNECTIONS, MANIFEST, newConnection, useEmulator, type Json } from "./helpers";

const LOG = "/__emulator/requests";

describe("what the log records", () => {
  const ctx = useEmulator();

  it("each request's headers and JSON body; Authorization only as present, its value nowhere", async () => {
    await ctx.api.delete(LOG);
    const body = newConnection();
    await ctx.api.post(CONNECTIONS, body, { headers: { prefer: "return=representation" } });
    await ctx.api.get(MANIFEST, { token: null });
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests).toEqual([
      {
        time: expect.any(String),
        method: "POST",
        path: CONNECTIONS,
        status: 201,
        authorization: true,
        headers: expect.objectContaining({ accept: MEDIA_TYPE, prefer: "return=representation", "content-type": "application/json" }),
        body,
        bodyBytes: JSON.stringify(body).length,
      },
      {
        time: expect.any(String),
        method: "GET",
        path: MANIFEST,
        status: 401,
        authorization: false,
        headers: expect.objectContaining({ accept: MEDIA_TYPE }),
      },
    ]);
    expect(requests[0].headers.authorization).toBeUndefined();
    expect(JSON.stringify(requests)).not.toContain(ctx.api.token);
  });

  it("the token endpoint's form with client_secret redacted (and its Basic credentials nowhere)", async () => {
    await ctx.api.delete(LOG);
    const secret = "s3cret-value-never-logged";
    await fetch(`${ctx.api.url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=app&client_secret=${secret}&scope=itwin-platform`,
    });
    await fetch(`${ctx.api.url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`app:${secret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests.map((r: Json) => r.body)).toEqual([
      { grant_type: "client_credentials", client_id: "app", client_secret: "(redacted)", scope: "itwin-platform" },
      { grant_type: "client_credentials" },
    ]);
    expect(requests[1].authorization).toBe(true);
    expect(JSON.stringify(requests)).not.toContain(secret);
    expect(JSON.stringify(requests)).not.toContain(Buffer.from(`app:${secret}`).toString("base64"));
  });

  it("bodies over 64 KiB cut to their first 64 KiB, as text, and marked so", async () => {
    await ctx.api.delete(LOG);
    const files = Array.from({ length: 1200 }, (_, i) => ({ storageFileId: `log-size-${i}-${"x".repeat(40)}`, connectorType: "MSTN" }));
    const text = JSON.stringify(newConnection({ sourceFiles: files }));
    expect(text.length).toBeGreaterThan(64 * 1024);
    await ctx.api.post(CONNECTIONS, text);
    const [entry] = (await ctx.api.get(LOG)).body.requests;
    expect(entry).toMatchObject({ method: "POST", status: 201, bodyBytes: text.length, bodyTruncated: true, body: text.slice(0, 64 * 1024) });
  });
});

describe("secrets, by name wherever they appear", () => {
  const ctx = useEmulator();
  const secret = "s3cret-value-never-logged";
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";

  it("the token endpoint's form sent as text/plain or with no Content-Type", async () => {
    await ctx.api.delete(LOG);
    const form = `grant_type=client_credentials&client_id=app&client_secret=${secret}`;
    await fetch(`${ctx.api.url}/connect/token`, { method: "POST", headers: { "content-type": "text/plain" }, body: form });
    await fetch(`${ctx.api.url}/connect/token`, { method: "POST", body: new Blob([form]) });
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests).toHaveLength(2);
    expect(requests[0].headers["content-type"]).toBe("text/plain");
    expect(requests[1].headers["content-type"]).toBeUndefined();
    for (const request of requests) expect(request.body).toBe("grant_type=client_credentials&client_id=app&client_secret=(redacted)");
    expect(JSON.stringify(requests)).not.toContain(secret);
  });

  it("query parameters, API-key headers, any header holding a Bearer JWT, and JSON fields at any depth", async () => {
    await ctx.api.delete(LOG);
    await ctx.api.get(`${MANIFEST}?access_token=${secret}&client_secret=${secret}&n=1`, {
      headers: { "x-api-key": secret, "ocp-apim-subscription-key": secret, "x-forwarded-authorization": `Bearer ${jwt}`, "x-trace": jwt },
    });
    await ctx.api.post(CONNECTIONS, { displayName: "x", password: secret, nested: [{ client_secret: secret, refreshToken: secret }], note: `token ${jwt}` });
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests[0].path).toBe(`${MANIFEST}?access_token=(redacted)&client_secret=(redacted)&n=1`);
    expect(requests[0].headers).toMatchObject({
      "x-api-key": "(redacted)",
      "ocp-apim-subscription-key": "(redacted)",
      "x-forwarded-authorization": "Bearer (redacted)",
      "x-trace": "(redacted)",
    });
    expect(requests[1].body).toEqual({
      displayName: "x",
      password: "(redacted)",
      nested: [{ client_secret: "(redacted)", refreshToken: "(redacted)" }],
      note: "token (redacted)",
    });
    const text = JSON.stringify(requests);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(jwt.split(".")[2]);
  });
});

describe("secrets in bodies cut at 64 KiB, and bodies made to be slow to redact", () => {
  const ctx = useEmulator();

  it("a password whose value the cut ends is redacted all the same", async () => {
    await ctx.api.delete(LOG);
    const body = `{"displayName":"x","password":"${"p".repeat(70_000)}"}`;
    await ctx.api.post(CONNECTIONS, body);
    const [entry] = (await ctx.api.get(LOG)).body.requests;
    expect(entry).toMatchObject({ bodyTruncated: true, body: '{"displayName":"x","password":"(redacted)"' });
  });

  it("answers, and logs, 1 MiB bodies of long runs of name and token characters", async () => {
    await ctx.api.delete(LOG);
    for (const unit of ["a", "-eyJ", "a.", "ab://c", '"a":"', "Bearer "]) {
      const body = unit.repeat(Math.floor((1024 * 1024 - 1) / unit.length));
      const answer = await fetch(`${ctx.api.url}/connect/token`, { method: "POST", headers: { "content-type": "text/plain" }, body });
      expect(answer.status).toBe(401);
    }
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests.map((r: Json) => r.bodyTruncated)).toEqual([true, true, true, true, true, true]);
  });
});

describe("bounded by bytes, and never broken by what a client sends", () => {
  const ctx = useEmulator({ requestLogBytes: 128 * 1024 });

  it("keeps the newest entries within requestLogBytes and says how many it let go", async () => {
    await ctx.api.delete(LOG);
    const form = `grant_type=client_credentials&${Array.from({ length: 1000 }, (_, i) => `f${i}=${"v".repeat(20)}`).join("&")}`;
    expect(form.length).toBeGreaterThan(25_000);
    for (let i = 0; i < 12; i++) {
      await fetch(`${ctx.api.url}/connect/token?n=${i}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    }
    const page = (await ctx.api.get(LOG)).body;
    const kept = page.requests.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(12);
    expect(page.requests.reduce((sum: number, r: Json) => sum + Buffer.byteLength(JSON.stringify(r)), 0)).toBeLessThanOrEqual(128 * 1024);
    expect(page.requests.at(-1).path).toBe("/connect/token?n=11");
    expect(page.dropped).toBe(12 - kept);
  });

  it("a body nested 10,000 deep is logged as text and the log still answers", async () => {
    await ctx.api.delete(LOG);
    const deep = `${"[".repeat(10_000)}{"password":"${"p".repeat(12)}"}${"]".repeat(10_000)}`;
    expect((await ctx.api.post(CONNECTIONS, deep)).status).toBe(422);
    await ctx.api.get(MANIFEST);
    const first = await ctx.api.get(`${LOG}?$top=1`);
    expect(first.status).toBe(200);
    expect(first.body.requests[0].body).toBe(deep.replace(`"${"p".repeat(12)}"`, '"(redacted)"'));
    expect((await ctx.api.get(LOG)).body.requests.map((r: Json) => r.status)).toEqual([422, 200]);
  });

  it("--request-log-bytes is a flag", () => {
    expect(parseCliArgs(["--request-log-bytes", "1048576"])).toMatchObject({ requestLogBytes: 1048576 });
  });
});

describe("the cap and the pages", () => {
  const ctx = useEmulator({ requestLogSize: 5 });

  it("keeps the newest requestLogSize entries", async () => {
    await ctx.api.delete(LOG);
    for (let i = 0; i < 8; i++) await ctx.api.get(`${MANIFEST}?n=${i}`);
    const { requests } = (await ctx.api.get(LOG)).body;
    expect(requests.map((r: Json) => r.path)).toEqual([3, 4, 5, 6, 7].map((i) => `${MANIFEST}?n=${i}`));
  });

  it("pages with $skip/$top (any case) and _links, oldest first", async () => {
    await ctx.api.delete(LOG);
    for (let i = 0; i < 5; i++) await ctx.api.get(`${MANIFEST}?n=${i}`);
    const first = (await ctx.api.get(`${LOG}?$TOP=2`)).body;
    expect(first.requests.map((r: Json) => r.path)).toEqual([0, 1].map((i) => `${MANIFEST}?n=${i}`));
    expect(first._links).toEqual({
      self: { href: `${ctx.api.url}${LOG}?$skip=0&$top=2` },
      next: { href: `${ctx.api.url}${LOG}?$skip=2&$top=2` },
    });
    const paths: string[] = [];
    let next: string | undefined = `${LOG}?$top=2`;
    while (next) {
      const page: Json = (await ctx.api.get(next)).body;
      paths.push(...page.requests.map((r: Json) => r.path));
      next = page._links.next && ctx.api.pathOf(page._links.next.href);
    }
    expect(paths).toEqual([0, 1, 2, 3, 4].map((i) => `${MANIFEST}?n=${i}`));
  });

  it("answers 400 naming $top when it is over 1000", async () => {
    const answer = await ctx.api.get(`${LOG}?$top=1001`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidValue", target: "$top" });
  });

  it("--request-log-size is a flag; a negative size is refused", async () => {
    expect(parseCliArgs(["--request-log-size", "50"])).toMatchObject({ requestLogSize: 50 });
    const { startEmulator } = await import("../../emulator");
    await expect(startEmulator({ requestLogSize: -1 })).rejects.toThrow("requestLogSize must be an integer >= 0");
  });
});
