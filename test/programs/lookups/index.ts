// Every lookup in both forms: getX (a Promise) and getXOutput (an Output fed by another resource's output).
import * as pulumi from "@pulumi/pulumi";
import {
  getAuthorizationInformation,
  getAuthorizationInformationOutput,
  getManifestConnection,
  getManifestConnectionOutput,
  getManifestConnectionRun,
  getManifestConnectionRunOutput,
  getManifestConnectionSourceFiles,
  getManifestConnectionSourceFilesOutput,
  getStorageConnection,
  getStorageConnectionOutput,
  getStorageConnectionRun,
  getStorageConnectionRunOutput,
  StorageConnection,
} from "itwin-sync-pulumi";

const config = new pulumi.Config("test");
const manifestId = config.require("manifestConnectionId");
const runId = config.require("manifestRunId");

export const manifest = getManifestConnection({ connectionId: manifestId });
export const manifestFiles = getManifestConnectionSourceFiles({ connectionId: manifestId });
export const manifestRun = getManifestConnectionRun({ connectionId: manifestId, runId });
export const manifestViaOutput = getManifestConnectionOutput({ connectionId: pulumi.output(manifestId) }).displayName;
export const manifestFileCountViaOutput = getManifestConnectionSourceFilesOutput({ connectionId: manifestId }).sourceFiles.length;
export const manifestRunResultViaOutput = getManifestConnectionRunOutput({ connectionId: manifestId, runId }).result;

// The configured token's user and the consent `User` connections need.
export const authorization = getAuthorizationInformation({ redirectUrl: "https://app.example.com/consented" });
export const authorizationUrlViaOutput = getAuthorizationInformationOutput({
  redirectUrl: pulumi.output("https://app.example.com/consented"),
}).authorizationUrl;

// A connection made here, looked up through its id output, and its first run.
const made = new StorageConnection("made", {
  iModelId: config.require("iModelId"),
  displayName: "Looked up",
  sourceFiles: [{ storageFileId: "lookup-file", connectorType: "IFC" }],
  runOnChange: true,
  waitForRun: true,
});
export const storage = getStorageConnectionOutput({ connectionId: made.id });
export const storageRun = pulumi
  .all([made.id, made.lastRun])
  .apply(([connectionId, run]) => getStorageConnectionRun({ connectionId, runId: run!.id }));
export const storageRunViaOutput = getStorageConnectionRunOutput({
  connectionId: made.id,
  runId: made.lastRun.apply((r) => r!.id),
}).state;
export const storageViaPromise = made.id.apply((connectionId) => getStorageConnection({ connectionId }).then((c) => c.displayName));
