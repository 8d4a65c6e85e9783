// check and diff: pure functions, so every rule is tested directly.
import { describe, expect, it } from "vitest";
import { checkInputs, UNKNOWN } from "../../provider/storage-connection/check";
import { diffStorageConnection, planSourceFiles } from "../../provider/storage-connection/diff";
import type { StorageConnectionOutputs } from "../../provider/storage-connection/model";

const IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";
const valid = {
  iModelId: IMODEL,
  sourceFiles: [{ storageFileId: "t5bDFuN4qUa9ojVw1E5FGtldp8BgSbNCiJ2XMdiT-cA", connectorType: "MSTN" }],
};

function reasons(news: Record<string, unknown>): string[] {
  return checkInputs(news).failures.map((f) => `${f.property} | ${f.reason}`);
}

describe("check", () => {
  it("type-checks the provider's own inputs: a string \"false\" is not false, -1 is not a timeout", () => {
    expect(reasons({ ...valid, runOnChange: "false" })).toEqual([
      'runOnChange | runOnChange: must be true or false, got the string "false". Fix: write runOnChange: false ' +
        "(a boolean, no quotes); a value from config needs config.getBoolean / requireBoolean.",
    ]);
    expect(reasons({ ...valid, runOnChange: true, waitForRun: "true" })).toEqual([
      expect.stringMatching(/^waitForRun \| waitForRun: must be true or false, got the string "true"\. Fix: write waitForRun: true /),
    ]);
    expect(reasons({ ...valid, adoptOnConflict: 1 })).toEqual([
      expect.stringMatching(/^adoptOnConflict \| adoptOnConflict: must be true or false, got 1 \(number\)\. Fix: /),
    ]);
    expect(reasons({ ...valid, runTimeoutSeconds: -1 })).toEqual([
      "runTimeoutSeconds | runTimeoutSeconds: must be a positive number of seconds, got -1 (number). " +
        "Fix: set the longest wait for a run in seconds, e.g. runTimeoutSeconds: 600 (the default when left out).",
    ]);
    expect(reasons({ ...valid, waitForRun: true })).toEqual([
      "waitForRun | waitForRun: only applies with runOnChange: true. Fix: set runOnChange: true as well, or leave waitForRun out.",
    ]);
    expect(reasons({ ...valid, runOnChange: UNKNOWN, waitForRun: UNKNOWN, runTimeoutSeconds: UNKNOWN })).toEqual([]);
  });

  it("accepts valid inputs and defaults authenticationType to User", () => {
    const { inputs, failures } = checkInputs(valid);
    expect(failures).toEqual([]);
    expect(inputs.authenticationType).toBe("User");
  });

  it("fills every default of the model in once, so no later step applies one", () => {
    expect(checkInputs(valid).inputs).toEqual({ ...valid, authenticationType: "User", runTimeoutSeconds: 600 });
    expect(checkInputs({ ...valid, authenticationType: "Service", runTimeoutSeconds: 5 }).inputs).toMatchObject({ authenticationType: "Service", runTimeoutSeconds: 5 });
  });

  it("names the property and the fix for each documented 422 rule", () => {
    expect(reasons({ ...valid, iModelId: "not-a-guid" })).toEqual([
      expect.stringMatching(/^iModelId \| iModelId: Provided imodelId value is not valid\. Fix: set it to the iModel's GUID/),
    ]);
    expect(reasons({ sourceFiles: valid.sourceFiles })).toEqual([
      expect.stringMatching(/^iModelId \| iModelId: imodelId was not provided\./),
    ]);
    expect(reasons({ iModelId: IMODEL })).toEqual([
      expect.stringMatching(/^sourceFiles \| .*A property required to create or update a connection is missing\. Fix: declare at least one/),
    ]);
    expect(reasons({ iModelId: IMODEL, sourceFiles: [] })).toEqual([
      expect.stringMatching(/^sourceFiles \| .*At least one input file must be included/),
    ]);
    const badType = reasons({ iModelId: IMODEL, sourceFiles: [valid.sourceFiles[0], { storageFileId: "b", connectorType: "PDF" }] });
    expect(badType).toEqual([expect.stringMatching(/^sourceFiles\[1\]\.connectorType \| .*"PDF" is not a known connector type\. Fix: did you mean ".*"\? Known: AUTOPLANT, .*SPXREVIEW/)]);
    expect(reasons({ iModelId: IMODEL, sourceFiles: [{ storageFileId: "", connectorType: "DWG" }] })).toEqual([
      expect.stringMatching(/^sourceFiles\[0\]\.storageFileId \| .*missing\. Fix: use the iTwin Storage file id/),
    ]);
    expect(reasons({ iModelId: IMODEL, sourceFiles: [{ storageFileId: "a b", connectorType: "DWG" }] })).toEqual([
      expect.stringMatching(/^sourceFiles\[0\]\.storageFileId \| .*Provided storageFileId value is not valid/),
    ]);
    expect(reasons({ ...valid, authenticationType: "Robot" })).toEqual([
      expect.stringMatching(/^authenticationType \| .*Fix: use "User" or "Service"/),
    ]);
  });

  it("knows the connector types of the 422 message and of Bentley's clients, and suggests the closest for a typo", () => {
    for (const connectorType of ["AVEVADIAGRAMS", "AVEVAPID", "SHELLEDWCSV", "DACQJSON", "SPXREVIEW"]) {
      expect(reasons({ ...valid, sourceFiles: [{ storageFileId: "f", connectorType }] })).toEqual([]);
    }
    const typo = reasons({ ...valid, sourceFiles: [{ storageFileId: "f", connectorType: "MSTM" }] });
    expect(typo).toEqual([
      'sourceFiles[0].connectorType | sourceFiles[0].connectorType: "MSTM" is not a known connector type. ' +
        'Fix: did you mean "MSTN"? Known: AUTOPLANT, AVEVADIAGRAMS, AVEVAPID, CIVIL, CIVIL3D, DACQJSON, DWG, GEOSPATIAL, ' +
        "IFC, INTELLIPID, MSTN, NWD, OBD, OPENTOWER, PROSTRUCTURES, PSEXCEL, REVIT, SHELLEDWCSV, SPPID, SPXREVIEW. " +
        "For a connector newer than this package, set itwin:allowUnknownConnectorTypes (or " +
        "ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES) to true.",
    ]);
    expect(reasons({ ...valid, sourceFiles: [{ storageFileId: "f", connectorType: "aveva-pid" }] })[0]).toContain('did you mean "AVEVAPID"?');
    expect(reasons({ ...valid, sourceFiles: [{ storageFileId: "f", connectorType: "Revitt" }] })[0]).toContain('did you mean "REVIT"?');
  });

  it("passes unknown connector types through with allowUnknownConnectorTypes, keeping every other rule", () => {
    const future = { ...valid, sourceFiles: [{ storageFileId: "f", connectorType: "NEWCONNECTOR2027" }] };
    expect(checkInputs(future, { allowUnknownConnectorTypes: true }).failures).toEqual([]);
    expect(checkInputs({ ...future, iModelId: "x" }, { allowUnknownConnectorTypes: true }).failures.map((f) => f.property)).toEqual(["iModelId"]);
    expect(checkInputs({ ...valid, sourceFiles: [{ storageFileId: "f", connectorType: "" }] }, { allowUnknownConnectorTypes: true }).failures.map((f) => f.property)).toEqual([
      "sourceFiles[0].connectorType",
    ]);
  });

  it("rejects a storage file listed twice, naming both places", () => {
    const file = valid.sourceFiles[0];
    expect(reasons({ iModelId: IMODEL, sourceFiles: [file, { ...file, connectorType: "DWG" }] })).toEqual([
      expect.stringMatching(/^sourceFiles\[1\]\.storageFileId \| .*already listed at sourceFiles\[0\].*Fix: remove the duplicate/),
    ]);
  });

  it("does not fail on values that are unknown during preview", () => {
    expect(reasons({ iModelId: UNKNOWN, sourceFiles: UNKNOWN })).toEqual([]);
    expect(reasons({ iModelId: IMODEL, displayName: UNKNOWN, sourceFiles: [{ storageFileId: UNKNOWN, connectorType: "DWG" }, UNKNOWN] })).toEqual([]);
  });

  it("checks the run options", () => {
    expect(reasons({ ...valid, waitForRun: true })).toEqual([expect.stringMatching(/^waitForRun \| .*runOnChange/)]);
    expect(reasons({ ...valid, runOnChange: true, waitForRun: true, runTimeoutSeconds: 0 })).toEqual([
      expect.stringMatching(/^runTimeoutSeconds \| /),
    ]);
  });
});

const olds: StorageConnectionOutputs = {
  iModelId: IMODEL,
  displayName: "Structure",
  authenticationType: "User",
  iTwinId: "5fb9aa98-9874-4697-b942-d19728840f19",
  sourceFiles: [
    { id: "1", storageFileId: "a", connectorType: "MSTN" },
    { id: "2", storageFileId: "b", connectorType: "REVIT" },
  ],
  links: { iModel: "x", iTwin: "y" },
};
const same = {
  iModelId: IMODEL,
  displayName: "Structure",
  sourceFiles: [
    { storageFileId: "b", connectorType: "REVIT" },
    { storageFileId: "a", connectorType: "MSTN" },
  ],
};

/** The diff of `news` after check, as the engine gets it. */
function diff(news: Record<string, unknown>) {
  const { replaces, updates, stables } = diffStorageConnection(olds, checkInputs(news).inputs);
  return { changes: replaces.length + updates.length > 0, replaces, updates, stables };
}

describe("diff", () => {
  it("sees no change when only the order of the files differs", () => {
    expect(diff(same)).toMatchObject({ changes: false, replaces: [] });
  });

  it("replaces on a new iModelId, or one not known yet", () => {
    expect(diff({ ...same, iModelId: "11111111-1111-1111-1111-111111111111" })).toMatchObject({ changes: true, replaces: ["iModelId"] });
    expect(diff({ ...same, iModelId: UNKNOWN })).toMatchObject({ replaces: ["iModelId"] });
  });

  it("updates displayName, authenticationType and files in place", () => {
    expect(diff({ ...same, displayName: "Renamed" })).toMatchObject({ changes: true, replaces: [] });
    expect(diff({ ...same, authenticationType: "Service" })).toMatchObject({ changes: true, replaces: [] });
    expect(diff({ ...same, sourceFiles: [same.sourceFiles[0]] })).toMatchObject({ changes: true, replaces: [] });
    expect(diff({ ...same, sourceFiles: [{ storageFileId: "a", connectorType: "DWG" }, same.sourceFiles[0]] })).toMatchObject({ changes: true });
  });

  it("leaves an undeclared displayName as the API has it", () => {
    const { displayName: _, ...undeclared } = same;
    expect(diff(undeclared)).toMatchObject({ changes: false });
  });
});

describe("planSourceFiles", () => {
  it("adds, re-types, removes and keeps by storageFileId", () => {
    const plan = planSourceFiles(olds.sourceFiles, [
      { storageFileId: "a", connectorType: "MSTN" },
      { storageFileId: "b", connectorType: "IFC" },
      { storageFileId: "c", connectorType: "DWG" },
    ]);
    expect(plan.keep.map((f) => f.id)).toEqual(["1"]);
    expect(plan.retype).toEqual([{ current: olds.sourceFiles[1], connectorType: "IFC" }]);
    expect(plan.add).toEqual([{ storageFileId: "c", connectorType: "DWG" }]);
    expect(plan.remove).toEqual([]);
    expect(planSourceFiles(olds.sourceFiles, [{ storageFileId: "b", connectorType: "REVIT" }]).remove).toEqual([olds.sourceFiles[0]]);
  });
});
