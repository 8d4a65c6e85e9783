// The emulated service's data and its rules, in memory: iModels, connections with their source files and runs, the
// fixtures' iModel → iTwin map, the names of storage files and the users' consents. Every change goes through a
// method here, which raises the API's error (404, 409, 422) before it changes anything. All of it lives in tables
// (tables.ts), which note each change for persistence and give `dump`/`restore` of the whole state. Records are
// handed out read-only; no HTTP here (routes call these methods, views.ts turns records into bodies).
import { CONFIGURATION_SCOPES, type ConfigurationScope } from "../api/configurations";
import { DEFAULT_AUTHENTICATION_TYPE, DETAIL, ERROR, TERMINAL_RUN_STATE, isGuid } from "../api/contract";
import type {
  AuthenticationType,
  CreateIModelRequest,
  CreateManifestConnectionRequest,
  CreateStorageConnectionRequest,
  ErrorDetail,
  Extent,
  ManifestRun,
  ManifestRunRequest,
  ManifestSourceFile,
  ManifestSourceFileInput,
  Run,
  SourceFileInput,
  UpdateIModelRequest,
  UpdateStorageConnectionRequest,
} from "../api/types";
import {
  configurationProblems,
  createIModelProblems,
  createManifestProblems,
  createProblems,
  manifestRunProblems,
  manifestSourceFileProblems,
  sourceFileProblems,
  updateIModelProblems,
  updateProblems,
} from "../api/validation";
import { ServiceError, detailsOf, requireValid } from "./errors";
import { defaultFileName } from "./file-names";
import { derivedGuid, isConnectionId, newConnectionId, newGuid } from "./ids";
import { runAt, startManifestRun, startRun, timestamp, type RunFile, type RunRecord, type RunSettings } from "./runs";
import { Tables, type Changes, type Dump } from "./tables";

export type { RunRecord } from "./runs";

export interface StoreSettings extends RunSettings {
  /** Connections and iModel configurations only for iModels the iModels API knows (created there or in fixtures);
   * without it any GUID is an iModel, as before (docs/api-gaps.md). */
  requireKnownIModels: boolean;
}

interface StoredSourceFile extends SourceFileInput {
  id: string;
}

interface StoredConnection<F, R extends Run | ManifestRun> {
  id: string;
  displayName: string;
  iModelId: string;
  iTwinId: string;
  authenticationType: AuthenticationType;
  /** In creation order, which is the order lists page in. */
  sourceFiles: F[];
  /** In creation order: the last one is the connection's `lastRun`. */
  runs: Array<RunRecord<R>>;
}

export type SourceFileRecord = Readonly<StoredSourceFile>;

export type ConnectionRecord<F, R extends Run | ManifestRun> = Readonly<Omit<StoredConnection<F, R>, "sourceFiles" | "runs">> & {
  readonly sourceFiles: ReadonlyArray<Readonly<F>>;
  readonly runs: ReadonlyArray<RunRecord<R>>;
};

type StoredStorageConnection = StoredConnection<StoredSourceFile, Run>;
type StoredManifestConnection = StoredConnection<ManifestSourceFile, ManifestRun>;
export type StorageConnectionRecord = ConnectionRecord<StoredSourceFile, Run>;
export type ManifestConnectionRecord = ConnectionRecord<ManifestSourceFile, ManifestRun>;
/** Either kind, as Get Connections lists them. */
export type AnyConnectionRecord = ConnectionRecord<unknown, Run | ManifestRun> & { readonly kind: "storage" | "manifest" };

interface StoredIModel {
  id: string;
  name: string;
  description: string | null;
  iTwinId: string;
  createdDateTime: string;
  extent: Extent | null;
  containersEnabled: number;
}

/** An iModel of the iModels API: created through it, or given by fixtures. */
export type IModelRecord = Readonly<StoredIModel>;

