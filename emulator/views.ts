// Records → API bodies (reading only), with every href on `base` (the origin the client called, origin.ts), shaped like the documented
// https://api.bentley.com ones.
import { SYNC_PATH } from "../api/contract";
import type { Connection, IModel, ManifestRun, ManifestSourceFile, Run, SourceFile, SourceFileSummary } from "../api/types";
import type { ConnectionRecord, IModelRecord, SourceFileRecord, Store } from "./store";

export type Collection = "storageconnections" | "manifestconnections";

export function connectionHref(base: string, collection: Collection, connectionId: string): string {
  return `${base}${SYNC_PATH}/${collection}/${connectionId}`;
}

export function runHref(base: string, collection: Collection, connectionId: string, runId: string): string {
  return `${connectionHref(base, collection, connectionId)}/runs/${runId}`;
}

export function connectionBody(base: string, collection: Collection, record: ConnectionRecord<unknown, Run | ManifestRun>): Connection {
  const lastRun = record.runs.at(-1);
  return {
    id: record.id,
    displayName: record.displayName,
    iModelId: record.iModelId,
    iTwinId: record.iTwinId,
    authenticationType: record.authenticationType,
    _links: {
      iModel: { href: `${base}/imodels/${record.iModelId}` },
      iTwin: { href: `${base}/itwins/${record.iTwinId}` },
      ...(lastRun && { lastRun: { href: runHref(base, collection, record.id, lastRun.id) } }),
    },
  };
}

/** The get-imodel example's data center; the emulator has one. */
const DATA_CENTER_LOCATION = "East US";

/** Every iModel the emulator creates is empty, and so initialized at once, with no changesets. It knows no users, so
 * no `creator`. */
export function iModelBody(base: string, record: IModelRecord): IModel {
  const href = `${base}/imodels/${record.id}`;
  return {
    id: record.id,
    displayName: record.name,
    dataCenterLocation: DATA_CENTER_LOCATION,
    name: record.name,
    description: record.description,
    state: "initialized",
    createdDateTime: record.createdDateTime,
    lastChangesetPushDateTime: null,
    iTwinId: record.iTwinId,
    isSecured: false,
    extent: record.extent ?? null,
    containersEnabled: record.containersEnabled ?? 0,
    _links: { changesets: { href: `${href}/changesets` }, namedVersions: { href: `${href}/namedversions` } },
  };
}

export function sourceFileBody(base: string, store: Store, file: SourceFileRecord): SourceFile {
  return {
    id: file.id,
    storageFileId: file.storageFileId,
    connectorType: file.connectorType,
    lastKnownFileName: store.fileNameOf(file.storageFileId),
    _links: { file: { href: `${base}/storage/files/${file.storageFileId}` } },
  };
}

/** `Prefer: return=minimal` (the default): all but connectorType, as the get-storage-connection-sourcefiles page shows. */
export function sourceFileSummary(base: string, store: Store, file: SourceFileRecord): SourceFileSummary {
  const { connectorType, ...summary } = sourceFileBody(base, store, file);
  return summary;
}

export function manifestSourceFileBody(file: ManifestSourceFile): ManifestSourceFile {
  return { id: file.id, sourceFileId: file.sourceFileId };
}
