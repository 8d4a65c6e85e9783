// Bulk adoption: every StorageConnection of an iModel, the iModel's synchronization configuration and each
// connection's, as a `pulumi import --file` list, so one import brings a whole iModel under management (connections
// and settings made in the portal or by scripts included).
import type { ConfigurationScope } from "../../api/configurations";
import { unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { connectionSyncConfigurationModel } from "../connection-sync-configuration/model";
import { iModelSyncConfigurationModel } from "../imodel-sync-configuration/model";
import { STORAGE_CONNECTION } from "./schema";

export interface ImportFile {
  resources: Array<{ type: string; name: string; id: string }>;
}

/** A resource name from a displayName: lower-case words joined by '-', e.g. "Site Survey (DGN)" → "site-survey-dgn". */
export function resourceName(displayName: string): string {
  const words = displayName.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g);
  return words ? words.join("-") : "connection";
}

/** The iModel's configuration (named `imodel-settings`), then its connections in the API's order, each named from its
 * displayName and followed by its configuration (`<name>-settings`); repeated names get -2, -3, … A scope without a
 * configuration has none to import: one GET each tells. */
export async function importFileForIModel(client: SyncClient, iModelId: string): Promise<ImportFile> {
  const taken = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  };
  const configured = async (scope: ConfigurationScope, id: string) => (await unlessNotFound(client.configurations.get(scope, id))) !== undefined;
  const resources: ImportFile["resources"] = [];
  if (await configured("imodel", iModelId)) {
    resources.push({ type: iModelSyncConfigurationModel.token, name: unique("imodel-settings"), id: iModelId });
  }
  for (const { id, displayName } of await client.listStorageConnections(iModelId)) {
    const name = unique(resourceName(displayName));
    resources.push({ type: STORAGE_CONNECTION, name, id });
    if (await configured("connection", id)) resources.push({ type: connectionSyncConfigurationModel.token, name: unique(`${name}-settings`), id });
  }
  return { resources };
}