/** A configuration at one scope: the settings set there (the resolved ones are computed on reading). */
export interface ConfigurationRecord {
  readonly scope: ConfigurationScope;
  readonly scopeId: string;
  readonly settings: Readonly<Record<string, boolean | number>>;
}

/** A storage connection as fixtures and the data file give it (checked by fixtures.ts, so not checked again). */
export interface RestoredStorageConnection {
  id: string;
  displayName: string;
  iModelId: string;
  authenticationType: AuthenticationType;
  sourceFiles: Array<SourceFileInput & { id?: string }>;
  runs: Array<RunRecord<Run>>;
}

/** What a run request led to: a run of this connection started, or the iModel's active run (of any connection). */
export interface RunStart {
  started: boolean;
  /** The kind of the connection whose run this is (a 303 may point at another kind's active run). */
  kind: "storage" | "manifest";
  connectionId: string;
  runId: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON body as an object; any other JSON value is as malformed as broken JSON. */
function objectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) requireValid([DETAIL.malformedJson]);
  return body as Record<string, unknown>;
}

function found<T>(item: T | undefined, notFound: { code: string; message: string }): T {
  if (item === undefined) throw new ServiceError(404, notFound);
  return item;
}

/** Configurations are keyed by scope and id; GUIDs compare ignoring case, connection ids (base64url) do not. */
function configurationKey(scope: ConfigurationScope, scopeId: string): string {
  return `${scope}:${scope === "connection" ? scopeId : scopeId.toLowerCase()}`;
}

/** The emulator's own limit, said as a 422 detail rather than pretending to copy an iModel or take a baseline file. */
const EMPTY_ONLY: ErrorDetail = {
  code: "InvalidValue",
  message: "This emulator creates empty iModels only: creationMode 'fromiModelVersion' and 'fromBaseline' are not emulated.",
  target: "creationMode",
};

const SCOPE_ID_DETAIL: Record<ConfigurationScope, ErrorDetail> = {
  itwin: DETAIL.invalidITwinScopeId,
  imodel: DETAIL.invalidIModelScopeId,
  connection: DETAIL.invalidConnectionScopeId,
};

export class Store {
  private readonly tables = new Tables();
  private readonly iModels = this.tables.table<StoredIModel>("iModels");
  private readonly storageConnections = this.tables.table<StoredStorageConnection>("storageConnections");
  private readonly manifestConnections = this.tables.table<StoredManifestConnection>("manifestConnections");
  /** Keyed by scope and scope id (configurationKey). */
  private readonly configurations = this.tables.table<ConfigurationRecord>("configurations");
  /** Storage file id → the name it was first shown with. */
  private readonly fileNames = this.tables.table<string>("fileNames");
  /** The users (token subjects) who let the service run `User` connections on their behalf. */
  private readonly consents = this.tables.table<true>("consents");

  constructor(private readonly runSettings: StoreSettings) {}

  // The whole state, for persistence.

  /** Every record of every table. */
  dump(): Dump {
    return this.tables.dump();
  }

  /** The state `dump` gave, replacing this one. */
  restore(dump: Dump): void {
    this.tables.restore(dump);
  }

  /** What changed since the last call (persistence saves it). */
  takeChanges(): Changes {
    return this.tables.takeChanges();
  }

  /** Changes taken before, made again (after a `restore` that undid them). */
  apply(changes: Changes): void {
    this.tables.apply(changes);
  }

  clear(): void {
    this.tables.clear();
  }

  // Fixtures: data loaded as given, without the API's rules.

  /** An iModel that exists in the iModels API from the start (its fields as fixtures give them). */
  restoreIModel(iModel: Pick<StoredIModel, "id" | "iTwinId"> & Partial<StoredIModel>): void {
    const id = iModel.id.toLowerCase();
    this.iModels.set(id, {
      name: id,
      description: null,
      createdDateTime: timestamp(0),
      extent: null,
      containersEnabled: 0,
      ...iModel,
      id,
    });
  }

