// Each lookup once: its model (description, arguments, result: the plugin schema's function and the types programs
// get are derived from it) and what it asks the API, on a given client. Shared by the TypeScript lookups (lookups.ts,
// in the program's process) and the plugin's Invoke, so neither carries a copy and the plugin loads no Pulumi SDK
// runtime. The compiler checks each query's answer against its model's result.
import type { SyncClient } from "./client/sync-client";
import { ConnectionLinks } from "./model/common";
import { arrayOf, objectType, outputFields, resourceName, type Fields, type Infer, type ObjectType, type ValueOf } from "./model/define";
import { ManifestRun, ManifestSourceFile, Run } from "./model/runs";
import { iModelModel } from "./imodel/model";
import { toOutputs as iModelOutputs } from "./imodel/outputs";
import { liveOutputs } from "./storage-connection/live";
import { storageConnectionModel } from "./storage-connection/model";
import { linksState } from "./storage-connection/outputs";
import { configurationLookup, configurationLookupFields } from "./sync-configuration/lookup";
import type { SyncConfigurationModel } from "./sync-configuration/model";
import type { ConfigurationScope } from "../api/configurations";
import { connectionSyncConfigurationModel } from "./connection-sync-configuration/model";
import { iModelSyncConfigurationModel } from "./imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "./itwin-sync-configuration/model";
export type { ConfigurationLookupArgs, ConfigurationLookupResult } from "./sync-configuration/lookup";

interface Lookup<I extends Fields, O extends ObjectType> {
  description: string;
  inputs: I;
  outputs: O;
  /** Descriptions for the result's fields that have none of their own (a resource's inputs). */
  describedBy?: Fields;
  query(client: SyncClient, args: Infer<I>): Promise<ValueOf<O>>;
}

function lookup<const I extends Fields, const O extends ObjectType>(definition: Lookup<I, O>): Lookup<I, O> {
  return definition;
}

/** A configuration lookup (getITwinSyncConfiguration, …), from its resource's model. */
function configuration<S extends ConfigurationScope, K extends string>(model: SyncConfigurationModel<S, K>, description: string) {
  const { args, result } = configurationLookupFields(model);
  return {
    description,
    inputs: args,
    outputs: objectType(`${resourceName(model)}Result`, result),
    describedBy: model.inputs,
    query: configurationLookup(model),
  };
}

const connectionArgs = { connectionId: { type: "string" } } as const;
const runArgs = { connectionId: { type: "string" }, runId: { type: "string" } } as const;

const ConnectionResult = objectType("ConnectionResult", {
  id: { type: "string" },
  displayName: { type: "string" },
  iModelId: { type: "string" },
  iTwinId: { type: "string" },
  authenticationType: { type: "string" },
  links: { type: ConnectionLinks },
});

const iModelArgs = { iModelId: { type: "string", description: "The iModel (a GUID)." } } as const;

const IModelResult = objectType("IModelResult", { id: { type: "string" }, ...outputFields(iModelModel) });

const ConnectionsResult = objectType("ConnectionsResult", {
  iModelId: { type: "string" },
  connections: {
    type: arrayOf(
      objectType("ConnectionOfAnyKind", {
        id: { type: "string" },
        displayName: { type: "string" },
        iModelId: { type: "string" },
        links: { type: ConnectionLinks },
      }),
    ),
    description: "Every connection of the iModel, StorageConnections first, then ManifestConnections (no field tells the kinds apart: docs/api-gaps.md).",
  },
});

const StorageConnectionResult = objectType("StorageConnectionResult", {
  id: { type: "string" },
  ...outputFields(storageConnectionModel),
});

const ManifestSourceFilesResult = objectType("ManifestSourceFilesResult", {
  connectionId: { type: "string" },
  sourceFiles: { type: arrayOf(ManifestSourceFile) },
});

const authorizationArgs = {
  redirectUrl: { type: "string", description: "Where the browser goes once the user has consented." },
} as const;

const AuthorizationInformationResult = objectType("AuthorizationInformationResult", {
  isUserAuthorized: { type: "boolean", description: "Whether the token's user has consented to User connections running on their behalf." },
  authorizationUrl: { type: "string", description: "Where that user consents (signed in), after which the browser goes to redirectUrl." },
});

