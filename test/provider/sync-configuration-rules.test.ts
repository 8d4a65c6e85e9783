// The configurations' rules that need no API: check (scope id, setting types, settings of another scope), diff (what
// replaces, what updates, drift added by hand) and the update plan (PATCH what differs; unset needs DELETE + POST).
import { describe, expect, it } from "vitest";
import { connectionSyncConfigurationModel } from "../../provider/connection-sync-configuration/model";
import type { Context } from "../../provider/core/verbs";
import { iModelSyncConfigurationModel } from "../../provider/imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "../../provider/itwin-sync-configuration/model";
import { RESOURCES } from "../../provider/resources";
import { UNKNOWN } from "../../provider/storage-connection/check";
import { SyncConfigurationLifecycle } from "../../provider/sync-configuration/lifecycle";
import type { AnySyncConfigurationModel, ConfigurationOutputs } from "../../provider/sync-configuration/model";
import { planSettings, sameSettings } from "../../provider/sync-configuration/settings";

const ITWIN = "7dbd531d-6967-47b2-8945-a722a437ad7a";
const IMODEL = "5e3f4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b";

/** A lifecycle whose client must never be asked for: these verbs make no call. */
function lifecycle(model: AnySyncConfigurationModel): SyncConfigurationLifecycle {
  const context: Context = {
    client: () => {
      throw new Error("no API call expected");
    },
    runPollMs: 10,
    allowUnknownConnectorTypes: () => false,
    adoptIdenticalOnConflict: () => false,
  };
  return new SyncConfigurationLifecycle(model, context);
}

async function failures(model: AnySyncConfigurationModel, news: Record<string, unknown>): Promise<Array<[string, string]>> {
  return (await lifecycle(model).check({ olds: {}, news })).failures.map((f) => [f.property, f.reason]);
}

function outputs(id: Record<string, string>, settings: Record<string, boolean | number>): ConfigurationOutputs {
  return { ...id, ...settings, settings, resolvedSettings: {} };
}

describe("the three resources", () => {
  it("are registered under their type tokens, each with its scope id input replacing", () => {
    const byToken = new Map(RESOURCES.map((r) => [r.model.token, r.model]));
    expect(byToken.get("itwin:index:ITwinSyncConfiguration")).toBe(iTwinSyncConfigurationModel);
    expect(byToken.get("itwin:index:IModelSyncConfiguration")).toBe(iModelSyncConfigurationModel);
    expect(byToken.get("itwin:index:ConnectionSyncConfiguration")).toBe(connectionSyncConfigurationModel);
    expect(iTwinSyncConfigurationModel.inputs.iTwinId.replaces).toBe(true);
    expect(iModelSyncConfigurationModel.inputs.iModelId.replaces).toBe(true);
    expect(connectionSyncConfigurationModel.inputs.connectionId.replaces).toBe(true);
  });

  it("offer each documented setting of their scope as an optional typed input with the page's default in its description", () => {
    const { inputs } = iModelSyncConfigurationModel;
    expect(inputs.overrideRvtReprojectionDistance).toMatchObject({ type: "integer", optional: true });
    expect(inputs.overrideRvtReprojectionDistance.description).toContain("The default value is 0.");
    expect(iTwinSyncConfigurationModel.inputs.uploadDgnRealityData.description).toContain("The default value is true.");
    expect(Object.keys(connectionSyncConfigurationModel.inputs)).toEqual([
      "connectionId",
      "reclassifyDgnElements",
      "ignoreDgnAttachments",
      "enableSheetsAndDrawings",
      "enableC3dGraphsIn2dModel",
      "enableSheetIndex",
      "filterBySheetIndex",
      "adoptOnConflict",
    ]);
    // No setting has a model default: check must not fill one in (an undeclared setting stays unset).
    for (const { model } of RESOURCES.filter((r) => r.model.token.endsWith("SyncConfiguration"))) {
      expect(Object.values(model.inputs).filter((f) => f.default !== undefined)).toEqual([]);
    }
  });
});

