// Bulk adoption: every StorageConnection of an iModel as a `pulumi import --file` list, so one import brings a
// whole iModel under management (connections made in the portal or by scripts included).
import type { SyncClient } from "../client/sync-client";
import { STORAGE_CONNECTION } from "./schema";

export interface ImportFile {
  resources: Array<{ type: string; name: string; id: string }>;
}

/** A resource name from a displayName: lower-case words joined by '-', e.g. "Site Survey (DGN)" → "site-survey-dgn". */
export function resourceName(displayName: string): string {
  const words = displayName.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g);
  return words ? words.join("-") : "connection";
}

/** The iModel's connections in the API's order, each named from its displayName; repeated names get -2, -3, … */
export async function importFileForIModel(client: SyncClient, iModelId: string): Promise<ImportFile> {
  const taken = new Set<string>();
  const resources = (await client.listStorageConnections(iModelId)).map(({ id, displayName }) => {
    const base = resourceName(displayName);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return { type: STORAGE_CONNECTION, name, id };
  });
  return { resources };
}
