// A connection as the API has it now, as resource outputs: shared by create, read (refresh) and the lookup.
import type { Connection } from "../../api/types";
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
  const files = (await client.listSourceFiles(connection.id)).map(toSourceFileState);
  const href = connection._links.lastRun?.href;
  const lastRun = href ? await unlessNotFound(client.getRunAt(href)) : undefined;
  return toOutputs(connection, files, lastRun, declared);
}