  setFileName(storageFileId: string, name: string): void {
    this.fileNames.set(storageFileId, name);
  }

  addManifestConnection(connection: Omit<StoredManifestConnection, "iTwinId">): void {
    this.manifestConnections.set(connection.id, { ...connection, iTwinId: this.iTwinOf(connection.iModelId) });
  }

  restoreStorageConnection(connection: RestoredStorageConnection): void {
    this.insert(connection);
  }

  // Reads.

  /** A known iModel belongs to its iTwin; unknown iModels (without requireKnownIModels) still belong to one: derived
   * from the iModel id, so it is stable across restarts. */
  iTwinOf(iModelId: string): string {
    const key = iModelId.toLowerCase();
    return this.iModels.get(key)?.iTwinId ?? derivedGuid(`itwin:${key}`);
  }

  /** The name a storage file was first shown with (every mapped file has one). */
  fileNameOf(storageFileId: string): string | undefined {
    return this.fileNames.get(storageFileId);
  }

  /** Ids are lower-case GUIDs, as the service gives them; lookups ignore case. */
  iModel(id: string): IModelRecord {
    return found(this.iModels.get(id.toLowerCase()), ERROR.iModelNotFound);
  }

  /** The iModels of an iTwin, in creation order; with `name`, the one of that name. */
  iModelsOf(iTwinId: string, name?: string): IModelRecord[] {
    const key = iTwinId.toLowerCase();
    return [...this.iModels.values()].filter((m) => m.iTwinId.toLowerCase() === key && (name === undefined || m.name === name));
  }

  storageConnection(id: string): StorageConnectionRecord {
    return this.stored(id);
  }

  /** Every storage connection, in creation order. */
  allStorageConnections(): StorageConnectionRecord[] {
    return [...this.storageConnections.values()];
  }

  storageConnectionsOf(iModelId: string): StorageConnectionRecord[] {
    return this.storedOf(iModelId);
  }

  sourceFile(connectionId: string, sourceFileId: string): SourceFileRecord {
    return this.storedFile(this.stored(connectionId), sourceFileId);
  }

  storageConnectionRun(connectionId: string, runId: string): RunRecord<Run> {
    const runs = this.stored(connectionId).runs;
    return found(runs.find((run) => run.id === runId), ERROR.storageConnectionRunNotFound);
  }

  manifestConnection(id: string): ManifestConnectionRecord {
    return this.storedManifest(id);
  }

  manifestConnectionRun(connectionId: string, runId: string): RunRecord<ManifestRun> {
    const runs = this.manifestConnection(connectionId).runs;
    return found(runs.find((run) => run.id === runId), ERROR.manifestConnectionRunNotFound);
  }

  manifestConnectionsOf(iModelId: string): ManifestConnectionRecord[] {
    return this.manifestOf(iModelId);
  }

  /** A manifest source file; `notFound` is the 404 of the operation's own page (their wordings differ). */
  manifestSourceFile(connectionId: string, sourceFileId: string, notFound = ERROR.manifestSourceFileNotFound): ManifestSourceFile {
    return this.storedManifestFile(this.manifestFileOwner(connectionId, notFound), sourceFileId, notFound);
  }

  /** Every connection of the iModel, both kinds: storage ones first, each kind in creation order (docs/api-gaps.md). */
  connectionsOf(iModelId: string): AnyConnectionRecord[] {
    return [
      ...this.storedOf(iModelId).map((c) => ({ ...c, kind: "storage" as const })),
      ...this.manifestOf(iModelId).map((c) => ({ ...c, kind: "manifest" as const })),
    ];
  }

  /** The configuration at a scope; 422 for a malformed scope id, else 404 ConfigurationNotFound. */
  configuration(scope: ConfigurationScope, scopeId: string): ConfigurationRecord {
    this.requireScopeId(scope, scopeId);
    return found(this.configurations.get(configurationKey(scope, scopeId)), ERROR.configurationNotFound);
  }

