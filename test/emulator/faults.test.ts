// Fault knobs (flags and PUT /__emulator/faults) and the rest of the control endpoint: request log, reset, fixtures.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ERROR, MEDIA_TYPE, errorBody } from "../../api/contract";
import { startEmulator } from "../../emulator";
import { CONNECTIONS, IMODEL_ID, MANIFEST, createConnection, useEmulator } from "./helpers";

const NO_FAULTS = { latencyMs: 0, latencyRate: 1, failRate: 0, resetRate: 0, rateLimit: 0, runConflict: 0, dropAnswers: 0, dropAnswerEvery: 0 };

describe("faults set through the control endpoint", () => {
  const ctx = useEmulator();
  afterEach(async () => {
    await ctx.api.put("/__emulator/faults", NO_FAULTS);
  });

  it("reads and partially updates the faults, refusing bad values", async () => {
    expect((await ctx.api.get("/__emulator/faults")).body).toEqual(NO_FAULTS);
    const updated = await ctx.api.put("/__emulator/faults", { latencyMs: 5 });
    expect(updated).toMatchObject({ status: 200, body: { ...NO_FAULTS, latencyMs: 5 } });
    for (const bad of [{ failRate: 2 }, { rateLimit: -1 }, { latencyMs: "slow" }, { latencyRate: 1.5 }, { dropAnswerEvery: 0.5 }, { colour: "red" }, [1]]) {
      const answer = await ctx.api.put("/__emulator/faults", bad);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("InvalidValue");
    }
    expect((await ctx.api.get("/__emulator/faults")).body).toEqual({ ...NO_FAULTS, latencyMs: 5 });
  });

  it("names the known faults for a key that only Object.prototype has", async () => {
    for (const key of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      const answer = await ctx.api.put("/__emulator/faults", `{"${key}":1}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({ code: "InvalidValue", message: expect.stringMatching(new RegExp(`^unknown fault "${key}"; known: latencyMs, `)) });
    }
  });

  it("delays API answers by latencyMs but not control ones", async () => {
    // Wide apart on purpose, so that a busy machine cannot blur the difference.
    await ctx.api.put("/__emulator/faults", { latencyMs: 2000 });
    const timed = async (path: string) => {
      const started = performance.now();
      await ctx.api.get(path);
      return performance.now() - started;
    };
    expect(await timed(MANIFEST)).toBeGreaterThanOrEqual(1995);
    expect(await timed("/__emulator/health")).toBeLessThan(1000);
    // latencyRate is the share of requests delayed: none at 0.
    await ctx.api.put("/__emulator/faults", { latencyRate: 0 });
    expect(await timed(MANIFEST)).toBeLessThan(1000);
  });

  it("carries out a request whose client gave up during the latency, late, as a slow real service does", async () => {
    await ctx.api.put("/__emulator/faults", { latencyMs: 1000 });
    const body = { iModelId: IMODEL_ID, displayName: "finished late", sourceFiles: [{ storageFileId: "late-file", connectorType: "MSTN" }] };
    await expect(ctx.api.post(CONNECTIONS, body, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await ctx.api.put("/__emulator/faults", { latencyMs: 0 });
    const names = async () =>
      (await ctx.api.get(`${CONNECTIONS}?imodelId=${IMODEL_ID}`)).body.connections.map((c: { displayName: string }) => c.displayName);
    // Not yet: it takes effect when the latency is over, not when the request arrives.
    expect(await names()).not.toContain("finished late");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await names()).toContain("finished late");
  });

  it("answers failRate of the requests 429 (retry-after 1) and 503 in turn", async () => {
    await ctx.api.put("/__emulator/faults", { failRate: 1 });
    const answers = await Promise.all([0, 1, 2, 3].map(() => ctx.api.get(MANIFEST)));
    expect(answers.map((a) => a.status).sort()).toEqual([429, 429, 503, 503]);
    for (const answer of answers) {
      if (answer.status === 429) {
        expect(answer.headers.get("retry-after")).toBe("1");
        expect(answer.body).toEqual(errorBody(ERROR.tooManyRequests));
      } else {
        expect(answer.body).toEqual(errorBody(ERROR.serviceUnavailable));
      }
    }
    expect((await ctx.api.get("/__emulator/health")).status).toBe(200);
  });

  it("carries out the next dropAnswers requests but loses their answers", async () => {
    await ctx.api.put("/__emulator/faults", { dropAnswers: 1 });
    const body = { iModelId: IMODEL_ID, displayName: "lost answer", sourceFiles: [{ storageFileId: "dropped-answer", connectorType: "MSTN" }] };
    await expect(ctx.api.post(CONNECTIONS, body)).rejects.toThrow();
    const listed = await ctx.api.get(`${CONNECTIONS}?imodelId=${IMODEL_ID}`);
    expect(listed.body.connections.map((c: { displayName: string }) => c.displayName)).toContain("lost answer");
    expect((await ctx.api.get("/__emulator/faults")).body.dropAnswers).toBe(0);
  });

  it("loses the answer of every n-th write of each operation (dropAnswerEvery), which takes effect, and spares reads", async () => {
    const id = await createConnection(ctx.api);
    await ctx.api.put("/__emulator/faults", { dropAnswerEvery: 2 });
    const rename = (n: number) => ctx.api.put(`${CONNECTIONS}/${id}`, { displayName: `renamed ${n}` });
    const add = (n: number) => ctx.api.post(`${CONNECTIONS}/${id}/sourcefiles`, { storageFileId: `every-${n}`, connectorType: "IFC" });
    // Counted per operation: the first rename and the first file pass, the second of each loses its answer.
    expect((await rename(1)).status).toBe(200);
    expect((await add(1)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).status).toBe(200);
    await expect(rename(2)).rejects.toThrow();
    await expect(add(2)).rejects.toThrow();
    expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).body.connection.displayName).toBe("renamed 2");
    const files = (await ctx.api.get(`${CONNECTIONS}/${id}/sourcefiles`)).body.sourceFiles;
    expect(files.map((f: { storageFileId: string }) => f.storageFileId)).toContain("every-2");
    expect((await rename(3)).status).toBe(200);
  });

  it("drops resetRate of the connections without an answer, and keeps serving", async () => {
    await ctx.api.put("/__emulator/faults", { resetRate: 1 });
    await expect(ctx.api.get(MANIFEST)).rejects.toThrow();
    const log = (await ctx.api.get("/__emulator/requests")).body.requests;
    expect(log.at(-1)).toMatchObject({ method: "GET", path: MANIFEST, status: null });
    await ctx.api.put("/__emulator/faults", { resetRate: 0 });
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
  });

  it("arms run conflicts by count", async () => {
    const id = await createConnection(ctx.api);
    await ctx.api.put("/__emulator/faults", { runConflict: 2 });
    expect((await ctx.api.post(`${CONNECTIONS}/${id}/run`)).status).toBe(409);
    expect((await ctx.api.post(`${CONNECTIONS}/${id}/run`)).status).toBe(409);
    expect((await ctx.api.post(`${CONNECTIONS}/${id}/run`)).status).toBe(202);
  });
});

describe("idle sockets", () => {
  const ctx = useEmulator({ idleTimeoutMs: 500 });

  it("closes a socket that sends nothing after idleTimeoutMs", async () => {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const socket = connect(ctx.emulator.port, "127.0.0.1");
      socket.on("close", () => resolve());
      socket.on("error", reject);
      // Bounds the wait only: without the timeout the socket stays open for good.
      setTimeout(() => reject(new Error("the idle socket is still open after 10 s")), 10_000).unref();
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it("refuses an idle timeout that is not a positive number", async () => {
    await expect(startEmulator({ idleTimeoutMs: 0 })).rejects.toThrow(/idleTimeoutMs/);
  });
});

describe("a rate limit given at start", () => {
  const ctx = useEmulator({ faults: { rateLimit: 3 } });

  it("lets the limit through per sliding minute, then answers 429 with the seconds until a slot frees", async () => {
    for (let i = 0; i < 3; i++) expect((await ctx.api.get(MANIFEST)).status).toBe(200);
    const limited = await ctx.api.get(`${CONNECTIONS}?imodelId=${IMODEL_ID}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(errorBody(ERROR.tooManyRequests));
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Neither the control endpoint nor the token endpoint counts or is limited.
    expect((await ctx.api.get("/__emulator/health")).status).toBe(200);
    const token = await fetch(`${ctx.api.url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=a&client_secret=b",
    });
    expect(token.status).toBe(200);
  });

  it("starts a fresh window on reset", async () => {
    expect((await ctx.api.post("/__emulator/reset")).status).toBe(204);
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
  });
});

describe("control endpoint", () => {
  const ctx = useEmulator();

  it("answers health with the base URL", async () => {
    expect((await ctx.api.get("/__emulator/health", { token: null })).body).toEqual({ status: "ok", url: ctx.api.url });
  });

  it("logs API requests newest last, with whether Authorization came, and clears the log", async () => {
    expect((await ctx.api.delete("/__emulator/requests")).status).toBe(204);
    await ctx.api.get(`${CONNECTIONS}?imodelId=${IMODEL_ID}&$top=5`);
    await ctx.api.get(MANIFEST, { token: null });
    await ctx.api.get("/__emulator/faults");
    const { requests } = (await ctx.api.get("/__emulator/requests")).body;
    const headers = expect.objectContaining({ accept: MEDIA_TYPE, host: new URL(ctx.api.url).host });
    expect(requests).toEqual([
      { time: expect.any(String), method: "GET", path: `${CONNECTIONS}?imodelId=${IMODEL_ID}&$top=5`, status: 200, authorization: true, headers },
      { time: expect.any(String), method: "GET", path: MANIFEST, status: 401, authorization: false, headers },
    ]);
    await ctx.api.delete("/__emulator/requests");
    expect((await ctx.api.get("/__emulator/requests")).body.requests).toEqual([]);
  });

  it("resets to the seed: created connections go, the documented ones stay", async () => {
    const id = await createConnection(ctx.api);
    await ctx.api.put("/__emulator/faults", { latencyMs: 1 });
    expect((await ctx.api.post("/__emulator/reset")).status).toBe(204);
    expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).status).toBe(404);
    expect((await ctx.api.get(MANIFEST)).status).toBe(200);
    expect((await ctx.api.get("/__emulator/faults")).body).toEqual(NO_FAULTS);
  });

  it("loads fixture bodies and refuses invalid ones whole", async () => {
    const id = "C".repeat(43);
    const iModelId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    const fixtures = {
      iModels: { [iModelId]: "12345678-1234-4234-8234-123456789012" },
      storageConnections: [{ id, displayName: "from fixtures", iModelId, authenticationType: "Service", sourceFiles: [{ storageFileId: "fx-1", connectorType: "OBD" }] }],
    };
    const invalid = await ctx.api.post("/__emulator/fixtures", { ...fixtures, manifestConnections: [{ id: "x" }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/manifestConnections\[0\]/);
    expect((await ctx.api.get(`${CONNECTIONS}/${id}`)).status).toBe(404);

    expect((await ctx.api.post("/__emulator/fixtures", fixtures)).status).toBe(204);
    const { body } = await ctx.api.get(`${CONNECTIONS}/${id}`);
    expect(body.connection).toMatchObject({ displayName: "from fixtures", iTwinId: "12345678-1234-4234-8234-123456789012" });
    // Its files count as mapped.
    const clash = await ctx.api.post(CONNECTIONS, { iModelId, sourceFiles: [{ storageFileId: "fx-1", connectorType: "OBD" }] });
    expect(clash.status).toBe(409);
    expect((await ctx.api.post("/__emulator/fixtures", "{")).status).toBe(400);
  });
});

describe("fixture files and the seed at start", () => {
  it("loads --fixtures files after the seed and keeps them across resets; --no-seed leaves the seed out", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "emulator-fixtures-")), "extra.json");
    const id = "D".repeat(43);
    writeFileSync(
      file,
      JSON.stringify({
        storageConnections: [{ id, displayName: "file", iModelId: IMODEL_ID, authenticationType: "User", sourceFiles: [{ storageFileId: "f", connectorType: "MSTN" }] }],
      }),
    );
    const emulator = await startEmulator({ fixtures: [file] });
    try {
      const get = (path: string) => fetch(`${emulator.url}${path}`, { headers: { authorization: "Bearer t" } });
      expect((await get(`${CONNECTIONS}/${id}`)).status).toBe(200);
      expect((await get(MANIFEST)).status).toBe(200);
      emulator.reset();
      expect((await get(`${CONNECTIONS}/${id}`)).status).toBe(200);
    } finally {
      await emulator.close();
    }
    const bare = await startEmulator({ seed: false });
    try {
      expect((await fetch(`${bare.url}${MANIFEST}`, { headers: { authorization: "Bearer t" } })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("refuses to start on an invalid fixture file or option", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "emulator-fixtures-")), "bad.json");
    writeFileSync(file, JSON.stringify({ iModels: { "not-a-guid": "x" } }));
    await expect(startEmulator({ fixtures: [file] })).rejects.toThrow(/bad\.json: invalid fixtures: iModels key/);
    await expect(startEmulator({ faults: { failRate: 3 } })).rejects.toThrow(/failRate/);
    await expect(startEmulator({ clientId: "only-id" })).rejects.toThrow(/clientSecret/);
    await expect(startEmulator({ runStepMs: 0 })).rejects.toThrow(/runStepMs/);
  });
});
