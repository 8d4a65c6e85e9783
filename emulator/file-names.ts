// The names storage files get when no fixture names them: the file id with the usual extension of the files its
// connector reads.
import type { ConnectorType } from "../api/contract";

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

export function defaultFileName(storageFileId: string, connectorType: string): string {
  return `${storageFileId}${EXTENSIONS[connectorType as ConnectorType] ?? ""}`;
}