  /** The configurations that apply at a scope, widest first: the iTwin's, the iModel's, the connection's (those that
   * exist). A connection scope's iModel and iTwin are its connection's. */
  configurationChain(scope: ConfigurationScope, scopeId: string): ConfigurationRecord[] {
    const scopes: Array<[ConfigurationScope, string]> = [];
    if (scope === "connection") {
      const connection = this.anyConnection(scopeId);
      if (connection) scopes.push(["itwin", connection.iTwinId], ["imodel", connection.iModelId]);
    } else if (scope === "imodel") {
      scopes.push(["itwin", this.iTwinOf(scopeId)]);
    }
    scopes.push([scope, scopeId]);
    return scopes.flatMap(([s, id]) => this.configurations.get(configurationKey(s, id)) ?? []);
  }

  // The API's changes.

  /** Names are unique within an iTwin: a second POST of the same name is a 409, not a second iModel. */
  createIModel(request: unknown, now: number): IModelRecord {
    const body = objectBody(request);
    requireValid(detailsOf(createIModelProblems(body)));
    const { iTwinId, name, description, extent, containersEnabled, creationMode } = body as unknown as CreateIModelRequest;
    if (creationMode !== undefined && creationMode !== "empty") requireValid([EMPTY_ONLY]);
    this.requireFreeName(iTwinId, name);
    const record: StoredIModel = {
      id: newGuid(),
      name,
      description: description || null,
      iTwinId: iTwinId.toLowerCase(),
      createdDateTime: timestamp(now),
      extent: extent ?? null,
      containersEnabled: containersEnabled ?? 0,
    };
    this.iModels.set(record.id, record);
    return record;
  }

  /** PATCH: name, description, extent (null clears it); a name another iModel of the iTwin has is a 409. */
  updateIModel(id: string, request: unknown): IModelRecord {
    const record = found(this.iModels.get(id.toLowerCase()), ERROR.iModelNotFound);
    const body = objectBody(request);
    requireValid(detailsOf(updateIModelProblems(body)));
    const { name, description, extent } = body as UpdateIModelRequest;
    if (name !== undefined && name !== record.name) this.requireFreeName(record.iTwinId, name);
    if (name !== undefined) record.name = name;
    if (description !== undefined) record.description = description || null;
    if (extent !== undefined) record.extent = extent;
    this.iModels.set(record.id, record);
    return record;
  }

  /** The iModel goes; connections and configurations made for it stay, as the services are separate. */
  deleteIModel(id: string): void {
    this.iModels.delete(this.iModel(id).id);
  }

  createStorageConnection(request: unknown): StorageConnectionRecord {
    requireValid(detailsOf(createProblems(request)));
    const { displayName, iModelId, authenticationType, sourceFiles } = request as CreateStorageConnectionRequest;
    this.requireKnownIModel(iModelId, DETAIL.invalidIModelId);
    this.requireUnmapped(iModelId, sourceFiles.map((file) => file.storageFileId));
    const record = this.insert({
      displayName: displayName ?? "",
      iModelId,
      // The documented default.
      authenticationType: authenticationType ?? DEFAULT_AUTHENTICATION_TYPE,
      sourceFiles,
      runs: [],
    });
    return record;
  }

  /** PUT: displayName and authenticationType, each optional. */
  updateStorageConnection(id: string, request: unknown): StorageConnectionRecord {
    return this.update(this.stored(id), request);
  }

  /** Its source files, runs and configuration go with it. */
  deleteStorageConnection(id: string): void {
    this.storageConnections.delete(this.stored(id).id);
    this.configurations.delete(configurationKey("connection", id));
  }

  addSourceFile(connectionId: string, request: unknown): SourceFileRecord {
    const connection = this.stored(connectionId);
    const input = this.sourceFileInput(request);
    this.requireUnmapped(connection.iModelId, [input.storageFileId]);
    const [file] = this.addFiles(connection, [input]);
    this.changedConnection(connection);
    return file;
  }

