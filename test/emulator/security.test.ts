// The emulator run as a shared sandbox, tried as an attacker would: the control endpoint from a web page (cross-site,
// DNS rebinding) and beyond loopback, brute force at the token endpoint, secrets off the command line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR } from "../../api/contract";
import { parseCliArgs } from "../../emulator/cli";
import { MAX_FAILED_AUTHENTICATIONS } from "../../emulator/throttle";
import { CONNECTIONS, MANIFEST, useEmulator, type Api, type Json } from "./helpers";

const FIXTURE = { storageConnections: [] };

/** A control request as a browser or a script sends it: only the headers given (no JSON content type added). */
async function control(api: Api, method: string, path: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${api.url}/__emulator${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Json) };
}

async function requestToken(api: Api, id: string, secret: string) {
  const response = await fetch(`${api.url}/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=client_credentials&client_id=${id}&client_secret=${secret}`,
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Json };
}

describe("the control endpoint on loopback refuses what a web page can send", () => {
  const ctx = useEmulator();

  it("a text/plain body, or a JSON body with no Content-Type (form posts and no-cors fetches): 415, nothing planted", async () => {
    for (const headers of [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, {}]) {
      const answer = await control(ctx.api, "POST", "/fixtures", headers, JSON.stringify(FIXTURE));
      expect(answer).toEqual({ status: 415, body: { error: { code: "UnsupportedMediaType", message: expect.stringContaining("application/json") } } });
      expect((await control(ctx.api, "PUT", "/faults", headers, '{"failRate":1}')).status).toBe(415);
    }
    expect((await ctx.api.get("/__emulator/faults")).body.failRate).toBe(0);
    expect((await control(ctx.api, "POST", "/fixtures", { "content-type": "application/json" }, JSON.stringify(FIXTURE))).status).toBe(204);
  });

  it("a foreign Origin: 403, even with a JSON body", async () => {
    for (const origin of ["https://attacker.example", "null", `http://localhost:${ctx.emulator.port + 1}`]) {
      const answer = await control(ctx.api, "POST", "/reset", { origin });
      expect(answer).toEqual({ status: 403, body: { error: { code: "Forbidden", message: expect.stringContaining("Origin") } } });
      expect((await control(ctx.api, "PUT", "/faults", { origin, "content-type": "application/json" }, '{"failRate":1}')).status).toBe(403);
      expect((await control(ctx.api, "GET", "/requests", { origin })).status).toBe(403);
    }
    expect((await ctx.api.get("/__emulator/faults")).body.failRate).toBe(0);
  });

  it("a Host that is not this emulator's (DNS rebinding): 403; localhost, 127.0.0.1 and [::1] are its own", async () => {
    const { request } = await import("node:http");
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: "127.0.0.1", port: ctx.emulator.port, path: "/__emulator/health", headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on("error", reject)
          .end();
      });
    expect(await get(`attacker.example:${ctx.emulator.port}`)).toBe(403);
    expect(await get("127.0.0.1.nip.io")).toBe(403);
    for (const host of [`localhost:${ctx.emulator.port}`, `127.0.0.1:${ctx.emulator.port}`, `[::1]:${ctx.emulator.port}`, "LOCALHOST"]) {
      expect(await get(host)).toBe(200);
    }
    // The API itself answers any Host (links follow it: origin.test.ts).
    expect((await ctx.api.get(MANIFEST, { headers: { host: "attacker.example" } })).status).toBe(200);
  });

  it("the tests' own calls still work: GET, DELETE and bodiless POST with no headers, JSON bodies as JSON", async () => {
    expect((await control(ctx.api, "GET", "/health", {})).status).toBe(200);
    expect((await control(ctx.api, "DELETE", "/requests", {})).status).toBe(204);
    expect((await control(ctx.api, "PUT", "/faults", { "content-type": "application/json; charset=utf-8" }, '{"latencyMs":0}')).status).toBe(200);
  });
});

