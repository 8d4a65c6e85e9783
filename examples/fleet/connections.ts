// A stack's connections as its config holds them, checked before anything is declared: every problem is collected
// and named by its entry, so one failed run lists all that the author of the stack file has to fix.
import { validateStorageConnectionArgs, type ConnectorType } from "itwin-sync-pulumi";

export interface ConnectionEntry {
  /** The resource's name in the stack: unique, and kept when anything else changes. */
  name: string;
  displayName: string;
  sourceFiles: Array<{ storageFileId: string; connectorType: ConnectorType }>;
  authenticationType?: "User" | "Service";
}

const KEYS = ["name", "displayName", "sourceFiles", "authenticationType"];

/** The problems of `connections` for the stack's iModel, each as `connections[i] (<name>): <problem>`. */
export function connectionProblems(iModelId: unknown, connections: unknown): string[] {
  if (!Array.isArray(connections) || connections.length === 0) {
    return ["connections: must be a list of { name, displayName, sourceFiles } (at least one)"];
  }
  const problems: string[] = [];
  const names = new Map<string, number>();
  connections.forEach((entry: Record<string, unknown>, i) => {
    const label = `connections[${i}]${typeof entry?.name === "string" ? ` (${entry.name})` : ""}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${label}: must be an object with name, displayName and sourceFiles`);
      return;
    }
    for (const key of Object.keys(entry).filter((k) => !KEYS.includes(k))) problems.push(`${label}: unknown key "${key}"; the keys are ${KEYS.join(", ")}`);
    if (typeof entry.name !== "string" || entry.name === "") problems.push(`${label}: "name" must be a non-empty string (the resource's name)`);
    else if (names.has(entry.name)) problems.push(`${label}: the name is already used by connections[${names.get(entry.name)}]; names must be unique`);
    else names.set(entry.name, i);
    const { name: _name, ...args } = entry;
    // The provider's own rules, as its check would apply them at preview, before any call.
    for (const reason of validateStorageConnectionArgs({ ...args, iModelId })) problems.push(`${label}: ${reason}`);
  });
  return problems;
}
