// The configurations' lifecycle called directly against the emulator: what each verb sends, the adoption rules at a
// 409 (adoptOnConflict; itwin:adoptOnConflict=exact only for an identical configuration), a POST whose answer is
// lost, unsetting by DELETE + POST, and what read makes of a configuration deleted by hand.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConfigurationsApi } from "../../provider/client/configurations-api";
import { unlessNotFound } from "../../provider/client/errors";
import { iModelSyncConfigurationModel } from "../../provider/imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "../../provider/itwin-sync-configuration/model";
import { SyncConfigurationLifecycle } from "../../provider/sync-configuration/lifecycle";
import type { ConfigurationOutputs } from "../../provider/sync-configuration/model";
import { configurationCalls } from "../harness/configurations";
import { TestEmulator } from "../harness/emulator";

let emulator: TestEmulator;
let configurations: ConfigurationsApi;
let seq = 0;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  configurations = emulator.client().configurations;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ dropAnswers: 0 }));

function itwins(options: { adoptIdenticalOnConflict?: boolean } = {}): SyncConfigurationLifecycle {
  const client = emulator.client({ sleep: async () => {} });
  return new SyncConfigurationLifecycle(iTwinSyncConfigurationModel, {
    client: () => client,
    runPollMs: 10,
    allowUnknownConnectorTypes: () => false,
    adoptIdenticalOnConflict: () => options.adoptIdenticalOnConflict ?? false,
  });
}

/** A new iTwin id: the emulator takes any GUID at iTwin scope. */
function newITwin(): string {
  return `aaaaaaaa-bbbb-4ccc-8ddd-${String(++seq).padStart(12, "0")}`;
}

const path = (id: string) => `/synchronization/configurations/itwins/${id}`;
const liveSettings = async (id: string) => (await unlessNotFound(configurations.get("itwin", id)))?.settings;

describe("create and read", () => {
  it("creates with one POST of the declared settings; read gives the same outputs and the settings as inputs", async () => {
    const iTwinId = newITwin();
    const lifecycle = itwins();
    let created!: { id: string; outputs: ConfigurationOutputs };
    expect(await configurationCalls(emulator, async () => (created = await lifecycle.create({ inputs: { iTwinId, uploadDgnRealityData: false } })))).toEqual([
      `POST ${path(iTwinId)}`,
    ]);
    expect(created).toEqual({
      id: iTwinId,
      outputs: {
        iTwinId,
        uploadDgnRealityData: false,
        settings: { uploadDgnRealityData: false },
        resolvedSettings: expect.objectContaining({ uploadDgnRealityData: false, convertDgnHyperModelingSections: true, squashIntermediateRevisions: false }),
      },
    });
    const read = await lifecycle.read({ id: iTwinId, state: created.outputs });
    expect(read).toEqual({ id: iTwinId, outputs: created.outputs, inputs: { iTwinId, uploadDgnRealityData: false } });
    // Import: the id alone.
    expect((await lifecycle.read({ id: iTwinId, state: {} }))?.inputs).toEqual({ iTwinId, uploadDgnRealityData: false });
  });

  it("read drops a configuration deleted by hand", async () => {
    const iTwinId = newITwin();
    const { outputs } = await itwins().create({ inputs: { iTwinId } });
    await configurations.delete("itwin", iTwinId);
    expect(await itwins().read({ id: iTwinId, state: outputs })).toBeUndefined();
  });

  it("takes the configuration a lost POST made, without a second POST", async () => {
    const iTwinId = newITwin();
    await emulator.faults({ dropAnswers: 1 });
    const calls = await configurationCalls(emulator, () => itwins().create({ inputs: { iTwinId, convertDgnTerrainModels: true } }));
    expect(calls).toEqual([`POST ${path(iTwinId)}`, `GET ${path(iTwinId)}`]);
    expect(await liveSettings(iTwinId)).toEqual({ convertDgnTerrainModels: true });
  });
});

