// Before docs/plugin.md's migration: two StorageConnections through the dynamic class, as a TypeScript user writes
// them. ../migration-yaml declares the same ones, under the same names, through the itwin plugin.
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection } from "itwin-sync-pulumi";

const iModelId = new pulumi.Config().require("iModelId");

const structure = new StorageConnection("structure", {
  iModelId,
  displayName: "Structure",
  sourceFiles: [{ storageFileId: "migrate-frame", connectorType: "MSTN" }],
  runOnChange: true,
  waitForRun: true,
});
const site = new StorageConnection("site", {
  iModelId,
  displayName: "Site",
  authenticationType: "Service",
  sourceFiles: [
    { storageFileId: "migrate-terrain", connectorType: "CIVIL3D" },
    { storageFileId: "migrate-survey", connectorType: "DWG" },
  ],
});

export const ids = { structure: structure.id, site: site.id };
