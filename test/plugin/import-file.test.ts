// itwin-import-imodel's list against the emulator: the iModel, its configuration, each connection named from its
// displayName and followed by its configuration, only where one exists; the calls it makes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { importFileForIModel } from "../../provider/plugin/import-file";
import { TestEmulator } from "../harness/emulator";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";

let emulator: TestEmulator;
let api: SyncClient;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
});
afterAll(() => emulator.close());

describe("importFileForIModel", () => {
  it("lists the iModel, its configuration, then each connection and its configuration where there is one", async () => {
    const { id: IMODEL } = await api.iModels.create({ iTwinId: ITWIN, name: "Tower (north)" });
    const site = await api.createStorageConnection({ iModelId: IMODEL, displayName: "Site Survey", sourceFiles: [{ storageFileId: "import-file-a", connectorType: "MSTN" }] });
    const plain = await api.createStorageConnection({ iModelId: IMODEL, displayName: "Site Survey", sourceFiles: [{ storageFileId: "import-file-b", connectorType: "IFC" }] });
    await api.configurations.create("imodel", IMODEL, { clampZExtent: true });
    await api.configurations.create("connection", site.id, { ignoreDgnAttachments: true });
    await emulator.clearRequests();
    const file = await importFileForIModel(api, IMODEL);
    const calls = (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
    expect(file.resources).toEqual([
      { type: "itwin:index:IModel", name: "tower-north", id: IMODEL },
      { type: "itwin:index:IModelSyncConfiguration", name: "tower-north-settings", id: IMODEL },
      { type: "itwin:index:StorageConnection", name: "site-survey", id: site.id },
      { type: "itwin:index:ConnectionSyncConfiguration", name: "site-survey-settings", id: site.id },
      { type: "itwin:index:StorageConnection", name: "site-survey-2", id: plain.id },
    ]);
    // The iModel, the list, then each scope's configuration (sent together).
    const path = "/synchronization/configurations";
    expect(calls.slice(0, 2)).toEqual([`GET /imodels/${IMODEL}`, `GET /synchronization/imodels/storageconnections?imodelId=${IMODEL}&$top=1000`]);
    expect(calls.slice(2).sort()).toEqual([`GET ${path}/imodels/${IMODEL}`, `GET ${path}/connections/${site.id}`, `GET ${path}/connections/${plain.id}`].sort());
  });

  it("stops at an iModel that does not exist, with the API's answer", async () => {
    const missing = "33333333-4444-4555-8666-7777777777ff";
    await expect(importFileForIModel(api, missing)).rejects.toThrow(`Get iModel ${missing} failed: HTTP 404 iModelNotFound: Requested iModel is not available.`);
  });
});
