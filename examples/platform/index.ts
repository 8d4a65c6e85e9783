// The platform team's stack: one iModel per discipline, the iTwin Storage files each discipline publishes, and the
// reference data the platform team synchronizes itself. App teams read `iModels` and `files` through a
// StackReference (see examples/connections).
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection, type ConnectorType } from "itwin-sync-pulumi";
import { IModel } from "./imodel";

const config = new pulumi.Config();
const iTwinId = config.require("iTwinId");

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

export const referenceIModelId = reference.id;
export const referenceConnectionId = referenceData.id;
