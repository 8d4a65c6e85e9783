// itwin-import-imodel's list against the emulator: the iModel's configuration, each connection named from its
// displayName and followed by its configuration, only where one exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { importFileForIModel } from "../../provider/plugin/import-file";
import { configurationCalls } from "../harness/configurations";
import { TestEmulator } from "../harness/emulator";

const IMODEL = "33333333-4444-4555-8666-777777777731";

let emulator: TestEmulator;
let api: SyncClient;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
});
afterAll(() => emulator.close());

describe("importFileForIModel", () => {
  it("lists the iModel's configuration, then each connection and its configuration where there is one", async () => {
    const site = await api.createStorageConnection({ iModelId: IMODEL, displayName: "Site Survey", sourceFiles: [{ storageFileId: "import-file-a", connectorType: "MSTN" }] });
    const plain = await api.createStorageConnection({ iModelId: IMODEL, displayName: "Site Survey", sourceFiles: [{ storageFileId: "import-file-b", connectorType: "IFC" }] });
    await api.configurations.create("imodel", IMODEL, { clampZExtent: true });
    await api.configurations.create("connection", site.id, { ignoreDgnAttachments: true });
    let file!: Awaited<ReturnType<typeof importFileForIModel>>;
    const calls = await configurationCalls(emulator, async () => (file = await importFileForIModel(api, IMODEL)));
    expect(file.resources).toEqual([
      { type: "itwin:index:IModelSyncConfiguration", name: "imodel-settings", id: IMODEL },
      { type: "itwin:index:StorageConnection", name: "site-survey", id: site.id },
      { type: "itwin:index:ConnectionSyncConfiguration", name: "site-survey-settings", id: site.id },
      { type: "itwin:index:StorageConnection", name: "site-survey-2", id: plain.id },
    ]);
    const path = "/synchronization/configurations";
    expect(calls).toEqual([`GET ${path}/imodels/${IMODEL}`, `GET ${path}/connections/${site.id}`, `GET ${path}/connections/${plain.id}`]);
  });
});
