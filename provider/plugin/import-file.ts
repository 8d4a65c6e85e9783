// Bulk adoption: an iModel's whole synchronization setup as a `pulumi import --file` list, so one import brings it
// under management (what was made in the portal or by scripts included): the iModel, its synchronization
// configuration, each StorageConnection and each connection's configuration.
import { unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { connectionSyncConfigurationModel } from "../connection-sync-configuration/model";
import { iModelModel } from "../imodel/model";
import { iModelSyncConfigurationModel } from "../imodel-sync-configuration/model";
import { STORAGE_CONNECTION } from "./schema";

export interface ImportFile {
  resources: Array<{ type: string; name: string; id: string }>;
}

/** A resource name from a displayName: lower-case words joined by '-', e.g. "Site Survey (DGN)" → "site-survey-dgn". */
export function resourceName(displayName: string, fallback = "connection"): string {
  const words = displayName.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g);
  return words ? words.join("-") : fallback;
}

/**
 * The iModel (named from its name), its configuration (`<iModel name>-settings`), then its connections in the API's
 * order, each named from its displayName and followed by its configuration (`<name>-settings`); repeated names get
 * -2, -3, … A scope without a configuration has none to import. Calls: a GET of the iModel (one that does not exist
 * stops here with the API's answer), the connection list's pages, and a GET of each scope's configuration, sent
 * together (the client paces them).
 */
export async function importFileForIModel(client: SyncClient, iModelId: string): Promise<ImportFile> {
  const iModel = await client.iModels.get(iModelId);
  const connections = await client.listStorageConnections(iModelId);
  const [iModelConfiguration, ...connectionConfigurations] = await Promise.all([
    unlessNotFound(client.configurations.get("imodel", iModelId)),
    ...connections.map(({ id }) => unlessNotFound(client.configurations.get("connection", id))),
  ]);
  const taken = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  };
  const iModelName = unique(resourceName(iModel.name, "imodel"));
  const resources: ImportFile["resources"] = [{ type: iModelModel.token, name: iModelName, id: iModelId }];
  if (iModelConfiguration) resources.push({ type: iModelSyncConfigurationModel.token, name: unique(`${iModelName}-settings`), id: iModelId });
  connections.forEach(({ id, displayName }, i) => {
    const name = unique(resourceName(displayName));
    resources.push({ type: STORAGE_CONNECTION, name, id });
    if (connectionConfigurations[i]) resources.push({ type: connectionSyncConfigurationModel.token, name: unique(`${name}-settings`), id });
  });
  return { resources };
}
