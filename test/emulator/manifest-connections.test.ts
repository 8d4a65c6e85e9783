// ManifestConnections page by page: create, list, update, delete, source files and runs. Each operation sends the
// page's example and its answer must have the page's shape (generated ids by format, hrefs on the emulator's URL).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DETAIL, ERROR, INVALID_REQUEST, SYNC_PATH, errorBody, invalidRequestBody } from "../../api/contract";
import { CONNECTION_ID, GUID, IMODEL_ID, MANIFEST, MANIFEST_ID, UNKNOWN_CONNECTION_ID, docs, useEmulator, waitForRun, type Json } from "./helpers";

const ctx = useEmulator();
const COLLECTION = `${SYNC_PATH}/manifestconnections`;
const page = (name: string): Json => docs(name, ctx.api.url);
const invalid = (code: string, ...details: object[]) => invalidRequestBody(code, details as never);

/** A connection of a fresh iModel with these source file ids; returns its id. */
async function createManifest(sourceFileIds: string[] = [randomUUID()], overrides: Json = {}, api = ctx.api): Promise<string> {
  const body = { displayName: "manifest", iModelId: randomUUID(), authenticationType: "Service", sourceFiles: sourceFileIds.map((sourceFileId) => ({ sourceFileId })), ...overrides };
  const answer = await api.post(COLLECTION, body);
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.connection.id;
}

describe("POST /manifestconnections (create-manifest-connection)", () => {
  it("answers 201 with the page's connection (a new id, no lastRun yet)", async () => {
    const doc = page("create-manifest-connection");
    // The seed's connection maps the page's file to the same iModel: the example is sent for another iModel.
    const iModelId = randomUUID();
    const created = await ctx.api.post(COLLECTION, { ...doc.request, iModelId });
    expect(created.status).toBe(201);
    const expected = JSON.parse(JSON.stringify(doc["201"]).replaceAll(IMODEL_ID, iModelId));
    expect(created.body).toEqual({
      connection: { ...expected.connection, id: expect.stringMatching(CONNECTION_ID), iTwinId: expect.stringMatching(GUID), _links: { iModel: expected.connection._links.iModel, iTwin: expect.anything() } },
    });
  });

  it("answers 409 with the page's message when a source file is already mapped to the iModel", async () => {
    const doc = page("create-manifest-connection");
    const answer = await ctx.api.post(COLLECTION, doc.request);
    expect(answer).toMatchObject({ status: 409, body: errorBody(ERROR.fileMappingExists) });
    expect(answer.body.error.message).toBe(doc["409message"]);
  });

  it("answers 422 InvalidManifestConnectionRequest with one detail per broken rule", async () => {
    const code = INVALID_REQUEST.manifestConnection;
    expect((await ctx.api.post(COLLECTION, {})).body).toEqual(invalid(code, DETAIL.missingSourceFiles, DETAIL.missingIModelId));
    expect((await ctx.api.post(COLLECTION, { iModelId: "x", sourceFiles: [{}], authenticationType: "Robot" })).body).toEqual(
      invalid(code, DETAIL.missingSourceFileId, DETAIL.invalidIModelId, DETAIL.invalidAuthenticationType),
    );
    expect((await ctx.api.post(COLLECTION, { iModelId: randomUUID(), sourceFiles: [] })).body).toEqual(invalid(code, DETAIL.emptySourceFiles));
    expect((await ctx.api.post(COLLECTION, "{oops")).body).toEqual(invalid(code, DETAIL.malformedJson));
  });
});

