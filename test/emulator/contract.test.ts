// The reference pages at hand, request by request: the emulator's answers must match the documented examples field by
// field (hrefs on the emulator's URL; generated ids compared by format).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SYNC_PATH } from "../../api/contract";
import {
  CONNECTIONS,
  CONNECTION_ID,
  GUID,
  IMODEL_ID,
  MANIFEST,
  MANIFEST_ID,
  UNKNOWN_CONNECTION_ID,
  createConnection,
  docs,
  useEmulator,
  type Json,
} from "./helpers";

const ctx = useEmulator();

/** Sets a rate limit of one request a minute, spends it, and returns the next answer to `path`. */
async function overTheLimit(path: string): Promise<{ status: number; retryAfter: string | null; body: Json }> {
  await ctx.api.put("/__emulator/faults", { rateLimit: 1 });
  try {
    await ctx.api.get(path);
    const answer = await ctx.api.get(path);
    return { status: answer.status, retryAfter: answer.headers.get("retry-after"), body: answer.body };
  } finally {
    await ctx.api.put("/__emulator/faults", { rateLimit: 0 });
  }
}

describe("POST /storageconnections (create-storage-connection)", () => {
  const page = () => docs("create-storage-connection", ctx.api.url);

  it("answers 201 with the documented connection; lastRun appears once a run exists", async () => {
    const doc = page();
    const created = await ctx.api.post(CONNECTIONS, doc.request);
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    const { lastRun, ...links } = doc["201"].connection._links;
    expect(created.body).toEqual({ connection: { ...doc["201"].connection, id: expect.stringMatching(CONNECTION_ID), _links: links } });

    const id = created.body.connection.id;
    expect((await ctx.api.post(`${CONNECTIONS}/${id}/run`)).status).toBe(202);
    const { body } = await ctx.api.get(`${CONNECTIONS}/${id}`);
    const runsHref = lastRun.href.replace(doc["201"].connection.id, id).replace(/[^/]+$/, "");
    const href: string = body.connection._links.lastRun.href;
    expect(href.startsWith(runsHref)).toBe(true);
    expect(href.slice(runsHref.length)).toMatch(GUID);
    await ctx.api.delete(`${CONNECTIONS}/${id}`);
  });

  it("answers 409 when a source file is already mapped to the iModel", async () => {
    const doc = page();
    const first = await ctx.api.post(CONNECTIONS, doc.request);
    const second = await ctx.api.post(CONNECTIONS, doc.request);
    expect(second.status).toBe(409);
    expect(second.body).toEqual(doc["409"]);
    await ctx.api.delete(`${CONNECTIONS}/${first.body.connection.id}`);
  });

  it("answers 401 HeaderNotFound without Authorization", async () => {
    const answer = await ctx.api.post(CONNECTIONS, page().request, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(page()["401"]);
  });

  // Each documented 422 detail, in the page's order, with a request that breaks exactly that rule.
  const cases: Array<[string, (request: Json) => unknown]> = [
    ["malformed JSON", () => '{"displayName": "30", '],
    ["missing sourceFiles", ({ sourceFiles, ...rest }) => rest],
    ["empty sourceFiles", (request) => ({ ...request, sourceFiles: [] })],
    ["missing connectorType", (request) => ({ ...request, sourceFiles: [{ storageFileId: "abc" }] })],
    ["missing storageFileId", (request) => ({ ...request, sourceFiles: [{ connectorType: "MSTN" }] })],
    ["missing iModelId", ({ iModelId, ...rest }) => rest],
    ["invalid connectorType", (request) => ({ ...request, sourceFiles: [{ storageFileId: "abc", connectorType: "PDF" }] })],
    ["non-GUID iModelId", (request) => ({ ...request, iModelId: "not-a-guid" })],
    ["invalid storageFileId", (request) => ({ ...request, sourceFiles: [{ storageFileId: "a b/c", connectorType: "MSTN" }] })],
  ];
  it.each(cases.map(([name, make], i) => ({ name, make, i })))("answers 422 for $name with its documented detail", async ({ make, i }) => {
    const doc = page();
    const answer = await ctx.api.post(CONNECTIONS, make(doc.request));
    expect(answer.status).toBe(422);
    const { details, ...error } = doc["422"].error;
    expect(answer.body).toEqual({ error: { ...error, details: [details[i]] } });
  });

  it("answers 429 TooManyRequests with retry-after over the rate limit", async () => {
    const answer = await overTheLimit(`${CONNECTIONS}?imodelId=${IMODEL_ID}`);
    expect(answer.status).toBe(429);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body).toEqual(page()["429"]);
  });
});

