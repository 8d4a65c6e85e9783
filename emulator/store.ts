// The emulated service's data, in memory: iModels, connections with their source files and runs, the fixtures'
// iModel → iTwin map and the names of storage files. No HTTP here: routes check the rules and turn records into
// bodies (views.ts).
import type { AuthenticationType, ManifestRun, ManifestSourceFile, Run, SourceFileInput } from "../api/types";
import { TERMINAL_RUN_STATE } from "../api/contract";
import { derivedGuid, newConnectionId, newGuid } from "./ids";

export interface SourceFileRecord extends SourceFileInput {
  id: string;
}

/** A stored run: a fixed body (fixtures) or a simulated one (runs.ts), rendered as it stands at `now`. */
export interface RunRecord<R extends Run | ManifestRun = Run | ManifestRun> {
  readonly id: string;
  at(now: number): R;
}

export interface ConnectionRecord<F, R extends Run | ManifestRun> {
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

export type StorageConnectionRecord = ConnectionRecord<SourceFileRecord, Run>;
export type ManifestConnectionRecord = ConnectionRecord<ManifestSourceFile, ManifestRun>;

/** An iModel created through the iModels API. */
export interface IModelRecord {
  id: string;
  name: string;
  description: string | null;
  iTwinId: string;
  createdDateTime: string;
}

export interface NewStorageConnection {
  id?: string;
  displayName: string;
  iModelId: string;
  authenticationType: AuthenticationType;
  sourceFiles: Array<SourceFileInput & { id?: string }>;
  runs?: Array<RunRecord<Run>>;
}

export class Store {
  readonly iModels = new Map<string, IModelRecord>();
  readonly storageConnections = new Map<string, StorageConnectionRecord>();
  readonly manifestConnections = new Map<string, ManifestConnectionRecord>();
  private readonly iTwins = new Map<string, string>();
  private readonly fileNames = new Map<string, string>();

  clear(): void {
    this.iModels.clear();
    this.storageConnections.clear();
    this.manifestConnections.clear();
    this.iTwins.clear();
    this.fileNames.clear();
  }

  setITwin(iModelId: string, iTwinId: string): void {
    this.iTwins.set(iModelId.toLowerCase(), iTwinId);
  }

  /** An iModel created here belongs to its iTwin, a fixture's to the one the fixture names; unknown iModels still
   * belong to an iTwin: one derived from the iModel id, so it is stable across restarts. */
  iTwinOf(iModelId: string): string {
    const key = iModelId.toLowerCase();
    return this.iModels.get(key)?.iTwinId ?? this.iTwins.get(key) ?? derivedGuid(`itwin:${key}`);
  }

  /** Ids are lower-case GUIDs, as the service gives them; lookups ignore case. */
  createIModel(fields: Omit<IModelRecord, "id">): IModelRecord {
    const record = { id: newGuid(), ...fields };
    this.iModels.set(record.id, record);
    return record;
  }

  iModel(id: string): IModelRecord | undefined {
    return this.iModels.get(id.toLowerCase());
  }

  iModelNamed(iTwinId: string, name: string): IModelRecord | undefined {
    return [...this.iModels.values()].find((m) => m.iTwinId.toLowerCase() === iTwinId.toLowerCase() && m.name === name);
  }

  deleteIModel(id: string): boolean {
    return this.iModels.delete(id.toLowerCase());
  }

  setFileName(storageFileId: string, name: string): void {
    this.fileNames.set(storageFileId, name);
  }

  fileNameOf(storageFileId: string): string | undefined {
    return this.fileNames.get(storageFileId);
  }

  /** Storage files mapped to the iModel by any storage connection, leaving out `except`. */
  mappedFiles(iModelId: string, except?: SourceFileRecord): Set<string> {
    const mapped = new Set<string>();
    for (const connection of this.storageConnectionsOf(iModelId)) {
      for (const file of connection.sourceFiles) {
        if (file !== except) mapped.add(file.storageFileId);
      }
    }
    return mapped;
  }

  storageConnectionsOf(iModelId: string): StorageConnectionRecord[] {
    const key = iModelId.toLowerCase();
    return [...this.storageConnections.values()].filter((c) => c.iModelId.toLowerCase() === key);
  }

  createStorageConnection(fields: NewStorageConnection): StorageConnectionRecord {
    const record: StorageConnectionRecord = {
      id: fields.id ?? newConnectionId(),
      displayName: fields.displayName,
      iModelId: fields.iModelId,
      iTwinId: this.iTwinOf(fields.iModelId),
      authenticationType: fields.authenticationType,
      sourceFiles: fields.sourceFiles.map((file) => sourceFileRecord(file)),
      runs: fields.runs ?? [],
    };
    this.storageConnections.set(record.id, record);
    return record;
  }

  addManifestConnection(record: ManifestConnectionRecord): void {
    this.manifestConnections.set(record.id, record);
  }

  deleteStorageConnection(id: string): boolean {
    return this.storageConnections.delete(id);
  }

  addSourceFile(connection: StorageConnectionRecord, input: SourceFileInput): SourceFileRecord {
    const record = sourceFileRecord(input);
    connection.sourceFiles.push(record);
    return record;
  }

  removeSourceFile(connection: StorageConnectionRecord, file: SourceFileRecord): void {
    connection.sourceFiles.splice(connection.sourceFiles.indexOf(file), 1);
  }

  /** A run of any connection of the iModel that has not completed yet, with its connection. */
  activeRun(iModelId: string, now: number): { connection: StorageConnectionRecord; run: RunRecord } | undefined {
    for (const connection of this.storageConnectionsOf(iModelId)) {
      const run = connection.runs.find((r) => r.at(now).state !== TERMINAL_RUN_STATE);
      if (run) return { connection, run };
    }
    return undefined;
  }
}

function sourceFileRecord(input: SourceFileInput & { id?: string }): SourceFileRecord {
  return { id: input.id ?? newGuid(), storageFileId: input.storageFileId, connectorType: input.connectorType };
}
