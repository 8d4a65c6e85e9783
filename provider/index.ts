// itwin-sync-pulumi: manage Bentley iTwin Synchronization StorageConnections from Pulumi programs.
export { StorageConnection, type StorageConnectionArgs, type SourceFileInput } from "./storage-connection/resource";
export { ITwinSyncConfiguration, type ITwinSyncConfigurationArgs } from "./itwin-sync-configuration/resource";
export { IModelSyncConfiguration, type IModelSyncConfigurationArgs } from "./imodel-sync-configuration/resource";
export { ConnectionSyncConfiguration, type ConnectionSyncConfigurationArgs } from "./connection-sync-configuration/resource";
export type { ITwinSyncConfigurationOutputs } from "./itwin-sync-configuration/model";
export type { IModelSyncConfigurationOutputs } from "./imodel-sync-configuration/model";
export type { ConnectionSyncConfigurationOutputs } from "./connection-sync-configuration/model";
export type {
  ConnectionLinksState,
  JobSummary,
  LastRun,
  SourceFileState,
  StorageConnectionOutputs,
  TaskSummary,
} from "./storage-connection/model";
export {
  getAuthorizationInformation,
  getAuthorizationInformationOutput,
  getConnectionSyncConfiguration,
  getConnectionSyncConfigurationOutput,
  getIModelSyncConfiguration,
  getIModelSyncConfigurationOutput,
  getITwinSyncConfiguration,
  getITwinSyncConfigurationOutput,
  getManifestConnection,
  getManifestConnectionOutput,
  getManifestConnectionRun,
  getManifestConnectionRunOutput,
  getManifestConnectionSourceFiles,
  getManifestConnectionSourceFilesOutput,
  getStorageConnection,
  getStorageConnectionOutput,
  getStorageConnectionRun,
  getStorageConnectionRunOutput,
  type AuthorizationInformationArgs,
  type AuthorizationInformationResult,
  type ConfigurationLookupArgs,
  type ConfigurationLookupResult,
  type ConnectionArgs,
  type ConnectionResult,
  type ManifestSourceFilesResult,
  type RunArgs,
  type StorageConnectionResult,
} from "./lookups";
export { SETTINGS as CONFIG_KEYS } from "./config";
export { runtime as loadRuntime } from "./dynamic-provider";
export { validateStorageConnectionArgs } from "./storage-connection/check";
export { CONNECTOR_TYPES, type ConnectorType } from "../api/contract";
export type * from "../api/types";
export { SyncClient } from "./client/sync-client";
export {
  ApiError,
  AttemptTimeoutError,
  CredentialsError,
  OutcomeUnknownError,
  TransportError,
  UnexpectedAnswerError,
} from "./client/errors";
/** Answer shapes for requests through `loadRuntime().apiClient().http` (e.g. `shapes.iModelResponse`). */
export * as shapes from "../api/shapes";
