// The fleet every variant of the scale benchmark declares: `count` connections of two files each, the first
// `renamed` of them with a changed displayName (the "update 10%" step). One definition for P, F and R.

export interface FleetConnection {
  name: string;
  iModelId: string;
  displayName: string;
  sourceFiles: Array<{ storageFileId: string; connectorType: "MSTN" | "IFC" }>;
}

export function fleet(count: number, renamed = 0): FleetConnection[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `c${i}`,
    iModelId: `5ca1e000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    displayName: i < renamed ? `Connection ${i} (renamed)` : `Connection ${i}`,
    sourceFiles: [
      { storageFileId: `scale-${i}-a`, connectorType: "MSTN" },
      { storageFileId: `scale-${i}-b`, connectorType: "IFC" },
    ],
  }));
}

/** The stack config both Pulumi programs read. */
export const FLEET_CONFIG = { namespace: "bench", count: "count", renamed: "renamed" } as const;
