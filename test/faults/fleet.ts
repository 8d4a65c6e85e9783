// The stack the fault suite drives: N connections over a few iModels, the first few with 300 files, every tenth with
// runOnChange; and its second version, which renames, adds, re-types and removes, so that an update makes every kind
// of write (connection PUT, file POST/PUT/DELETE, run start).
import type { ConnectionSpec } from "../harness/connections";

export interface FleetSize {
  connections: number;
  /** How many of them have LARGE_FILES files. */
  large: number;
  iModels: number;
}

export const FULL: FleetSize = { connections: 50, large: 3, iModels: 10 };
/** The variant `.ci/run` runs. */
export const SHORT: FleetSize = { connections: 10, large: 1, iModels: 5 };
export const LARGE_FILES = 300;
/** Share of a large connection's files the update adds, re-types and removes (each). */
const CHANGED = LARGE_FILES / 10;

export function iModelIds(size: FleetSize): string[] {
  return Array.from({ length: size.iModels }, (_, i) => `fa17a000-0000-4000-8000-${String(i).padStart(12, "0")}`);
}

/** The declaration, version 1 (create) or 2 (update). */
export function fleet(size: FleetSize, version: 1 | 2): ConnectionSpec[] {
  const iModels = iModelIds(size);
  return Array.from({ length: size.connections }, (_, i) => {
    const renamed = version === 2 && i % 5 === 0;
    return {
      name: `c${i}`,
      iModelId: iModels[i % iModels.length],
      displayName: `Fault suite ${i}${renamed ? " (renamed)" : ""}`,
      authenticationType: "User" as const,
      sourceFiles: i < size.large ? largeFiles(i, version) : smallFiles(i, version),
      runOnChange: i % 10 === 0,
    };
  });
}

function largeFiles(i: number, version: 1 | 2) {
  const files = Array.from({ length: LARGE_FILES }, (_, k) => ({ storageFileId: `c${i}-f${k}`, connectorType: "DWG" }));
  if (version === 1) return files;
  return [
    ...files.slice(CHANGED, 2 * CHANGED).map((f) => ({ ...f, connectorType: "IFC" })),
    ...files.slice(2 * CHANGED),
    ...Array.from({ length: CHANGED }, (_, k) => ({ storageFileId: `c${i}-g${k}`, connectorType: "MSTN" })),
  ];
}

function smallFiles(i: number, version: 1 | 2) {
  const files = [
    { storageFileId: `c${i}-a`, connectorType: "MSTN" },
    { storageFileId: `c${i}-b`, connectorType: "IFC" },
  ];
  return version === 2 && i % 4 === 0 ? [...files, { storageFileId: `c${i}-c`, connectorType: "REVIT" }] : files;
}
