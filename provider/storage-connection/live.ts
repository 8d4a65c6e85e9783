// A connection as the API has it now, as resource outputs: shared by create, read (refresh) and the lookup. The
// requests that do not need each other's answers go together (each still takes its turn at the client's pacer).
import type { Connection, Run } from "../../api/types";
import { unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import type { StorageConnectionInputs, StorageConnectionOutputs } from "./model";
import { toOutputs, toSourceFileState } from "./outputs";

/** Every page of the source files and the last run (absent if the API no longer has it) of `connection`. */
export async function liveOutputs(
  client: SyncClient,
  connection: Connection,
  declared: Partial<StorageConnectionInputs>,
): Promise<StorageConnectionOutputs> {
  const [files, lastRun] = await Promise.all([client.listSourceFiles(connection.id), runAt(client, connection._links.lastRun?.href)]);
  return toOutputs(connection, files.map(toSourceFileState), lastRun, declared);
}

/**
 * Connection `id` as the API has it now, or undefined when it is gone. The connection, its source files and the last
 * run the state already links are asked for at once; a run started since is fetched once the connection names it.
 */
export async function readLive(
  client: SyncClient,
  id: string,
  recorded: Partial<StorageConnectionOutputs>,
): Promise<StorageConnectionOutputs | undefined> {
  const knownRun = recorded.links?.lastRun;
  const [connection, files, run] = await Promise.all([
    unlessNotFound(client.getStorageConnection(id)),
    unlessNotFound(client.listSourceFiles(id)),
    runAt(client, knownRun),
  ]);
  if (!connection || !files) return undefined;
  const href = connection._links.lastRun?.href;
  const lastRun = href === knownRun ? run : await runAt(client, href);
  return toOutputs(connection, files.map(toSourceFileState), lastRun, recorded);
}

function runAt(client: SyncClient, href: string | undefined): Promise<Run | undefined> {
  return href ? unlessNotFound(client.getRunAt(href)) : Promise.resolve(undefined);
}
