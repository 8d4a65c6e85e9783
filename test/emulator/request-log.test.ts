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

  it("bodies over 64 KiB only by size", async () => {
    await ctx.api.delete(LOG);
    const files = Array.from({ length: 1200 }, (_, i) => ({ storageFileId: `log-size-${i}-${"x".repeat(40)}`, connectorType: "MSTN" }));
    const text = JSON.stringify(newConnection({ sourceFiles: files }));
    expect(text.length).toBeGreaterThan(64 * 1024);
    await ctx.api.post(CONNECTIONS, text);
    const [entry] = (await ctx.api.get(LOG)).body.requests;
    expect(entry).toMatchObject({ method: "POST", status: 201, bodyBytes: text.length });
    expect(entry).not.toHaveProperty("body");
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