describe("GET /manifestconnections/{id} (get-manifest-connection)", () => {
  const page = () => docs("get-manifest-connection", ctx.api.url);

  it("answers 200 with the documented connection", async () => {
    const answer = await ctx.api.get(MANIFEST);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(page()["200"]);
  });

  it("serves the run its lastRun link names", async () => {
    const href = page()["200"].connection._links.lastRun.href;
    const answer = await ctx.api.get(ctx.api.pathOf(href));
    expect(answer.status).toBe(200);
    expect(answer.body.run).toMatchObject({ id: "de626d0d-1647-48d7-8c11-f1f74f2d4523", connectionId: MANIFEST_ID, state: "Completed" });
  });

  it.each([
    ["401", { token: null }, MANIFEST],
    ["404", {}, `${SYNC_PATH}/manifestconnections/${UNKNOWN_CONNECTION_ID}`],
    ["422", {}, `${SYNC_PATH}/manifestconnections/not.a.connection`],
  ] as const)("answers the documented %s", async (status, options, path) => {
    const answer = await ctx.api.get(path, options);
    expect(answer.status).toBe(Number(status));
    expect(answer.body).toEqual(page()[status]);
  });

  it("answers the documented 429 over the rate limit", async () => {
    const answer = await overTheLimit(MANIFEST);
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual(page()["429"]);
  });
});

describe("GET /manifestconnections/{id}/sourcefiles (get-manifest-connection-sourcefiles)", () => {
  const page = () => docs("get-manifest-connection-sourcefiles", ctx.api.url);

  it("answers 200 with the documented source files, in both Prefer forms", async () => {
    for (const prefer of ["return=minimal", "return=representation"]) {
      const answer = await ctx.api.get(`${MANIFEST}/sourcefiles`, { headers: { prefer } });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        sourceFiles: page()["200"].sourceFiles,
        _links: { self: { href: `${ctx.api.url}${MANIFEST}/sourcefiles?$skip=0&$top=100` } },
      });
    }
  });

  it("pages with the documented links", async () => {
    const id = `${"B".repeat(40)}xyz`;
    const sourceFiles = Array.from({ length: 250 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, sourceFileId: `file-${i}` }));
    const loaded = await ctx.api.post("/__emulator/fixtures", {
      manifestConnections: [{ id, displayName: "big", iModelId: IMODEL_ID, authenticationType: "Service", sourceFiles }],
    });
    expect(loaded.status).toBe(204);
    const answer = await ctx.api.get(`${SYNC_PATH}/manifestconnections/${id}/sourcefiles?$skip=100&$top=100`);
    expect(answer.body._links).toEqual(JSON.parse(JSON.stringify(page()["200"]._links).split("{connectionId}").join(id)));
    expect(answer.body.sourceFiles).toEqual(sourceFiles.slice(100, 200));
  });

  it("answers the documented 422 for a $top over 1000 and a malformed connectionId", async () => {
    const answer = await ctx.api.get(`${SYNC_PATH}/manifestconnections/bad!id/sourcefiles?$top=1001`);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(page()["422"]);
  });

  it.each([
    ["401", { token: null }, `${MANIFEST}/sourcefiles`],
    ["404", {}, `${SYNC_PATH}/manifestconnections/${UNKNOWN_CONNECTION_ID}/sourcefiles`],
  ] as const)("answers the documented %s", async (status, options, path) => {
    const answer = await ctx.api.get(path, options);
    expect(answer.status).toBe(Number(status));
    expect(answer.body).toEqual(page()[status]);
  });
});