  /** PUT: another storage file, or the same re-typed. */
  updateSourceFile(connectionId: string, sourceFileId: string, request: unknown): SourceFileRecord {
    const connection = this.stored(connectionId);
    const file = this.storedFile(connection, sourceFileId);
    const input = this.sourceFileInput(request);
    this.requireUnmapped(connection.iModelId, [input.storageFileId], file);
    Object.assign(file, input);
    this.nameFile(file);
    this.changedConnection(connection);
    return file;
  }

  removeSourceFile(connectionId: string, sourceFileId: string): void {
    const connection = this.stored(connectionId);
    const file = this.storedFile(connection, sourceFileId);
    connection.sourceFiles.splice(connection.sourceFiles.indexOf(file), 1);
    this.changedConnection(connection);
  }

  /**
   * Runs of one iModel are serialized: while one of any of its connections is active, that one is the answer. A
   * `User` connection runs on behalf of `user` (who asked for the run), so it needs that user's consent.
   */
  startRun(connectionId: string, now: number, user: string | undefined): RunStart {
    const connection = this.stored(connectionId);
    const active = this.activeRunOf(connection.iModelId, now);
    if (active) return active;
    const refused = connection.authenticationType === "User" && !this.isUserAuthorized(user);
    const run = startRun(connection, this.runSettings, now, refused);
    connection.runs.push(run);
    this.changedConnection(connection);
    return { started: true, kind: "storage", connectionId: connection.id, runId: run.id };
  }

  // ManifestConnections.

  createManifestConnection(request: unknown): ManifestConnectionRecord {
    requireValid(detailsOf(createManifestProblems(request)));
    const { displayName, iModelId, authenticationType, sourceFiles } = request as CreateManifestConnectionRequest;
    this.requireKnownIModel(iModelId, DETAIL.invalidIModelId);
    this.requireManifestUnmapped(iModelId, sourceFiles.map((file) => file.sourceFileId));
    const record: StoredManifestConnection = {
      id: newConnectionId(),
      displayName: displayName ?? "",
      iModelId,
      iTwinId: this.iTwinOf(iModelId),
      authenticationType: authenticationType ?? DEFAULT_AUTHENTICATION_TYPE,
      sourceFiles: sourceFiles.map(({ sourceFileId }) => ({ id: newGuid(), sourceFileId })),
      runs: [],
    };
    this.manifestConnections.set(record.id, record);
    return record;
  }

  updateManifestConnection(id: string, request: unknown): ManifestConnectionRecord {
    return this.update(this.storedManifest(id), request);
  }

  /** 409 ConnectionAlreadyInUse while one of its runs is active; its configuration goes with it. */
  deleteManifestConnection(id: string, now: number): void {
    const record = this.storedManifest(id);
    if (record.runs.some((run) => runAt(run, now).state !== TERMINAL_RUN_STATE)) {
      throw new ServiceError(409, ERROR.connectionAlreadyInUse);
    }
    this.manifestConnections.delete(record.id);
    this.configurations.delete(configurationKey("connection", id));
  }

  addManifestSourceFile(connectionId: string, request: unknown): ManifestSourceFile {
    const connection = this.manifestFileOwner(connectionId, ERROR.manifestSourceFileNotFoundOnAdd);
    const { sourceFileId } = this.manifestFileInput(request);
    this.requireManifestUnmapped(connection.iModelId, [sourceFileId]);
    const file = { id: newGuid(), sourceFileId };
    connection.sourceFiles.push(file);
    this.changedConnection(connection);
    return file;
  }

  updateManifestSourceFile(connectionId: string, sourceFileId: string, request: unknown): ManifestSourceFile {
    const notFound = ERROR.manifestSourceFileNotFoundOnUpdate;
    const connection = this.manifestFileOwner(connectionId, notFound);
    const file = this.storedManifestFile(connection, sourceFileId, notFound);
    const input = this.manifestFileInput(request);
    this.requireManifestUnmapped(connection.iModelId, [input.sourceFileId], file);
    file.sourceFileId = input.sourceFileId;
    this.changedConnection(connection);
    return file;
  }

