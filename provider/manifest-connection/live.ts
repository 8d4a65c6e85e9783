// A manifest connection as the API has it now, as resource outputs (create, read, the lookup), and the inputs that
// declare it as it is (drift, import).
import type { Connection, ManifestRun, ManifestSourceFile } from "../../api/types";
import { unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { linksState, orderBy, summarizeRunOf } from "../storage-connection/outputs";
import type { ManifestConnectionInputs, ManifestConnectionOutputs, ManifestFileState } from "./model";

export function toOutputs(
  connection: Connection,
  files: ManifestFileState[],
  lastRun: ManifestRun | undefined,
  declared: Partial<ManifestConnectionInputs>,
): ManifestConnectionOutputs {
  const ordered = orderBy(files, declared.sourceFiles ?? [], (f) => f.sourceFileId);
  const outputs: ManifestConnectionOutputs = {
    iModelId: connection.iModelId,
    displayName: connection.displayName,
    authenticationType: connection.authenticationType,
    iTwinId: connection.iTwinId,
    sourceFiles: ordered.map((f) => ({ id: f.id, sourceFileId: f.sourceFileId })),
    links: linksState(connection._links),
  };
  if (lastRun) outputs.lastRun = summarizeRunOf(lastRun, (task) => ({ sourceFileId: task.sourceFileId }));
  return outputs;
}

/** The connection, its files and its newest run; undefined when the connection is gone. */
export async function readLive(client: SyncClient, id: string, declared: Partial<ManifestConnectionInputs>): Promise<ManifestConnectionOutputs | undefined> {
  const [connection, files] = await Promise.all([unlessNotFound(client.getManifestConnection(id)), unlessNotFound(client.listManifestSourceFiles(id))]);
  if (!connection || !files) return undefined;
  return withFiles(client, connection, files, declared);
}

export async function withFiles(
  client: SyncClient,
  connection: Connection,
  files: ManifestSourceFile[],
  declared: Partial<ManifestConnectionInputs>,
): Promise<ManifestConnectionOutputs> {
  const href = connection._links.lastRun?.href;
  const runId = href?.split("/").filter(Boolean).pop();
  const run = runId ? await unlessNotFound(client.getManifestConnectionRun(connection.id, runId)) : undefined;
  return toOutputs(connection, files, run, declared);
}

export function liveInputs(outputs: ManifestConnectionOutputs): ManifestConnectionInputs {
  return {
    iModelId: outputs.iModelId,
    displayName: outputs.displayName,
    authenticationType: outputs.authenticationType,
    sourceFiles: outputs.sourceFiles.map((f) => ({ sourceFileId: f.sourceFileId })),
  };
}
