// What each lookup asks the API and answers, on a given client: shared by the TypeScript lookups (lookups.ts, in the
// program's process) and the plugin's Invoke, so neither carries a copy and the plugin loads no Pulumi SDK runtime.
import type { ManifestRun, ManifestSourceFile, Run } from "../api/types";
import type { SyncClient } from "./client/sync-client";
import type { ConnectionLinksState, StorageConnectionOutputs } from "./storage-connection/model";
import { connectionSyncConfigurationModel } from "./connection-sync-configuration/model";
import { iModelSyncConfigurationModel } from "./imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "./itwin-sync-configuration/model";
import { liveOutputs } from "./storage-connection/live";
import { linksState } from "./storage-connection/outputs";
import { configurationLookup } from "./sync-configuration/lookup";
export type { ConfigurationLookupArgs, ConfigurationLookupResult } from "./sync-configuration/lookup";

export interface ConnectionResult {
  id: string;
  displayName: string;
  iModelId: string;
  iTwinId: string;
  authenticationType: string;
  links: ConnectionLinksState;
}

/** What the resource's outputs would be, with the connection's id. */
export type StorageConnectionResult = { id: string } & StorageConnectionOutputs;

export interface ManifestSourceFilesResult {
  connectionId: string;
  sourceFiles: ManifestSourceFile[];
}

export interface ConnectionArgs {
  connectionId: string;
}

export interface RunArgs {
  connectionId: string;
  runId: string;
}

export interface AuthorizationInformationArgs {
  /** Where the browser goes once the user has consented. */
  redirectUrl: string;
}

export interface AuthorizationInformationResult {
  /** Whether the token's user has consented to `User` connections running on their behalf. */
  isUserAuthorized: boolean;
  /** Where that user consents (signed in), after which the browser goes to `redirectUrl`. */
  authorizationUrl: string;
}

/** What each lookup fetches, by the name programs call it (and the plugin serves it as `itwin:index:<name>`). */
export const LOOKUPS = {
  async getManifestConnection(c: SyncClient, { connectionId }: ConnectionArgs): Promise<ConnectionResult> {
    const { _links, ...rest } = await c.getManifestConnection(connectionId);
    return { ...rest, links: linksState(_links) };
  },
  async getManifestConnectionSourceFiles(c: SyncClient, { connectionId }: ConnectionArgs): Promise<ManifestSourceFilesResult> {
    return { connectionId, sourceFiles: await c.listManifestSourceFiles(connectionId) };
  },
  getManifestConnectionRun(c: SyncClient, { connectionId, runId }: RunArgs): Promise<ManifestRun> {
    return c.getManifestConnectionRun(connectionId, runId);
  },
  async getStorageConnection(c: SyncClient, { connectionId }: ConnectionArgs): Promise<StorageConnectionResult> {
    const connection = await c.getStorageConnection(connectionId);
    return { id: connection.id, ...(await liveOutputs(c, connection, {})) };
  },
  getStorageConnectionRun(c: SyncClient, { connectionId, runId }: RunArgs): Promise<Run> {
    return c.getStorageConnectionRun(connectionId, runId);
  },
  getITwinSyncConfiguration: configurationLookup(iTwinSyncConfigurationModel),
  getIModelSyncConfiguration: configurationLookup(iModelSyncConfigurationModel),
  getConnectionSyncConfiguration: configurationLookup(connectionSyncConfigurationModel),
  async getAuthorizationInformation(c: SyncClient, { redirectUrl }: AuthorizationInformationArgs): Promise<AuthorizationInformationResult> {
    const info = await c.getAuthorizationInformation(redirectUrl);
    return { isUserAuthorized: info.isUserAuthorized, authorizationUrl: info._links.authorizationUrl.href };
  },
};
