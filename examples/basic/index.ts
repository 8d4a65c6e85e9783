// The smallest useful stack: one iTwin Storage file synchronized into one iModel. The provider reads the API's URL
// and credentials from the stack's config (itwin:baseUrl, itwin:accessToken), so the program names only its data.
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection } from "itwin-sync-pulumi";

const config = new pulumi.Config();

const connection = new StorageConnection("site-plan", {
  iModelId: config.require("iModelId"),
  sourceFiles: [{ storageFileId: config.require("storageFileId"), connectorType: "DWG" }],
  // Synchronize once the connection exists, and let `pulumi up` report how that run ended.
  runOnChange: true,
  waitForRun: true,
});

export const connectionId = connection.id;
export const lastRunState = connection.lastRun.apply((run) => run?.state);
export const lastRunResult = connection.lastRun.apply((run) => run?.result);
