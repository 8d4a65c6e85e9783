// The client's methods for configurations, manifest connections, Get Connections and iModels against the in-process
// emulator: every operation, its paging, its errors as ApiError with the API's code, and what it sends.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../../api/configurations";
import { ApiError } from "../../provider/client/errors";
import { IMODELS_MEDIA_TYPE } from "../../provider/client/imodels-api";
import { TestEmulator } from "../harness/emulator";

const SEED_IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";
const SEED_MANIFEST = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ failRate: 0, rateLimit: 0, dropAnswers: 0 }));

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("ConfigurationsApi", () => {
  it("creates, gets, patches and deletes a configuration at each scope", async () => {
    const c = emulator.client();
    const iModel = await c.iModels.create({ iTwinId: randomUUID(), name: "Configured" });
    const connection = await c.createStorageConnection({ iModelId: iModel.id, sourceFiles: [{ storageFileId: "cfg-file", connectorType: "DWG" }] });

    const iTwin = await c.configurations.create("itwin", iModel.iTwinId, { convertDgnTerrainModels: true });
    expect(iTwin).toEqual({ scopeId: iModel.iTwinId, settings: { convertDgnTerrainModels: true }, resolvedSettings: { ...defaultSettings("itwin"), convertDgnTerrainModels: true } });
    await c.configurations.create("imodel", iModel.id, { clampZExtent: true });
    const created = await c.configurations.create("connection", connection.id, { enableSheetsAndDrawings: true });
    expect(created.resolvedSettings).toEqual({ ...defaultSettings("connection"), convertDgnTerrainModels: true, clampZExtent: true, enableSheetsAndDrawings: true });
    expect(await c.configurations.get("connection", connection.id)).toEqual(created);

    const patched = await c.configurations.patch("imodel", iModel.id, { overrideRvtReprojectionDistance: 40 });
    expect(patched.settings).toEqual({ clampZExtent: true, overrideRvtReprojectionDistance: 40 });

    await c.configurations.delete("itwin", iModel.iTwinId);
    expect((await c.configurations.get("connection", connection.id)).resolvedSettings.convertDgnTerrainModels).toBe(false);
    const gone = await failure(c.configurations.get("itwin", iModel.iTwinId));
    expect(gone).toMatchObject({ status: 404, code: "ConfigurationNotFound" });
    expect(gone.message).toContain("Get iTwin configuration of");
  });

  it("surfaces the API's 409 and 422 with their codes and details", async () => {
    const c = emulator.client();
    const iTwinId = randomUUID();
    await c.configurations.create("itwin", iTwinId, {});
    expect(await failure(c.configurations.create("itwin", iTwinId, {}))).toMatchObject({ status: 409, code: "ConfigurationAlreadyExists" });
    const invalid = await failure(c.configurations.create("imodel", randomUUID(), { clampZExtent: "yes" } as never));
    expect(invalid).toMatchObject({ status: 422, code: "InvalidConfigurationRequest" });
    expect(invalid.message).toContain("clampZExtent must be true or false.");
  });

  it("repeats a PATCH whose answer was lost (it sets values, so sending it twice is safe)", async () => {
    const c = emulator.client();
    const iTwinId = randomUUID();
    await c.configurations.create("itwin", iTwinId, {});
    await emulator.faults({ dropAnswers: 1 });
    expect((await c.configurations.patch("itwin", iTwinId, { skipRvtReprojection: true })).settings).toEqual({ skipRvtReprojection: true });
    const patches = (await emulator.requests()).filter((r) => r.method === "PATCH" && r.path.endsWith(iTwinId));
    expect(patches.map((r) => r.status)).toEqual([null, 200]);
  });
});