  removeManifestSourceFile(connectionId: string, sourceFileId: string): void {
    const connection = this.manifestFileOwner(connectionId, ERROR.manifestSourceFileNotFound);
    const file = this.storedManifestFile(connection, sourceFileId, ERROR.manifestSourceFileNotFound);
    connection.sourceFiles.splice(connection.sourceFiles.indexOf(file), 1);
    this.changedConnection(connection);
  }

  /** As startRun, with the manifest of file URLs the request gives: the run synchronizes the connection's source files
   * the manifest names (by `id` = sourceFileId), each with the manifest's connector type. */
  startManifestRun(connectionId: string, request: unknown, now: number, user: string | undefined): RunStart {
    const connection = this.storedManifest(connectionId);
    requireValid(detailsOf(manifestRunProblems(request)));
    const active = this.activeRunOf(connection.iModelId, now);
    if (active) return active;
    const mapped = new Set(connection.sourceFiles.map((file) => file.sourceFileId));
    const files: RunFile[] = ((request as ManifestRunRequest | undefined)?.sourceFiles ?? [])
      .filter((file) => mapped.has(file.id))
      .map((file) => ({ fileId: file.id, connectorType: file.connectorType ?? "" }));
    const refused = connection.authenticationType === "User" && !this.isUserAuthorized(user);
    const run = startManifestRun(connection.id, files, this.runSettings, now, refused);
    connection.runs.push(run);
    this.changedConnection(connection);
    return { started: true, kind: "manifest", connectionId: connection.id, runId: run.id };
  }

  // Configurations.

  /** POST: 409 when the scope has one already (docs/api-gaps.md); the connection of a connection scope must exist,
   * and the iModel of an iModel scope when requireKnownIModels is set. */
  createConfiguration(scope: ConfigurationScope, scopeId: string, request: unknown): ConfigurationRecord {
    this.requireScopeId(scope, scopeId);
    const settings = this.settingsInput(scope, request);
    if (scope === "connection" && !this.anyConnection(scopeId)) requireValid([DETAIL.invalidConnectionScopeId]);
    if (scope === "imodel") this.requireKnownIModel(scopeId, DETAIL.invalidIModelScopeId);
    const key = configurationKey(scope, scopeId);
    if (this.configurations.has(key)) throw new ServiceError(409, ERROR.configurationExists);
    const record: ConfigurationRecord = { scope, scopeId: scope === "connection" ? scopeId : scopeId.toLowerCase(), settings };
    this.configurations.set(key, record);
    return record;
  }

  /** PATCH: the given settings change, the others stay. */
  patchConfiguration(scope: ConfigurationScope, scopeId: string, request: unknown): ConfigurationRecord {
    const record = this.configuration(scope, scopeId);
    const settings = this.settingsInput(scope, request);
    const patched: ConfigurationRecord = { ...record, settings: { ...record.settings, ...settings } };
    this.configurations.set(configurationKey(scope, scopeId), patched);
    return patched;
  }

  /** DELETE: the scope falls back to the defaults (and the wider scopes' configurations). */
  deleteConfiguration(scope: ConfigurationScope, scopeId: string): void {
    this.configuration(scope, scopeId);
    this.configurations.delete(configurationKey(scope, scopeId));
  }

  // The user's consent to `User` connections running on their behalf.

  /** Without --require-user-consent every user counts as having consented long ago. */
  isUserAuthorized(user: string | undefined): boolean {
    return !this.runSettings.requireUserConsent || (user !== undefined && this.consents.has(user));
  }

  grantConsent(user: string): void {
    this.consents.set(user, true);
  }

