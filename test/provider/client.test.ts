// The HTTP client against the real emulator: every operation, pagination, retries, auth and error shapes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ClientCredentialsToken, StaticToken } from "../../provider/client/auth";
import { ApiError, CredentialsError, OutcomeUnknownError } from "../../provider/client/errors";
import { HttpClient } from "../../provider/client/http";
import { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";

const IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";
const MANIFEST = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";
let emulator: TestEmulator;
let fileSeq = 0;
const file = (connectorType = "MSTN") => ({ storageFileId: `client-file-${++fileSeq}`, connectorType });

beforeAll(async () => {
  emulator = await TestEmulator.start({ clientId: "app-id", clientSecret: "app-secret-value", token: TOKEN });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ latencyMs: 0, failRate: 0, resetRate: 0, rateLimit: 0 }));

describe("SyncClient operations", () => {
  it("creates, reads, updates and deletes a StorageConnection", async () => {
    const c = emulator.client();
    const created = await c.createStorageConnection({ iModelId: IMODEL, displayName: "Client", sourceFiles: [file()] });
    expect(created).toMatchObject({ iModelId: IMODEL, displayName: "Client", authenticationType: "User" });
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await c.getStorageConnection(created.id)).toEqual(created);
    expect((await c.listStorageConnections(IMODEL)).map((s) => s.id)).toContain(created.id);

    const updated = await c.updateStorageConnection(created.id, { displayName: "Renamed", authenticationType: "Service" });
    expect(updated).toMatchObject({ displayName: "Renamed", authenticationType: "Service" });

    await c.deleteStorageConnection(created.id);
    const gone = await c.getStorageConnection(created.id).catch((e) => e);
    expect(gone).toBeInstanceOf(ApiError);
    expect(gone).toMatchObject({ status: 404, code: "StorageConnectionNotFound" });
  });

  it("adds, re-types and removes source files, reading them with connectorType", async () => {
    const c = emulator.client();
    const first = file("MSTN");
    const { id } = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [first] });
    const added = await c.addSourceFile(id, file("REVIT"));
    expect(added).toMatchObject({ connectorType: "REVIT" });
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
    const retyped = await c.updateSourceFile(id, added.id, { storageFileId: added.storageFileId, connectorType: "IFC" });
    expect(retyped.connectorType).toBe("IFC");
    expect(await c.getSourceFile(id, added.id)).toEqual(retyped);

    const listed = await c.listSourceFiles(id);
    expect(listed.map((f) => [f.storageFileId, f.connectorType]).sort()).toEqual(
      [[first.storageFileId, "MSTN"], [added.storageFileId, "IFC"]].sort(),
    );
    await c.removeSourceFile(id, added.id);
    expect((await c.listSourceFiles(id)).map((f) => f.storageFileId)).toEqual([first.storageFileId]);
    await c.deleteStorageConnection(id);
  });

  it("follows _links.next through every page (1,500 files at 1,000 a page)", async () => {
    const c = emulator.client();
    const files = Array.from({ length: 1500 }, (_, i) => ({ storageFileId: `page-${i}`, connectorType: "DWG" }));
    const { id } = await c.createStorageConnection({ iModelId: "aaaaaaaa-0000-4000-8000-000000000001", sourceFiles: files });
    await emulator.clearRequests();
    const listed = await c.listSourceFiles(id);
    expect(listed).toHaveLength(1500);
    expect(new Set(listed.map((f) => f.storageFileId)).size).toBe(1500);
    const pages = (await emulator.requests()).filter((r) => r.path.includes("/sourcefiles"));
    expect(pages.map((r) => r.path.replace(/^.*\?/, ""))).toEqual(["$top=1000", "$skip=1000&$top=1000"]);
  });

  it("asks for source files with Prefer: return=representation (connectorType) and connections with return=minimal", async () => {
    const c = emulator.client();
    const { id } = await c.createStorageConnection({ iModelId: "aaaaaaaa-0000-4000-8000-000000000003", sourceFiles: [file("IFC")] });
    await emulator.clearRequests();
    expect((await c.listSourceFiles(id)).map((f) => f.connectorType)).toEqual(["IFC"]);
    expect((await c.listStorageConnections("aaaaaaaa-0000-4000-8000-000000000003")).map((s) => s.id)).toEqual([id]);
    const prefer = (await emulator.requests()).map((r) => [r.path.replace(/\?.*$/, ""), r.headers.prefer]);
    expect(prefer).toEqual([
      [`/synchronization/imodels/storageconnections/${id}/sourcefiles`, "return=representation"],
      ["/synchronization/imodels/storageconnections", "return=minimal"],
    ]);
  });

  it("starts a run (202), reports the active run on a second start (303), and reads it to completion", async () => {
    const c = emulator.client();
    const { id } = await c.createStorageConnection({ iModelId: "aaaaaaaa-0000-4000-8000-000000000002", sourceFiles: [file()] });
    const started = await c.startRun(id);
    expect(started.alreadyActive).toBe(false);
    expect(started.location).toBe(`${emulator.url}/synchronization/imodels/storageconnections/${id}/runs/${started.runId}`);
    const again = await c.startRun(id);
    expect(again).toMatchObject({ alreadyActive: true, runId: started.runId });
    expect((await c.listRuns(id)).map((r) => r.id)).toEqual([started.runId]);
    const connection = await c.getStorageConnection(id);
    expect(connection._links.lastRun?.href).toBe(started.location);
  });

  it("reads the documented ManifestConnection, its source files and its run", async () => {
    const c = emulator.client();
    const connection = await c.getManifestConnection(MANIFEST);
    expect(connection).toMatchObject({ id: MANIFEST, iModelId: IMODEL, displayName: "30" });
    expect(await c.listManifestSourceFiles(MANIFEST)).toEqual([
      { id: "297c8ab9-53a3-4fe5-adf8-79b4c1a95cbb", sourceFileId: "t5bDFuN4qUa9ojVw1E5FGtldp8BgSbNCiJ2XMdiT-cA" },
      { id: "5d22aa94-cde5-48ec-afcc-6c4aca67d51b", sourceFileId: "t5bDFuN4qUa9ojVw1E5FGtldp8BgSbNCiJ2XMdiT-cA" },
    ]);
    const run = await c.getManifestConnectionRun(MANIFEST, "a1ecbdc8c4f6173004f9f881914a57c5511a362b");
    expect(run).toMatchObject({ state: "Completed", result: "PartialSuccess", phase: "MasterFile" });
    expect(run.jobs[0].tasks[0].details?.synchronizationReport?.totalWarningsCount).toBe(20);
  });
});