describe("a configuration already there (409)", () => {
  it("is not taken over by default: the error shows what it sets and the way out, and nothing changes", async () => {
    const iTwinId = newITwin();
    await configurations.create("itwin", iTwinId, { skipRvtReprojection: true });
    const error = await itwins().create({ inputs: { iTwinId, uploadDgnRealityData: false } }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Create iTwin configuration ${iTwinId} failed: HTTP 409 ConfigurationAlreadyExists: A configuration already exists for this scope. ` +
        '(the iTwin already has a configuration, which sets {"skipRvtReprojection":true}). Fix: To manage it from this program ' +
        "(it is then set to the declared settings), set adoptOnConflict: true; or record it as it is with " +
        `\`pulumi import itwin:index:ITwinSyncConfiguration <name> ${iTwinId}\` (the itwin plugin).`,
    );
    expect(await liveSettings(iTwinId)).toEqual({ skipRvtReprojection: true });
  });

  it("with itwin:adoptOnConflict=exact, is taken over only when it sets exactly the declared settings", async () => {
    const identical = newITwin();
    await configurations.create("itwin", identical, { uploadDgnRealityData: false });
    const calls = await configurationCalls(emulator, () =>
      itwins({ adoptIdenticalOnConflict: true }).create({ inputs: { iTwinId: identical, uploadDgnRealityData: false } }),
    );
    expect(calls).toEqual([`POST ${path(identical)}`, `GET ${path(identical)}`]);

    const different = newITwin();
    await configurations.create("itwin", different, { uploadDgnRealityData: false, skipRvtReprojection: false });
    const error = await itwins({ adoptIdenticalOnConflict: true })
      .create({ inputs: { iTwinId: different, uploadDgnRealityData: false } })
      .catch((e: Error) => e);
    expect((error as Error).message).toContain("set adoptOnConflict: true");
    expect(await liveSettings(different)).toEqual({ uploadDgnRealityData: false, skipRvtReprojection: false });
  });

  it("names the recovery command when the holder is identical and exact adoption is off", async () => {
    const iTwinId = newITwin();
    await configurations.create("itwin", iTwinId, {});
    const error = await itwins().create({ inputs: { iTwinId } }).catch((e: Error) => e);
    expect((error as Error).message).toContain(
      "which sets no setting). Fix: It sets exactly the declared settings: most likely an earlier `pulumi up` created it and was " +
        "interrupted before recording it. To take it over, run: ITWIN_ADOPT_ON_CONFLICT=exact pulumi up (or set adoptOnConflict: true).",
    );
  });

  it("with adoptOnConflict, is taken over and set to the declared settings: a PATCH, or DELETE + POST to unset", async () => {
    const patched = newITwin();
    await configurations.create("itwin", patched, { uploadDgnRealityData: true });
    const calls = await configurationCalls(emulator, () =>
      itwins().create({ inputs: { iTwinId: patched, uploadDgnRealityData: false, adoptOnConflict: true } }),
    );
    expect(calls).toEqual([`POST ${path(patched)}`, `GET ${path(patched)}`, `PATCH ${path(patched)}`]);
    expect(await liveSettings(patched)).toEqual({ uploadDgnRealityData: false });

    const recreated = newITwin();
    await configurations.create("itwin", recreated, { uploadDgnRealityData: true, squashIntermediateRevisions: true });
    const { outputs } = await itwins().create({ inputs: { iTwinId: recreated, uploadDgnRealityData: true, adoptOnConflict: true } });
    expect(outputs).toMatchObject({ settings: { uploadDgnRealityData: true }, adoptOnConflict: true });
    expect(await liveSettings(recreated)).toEqual({ uploadDgnRealityData: true });
  });
});