describe("beyond loopback (--host 0.0.0.0)", () => {
  describe("with the API open", () => {
    const ctx = useEmulator({ host: "0.0.0.0" });

    it("warns what is exposed, and closes the control endpoint to everyone", async () => {
      expect(ctx.emulator.warnings).toEqual([expect.stringMatching(/^warning: listening on 0\.0\.0\.0, beyond loopback: .*open to ANY Bearer token.*control endpoint \/__emulator, which is closed/)]);
      for (const token of [null, "anything"]) {
        const answer = await ctx.api.get("/__emulator/requests", { token });
        expect(answer).toMatchObject({ status: 403, body: { error: { code: "ControlTokenRequired", message: expect.stringContaining("--control-token") } } });
      }
    });
  });

  describe("with --control-token", () => {
    const ctx = useEmulator({ host: "0.0.0.0", controlToken: "control-secret", token: "api-token" });

    it("requires that token, not the API's", async () => {
      expect(ctx.emulator.warnings[0]).toMatch(/locked to --token.*with --control-token/);
      expect((await ctx.api.get("/__emulator/faults", { token: null })).status).toBe(401);
      expect((await ctx.api.get("/__emulator/faults", { token: "api-token" })).status).toBe(401);
      expect((await ctx.api.get("/__emulator/faults", { token: "control-secret" })).status).toBe(200);
      expect((await ctx.api.get(MANIFEST, { token: "api-token" })).status).toBe(200);
    });
  });

  describe("with the API locked and no --control-token", () => {
    const ctx = useEmulator({ host: "0.0.0.0", clientId: "app", clientSecret: "app-secret" });

    it("takes the API's credentials", async () => {
      expect((await ctx.api.get("/__emulator/health", { token: "made-up" })).status).toBe(401);
      const { body } = await requestToken(ctx.api, "app", "app-secret");
      expect((await ctx.api.get("/__emulator/health", { token: body.access_token })).status).toBe(200);
    });
  });
});

describe("--control-token on loopback", () => {
  const ctx = useEmulator({ controlToken: "control-secret" });

  it("is required there too", async () => {
    expect(ctx.emulator.warnings).toEqual([]);
    expect((await ctx.api.post("/__emulator/reset", undefined, { token: null })).status).toBe(401);
    expect((await ctx.api.post("/__emulator/reset", undefined, { token: "control-secret" })).status).toBe(204);
  });
});

describe("failed client authentications, throttled per client id", () => {
  const ctx = useEmulator({ clientId: "app", clientSecret: "app-secret" });

  it("answers 429 with Retry-After once a client id failed too often, the right secret included; other ids go on", async () => {
    for (let i = 0; i < MAX_FAILED_AUTHENTICATIONS; i++) expect((await requestToken(ctx.api, "app", `guess-${i}`)).status).toBe(401);
    const throttled = await requestToken(ctx.api, "app", "guess-again");
    expect(throttled).toEqual({
      status: 429,
      retryAfter: expect.stringMatching(/^\d+$/),
      body: { error: ERROR.tooManyFailedAuthentications.code, error_description: ERROR.tooManyFailedAuthentications.message },
    });
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(60);
    expect((await requestToken(ctx.api, "app", "app-secret")).status).toBe(429);
    // A client id that failed less is not held back by another's failures.
    expect((await requestToken(ctx.api, "other", "x")).status).toBe(401);
    // The API still takes the tokens issued before; nothing else changed.
    expect((await ctx.api.get(CONNECTIONS, { token: "made-up" })).status).toBe(401);
  });
});

describe("secrets off the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "emulator-secrets-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("--token-file, --client-secret-file and --control-token-file read the file, without its final newline", () => {
    expect(
      parseCliArgs(
        ["--token-file", file("token", "file-token\n"), "--client-id", "id", "--client-secret-file", file("secret", "file-secret\r\n"), "--control-token-file", file("control", "file-control")],
        {},
      ),
    ).toMatchObject({ token: "file-token", clientId: "id", clientSecret: "file-secret", controlToken: "file-control" });
  });

  it("ITWIN_EMULATOR_TOKEN, ITWIN_EMULATOR_CLIENT_SECRET and ITWIN_EMULATOR_CONTROL_TOKEN from the environment; a flag wins", () => {
    const env = { ITWIN_EMULATOR_TOKEN: "env-token", ITWIN_EMULATOR_CLIENT_SECRET: "env-secret", ITWIN_EMULATOR_CONTROL_TOKEN: "env-control" };
    expect(parseCliArgs(["--client-id", "id"], env)).toMatchObject({ token: "env-token", clientSecret: "env-secret", controlToken: "env-control" });
    expect(parseCliArgs(["--token", "flag-token"], env)).toMatchObject({ token: "flag-token" });
    expect(parseCliArgs([], {})).toMatchObject({ token: undefined, clientSecret: undefined, controlToken: undefined });
  });

  it("refuses a flag and its file together, a missing file and an empty one, naming the flag", () => {
    expect(() => parseCliArgs(["--token", "t", "--token-file", file("t2", "t")], {})).toThrow("--token and --token-file: give one of them");
    expect(() => parseCliArgs(["--client-secret-file", join(dir, "absent")], {})).toThrow(/^--client-secret-file .*absent: ENOENT/);
    expect(() => parseCliArgs(["--token-file", file("empty", "\n")], {})).toThrow(/--token-file .*empty is empty/);
  });
});
