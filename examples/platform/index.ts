// The platform team's stack: one iModel per discipline, the iTwin Storage files each discipline publishes, and the
// reference data the platform team synchronizes itself with the settings its files need (synchronization
// configurations at iModel and connection scope, reviewed here instead of set by hand in the portal). App teams
// read `iModels` and `files` through a StackReference (see examples/connections).
import * as pulumi from "@pulumi/pulumi";
import { ConnectionSyncConfiguration, IModelSyncConfiguration, StorageConnection, type ConnectorType } from "itwin-sync-pulumi";
import { IModel } from "./imodel";

const config = new pulumi.Config();
/** The iTwin of every iModel here; exported for the app teams' stacks (examples/yaml makes its own iModel in it). */
export const iTwinId = config.require("iTwinId");

// Data, not resources: the files are uploaded to iTwin Storage by the design tools; these are the ids it gave them.
export const files: Record<string, Array<{ storageFileId: string; connectorType: ConnectorType }>> = {
  architecture: [
    { storageFileId: "arch-floor-plans", connectorType: "REVIT" },
    { storageFileId: "arch-facade", connectorType: "REVIT" },
  ],
  structure: [
    { storageFileId: "struct-frame", connectorType: "MSTN" },
    { storageFileId: "struct-foundations", connectorType: "PROSTRUCTURES" },
  ],
  mep: [
    { storageFileId: "mep-ducts", connectorType: "IFC" },
    { storageFileId: "mep-piping", connectorType: "AUTOPLANT" },
  ],
};

export const iModels = Object.fromEntries(
  Object.keys(files).map((discipline) => [discipline, new IModel(discipline, { iTwinId, name: `Tower ${discipline}` }).id]),
);

// On the first preview the reference iModel does not exist yet, so this connection is planned with an unknown
// iModelId: the provider's check lets unknown values through and validates the rest.
const reference = new IModel("reference", { iTwinId, name: "Tower reference data" });
const referenceData = new StorageConnection("reference-data", {
  iModelId: reference.id,
  displayName: "Grids and levels",
  sourceFiles: [{ storageFileId: "ref-grids-levels", connectorType: "DWG" }],
});

// How files are processed into the reference iModel: these settings are its whole configuration, so one changed or
// added by hand in the portal shows in `pulumi preview --refresh` and `pulumi up --refresh` puts it back.
const referenceSettings = new IModelSyncConfiguration("reference-settings", {
  iModelId: reference.id,
  clampZExtent: true, // the project's Z extent stops at 8,849 m: one stray element far above does not stretch it
});
// The grids and levels drawing's sheets, and only the master file (its attachments are the disciplines' models).
// After the iModel's settings, so that the resolved settings read at create include them.
const referenceDataSettings = new ConnectionSyncConfiguration(
  "reference-data-settings",
  { connectionId: referenceData.id, enableSheetsAndDrawings: true, ignoreDgnAttachments: true },
  { dependsOn: [referenceSettings] },
);

export const referenceIModelId = reference.id;
export const referenceConnectionId = referenceData.id;
/** What applies to the reference data's files: the defaults, overridden by the iModel's and the connection's settings. */
export const referenceDataResolvedSettings = referenceDataSettings.resolvedSettings;
