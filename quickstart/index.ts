// Quick start: one StorageConnection per discipline of a building model, each with its files and connector types.
// The model is data (model.json); config picks the iModel and whether every change starts a synchronization run.
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StorageConnection, type SourceFileInput } from "itwin-sync-pulumi";

interface Model {
  project: string;
  iModelId: string;
  disciplines: Record<string, { displayName: string; sourceFiles: SourceFileInput[] }>;
}

const model: Model = JSON.parse(readFileSync(join(__dirname, "model.json"), "utf8"));
const config = new pulumi.Config("quickstart");
const iModelId = config.get("iModelId") ?? model.iModelId;
// Runs are on by default, so that `pulumi up` shows each discipline's synchronization result.
const runs = config.getBoolean("runOnChange") ?? true;

const connections = Object.entries(model.disciplines).map(
  ([discipline, { displayName, sourceFiles }]) =>
    [
      discipline,
      new StorageConnection(discipline, {
        iModelId,
        displayName,
        sourceFiles,
        authenticationType: config.get("authenticationType") === "Service" ? "Service" : "User",
        runOnChange: runs,
        waitForRun: runs,
      }),
    ] as const,
);

export const project = model.project;
export const iModel = iModelId;
export const connectionIds = Object.fromEntries(connections.map(([d, c]) => [d, c.id]));
export const lastRuns = Object.fromEntries(
  connections.map(([d, c]) => [d, c.lastRun.apply((run) => (run ? `${run.state}: ${run.result ?? "pending"}` : "no run yet"))]),
);
