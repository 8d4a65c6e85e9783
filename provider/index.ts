// itwin-sync-pulumi: manage Bentley iTwin Synchronization StorageConnections from Pulumi programs. What a program
// needs, and no more: the client, the API's bodies and the wire shapes are behind `itwin-sync-pulumi/internal`, so
// changing them breaks no program.
export { StorageConnection, type SourceFileInput, type StorageConnectionArgs } from "./storage-connection/resource";
export { IModel, type IModelArgs } from "./imodel/resource";
export type { IModelOutputs } from "./imodel/model";
export { ManifestConnection, type ManifestConnectionArgs } from "./manifest-connection/resource";
export type { ManifestConnectionOutputs } from "./manifest-connection/model";
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
  getConnections,
  getConnectionsOutput,
  getIModel,
  getIModelOutput,
  runManifestConnection,
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
  type ConnectionsResult,
  type IModelArgs as IModelLookupArgs,
  type IModelResult,
  type RunManifestConnectionArgs,
  type RunManifestConnectionResult,
  type ManifestSourceFilesResult,
  type RunArgs,
  type StorageConnectionResult,
} from "./lookups";
export { CONFIG_KEYS, ConfigurationError } from "./config";
export { loadRuntime } from "./dynamic-provider";
export { validateStorageConnectionArgs } from "./storage-connection/check";
export { CONNECTOR_TYPES, type ConnectorType } from "../api/contract";
export type { AuthenticationType, ManifestRun, ManifestSourceFile, Run, RunResult, RunState } from "../api/types";
export {
  ApiError,
  AttemptTimeoutError,
  CredentialsError,
  OutcomeUnknownError,
  TransportError,
  UnexpectedAnswerError,
} from "./client/errors";
export { StepStopped } from "./client/stop";
export { ResourceInitError } from "./core/verbs";