/** Every lookup, by the name programs call it (and the plugin serves it as `itwin:index:<name>`). */
export const LOOKUPS = {
  getManifestConnection: lookup({
    description: "A ManifestConnection by id.",
    inputs: connectionArgs,
    outputs: ConnectionResult,
    async query(c, { connectionId }) {
      const { _links, ...rest } = await c.getManifestConnection(connectionId);
      return { ...rest, links: linksState(_links) };
    },
  }),
  getManifestConnectionSourceFiles: lookup({
    description: "Every source file of a ManifestConnection (all pages).",
    inputs: connectionArgs,
    outputs: ManifestSourceFilesResult,
    async query(c, { connectionId }) {
      return { connectionId, sourceFiles: await c.listManifestSourceFiles(connectionId) };
    },
  }),
  getManifestConnectionRun: lookup({
    description: "One run of a ManifestConnection, with its jobs, tasks and synchronization reports.",
    inputs: runArgs,
    outputs: ManifestRun,
    query: (c, { connectionId, runId }) => c.getManifestConnectionRun(connectionId, runId),
  }),
  getStorageConnection: lookup({
    description: "A StorageConnection by id, with its source files and last run: what the resource's outputs would be.",
    inputs: connectionArgs,
    outputs: StorageConnectionResult,
    async query(c, { connectionId }) {
      const connection = await c.getStorageConnection(connectionId);
      return { id: connection.id, ...(await liveOutputs(c, connection, {})) };
    },
  }),
  getStorageConnectionRun: lookup({
    description: "One run of a StorageConnection.",
    inputs: runArgs,
    outputs: Run,
    query: (c, { connectionId, runId }) => c.getStorageConnectionRun(connectionId, runId),
  }),
  getITwinSyncConfiguration: configuration(
    iTwinSyncConfigurationModel,
    "An iTwin's synchronization configuration: what it sets (settings) and what applies (resolvedSettings).",
  ),
  getIModelSyncConfiguration: configuration(
    iModelSyncConfigurationModel,
    "An iModel's synchronization configuration: what it sets and what applies (with the iTwin's).",
  ),
  getConnectionSyncConfiguration: configuration(
    connectionSyncConfigurationModel,
    "A connection's synchronization configuration: what it sets and what applies (with its iModel's and iTwin's).",
  ),
  getIModel: lookup({
    description: "An iModel by id (iModels API v2): what the IModel resource's outputs would be.",
    inputs: iModelArgs,
    outputs: IModelResult,
    describedBy: iModelModel.inputs,
    async query(c, { iModelId }) {
      const iModel = await c.iModels.get(iModelId);
      return { id: iModel.id, ...iModelOutputs(iModel) };
    },
  }),
  getConnections: lookup({
    description:
      "Every connection of an iModel, storage and manifest alike, all pages (GET /synchronization/imodels/connections: the call Bentley's sample app makes first in each flow).",
    inputs: iModelArgs,
    outputs: ConnectionsResult,
    async query(c, { iModelId }) {
      const connections = await c.connections.list(iModelId);
      return { iModelId, connections: connections.map(({ id, displayName, iModelId: of, _links }) => ({ id, displayName, iModelId: of, links: linksState(_links) })) };
    },
  }),
  getAuthorizationInformation: lookup({
    description: "The configured token's user: consented to User connections running for them or not, and where to consent.",
    inputs: authorizationArgs,
    outputs: AuthorizationInformationResult,
    async query(c, { redirectUrl }) {
      const info = await c.getAuthorizationInformation(redirectUrl);
      return { isUserAuthorized: info.isUserAuthorized, authorizationUrl: info._links.authorizationUrl.href };
    },
  }),
};

type Lookups = typeof LOOKUPS;
export type ConnectionArgs = Infer<typeof connectionArgs>;
export type RunArgs = Infer<typeof runArgs>;
export type AuthorizationInformationArgs = Infer<typeof authorizationArgs>;
export type ConnectionResult = ValueOf<Lookups["getManifestConnection"]["outputs"]>;
export type StorageConnectionResult = ValueOf<Lookups["getStorageConnection"]["outputs"]>;
export type ManifestSourceFilesResult = ValueOf<Lookups["getManifestConnectionSourceFiles"]["outputs"]>;
export type IModelArgs = Infer<typeof iModelArgs>;
export type IModelResult = ValueOf<Lookups["getIModel"]["outputs"]>;
export type ConnectionsResult = ValueOf<Lookups["getConnections"]["outputs"]>;
export type AuthorizationInformationResult = ValueOf<Lookups["getAuthorizationInformation"]["outputs"]>;
