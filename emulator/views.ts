// Records → API bodies, with every href on the emulator's own base URL, shaped like the documented
// https://api.bentley.com ones.
import { SYNC_PATH, type ConnectorType } from "../api/contract";
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

/** Every iModel the emulator creates is empty, and so initialized at once. It knows no users, so no `creator`. */
export function iModelBody(base: string, record: IModelRecord): IModel {
  const href = `${base}/imodels/${record.id}`;
  return {
    id: record.id,
    displayName: record.name,
    name: record.name,
    description: record.description,
    iTwinId: record.iTwinId,
    state: "initialized",
    createdDateTime: record.createdDateTime,
    _links: { changesets: { href: `${href}/changesets` }, namedVersions: { href: `${href}/namedversions` } },
  };
}

/** The usual extension of the files each connector reads, for names the fixtures do not know. */
const EXTENSIONS: Record<ConnectorType, string> = {
  AUTOPLANT: ".dgn",
  AVEVADIAGRAMS: ".vsd",
  AVEVAPID: ".dwg",
  CIVIL: ".dgn",
  CIVIL3D: ".dwg",
  DACQJSON: ".json",
  DWG: ".dwg",
  GEOSPATIAL: ".shp",
  IFC: ".ifc",
  INTELLIPID: ".pid",
  MSTN: ".dgn",
  NWD: ".nwd",
  OBD: ".dgn",
  OPENTOWER: ".dgn",
  PROSTRUCTURES: ".dgn",
  PSEXCEL: ".xlsx",
  REVIT: ".rvt",
  SHELLEDWCSV: ".csv",
  SPPID: ".pid",
  SPXREVIEW: ".vue",
};

export function sourceFileBody(base: string, store: Store, file: SourceFileRecord): SourceFile {
  let name = store.fileNameOf(file.storageFileId);
  if (name === undefined) {
    // A storage file keeps the name it is first shown with: re-typing its connector does not rename the file.
    name = `${file.storageFileId}${EXTENSIONS[file.connectorType as ConnectorType] ?? ""}`;
    store.setFileName(file.storageFileId, name);
  }
  return {
    id: file.id,
    storageFileId: file.storageFileId,
    connectorType: file.connectorType,
    lastKnownFileName: name,
    _links: { file: { href: `${base}/storage/files/${file.storageFileId}` } },
  };
}

export function sourceFileSummary(file: SourceFileRecord): SourceFileSummary {
  return { id: file.id, storageFileId: file.storageFileId };
}

export function manifestSourceFileBody(file: ManifestSourceFile): ManifestSourceFile {
  return { id: file.id, sourceFileId: file.sourceFileId };
}