describe("check", () => {
  it("passes a valid declaration as declared, filling in nothing", async () => {
    const news = { iTwinId: ITWIN, uploadDgnRealityData: false };
    const result = await lifecycle(iTwinSyncConfigurationModel).check({ olds: {}, news });
    expect(result).toEqual({ inputs: news, failures: [] });
  });

  it("names the scope id and the fix when it is missing or malformed", async () => {
    expect(await failures(iModelSyncConfigurationModel, { clampZExtent: true })).toEqual([
      ["iModelId", expect.stringMatching(/^iModelId: required: the iModel whose configuration this is; got nothing\. Fix: set it to the iModel's GUID, e\.g\. /)],
    ]);
    expect(await failures(iTwinSyncConfigurationModel, { iTwinId: "my-itwin" })).toEqual([
      ["iTwinId", expect.stringContaining('got "my-itwin". Fix: set it to the iTwin\'s GUID')],
    ]);
    expect(await failures(connectionSyncConfigurationModel, { connectionId: "a/b" })).toEqual([
      ["connectionId", expect.stringContaining("Fix: set it to the connection's id")],
    ]);
    expect(await failures(connectionSyncConfigurationModel, { connectionId: "lggkjEZmT0-NOd2XwpnXYdk9YzROk-1Jr77FJx5z754" })).toEqual([]);
  });

  it("refuses a setting of the wrong type with the API's 422 rule and a fix", async () => {
    expect(await failures(iTwinSyncConfigurationModel, { iTwinId: ITWIN, uploadDgnRealityData: "false" })).toEqual([
      ["uploadDgnRealityData", "uploadDgnRealityData: uploadDgnRealityData must be true or false. Fix: write uploadDgnRealityData: true or uploadDgnRealityData: false (a boolean, no quotes)."],
    ]);
    expect(await failures(iModelSyncConfigurationModel, { iModelId: IMODEL, overrideRvtReprojectionDistance: 2.5 })).toEqual([
      [
        "overrideRvtReprojectionDistance",
        "overrideRvtReprojectionDistance: overrideRvtReprojectionDistance must be a whole number of 0 or more. Fix: write a whole number, e.g. overrideRvtReprojectionDistance: 0 (the API's default).",
      ],
    ]);
  });

  it("says which resource a setting of another scope belongs on", async () => {
    expect(await failures(iTwinSyncConfigurationModel, { iTwinId: ITWIN, clampZExtent: true, enableSheetIndex: true })).toEqual([
      ["clampZExtent", "clampZExtent: not a setting of the iTwin scope, but of the iModel scope. Fix: move it to the iModel's IModelSyncConfiguration."],
      ["enableSheetIndex", "enableSheetIndex: not a setting of the iTwin scope, but of the connection scope. Fix: move it to the connection's ConnectionSyncConfiguration."],
    ]);
  });

  it("type-checks adoptOnConflict, and takes values not known yet (preview) as they come", async () => {
    expect(await failures(iTwinSyncConfigurationModel, { iTwinId: ITWIN, adoptOnConflict: "false" })).toEqual([
      ["adoptOnConflict", 'adoptOnConflict: must be true or false, got "false". Fix: write adoptOnConflict: false (a boolean, no quotes).'],
    ]);
    expect(await failures(iTwinSyncConfigurationModel, { iTwinId: UNKNOWN, convertDgnTerrainModels: UNKNOWN })).toEqual([]);
  });
});

describe("diff", () => {
  const imodel = lifecycle(iModelSyncConfigurationModel);
  const olds = outputs({ iModelId: IMODEL }, { clampZExtent: true });

  it("finds nothing when the configuration sets exactly the declared settings", () => {
    expect(imodel.diff({ id: IMODEL, olds, news: { iModelId: IMODEL, clampZExtent: true } })).toEqual({
      replaces: [],
      updates: [],
      stables: ["iModelId"],
    });
  });

  it("updates a setting changed by hand, one added by hand (not declared) and one newly declared", () => {
    const drifted = outputs({ iModelId: IMODEL }, { clampZExtent: false, ignoreIfcGlobalIds: true });
    const news = { iModelId: IMODEL, clampZExtent: true, overrideRvtReprojectionDistance: 50 };
    expect(imodel.diff({ id: IMODEL, olds: drifted, news }).updates).toEqual(["clampZExtent", "overrideRvtReprojectionDistance", "ignoreIfcGlobalIds"]);
  });

  it("replaces when the scope id changes or is not known yet; the provider-only input never drifts", () => {
    const other = "6e3f4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
    expect(imodel.diff({ id: IMODEL, olds, news: { iModelId: other, clampZExtent: true } })).toEqual({ replaces: ["iModelId"], updates: [], stables: [] });
    expect(imodel.diff({ id: IMODEL, olds, news: { iModelId: UNKNOWN, clampZExtent: true } }).replaces).toEqual(["iModelId"]);
    expect(imodel.diff({ id: IMODEL, olds, news: { iModelId: IMODEL, clampZExtent: true, adoptOnConflict: true } }).updates).toEqual([]);
    expect(imodel.diff({ id: IMODEL, olds, news: { iModelId: IMODEL, clampZExtent: UNKNOWN } }).updates).toEqual(["clampZExtent"]);
  });
});

describe("the update plan", () => {
  it("sets only what differs, and lists what must be unset", () => {
    expect(planSettings({ a: true, b: false }, { a: true, b: true, c: 3 })).toEqual({ set: { b: true, c: 3 }, unset: [] });
    expect(planSettings({ a: true, b: false }, { a: true })).toEqual({ set: {}, unset: ["b"] });
    // A declared default is a value like any other: set, not left out.
    expect(planSettings({}, { a: false })).toEqual({ set: { a: false }, unset: [] });
  });

  it("compares settings exactly: a setting left out is not the same as its default", () => {
    expect(sameSettings({ a: true }, { a: true })).toBe(true);
    expect(sameSettings({ a: false }, {})).toBe(false);
    expect(sameSettings({ a: 0 }, { a: false })).toBe(false);
  });
});

describe("preview", () => {
  it("shows the declared settings, and what applies as not known until the API answers", async () => {
    const { id, outputs: previewed } = await lifecycle(iTwinSyncConfigurationModel).create({
      inputs: { iTwinId: ITWIN, uploadDgnRealityData: false },
      preview: true,
    });
    expect(id).toBe("");
    expect(previewed).toEqual({
      iTwinId: ITWIN,
      uploadDgnRealityData: false,
      settings: { uploadDgnRealityData: false },
      resolvedSettings: UNKNOWN,
    });
  });

  it("keeps resolvedSettings on an update that changes nothing the API holds", async () => {
    const olds = { ...outputs({ iTwinId: ITWIN }, { uploadDgnRealityData: false }), resolvedSettings: { uploadDgnRealityData: false } };
    const { outputs: same } = await lifecycle(iTwinSyncConfigurationModel).update({
      id: ITWIN,
      olds,
      news: { iTwinId: ITWIN, uploadDgnRealityData: false, adoptOnConflict: true },
      preview: true,
    });
    expect(same.resolvedSettings).toEqual({ uploadDgnRealityData: false });
    const { outputs: changed } = await lifecycle(iTwinSyncConfigurationModel).update({
      id: ITWIN,
      olds,
      news: { iTwinId: ITWIN, uploadDgnRealityData: true },
      preview: true,
    });
    expect(changed).toMatchObject({ settings: { uploadDgnRealityData: true }, resolvedSettings: UNKNOWN });
  });
});
