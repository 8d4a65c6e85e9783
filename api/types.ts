// Bodies of the iTwin Synchronization API (https://api.bentley.com/synchronization), written once and shared by the
// HTTP client, the Pulumi provider and the emulator. Field names and optionality follow Bentley's reference pages.
import type { AUTHENTICATION_TYPES } from "./contract";

export type AuthenticationType = (typeof AUTHENTICATION_TYPES)[number];

export interface Link {
  href: string;
}

/** `_links` of a paged list. `next` is absent on the last page, `prev` on the first. */
export interface PageLinks {
  self: Link;
  prev?: Link;
  next?: Link;
}

export interface ConnectionLinks {
  iModel: Link;
  iTwin: Link;
  /** Absent until the connection has been run. */
  lastRun?: Link;
}

/** A StorageConnection (and a ManifestConnection: same shape). */
export interface Connection {
  id: string;
  displayName: string;
  iModelId: string;
  iTwinId: string;
  authenticationType: AuthenticationType;
  _links: ConnectionLinks;
}

export interface ConnectionResponse {
  connection: Connection;
}

/** Entries of `GET /imodels/storageconnections?imodelId=`. */
export interface ConnectionSummary {
  id: string;
  displayName: string;
}

/** Get Connections (`GET /imodels/connections`, every kind) with `Prefer: return=representation`: the sample app's
 * generated model; whether a field names the connection's kind was not captured. */
export interface ConnectionOfAnyKind {
  id: string;
  displayName: string;
  iModelId: string;
  _links: ConnectionLinks;
}

/** `Prefer: return=minimal` (the default) lists summaries, `return=representation` full connections. */
export interface ConnectionListResponse<T = Connection | ConnectionSummary> {
  connections: T[];
  _links: PageLinks;
}

/** A source file as POST/PUT send it. */
export interface SourceFileInput {
  storageFileId: string;
  connectorType: string;
}

export interface CreateStorageConnectionRequest {
  displayName?: string;
  iModelId: string;
  authenticationType?: AuthenticationType;
  sourceFiles: SourceFileInput[];
}

export interface UpdateStorageConnectionRequest {
  displayName?: string;
  authenticationType?: AuthenticationType;
}

/** A StorageConnection source file, `Prefer: return=representation`. */
export interface SourceFile {
  id: string;
  storageFileId: string;
  connectorType: string;
  lastKnownFileName?: string;
  _links?: { file: Link };
}

/** A StorageConnection source file, `Prefer: return=minimal` (the default): everything but connectorType. */
export type SourceFileSummary = Omit<SourceFile, "connectorType">;

export interface SourceFileResponse {
  sourceFile: SourceFile;
}

export interface SourceFileListResponse<T = SourceFile | SourceFileSummary> {
  sourceFiles: T[];
  _links: PageLinks;
}

/** A ManifestConnection source file: the manifest pages name the file `sourceFileId` (the id a run's manifest gives
 * the file). */
export interface ManifestSourceFile {
  id: string;
  sourceFileId: string;
}

export interface ManifestSourceFileResponse {
  sourceFile: ManifestSourceFile;
}

/** ManifestFile (create): what Add and Update SourceFile send, and each entry of Create ManifestConnection. */
export interface ManifestSourceFileInput {
  sourceFileId: string;
}

export interface CreateManifestConnectionRequest {
  displayName?: string;
  iModelId: string;
  authenticationType?: AuthenticationType;
  sourceFiles: ManifestSourceFileInput[];
}

export type UpdateManifestConnectionRequest = UpdateStorageConnectionRequest;

/** A manifest entry's document attribute (the create-manifest-connection-run example). */
export interface DocumentAttribute {
  className: string;
  properties: Record<string, string>;
}

/** A reference file of a manifest entry. */
export interface ManifestChildFile {
  id: string;
  parentId?: string;
  name?: string;
  url?: string;
  connectorType?: string;
  documentAttribute?: DocumentAttribute;
}

/** One file of a run's manifest: `id` is a connection source file's `sourceFileId`. The page's schema table (types,
 * required flags, the values of `action`) was not captured; the example's fields are typed as it shows them. */
export interface ManifestRunFile extends ManifestChildFile {
  action?: string;
  children?: ManifestChildFile[];
}

/** Create ManifestConnection Run: the manifest of pre-authenticated file URLs (both fields optional). */
export interface ManifestRunRequest {
  documentAttributeSchemaUrl?: string;
  sourceFiles?: ManifestRunFile[];
}

export interface ManifestSourceFileListResponse {
  sourceFiles: ManifestSourceFile[];
  _links: PageLinks;
}

/** The states of a run, job or task, as the API documents them. */
export const RUN_STATES = [
  "NotStarted",
  "Idle",
  "WaitingToExecute",
  "WaitingToRetry",
  "Executing",
  "Finalizing",
  "Completed",
  "Queued",
] as const;
export type RunState = (typeof RUN_STATES)[number];

/** The results of a completed run, job or task, as the API documents them. */
export const RUN_RESULTS = ["Undetermined", "Success", "Error", "PartialSuccess", "Skipped", "Canceled", "TimedOut"] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

export type RunPhase = "Preprocessor" | "MasterFile" | "ReferenceFile";

export interface RunError {
  errorKey: string;
  description: string;
}