  /** A connection changed in place is set again in its table, which marks it changed (tables.ts). */
  private changedConnection(connection: StoredStorageConnection | StoredManifestConnection): void {
    if (this.storageConnections.get(connection.id) === connection) this.storageConnections.set(connection.id, connection as StoredStorageConnection);
    else this.manifestConnections.set(connection.id, connection as StoredManifestConnection);
  }

  /** PUT of either kind: displayName and authenticationType, each optional. */
  private update<C extends StoredStorageConnection | StoredManifestConnection>(record: C, request: unknown): C {
    const body = objectBody(request);
    requireValid(detailsOf(updateProblems(body)));
    const { displayName, authenticationType } = body as UpdateStorageConnectionRequest;
    if (displayName !== undefined) record.displayName = displayName;
    if (authenticationType !== undefined) record.authenticationType = authenticationType;
    this.changedConnection(record);
    return record;
  }

  /** The iModel's active run, of a connection of either kind: runs of one iModel are serialized. */
  private activeRunOf(iModelId: string, now: number): RunStart | undefined {
    const kinds: Array<["storage" | "manifest", Array<{ id: string; runs: ReadonlyArray<RunRecord> }>]> = [
      ["storage", this.storedOf(iModelId)],
      ["manifest", this.manifestOf(iModelId)],
    ];
    for (const [kind, connections] of kinds) {
      for (const other of connections) {
        const active = other.runs.find((run) => runAt(run, now).state !== TERMINAL_RUN_STATE);
        if (active) return { started: false, kind, connectionId: other.id, runId: active.id };
      }
    }
    return undefined;
  }

  /** With requireKnownIModels, an iModel the iModels API does not know is a 422 with `detail`: the create pages
   * document no 404, and this is their detail naming the iModel (docs/api-gaps.md). */
  private requireKnownIModel(iModelId: string, detail: ErrorDetail): void {
    if (this.runSettings.requireKnownIModels && !this.iModels.has(iModelId.toLowerCase())) requireValid([detail]);
  }

  private requireFreeName(iTwinId: string, name: string): void {
    const taken = [...this.iModels.values()].some((m) => m.iTwinId.toLowerCase() === iTwinId.toLowerCase() && m.name === name);
    if (taken) throw new ServiceError(409, ERROR.iModelExists);
  }

  private requireScopeId(scope: ConfigurationScope, scopeId: string): void {
    const valid = scope === "connection" ? isConnectionId(scopeId) : isGuid(scopeId);
    if (!valid) requireValid([SCOPE_ID_DETAIL[scope]]);
  }

  /** The body as the scope's settings, else 422. */
  private settingsInput(scope: ConfigurationScope, request: unknown): Record<string, boolean | number> {
    const body = objectBody(request);
    requireValid(detailsOf(configurationProblems(scope, body)));
    // Key order of the scope's own list, whatever the request's.
    const names = Object.keys(CONFIGURATION_SCOPES[scope].settings).filter((name) => Object.hasOwn(body, name));
    return Object.fromEntries(names.map((name) => [name, body[name] as boolean | number]));
  }

  private anyConnection(id: string): StoredStorageConnection | StoredManifestConnection | undefined {
    return this.storageConnections.get(id) ?? this.manifestConnections.get(id);
  }

  private storedManifest(id: string): StoredManifestConnection {
    return found(this.manifestConnections.get(id), ERROR.manifestConnectionNotFound);
  }

  /** The source-file pages answer their own 404 for a missing connection too. */
  private manifestFileOwner(id: string, notFound: { code: string; message: string }): StoredManifestConnection {
    return found(this.manifestConnections.get(id), notFound);
  }

  private storedManifestFile(connection: StoredManifestConnection, id: string, notFound: { code: string; message: string }): ManifestSourceFile {
    return found(connection.sourceFiles.find((file) => file.id === id), notFound);
  }

