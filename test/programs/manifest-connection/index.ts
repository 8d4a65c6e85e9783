// An IModel and a ManifestConnection into it through the dynamic classes, with the lookups read back through their
// Output forms (each takes an input that depends on the resources, so it runs once they exist).
import * as pulumi from "@pulumi/pulumi";
import { getConnectionsOutput, getIModelOutput, IModel, ManifestConnection } from "itwin-sync-pulumi";

const config = new pulumi.Config("test");
// Not protected here: the test destroys it; docs and examples declare it with protect: true.
const site = new IModel("site", { iTwinId: config.require("iTwinId"), name: config.require("iModelName") });
const drawings = new ManifestConnection("drawings", {
  iModelId: site.id,
  displayName: config.require("displayName"),
  sourceFiles: config.requireObject<string[]>("files").map((sourceFileId) => ({ sourceFileId })),
});

export const iModelId = site.id;
export const connectionId = drawings.id;
export const iTwinId = drawings.iTwinId;
export const sourceFiles = drawings.sourceFiles;
export const links = drawings.links;
export const lookedUpIModel = getIModelOutput({ iModelId: site.id }).name;
export const connections = getConnectionsOutput({ iModelId: drawings.iModelId }).connections;