describe("GET /manifestconnections?imodelId (get-manifest-connections)", () => {
  it("answers the page's connections for the seed iModel, with links spelling iModelId", async () => {
    const doc = page("get-manifest-connections");
    const answer = await ctx.api.get(`${COLLECTION}?imodelId=${IMODEL_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.body.connections).toEqual(doc["200"].connections);
    expect(answer.body._links.self.href.startsWith(doc.selfPrefix)).toBe(true);
  });

  it("gives full connections with Prefer: return=representation", async () => {
    const answer = await ctx.api.get(`${COLLECTION}?imodelId=${IMODEL_ID}`, { headers: { prefer: "return=representation" } });
    expect(answer.body.connections).toEqual([docs("get-manifest-connection", ctx.api.url)["200"].connection]);
  });
});

describe("PUT /manifestconnections/{id} (update-manifest-connection)", () => {
  it("answers 200 with the page's connection for the page's example", async () => {
    const doc = page("update-manifest-connection");
    expect(await ctx.api.put(MANIFEST, doc.request)).toMatchObject({ status: 200, body: doc["200"] });
  });

  it("changes what it sends, answers the page's 404 and a 422 for a bad authenticationType", async () => {
    const id = await createManifest();
    const updated = await ctx.api.put(`${COLLECTION}/${id}`, { displayName: "renamed" });
    expect(updated.body.connection).toMatchObject({ displayName: "renamed", authenticationType: "Service" });
    expect(await ctx.api.put(`${COLLECTION}/${UNKNOWN_CONNECTION_ID}`, {})).toMatchObject({ status: 404, body: page("update-manifest-connection")["404"] });
    expect((await ctx.api.put(`${COLLECTION}/${id}`, { authenticationType: "x" })).body).toEqual(invalid(INVALID_REQUEST.manifestConnection, DETAIL.invalidAuthenticationType));
  });
});

describe("DELETE /manifestconnections/{id} (delete-manifest-connection)", () => {
  it("answers 204, then the page's 404; the page's 422 for a malformed id", async () => {
    const doc = page("delete-manifest-connection");
    const id = await createManifest();
    expect(await ctx.api.delete(`${COLLECTION}/${id}`)).toMatchObject({ status: 204, body: undefined });
    expect(await ctx.api.delete(`${COLLECTION}/${id}`)).toMatchObject({ status: 404, body: doc["404"] });
    expect(await ctx.api.delete(`${COLLECTION}/not-an-id`)).toMatchObject({ status: 422, body: doc["422"] });
  });

  it("answers the page's 409 ConnectionAlreadyInUse while a run is active, and 204 once it completed", async () => {
    const fileId = randomUUID();
    const id = await createManifest([fileId]);
    const started = await ctx.api.post(`${COLLECTION}/${id}/runs`, { sourceFiles: [{ id: fileId, url: "https://blob.net/a.dgn", connectorType: "MSTN" }] });
    expect(await ctx.api.delete(`${COLLECTION}/${id}`)).toMatchObject({ status: 409, body: page("delete-manifest-connection")["409"] });
    await waitForRun(ctx.api, ctx.api.pathOf(started.headers.get("location")!));
    expect((await ctx.api.delete(`${COLLECTION}/${id}`)).status).toBe(204);
  });
});

describe("source files (add, get, update, remove)", () => {
  it("add answers 201 with the page's shape; get answers it; list shows it", async () => {
    const doc = page("add-manifest-connection-sourcefile");
    const id = await createManifest();
    const added = await ctx.api.post(`${COLLECTION}/${id}/sourcefiles`, doc.request);
    expect(added).toMatchObject({ status: 201, body: { sourceFile: { ...doc["201"].sourceFile, id: expect.stringMatching(GUID) } } });
    const fileId = added.body.sourceFile.id;
    expect(await ctx.api.get(`${COLLECTION}/${id}/sourcefiles/${fileId}`)).toMatchObject({ status: 200, body: added.body });
    expect((await ctx.api.get(`${COLLECTION}/${id}/sourcefiles`)).body.sourceFiles).toContainEqual(added.body.sourceFile);
  });

  it("get answers the page's example for the seed's file, and its 404 and 422", async () => {
    const doc = page("get-manifest-connection-sourcefile");
    const file = doc["200"].sourceFile.id;
    expect(await ctx.api.get(`${MANIFEST}/sourcefiles/${file}`)).toMatchObject({ status: 200, body: doc["200"] });
    expect(await ctx.api.get(`${MANIFEST}/sourcefiles/${randomUUID()}`)).toMatchObject({ status: 404, body: doc["404"] });
    expect(await ctx.api.get(`${COLLECTION}/bad/sourcefiles/${file}`)).toMatchObject({ status: 422, body: doc["422"] });
  });

  it("update answers 200 with the file for the page's example body, and the page's 404", async () => {
    const doc = page("update-manifest-connection-sourcefile");
    const id = await createManifest();
    const [file] = (await ctx.api.get(`${COLLECTION}/${id}/sourcefiles`)).body.sourceFiles;
    const updated = await ctx.api.put(`${COLLECTION}/${id}/sourcefiles/${file.id}`, doc.request);
    expect(updated).toMatchObject({ status: 200, body: { sourceFile: { id: file.id, sourceFileId: doc.request.sourceFileId } } });
    expect(Object.keys(updated.body.sourceFile)).toEqual(Object.keys(doc["200"].sourceFile));
    expect(await ctx.api.put(`${COLLECTION}/${id}/sourcefiles/${randomUUID()}`, doc.request)).toMatchObject({ status: 404, body: doc["404"] });
  });

  it("add answers the add page's 404 for an unknown connection and 409 for a file the iModel has", async () => {
    const doc = page("add-manifest-connection-sourcefile");
    expect(await ctx.api.post(`${COLLECTION}/${UNKNOWN_CONNECTION_ID}/sourcefiles`, doc.request)).toMatchObject({ status: 404, body: doc["404"] });
    expect(await ctx.api.post(`${MANIFEST}/sourcefiles`, doc.request)).toMatchObject({ status: 409, body: errorBody(ERROR.fileMappingExists) });
    expect((await ctx.api.post(`${MANIFEST}/sourcefiles`, {})).body).toEqual(invalid(INVALID_REQUEST.manifestConnectionSourceFile, DETAIL.missingSourceFileId));
  });

  it("remove answers 204, then 404", async () => {
    const id = await createManifest([randomUUID(), randomUUID()]);
    const [file] = (await ctx.api.get(`${COLLECTION}/${id}/sourcefiles`)).body.sourceFiles;
    expect((await ctx.api.delete(`${COLLECTION}/${id}/sourcefiles/${file.id}`)).status).toBe(204);
    expect(await ctx.api.delete(`${COLLECTION}/${id}/sourcefiles/${file.id}`)).toMatchObject({ status: 404, body: errorBody(ERROR.manifestSourceFileNotFound) });
    expect((await ctx.api.get(`${COLLECTION}/${id}/sourcefiles`)).body.sourceFiles).toHaveLength(1);
  });
});

describe("runs (create-manifest-connection-run, get-manifest-connection-runs)", () => {
  it("the page's manifest starts a run (202 + Location) whose tasks name the manifest's sourceFileId", async () => {
    const doc = page("create-manifest-connection-run");
    const master = doc.request.sourceFiles[0];
    const id = await createManifest([master.id]);
    const started = await ctx.api.post(`${COLLECTION}/${id}/runs`, doc.request);
    expect(started.status).toBe(202);
    const location = started.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${ctx.api.url}${COLLECTION}/${id}/runs/[0-9a-f-]{36}$`));
    const run = await waitForRun(ctx.api, ctx.api.pathOf(location));
    expect(run).toMatchObject({ connectionId: id, state: "Completed", result: "Success" });
    expect(run.jobs.map((job) => [job.connectorType, job.tasks.map((task) => (task as Json).sourceFileId)])).toEqual([[master.connectorType, [master.id]]]);
    expect((await ctx.api.get(`${COLLECTION}/${id}`)).body.connection._links.lastRun.href).toBe(location);
  });

  it("lists runs as the get-manifest-connection-runs page shows: {id, state, result}, full runs on request", async () => {
    const doc = page("get-manifest-connection-runs");
    const answer = await ctx.api.get(`${MANIFEST}/runs?$top=1`);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.runs[0])).toEqual(Object.keys(doc["200"].runs[0]));
    expect(answer.body._links).toEqual({
      self: { href: `${ctx.api.url}${MANIFEST}/runs?$skip=0&$top=1` },
      next: { href: `${ctx.api.url}${MANIFEST}/runs?$skip=1&$top=1` },
    });
    const full = await ctx.api.get(`${MANIFEST}/runs`, { headers: { prefer: "return=representation" } });
    expect(full.body.runs.map((run: Json) => run.id)).toEqual(["a1ecbdc8c4f6173004f9f881914a57c5511a362b", "de626d0d-1647-48d7-8c11-f1f74f2d4523"]);
    expect(full.body.runs[0]).toEqual(docs("get-manifest-connection-run", ctx.api.url)["200"].run);
  });

  it("answers 422 InvalidManifestConnectionRunRequest for a manifest without file ids, 404 for an unknown connection", async () => {
    const id = await createManifest();
    const bad = await ctx.api.post(`${COLLECTION}/${id}/runs`, { sourceFiles: [{ url: "https://blob.net/x.dgn" }], documentAttributeSchemaUrl: "not a url" });
    expect(bad.body).toEqual(invalid(INVALID_REQUEST.manifestConnectionRun, DETAIL.invalidDocumentAttributeSchemaUrl, DETAIL.invalidManifest));
    expect(await ctx.api.post(`${COLLECTION}/${UNKNOWN_CONNECTION_ID}/runs`)).toMatchObject({ status: 404, body: errorBody(ERROR.manifestConnectionNotFound) });
    expect(MANIFEST_ID).toMatch(CONNECTION_ID);
  });
});

describe("an iModel's active run", () => {
  // Runs of seconds: at the file's 10 ms a step, a loaded machine could end the first run before the third request.
  const slow = useEmulator({ runStepMs: 2000 });

  it("answers 303 to the iModel's active run, of whichever kind", async () => {
    const iModelId = randomUUID();
    const fileId = randomUUID();
    const first = await createManifest([fileId], { iModelId }, slow.api);
    const second = await createManifest([randomUUID()], { iModelId }, slow.api);
    const storage = await slow.api.post(`${SYNC_PATH}/storageconnections`, { iModelId, sourceFiles: [{ storageFileId: "kind-file", connectorType: "MSTN" }] });
    const started = await slow.api.post(`${COLLECTION}/${first}/runs`, { sourceFiles: [{ id: fileId, connectorType: "DWG" }] });
    const again = await slow.api.post(`${COLLECTION}/${second}/runs`);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(started.headers.get("location"));
    const fromStorage = await slow.api.post(`${SYNC_PATH}/storageconnections/${storage.body.connection.id}/run`);
    expect(fromStorage).toMatchObject({ status: 303 });
    expect(fromStorage.headers.get("location")).toBe(started.headers.get("location"));
  });
});
