// What a reviewed connections.json must pass before anything is declared. Every problem is collected and named by
// its entry, so one failed run lists all that the author of the change has to fix.
import { validateStorageConnectionArgs, type ConnectorType } from "itwin-sync-pulumi";

export interface ConnectionEntry {
  /** The resource's name in the stack: unique, and kept when anything else changes. */
  name: string;
  iModelId: string;
  displayName: string;
  sourceFiles: Array<{ storageFileId: string; connectorType: ConnectorType }>;
  authenticationType?: "User" | "Service";
  runOnChange?: boolean;
  waitForRun?: boolean;
  runTimeoutSeconds?: number;
}

const REQUIRED = ["name", "iModelId", "displayName", "sourceFiles"];
const KEYS = [...REQUIRED, "authenticationType", "runOnChange", "waitForRun", "runTimeoutSeconds"];

/** The problems of a parsed file, each as `<entry>: <problem>`; empty when every entry is valid. */
export function problemsOf(entries: unknown): string[] {
  if (!Array.isArray(entries)) return ["the file must hold a JSON list of connections"];
  const problems: string[] = [];
  const firstEntryNamed = new Map<string, number>();
  entries.forEach((entry: Record<string, unknown>, i) => {
    const name = typeof entry?.name === "string" && entry.name !== "" ? entry.name : undefined;
    const label = `${name ?? "(no name)"} (entry ${i + 1})`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${label}: must be an object with ${REQUIRED.join(", ")}`);
      return;
    }
    for (const key of Object.keys(entry).filter((k) => !KEYS.includes(k))) {
      problems.push(`${label}: unknown key "${key}"; the keys are ${KEYS.join(", ")}`);
    }
    const missing = REQUIRED.filter((key) => entry[key] === undefined || entry[key] === null || entry[key] === "");
    for (const key of missing) problems.push(`${label}: "${key}" is missing`);
    if (entry.name !== undefined && typeof entry.name !== "string") problems.push(`${label}: "name" must be a string`);
    // The provider's own rules, as its `check` would apply them at preview; a missing field is reported once.
    for (const reason of validateStorageConnectionArgs(entry)) {
      if (!missing.some((key) => reason.startsWith(`${key}:`))) problems.push(`${label}: ${reason}`);
    }
    if (name !== undefined) {
      const first = firstEntryNamed.get(name);
      if (first === undefined) firstEntryNamed.set(name, i);
      else problems.push(`${label}: the name is already used by entry ${first + 1}; names must be unique`);
    }
  });
  return problems;
}