describe("ManifestConnectionsApi", () => {
  it("creates, lists, updates and deletes a ManifestConnection", async () => {
    const c = emulator.client();
    const iModelId = randomUUID();
    const created = await c.manifestConnections.create({ iModelId, displayName: "Manifest", sourceFiles: [{ sourceFileId: "m-1" }] });
    expect(created).toMatchObject({ iModelId, displayName: "Manifest", authenticationType: "User" });
    expect(await c.getManifestConnection(created.id)).toEqual(created);
    expect(await c.manifestConnections.list(iModelId)).toEqual([{ id: created.id, displayName: "Manifest" }]);
    expect(await c.manifestConnections.update(created.id, { authenticationType: "Service" })).toMatchObject({ authenticationType: "Service", displayName: "Manifest" });
    await c.manifestConnections.delete(created.id);
    expect(await failure(c.getManifestConnection(created.id))).toMatchObject({ status: 404, code: "ManifestConnectionNotFound" });
  });

  it("adds, gets, updates and removes source files", async () => {
    const c = emulator.client();
    const { id } = await c.manifestConnections.create({ iModelId: randomUUID(), sourceFiles: [{ sourceFileId: "keep" }] });
    const added = await c.manifestConnections.addSourceFile(id, { sourceFileId: "add" });
    expect(added).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), sourceFileId: "add" });
    expect(await c.manifestConnections.getSourceFile(id, added.id)).toEqual(added);
    expect(await c.manifestConnections.updateSourceFile(id, added.id, { sourceFileId: "changed" })).toEqual({ id: added.id, sourceFileId: "changed" });
    await c.manifestConnections.removeSourceFile(id, added.id);
    expect((await c.listManifestSourceFiles(id)).map((f) => f.sourceFileId)).toEqual(["keep"]);
    expect(await failure(c.manifestConnections.addSourceFile(id, { sourceFileId: "keep" }))).toMatchObject({ status: 409, code: "FileMappingToTheIModelAlreadyExists" });
  });

  it("starts a run with a manifest, follows it by its Location, lists runs; a second start is the active run (303)", async () => {
    const c = emulator.client();
    const { id } = await c.manifestConnections.create({ iModelId: randomUUID(), authenticationType: "Service", sourceFiles: [{ sourceFileId: "f5b36238" }] });
    const manifest = { sourceFiles: [{ id: "f5b36238", name: "Master.dgn", url: "https://blob.net/Master.dgn", connectorType: "MSTN" }] };
    const started = await c.manifestConnections.startRun(id, manifest);
    expect(started).toMatchObject({ kind: "manifest", connectionId: id, alreadyActive: false });
    const again = await c.manifestConnections.startRun(id, manifest);
    expect(again).toMatchObject({ runId: started.runId, alreadyActive: true });
    const run = await c.getManifestConnectionRun(id, started.runId);
    expect(run.id).toBe(started.runId);
    expect(await c.manifestConnections.listRuns(id)).toEqual([{ id: started.runId, state: expect.any(String), result: expect.any(String) }]);
  });

  it("a StorageConnection's run start follows a 303 to the iModel's active manifest run", async () => {
    const c = emulator.client();
    const iModelId = randomUUID();
    const manifest = await c.manifestConnections.create({ iModelId, sourceFiles: [{ sourceFileId: "x" }] });
    const storage = await c.createStorageConnection({ iModelId, sourceFiles: [{ storageFileId: "cross-kind", connectorType: "MSTN" }] });
    const active = await c.manifestConnections.startRun(manifest.id);
    expect(await c.startRun(storage.id)).toMatchObject({ kind: "manifest", connectionId: manifest.id, runId: active.runId, alreadyActive: true });
  });
});

describe("ConnectionsApi (Get Connections)", () => {
  it("lists every connection of an iModel, both kinds, over every page", async () => {
    const c = emulator.client();
    const iModelId = randomUUID();
    const storage = await c.createStorageConnection({ iModelId, displayName: "S", sourceFiles: [{ storageFileId: "get-conn", connectorType: "IFC" }] });
    const manifest = await c.manifestConnections.create({ iModelId, displayName: "M", sourceFiles: [{ sourceFileId: "get-conn" }] });
    const listed = await c.connections.list(iModelId);
    expect(listed.map(({ id, displayName, iModelId: of }) => ({ id, displayName, of }))).toEqual([
      { id: storage.id, displayName: "S", of: iModelId },
      { id: manifest.id, displayName: "M", of: iModelId },
    ]);
    expect((await c.connections.list(SEED_IMODEL)).map((x) => x.id)).toContain(SEED_MANIFEST);
  });
});

describe("IModelsApi", () => {
  it("creates, gets, updates and deletes an iModel, with the iModels API's v2 Accept", async () => {
    const c = emulator.client();
    const iTwinId = randomUUID();
    const extent = { southWest: { latitude: 1, longitude: 2 }, northEast: { latitude: 3, longitude: 4 } };
    const created = await c.iModels.create({ iTwinId, name: "Client iModel", description: "d", extent });
    expect(created).toMatchObject({ iTwinId, name: "Client iModel", description: "d", extent, state: "initialized" });
    expect(await c.iModels.get(created.id)).toEqual(created);
    expect(await c.iModels.list(iTwinId, "Client iModel")).toEqual([created]);
    expect(await c.iModels.list(iTwinId, "Another")).toEqual([]);
    expect(await c.iModels.update(created.id, { name: "Renamed", extent: null })).toMatchObject({ name: "Renamed", displayName: "Renamed", extent: null });
    await c.iModels.delete(created.id);
    expect(await failure(c.iModels.get(created.id))).toMatchObject({ status: 404, code: "iModelNotFound" });
    const accepts = (await emulator.requests()).filter((r) => r.path.startsWith(`/imodels/${created.id}`)).map((r) => r.headers.accept);
    expect(new Set(accepts)).toEqual(new Set([IMODELS_MEDIA_TYPE]));
  });

  it("surfaces 409 iModelExists and the 422 details", async () => {
    const c = emulator.client();
    const iTwinId = randomUUID();
    await c.iModels.create({ iTwinId, name: "Twice" });
    expect(await failure(c.iModels.create({ iTwinId, name: "Twice" }))).toMatchObject({ status: 409, code: "iModelExists" });
    const invalid = await failure(c.iModels.create({ iTwinId: "nope", name: "x" }));
    expect(invalid).toMatchObject({ status: 422, code: "InvalidiModelsRequest" });
    expect(invalid.message).toContain("Provided iTwinId value is not valid.");
  });
});