describe("update and delete", () => {
  it("PATCHes only the settings that differ; nothing when nothing does", async () => {
    const iTwinId = newITwin();
    const { outputs } = await itwins().create({ inputs: { iTwinId, uploadDgnRealityData: false, convertDgnTerrainModels: true } });
    const news = { iTwinId, uploadDgnRealityData: false, convertDgnTerrainModels: false, skipRvtReprojection: true };
    await emulator.clearRequests();
    const { outputs: updated } = await itwins().update({ id: iTwinId, olds: outputs, news });
    const requests = (await emulator.requests()).map((r) => ({ call: `${r.method} ${r.path}`, body: r.body }));
    expect(requests).toEqual([{ call: `PATCH ${path(iTwinId)}`, body: { convertDgnTerrainModels: false, skipRvtReprojection: true } }]);
    expect(updated.settings).toEqual({ uploadDgnRealityData: false, convertDgnTerrainModels: false, skipRvtReprojection: true });
    expect(await configurationCalls(emulator, () => itwins().update({ id: iTwinId, olds: updated, news }))).toEqual([]);
  });

  it("unsets by DELETE + POST; when the POST fails, says the configuration is gone and how to get it back", async () => {
    const iTwinId = newITwin();
    const { outputs } = await itwins().create({ inputs: { iTwinId, uploadDgnRealityData: false, squashIntermediateRevisions: true } });
    const calls = await configurationCalls(emulator, () => itwins().update({ id: iTwinId, olds: outputs, news: { iTwinId, uploadDgnRealityData: false } }));
    expect(calls).toEqual([`DELETE ${path(iTwinId)}`, `POST ${path(iTwinId)}`]);
    expect(await liveSettings(iTwinId)).toEqual({ uploadDgnRealityData: false });

    // A 422 the API gives the re-create (a value check would refuse before any call; the olds here are forged).
    const forged = { ...outputs, settings: { uploadDgnRealityData: false, squashIntermediateRevisions: true } };
    const error = await itwins()
      .update({ id: iTwinId, olds: forged, news: { iTwinId, uploadDgnRealityData: "no" as unknown as boolean } })
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^ITwinSyncConfiguration ${iTwinId} was deleted to unset squashIntermediateRevisions \\(the API cannot unset a setting\\), ` +
          "and creating it again with the declared settings failed: .*422.* Until then the iTwin has the defaults\\. " +
          "Fix: run `pulumi up --refresh`: it finds the configuration gone and creates it\\.$",
      ),
    );
    expect(await liveSettings(iTwinId)).toBeUndefined();
  });

  it("fails an update of a configuration deleted by hand with the way out; delete takes a 404 as done", async () => {
    const iTwinId = newITwin();
    const { outputs } = await itwins().create({ inputs: { iTwinId, uploadDgnRealityData: false } });
    await configurations.delete("itwin", iTwinId);
    const error = await itwins().update({ id: iTwinId, olds: outputs, news: { iTwinId, uploadDgnRealityData: true } }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `ITwinSyncConfiguration ${iTwinId} no longer exists: it was deleted outside Pulumi since the last refresh. Run \`pulumi up --refresh\` ` +
        "(or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
    );
    expect(await configurationCalls(emulator, () => itwins().delete({ id: iTwinId, olds: outputs }))).toEqual([`DELETE ${path(iTwinId)}`]);
  });
});

describe("the iModel scope", () => {
  it("creates for a known iModel and answers resolvedSettings with the iTwin scope's defaults", async () => {
    const iModelId = "7dbd531d-6967-47b2-8945-a722a437ad7a";
    const client = emulator.client();
    const lifecycle = new SyncConfigurationLifecycle(iModelSyncConfigurationModel, {
      client: () => client,
      runPollMs: 10,
      allowUnknownConnectorTypes: () => false,
      adoptIdenticalOnConflict: () => false,
    });
    const { outputs } = await lifecycle.create({ inputs: { iModelId, overrideRvtReprojectionDistance: 250 } });
    expect(outputs.resolvedSettings).toMatchObject({ uploadDgnRealityData: true, clampZExtent: false, overrideRvtReprojectionDistance: 250 });
    await lifecycle.delete({ id: iModelId, olds: outputs });
  });
});