export interface TaskError {
  errorCode: string;
  message: string;
  details: string;
  bridgeExitCode: number;
  system: string;
  phase: string;
  category: string;
  descriptionKey: string;
  description: string;
  kbArticleLink: string;
  canUserFix: boolean;
}

export interface SynchronizationReport {
  suggestedAction: "Error" | "Warning" | "Info";
  message: string;
  totalErrorsCount: number;
  totalWarningsCount: number;
  totalOtherIssuesCount: number;
}

/** What the tasks of both connection kinds have. */
export interface RunTaskBase {
  id: string;
  startDateTime?: string;
  endDateTime?: string;
  retryAttempts: number;
  state: RunState;
  result?: RunResult;
  error?: TaskError;
  details?: { synchronizationReport?: SynchronizationReport };
}

/** A StorageConnection run's task: its file is `storageFileId`, the same id as the connection's
 * `sourceFiles[].storageFileId` (get-storage-connection-run page, the `itp` CLI's StorageTask). */
export interface StorageRunTask extends RunTaskBase {
  storageFileId: string;
}

/** A ManifestConnection run's task: the manifest run page names its file `sourceFileId`. */
export interface ManifestRunTask extends RunTaskBase {
  sourceFileId: string;
}

export interface RunJob<Task extends RunTaskBase = StorageRunTask> {
  id: string;
  startDateTime?: string;
  endDateTime?: string;
  state: RunState;
  result?: RunResult;
  connectorType: string;
  tasks: Task[];
}

/** A StorageConnection run; `Run<ManifestRunTask>` (ManifestRun) is a ManifestConnection's. */
export interface Run<Task extends RunTaskBase = StorageRunTask> {
  id: string;
  connectionId: string;
  startDateTime?: string;
  endDateTime?: string;
  phase?: RunPhase;
  state: RunState;
  result?: RunResult;
  error?: RunError;
  jobs: Array<RunJob<Task>>;
}

export type ManifestRun = Run<ManifestRunTask>;

export interface RunResponse<Task extends RunTaskBase = StorageRunTask> {
  run: Run<Task>;
}

/** Entries of a run list, `Prefer: return=minimal`. */
export type RunSummary = Pick<Run<RunTaskBase>, "id" | "state" | "result">;

export interface RunListResponse<T = Run | ManifestRun | RunSummary> {
  runs: T[];
  _links: PageLinks;
}

export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: ErrorDetail[];
    target?: string;
  };
}

/** iModels API geographic extent: latitude -90..90, longitude -180..180 (Bentley's iModels client). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Extent {
  southWest: GeoPoint;
  northEast: GeoPoint;
}

/** `empty` (initialization scheduled), `fromiModelVersion` (with `template`), `fromBaseline` (with `baselineFile`);
 * absent: an empty instantly initialized iModel (deprecated). The create-imodel page. */
export type IModelCreationMode = "empty" | "fromiModelVersion" | "fromBaseline";

/** iModels API `POST /imodels`: the fields Bentley's iModels client sends (the page's body table was not captured). */
export interface CreateIModelRequest {
  iTwinId: string;
  /** Unique within the iTwin, at most 255 characters, not empty or whitespace. */
  name: string;
  /** At most 255 characters. */
  description?: string;
  extent?: Extent;
  /** Bit flags: None 0, SchemaSync 1, CodeStore 2, ViewStore 4. */
  containersEnabled?: number;
  creationMode?: IModelCreationMode;
  /** Only with creationMode `empty`. */
  geographicCoordinateSystem?: { horizontalCRSId: string };
  /** creationMode `fromiModelVersion`. */
  template?: { iModelId: string; changesetId?: string };
  /** creationMode `fromBaseline`. */
  baselineFile?: { size: number };
}

/** iModels API `PATCH /imodels/{id}`: what the update-imodel page lists; at least one of them. */
export interface UpdateIModelRequest {
  name?: string;
  description?: string;
  extent?: Extent | null;
}

/** An iModel as the iModels API (https://api.bentley.com/imodels) returns it: the get-imodel page's example and the
 * fields of Bentley's iModels client. */
export interface IModel {
  id: string;
  /** The same as `name`. */
  displayName: string;
  name: string;
  description: string | null;
  iTwinId: string;
  state: "initialized" | "notInitialized";
  createdDateTime: string;
  lastChangesetPushDateTime: string | null;
  dataCenterLocation: string;
  isSecured: boolean;
  extent: Extent | null;
  containersEnabled: number;
  _links: { creator?: Link; changesets?: Link; namedVersions?: Link };
}

export interface IModelResponse {
  iModel: IModel;
}

/** `GET /synchronization/imodels/connections/authorizationinformation?redirectUrl=`: whether the calling user has
 * consented to let the service run `User` connections on their behalf, and where to consent (shapes of Bentley's
 * synchronization sample app). */
export interface AuthorizationInformation {
  isUserAuthorized: boolean;
  _links: { authorizationUrl: Link };
}

export interface AuthorizationInformationResponse {
  authorizationInformation: AuthorizationInformation;
}

/** Bentley IMS `GET /.well-known/openid-configuration`, in the fields Bentley's libraries read (the required ones of
 * @itwin/service-authorization's discovery check, and the endpoints). */
export interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported: string[];
}

/** Bentley IMS `POST /connect/token` answer (client credentials). */
export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope?: string;
}
