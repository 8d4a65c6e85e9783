// Starting a manifest connection's run from a program or CI: a manifest of pre-authenticated file URLs is run data,
// not configuration, so it is never an input of the resource; this function sends it (POST …/runs) and answers
// where the run is. A run already active for the iModel (303) is reported as that run, not started twice.
import type { ManifestRunRequest } from "../../api/types";
import type { SyncClient } from "../client/sync-client";

export interface RunManifestConnectionArgs {
  connectionId: string;
  /** The manifest: `sourceFiles` (each `{ id: <sourceFileId>, … }` with its pre-authenticated URL) and
   * `documentAttributeSchemaUrl`, as the create-manifest-connection-run page gives them. */
  manifest?: ManifestRunRequest;
}

export interface RunManifestConnectionResult {
  runId: string;
  /** The connection the run belongs to: another connection of the iModel when one of its runs was active. */
  connectionId: string;
  /** The run's href; getManifestConnectionRun({ connectionId, runId }) reads it. */
  location: string;
  /** A run was already active for the iModel (HTTP 303), and this is that run. */
  alreadyActive: boolean;
}

export async function startManifestRun(client: SyncClient, { connectionId, manifest }: RunManifestConnectionArgs): Promise<RunManifestConnectionResult> {
  const { runId, connectionId: of, location, alreadyActive } = await client.manifestConnections.startRun(connectionId, manifest ?? {});
  return { runId, connectionId: of, location, alreadyActive };
}
