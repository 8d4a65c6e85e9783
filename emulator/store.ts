// The emulated service's data and its rules, in memory: iModels, connections with their source files and runs, the
// fixtures' iModel → iTwin map, the names of storage files and the users' consents. Every change goes through a
// method here, which raises the API's error (404, 409, 422) before it changes anything. All of it lives in tables
// (tables.ts), which note each change for persistence and give `dump`/`restore` of the whole state. Records are
// handed out read-only; no HTTP here (routes call these methods, views.ts turns records into bodies).
import { DEFAULT_AUTHENTICATION_TYPE, DETAIL, ERROR, TERMINAL_RUN_STATE } from "../api/contract";
import type {
  AuthenticationType,
  CreateIModelRequest,
  CreateStorageConnectionRequest,
  ManifestRun,
  ManifestSourceFile,
  Run,
  SourceFileInput,
  UpdateStorageConnectionRequest,
} from "../api/types";
import { createIModelProblems, createProblems, sourceFileProblems, updateProblems } from "../api/validation";
import { ServiceError, detailsOf, requireValid } from "./errors";
import { defaultFileName } from "./file-names";
import { derivedGuid, newConnectionId, newGuid } from "./ids";
import { runAt, startRun, timestamp, type RunRecord, type RunSettings } from "./runs";
import { Tables, type Changes, type Dump } from "./tables";

export type { RunRecord } from "./runs";

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
export type StorageConnectionRecord = ConnectionRecord<StoredSourceFile, Run>;
export type ManifestConnectionRecord = ConnectionRecord<ManifestSourceFile, ManifestRun>;

/** An iModel created through the iModels API. */
export interface IModelRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly iTwinId: string;
  readonly createdDateTime: string;
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

export class Store {
  private readonly tables = new Tables();
  private readonly iModels = this.tables.table<IModelRecord>("iModels");
  private readonly storageConnections = this.tables.table<StoredStorageConnection>("storageConnections");
  private readonly manifestConnections = this.tables.table<StoredConnection<ManifestSourceFile, ManifestRun>>("manifestConnections");
  /** Fixtures' iModel id (lower case) → iTwin id. */
  private readonly iTwins = this.tables.table<string>("iTwins");
  /** Storage file id → the name it was first shown with. */
  private readonly fileNames = this.tables.table<string>("fileNames");
  /** The users (token subjects) who let the service run `User` connections on their behalf. */
  private readonly consents = this.tables.table<true>("consents");

  constructor(private readonly runSettings: RunSettings) {}

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

  setITwin(iModelId: string, iTwinId: string): void {
    this.iTwins.set(iModelId.toLowerCase(), iTwinId);
  }

  setFileName(storageFileId: string, name: string): void {
    this.fileNames.set(storageFileId, name);
  }

  addManifestConnection(connection: Omit<StoredConnection<ManifestSourceFile, ManifestRun>, "iTwinId">): void {
    this.manifestConnections.set(connection.id, { ...connection, iTwinId: this.iTwinOf(connection.iModelId) });
  }

  restoreStorageConnection(connection: RestoredStorageConnection): void {
    this.insert(connection);
  }

  // Reads.

  /** An iModel created here belongs to its iTwin, a fixture's to the one the fixture names; unknown iModels still
   * belong to an iTwin: one derived from the iModel id, so it is stable across restarts. */
  iTwinOf(iModelId: string): string {
    const key = iModelId.toLowerCase();
    return this.iModels.get(key)?.iTwinId ?? this.iTwins.get(key) ?? derivedGuid(`itwin:${key}`);
  }

  /** The name a storage file was first shown with (every mapped file has one). */
  fileNameOf(storageFileId: string): string | undefined {
    return this.fileNames.get(storageFileId);
  }

  /** Ids are lower-case GUIDs, as the service gives them; lookups ignore case. */
  iModel(id: string): IModelRecord {
    return found(this.iModels.get(id.toLowerCase()), ERROR.iModelNotFound);
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
    return found(this.manifestConnections.get(id), ERROR.manifestConnectionNotFound);
  }

  manifestConnectionRun(connectionId: string, runId: string): RunRecord<ManifestRun> {
    const runs = this.manifestConnection(connectionId).runs;
    return found(runs.find((run) => run.id === runId), ERROR.manifestConnectionRunNotFound);
  }

  // The API's changes.

  /** Names are unique within an iTwin: a second POST of the same name is a 409, not a second iModel. */
  createIModel(request: unknown, now: number): IModelRecord {
    const body = objectBody(request);
    requireValid(detailsOf(createIModelProblems(body)));
    const { iTwinId, name, description } = body as unknown as CreateIModelRequest;
    const taken = [...this.iModels.values()].some(
      (m) => m.iTwinId.toLowerCase() === iTwinId.toLowerCase() && m.name === name,
    );
    if (taken) throw new ServiceError(409, ERROR.iModelExists);
    const record: IModelRecord = {
      id: newGuid(),
      name,
      description: description || null,
      iTwinId: iTwinId.toLowerCase(),
      createdDateTime: timestamp(now),
    };
    this.iModels.set(record.id, record);
    return record;
  }

  /** The iModel goes; connections made for it stay, as the services are separate. */
  deleteIModel(id: string): void {
    this.iModels.delete(this.iModel(id).id);
  }

  createStorageConnection(request: unknown): StorageConnectionRecord {
    requireValid(detailsOf(createProblems(request)));
    const { displayName, iModelId, authenticationType, sourceFiles } = request as CreateStorageConnectionRequest;
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
    const record = this.stored(id);
    const body = objectBody(request);
    requireValid(detailsOf(updateProblems(body)));
    const { displayName, authenticationType } = body as UpdateStorageConnectionRequest;
    if (displayName !== undefined) record.displayName = displayName;
    if (authenticationType !== undefined) record.authenticationType = authenticationType;
    this.changedConnection(record);
    return record;
  }

  /** Its source files and runs go with it. */
  deleteStorageConnection(id: string): void {
    this.storageConnections.delete(this.stored(id).id);
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
    for (const other of this.storedOf(connection.iModelId)) {
      const active = other.runs.find((run) => runAt(run, now).state !== TERMINAL_RUN_STATE);
      if (active) return { started: false, connectionId: other.id, runId: active.id };
    }
    const refused = connection.authenticationType === "User" && !this.isUserAuthorized(user);
    const run = startRun(connection, this.runSettings, now, refused);
    connection.runs.push(run);
    this.changedConnection(connection);
    return { started: true, connectionId: connection.id, runId: run.id };
  }

  // The user's consent to `User` connections running on their behalf.

  /** Without --require-user-consent every user counts as having consented long ago. */
  isUserAuthorized(user: string | undefined): boolean {
    return !this.runSettings.requireUserConsent || (user !== undefined && this.consents.has(user));
  }

  grantConsent(user: string): void {
    this.consents.set(user, true);
  }

  /** A connection changed in place is set again, which marks it changed (tables.ts). */
  private changedConnection(connection: StoredStorageConnection): void {
    this.storageConnections.set(connection.id, connection);
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