describe("GET /manifestconnections/{id}/runs/{runId} (get-manifest-connection-run)", () => {
  const page = () => docs("get-manifest-connection-run", ctx.api.url);
  const RUN = `${MANIFEST}/runs/a1ecbdc8c4f6173004f9f881914a57c5511a362b`;

  it("answers 200 with the documented run", async () => {
    const answer = await ctx.api.get(RUN);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(page()["200"]);
  });

  it.each([
    ["401", { token: null }, RUN],
    ["404", {}, `${MANIFEST}/runs/${"0".repeat(40)}`],
    ["422", {}, `${SYNC_PATH}/manifestconnections/short/runs/a1ecbdc8c4f6173004f9f881914a57c5511a362b`],
  ] as const)("answers the documented %s", async (status, options, path) => {
    const answer = await ctx.api.get(path, options);
    expect(answer.status).toBe(Number(status));
    expect(answer.body).toEqual(page()[status]);
  });

  it("answers ManifestConnectionNotFound for a run of an unknown connection", async () => {
    const answer = await ctx.api.get(`${SYNC_PATH}/manifestconnections/${UNKNOWN_CONNECTION_ID}/runs/${"0".repeat(40)}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(docs("get-manifest-connection", ctx.api.url)["404"]);
  });

  it("answers the documented 429 RateLimitExceeded with retry-after", async () => {
    const answer = await overTheLimit(RUN);
    expect(answer.status).toBe(429);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body).toEqual(page()["429"]);
  });
});

describe("GET /storageconnections/{id}/runs/{runId} (get-storage-connection-run)", () => {
  const page = () => docs("get-storage-connection-run", ctx.api.url);

  it("answers a run whose jobs and tasks have the documented fields, each task joinable with the connection's files", async () => {
    const files = [
      { storageFileId: `fail-${"a".repeat(12)}-${Date.now()}`, connectorType: "DWG" },
      { storageFileId: `plain-${Date.now()}`, connectorType: "MSTN" },
    ];
    const created = await ctx.api.post(CONNECTIONS, {
      iModelId: "3c1f4a4e-1b2c-4d5e-8f70-8192a3b4c5d6",
      authenticationType: "Service",
      sourceFiles: files,
    });
    const id = created.body.connection.id;
    const started = await ctx.api.post(`${CONNECTIONS}/${id}/run`);
    expect(started.status).toBe(202);
    const runPath = ctx.api.pathOf(started.headers.get("location")!);
    let run: Json;
    do run = (await ctx.api.get(runPath)).body.run;
    while (run.state !== "Completed");

    const documented = page()["200"].run;
    expect(Object.keys(run).sort()).toEqual(Object.keys(documented).sort());
    const failedTask = run.jobs.find((job: Json) => job.connectorType === "DWG").tasks[0];
    expect(Object.keys(failedTask).sort()).toEqual(Object.keys(documented.jobs[0].tasks[0]).sort());
    expect(failedTask).not.toHaveProperty("sourceFileId");

    const listed = (await ctx.api.get(`${CONNECTIONS}/${id}/sourcefiles`)).body.sourceFiles.map((f: Json) => f.storageFileId);
    const tasked = run.jobs.flatMap((job: Json) => job.tasks.map((task: Json) => task.storageFileId));
    expect(tasked.sort()).toEqual(listed.sort());
  });
});

describe("GET /storageconnections?iModelId= (get-storage-connections)", () => {
  const page = () => docs("get-storage-connections", ctx.api.url);

  /** A fresh iModel with `count` connections, their ids in creation order. */
  async function iModelWith(count: number): Promise<{ iModelId: string; ids: string[] }> {
    const iModelId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await createConnection(ctx.api, { iModelId, displayName: `${i}` }));
    return { iModelId, ids };
  }

  it("answers the documented minimal entries and links, spelling the parameter iModelId", async () => {
    const { iModelId, ids } = await iModelWith(21);
    const answer = await ctx.api.get(`${CONNECTIONS}?iModelId=${iModelId}&$skip=10&$top=10`);
    expect(answer.status).toBe(200);
    const documented = page()["200"];
    expect(answer.body._links).toEqual(JSON.parse(JSON.stringify(documented._links).split(IMODEL_ID).join(iModelId)));
    expect(answer.body.connections).toEqual(ids.slice(10, 20).map((id, i) => ({ id, displayName: `${i + 10}` })));
    expect(Object.keys(answer.body.connections[0])).toEqual(Object.keys(documented.connections[0]));
  });

  it("takes query parameter names in any case (iModelId, imodelId, IMODELID; $top, $TOP; $skip, $Skip)", async () => {
    const { iModelId } = await iModelWith(3);
    const expected = await ctx.api.get(`${CONNECTIONS}?iModelId=${iModelId}&$skip=1&$top=1`);
    expect(expected.body.connections).toHaveLength(1);
    for (const query of [`imodelId=${iModelId}&$skip=1&$top=1`, `IMODELID=${iModelId}&$Skip=1&$TOP=1`]) {
      expect((await ctx.api.get(`${CONNECTIONS}?${query}`)).body).toEqual(expected.body);
    }
  });

  it("answers full connections with Prefer: return=representation", async () => {
    const { iModelId, ids } = await iModelWith(2);
    await ctx.api.post(`${CONNECTIONS}/${ids[0]}/run`);
    const answer = await ctx.api.get(`${CONNECTIONS}?iModelId=${iModelId}`, { headers: { prefer: "return=representation" } });
    expect(answer.status).toBe(200);
    const full = await Promise.all(ids.map(async (id) => (await ctx.api.get(`${CONNECTIONS}/${id}`)).body.connection));
    expect(answer.body.connections).toEqual(full);
    expect(Object.keys(full[0]).sort()).toEqual(Object.keys(docs("create-storage-connection", ctx.api.url)["201"].connection).sort());
  });
});

describe("GET /storageconnections/{id}/sourcefiles (get-storage-connection-sourcefiles)", () => {
  it("answers the documented fields by default (no connectorType); return=representation adds connectorType", async () => {
    const documented = docs("get-storage-connection-sourcefiles", ctx.api.url)["200"].sourceFiles[0];
    const { storageFileId, lastKnownFileName } = documented;
    expect((await ctx.api.post("/__emulator/fixtures", { storageFiles: { [storageFileId]: lastKnownFileName } })).status).toBe(204);
    const id = await createConnection(ctx.api, { sourceFiles: [{ storageFileId, connectorType: "MSTN" }] });
    const path = `${CONNECTIONS}/${id}/sourcefiles`;

    const minimal = (await ctx.api.get(path)).body.sourceFiles[0];
    expect(Object.keys(minimal)).toEqual(Object.keys(documented));
    // Bentley's example links the file as /files/{id}; the emulator uses the Storage API's /storage/files/{id}.
    expect(minimal).toEqual({
      ...documented,
      id: expect.stringMatching(GUID),
      _links: { file: { href: expect.stringMatching(new RegExp(`^${ctx.api.url}/(storage/)?files/${storageFileId}$`)) } },
    });
    expect((await ctx.api.get(path, { headers: { prefer: "return=minimal" } })).body.sourceFiles[0]).toEqual(minimal);
    const full = (await ctx.api.get(path, { headers: { prefer: "return=representation" } })).body.sourceFiles[0];
    expect(full).toEqual({ ...minimal, connectorType: "MSTN" });
  });
});