describe("HttpClient errors", () => {
  it("reports a 422 with its code, message and every detail", async () => {
    const error = await emulator.client().createStorageConnection({ iModelId: "nope", sourceFiles: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("InvalidStorageConnectionRequest");
    expect(error.details.map((d: { target?: string }) => d.target)).toEqual(["sourceFiles", "imodelId"]);
    expect(error.message).toBe(
      "Create StorageConnection failed: HTTP 422 InvalidStorageConnectionRequest: Cannot perform operation. " +
        "Details: MissingRequiredProperty (sourceFiles): At least one input file must be included to create a ConnectionDefinition.; " +
        "InvalidValue (imodelId): Provided imodelId value is not valid.",
    );
  });

  it("says which configuration keys supplied a rejected token, never the token", async () => {
    const error = await emulator.client({}, "wrong-token-value").getManifestConnection(MANIFEST).catch((e) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(error.message).toMatch(/credentials came from itwin:accessToken/);
    expect(error.message).not.toContain("wrong-token-value");
  });

  it("names the conflict when files are already mapped (409)", async () => {
    const c = emulator.client();
    const taken = file();
    await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [taken] });
    const error = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [taken] }).catch((e) => e);
    expect(error).toMatchObject({ status: 409, code: "FileMappingToTheIModelAlreadyExists" });
  });
});