  private manifestOf(iModelId: string): StoredManifestConnection[] {
    const key = iModelId.toLowerCase();
    return [...this.manifestConnections.values()].filter((c) => c.iModelId.toLowerCase() === key);
  }

  private manifestFileInput(request: unknown): ManifestSourceFileInput {
    requireValid(detailsOf(manifestSourceFileProblems(request)));
    return { sourceFileId: (request as ManifestSourceFileInput).sourceFileId };
  }

  /** 409 when a file is mapped to the iModel by a manifest connection already, or twice in `ids` (the manifest
   * pages' 409 "already mapped to the iModel"; fixtures may hold duplicates, as the documented example does). */
  private requireManifestUnmapped(iModelId: string, ids: string[], except?: ManifestSourceFile): void {
    const mapped = new Set<string>();
    for (const connection of this.manifestOf(iModelId)) {
      for (const file of connection.sourceFiles) if (file !== except) mapped.add(file.sourceFileId);
    }
    if (new Set(ids).size < ids.length || ids.some((id) => mapped.has(id))) {
      throw new ServiceError(409, ERROR.fileMappingExists);
    }
  }

  private stored(id: string): StoredStorageConnection {
    return found(this.storageConnections.get(id), ERROR.storageConnectionNotFound);
  }

  private storedOf(iModelId: string): Array<StoredStorageConnection> {
    const key = iModelId.toLowerCase();
    return [...this.storageConnections.values()].filter((c) => c.iModelId.toLowerCase() === key);
  }

  private storedFile(connection: StoredStorageConnection, sourceFileId: string): StoredSourceFile {
    const file = connection.sourceFiles.find((candidate) => candidate.id === sourceFileId);
    return found(file, ERROR.storageConnectionSourceFileNotFound);
  }

  /** The body as a valid `{storageFileId, connectorType}`, else 422. */
  private sourceFileInput(request: unknown): SourceFileInput {
    requireValid(detailsOf(sourceFileProblems(request)));
    const { storageFileId, connectorType } = request as SourceFileInput;
    return { storageFileId, connectorType };
  }

  /** 409 when a storage file is mapped to the iModel already (by any storage connection) or twice in `ids`. */
  private requireUnmapped(iModelId: string, ids: string[], except?: StoredSourceFile): void {
    const mapped = new Set<string>();
    for (const connection of this.storedOf(iModelId)) {
      for (const file of connection.sourceFiles) if (file !== except) mapped.add(file.storageFileId);
    }
    if (new Set(ids).size < ids.length || ids.some((id) => mapped.has(id))) {
      throw new ServiceError(409, ERROR.fileMappingExists);
    }
  }

  private insert(fields: Omit<StoredConnection<SourceFileInput & { id?: string }, Run>, "id" | "iTwinId"> & { id?: string }): StoredStorageConnection {
    const record: StoredStorageConnection = {
      id: fields.id ?? newConnectionId(),
      displayName: fields.displayName,
      iModelId: fields.iModelId,
      iTwinId: this.iTwinOf(fields.iModelId),
      authenticationType: fields.authenticationType,
      sourceFiles: [],
      runs: fields.runs,
    };
    this.addFiles(record, fields.sourceFiles);
    this.storageConnections.set(record.id, record);
    return record;
  }

  private addFiles(connection: StoredStorageConnection, files: Array<SourceFileInput & { id?: string }>): StoredSourceFile[] {
    const added = files.map((file) => ({
      id: file.id ?? newGuid(),
      storageFileId: file.storageFileId,
      connectorType: file.connectorType,
    }));
    for (const file of added) {
      this.nameFile(file);
      connection.sourceFiles.push(file);
    }
    return added;
  }

  /** A storage file keeps the name it is first mapped with: re-typing its connector does not rename the file. */
  private nameFile(file: StoredSourceFile): void {
    if (!this.fileNames.has(file.storageFileId)) {
      this.fileNames.set(file.storageFileId, defaultFileName(file.storageFileId, file.connectorType));
    }
  }
}