describe("HttpClient retries", () => {
  /** A sleep that records the delay and clears the faults, so the next attempt goes through at once. */
  function recordingSleep(delays: number[]) {
    return async (ms: number) => {
      delays.push(ms);
      await emulator.faults({ failRate: 0, resetRate: 0, rateLimit: 0 });
    };
  }

  it("honours retry-after on 429 from the rate limit", async () => {
    const delays: number[] = [];
    const c = emulator.client({ sleep: recordingSleep(delays) });
    await emulator.faults({ rateLimit: 1 });
    await c.getManifestConnection(MANIFEST);
    await c.getManifestConnection(MANIFEST);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(50_000);
    expect(delays[0]).toBeLessThanOrEqual(60_000);
  });

  it("retries 429/503 answers with retry-after or backoff, POST included", async () => {
    const delays: number[] = [];
    const c = emulator.client({ sleep: recordingSleep(delays) });
    await emulator.faults({ failRate: 1 });
    const created = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [file()] });
    expect(created.id).toBeTruthy();
    expect(delays).toHaveLength(1);
  });

  it("retries a GET whose connection was reset", async () => {
    const delays: number[] = [];
    const c = emulator.client({ sleep: recordingSleep(delays) });
    await emulator.faults({ resetRate: 1 });
    expect((await c.getManifestConnection(MANIFEST)).id).toBe(MANIFEST);
    expect(delays).toHaveLength(1);
  });

  it("does not repeat a POST whose answer was lost", async () => {
    const c = emulator.client({ sleep: recordingSleep([]) });
    await emulator.faults({ resetRate: 1 });
    await emulator.clearRequests();
    const error = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [file()] }).catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((await emulator.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("gives up on a 503 with the API's error and what to do", async () => {
    const c = emulator.client({ maxAttempts: 1, sleep: async () => {} });
    await emulator.faults({ failRate: 1 });
    // Injected failures alternate 429 and 503: of two requests, one meets the 503.
    const errors = [await c.getManifestConnection(MANIFEST).catch((e) => e), await c.getManifestConnection(MANIFEST).catch((e) => e)];
    const unavailable = errors.find((e) => e.status === 503);
    expect(unavailable.message).toBe(
      `Get ManifestConnection ${MANIFEST} failed: HTTP 503 ServiceUnavailable: The service is temporarily unavailable. ` +
        "The API stayed unavailable through the retries; try again later (re-run the command: it continues from the recorded state).",
    );
  });

  it("gives up after its attempts with the API's error and a rate-limit hint", async () => {
    const c = emulator.client({ maxAttempts: 3, sleep: async () => {} });
    await emulator.faults({ rateLimit: 1 });
    // Whatever earlier requests left in the one-minute window, this fills it.
    await c.getManifestConnection(MANIFEST).catch(() => undefined);
    const error = await c.getManifestConnection(MANIFEST).catch((e) => e);
    expect(error).toMatchObject({ status: 429, code: "TooManyRequests" });
    expect(error.message).toMatch(/rate limit was still exceeded after the retries/);
  });

  it("bounds every attempt with a deadline", async () => {
    const c = emulator.client({ timeoutMs: 100, maxAttempts: 2, sleep: async () => {} });
    // The API would answer after 10 s; two 100 ms attempts must give up long before (the margin absorbs a busy machine).
    await emulator.faults({ latencyMs: 10_000 });
    const started = Date.now();
    const error = await c.getManifestConnection(MANIFEST).catch((e) => e);
    expect(error.name).toBe("TransportError");
    expect(error.message).toMatch(/failed after 2 attempt\(s\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Which deadline, its value and how to raise it; not node-fetch's "The user aborted a request."
    expect(error.message).toContain(
      "no answer within 100 ms, the deadline of each attempt (ITWIN_HTTP_TIMEOUT_MS, default 30000); " +
        "for a slow link or proxy raise it in the environment of the pulumi command, e.g. ITWIN_HTTP_TIMEOUT_MS=60000",
    );
    expect(error.message).not.toMatch(/aborted/);
  });

  it("says a POST that timed out has an unknown outcome, naming the deadline", async () => {
    const c = emulator.client({ timeoutMs: 100, sleep: async () => {} });
    await emulator.faults({ latencyMs: 2_000 });
    const error = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [file()] }).catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toMatch(/^Create StorageConnection: no answer came back \(no answer within 100 ms, the deadline of each attempt \(ITWIN_HTTP_TIMEOUT_MS/);
  });

  it("retries a refused connection a bounded number of times, then fails later requests at their first refusal", async () => {
    // A port nothing listens on: every attempt is refused before the request leaves.
    const closed = await TestEmulator.start();
    const url = closed.url;
    await closed.close();
    const delays: number[] = [];
    const c = new SyncClient(
      new HttpClient({ baseUrl: url, tokens: new StaticToken(TOKEN, "itwin:accessToken"), sleep: async (ms) => void delays.push(ms) }),
    );
    const first = await c.getStorageConnection("a").catch((e) => e);
    expect(first.name).toBe("TransportError");
    expect(first.message).toMatch(/failed after 6 attempt\(s\): .*ECONNREFUSED/);
    expect(first.message).toContain(`Check itwin:baseUrl (ITWIN_BASE_URL, now ${url}) and the network or proxy`);
    expect(delays).toHaveLength(5);
    const second = await c.getStorageConnection("b").catch((e) => e);
    expect(second.message).toMatch(/failed after 1 attempt\(s\): .*ECONNREFUSED.*\(not retried: the API was unreachable for an earlier request of this run\)/);
    expect(delays).toHaveLength(5);
  });
});

describe("client credentials", () => {
  it("exchanges the client id and secret at /connect/token once and reuses the token", async () => {
    const tokens = new ClientCredentialsToken(
      { clientId: "app-id", clientSecret: "app-secret-value", authorityUrl: emulator.url, scope: "itwin-platform" },
      "itwin:clientId and itwin:clientSecret",
    );
    const c = new SyncClient(new HttpClient({ baseUrl: emulator.url, tokens }));
    await emulator.clearRequests();
    await c.getManifestConnection(MANIFEST);
    await c.getManifestConnection(MANIFEST);
    const log = await emulator.requests();
    expect(log.filter((r) => r.path === "/connect/token")).toHaveLength(1);
    expect(log.filter((r) => r.path.includes("manifestconnections")).map((r) => r.status)).toEqual([200, 200]);
  });

  it("refreshes the token a minute before it expires", async () => {
    let now = 1_000_000;
    const tokens = new ClientCredentialsToken(
      { clientId: "app-id", clientSecret: "app-secret-value", authorityUrl: emulator.url, scope: "itwin-platform" },
      "itwin:clientId and itwin:clientSecret",
      () => now,
    );
    const first = await tokens.token();
    now += 3600_000 - 61_000;
    expect(await tokens.token()).toBe(first);
    now += 2_000;
    expect(await tokens.token()).not.toBe(first);
  });

  it("treats a refused client secret as final: one token request, no retry, no unknown POST outcome", async () => {
    const tokens = new ClientCredentialsToken(
      { clientId: "app-id", clientSecret: "wrong-secret-value", authorityUrl: emulator.url, scope: "itwin-platform" },
      "itwin:clientId and itwin:clientSecret",
    );
    const c = new SyncClient(new HttpClient({ baseUrl: emulator.url, tokens, sleep: async () => {} }));
    await emulator.clearRequests();
    for (const call of [() => c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [file()] }), () => c.listRuns("x")]) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.message).toMatch(/^The identity service at .*\/connect\/token refused the client credentials: HTTP 401 invalid_client/);
      expect(error.message).not.toMatch(/Create StorageConnection|List runs/);
    }
    const log = await emulator.requests();
    expect(log.map((r) => `${r.method} ${r.path.replace(/\?.*/, "")}`)).toEqual(["POST /connect/token", "POST /connect/token"]);
  });

  it("retries an unreachable identity service as a request never sent (a POST too), naming itwin:authorityUrl", async () => {
    const closed = await TestEmulator.start();
    const authorityUrl = closed.url;
    await closed.close();
    const tokens = new ClientCredentialsToken(
      { clientId: "app-id", clientSecret: "app-secret-value", authorityUrl, scope: "itwin-platform" },
      "itwin:clientId and itwin:clientSecret",
    );
    const c = new SyncClient(new HttpClient({ baseUrl: emulator.url, tokens, maxAttempts: 2, sleep: async () => {} }));
    const error = await c.createStorageConnection({ iModelId: IMODEL, sourceFiles: [file()] }).catch((e) => e);
    expect(error.name).toBe("TransportError");
    expect(error.message).toMatch(/failed after 2 attempt\(s\): Token request to .*ECONNREFUSED.*Check itwin:authorityUrl \(ITWIN_AUTHORITY_URL\)/);
  });

  it("reports bad client credentials by key name", async () => {
    const tokens = new ClientCredentialsToken(
      { clientId: "app-id", clientSecret: "wrong-secret-value", authorityUrl: emulator.url, scope: "itwin-platform" },
      "ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET",
    );
    const error = await tokens.token().catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(
      `The identity service at ${emulator.url}/connect/token refused the client credentials: HTTP 401 invalid_client: ` +
        "Client authentication failed. Check the client id and client secret (ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET), " +
        "and itwin:authorityUrl (ITWIN_AUTHORITY_URL) and itwin:scope (ITWIN_SCOPE). Not retried: repeated refusals can lock the client out.",
    );
    expect(error.message).not.toContain("wrong-secret-value");
  });
});
