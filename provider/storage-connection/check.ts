// `check`: the API's 422 rules applied before any request, each failure naming the property and the fix.
import { CONNECTOR_TYPES, DETAIL } from "../../api/contract";
import { createProblems } from "../../api/validation";
import type { CheckFailure, CheckResult } from "../core/verbs";
import { withDefaults } from "../model/define";
import { storageConnectionModel, type CheckedStorageConnectionInputs, type StorageConnectionInputs } from "./model";

/** What the engine sends for a value not known yet (during preview). Such values are not errors. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const FIXES: Record<string, string> = {
  iModelId: "set it to the iModel's GUID, e.g. 7dbd531d-6967-47b2-8945-a722a437ad7a",
  sourceFiles: "declare at least one { storageFileId, connectorType }",
  storageFileId: "use the iTwin Storage file id (letters, digits, '-' and '_')",
  connectorType: `use one of ${CONNECTOR_TYPES.join(", ")}`,
  authenticationType: 'use "User" or "Service"',
  displayName: "use a string",
};

export interface CheckOptions {
  /** `itwin:allowUnknownConnectorTypes`: connector types outside CONNECTOR_TYPES go to the API as declared. */
  allowUnknownConnectorTypes?: boolean;
}

/** The declared inputs with every default of the model filled in, and what is wrong with them. */
export function checkInputs(news: Record<string, unknown>, options: CheckOptions = {}): CheckResult<CheckedStorageConnectionInputs> {
  const inputs = withDefaults(storageConnectionModel.inputs, news);
  const failures: CheckFailure[] = [];
  const declared = withoutUnknowns(inputs);
  for (const { path, detail } of createProblems(declared)) {
    if (detail === DETAIL.invalidConnectorType) {
      if (options.allowUnknownConnectorTypes) continue;
      failures.push({ property: path, reason: unknownConnectorTypeReason(path, declared) });
      continue;
    }
    const field = path.split(".").pop()!.replace(/\[\d+\]$/, "");
    failures.push({ property: path, reason: `${path}: ${detail.message} Fix: ${FIXES[field] ?? "see the API reference"}.` });
  }
  failures.push(...duplicateFileFailures(inputs.sourceFiles));
  failures.push(...providerInputFailures(inputs));
  return { inputs: inputs as CheckedStorageConnectionInputs, failures };
}

/** The inputs only the provider reads: JavaScript would take the string "false" as true, so each is type-checked. */
function providerInputFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known = (key: string) => inputs[key] !== undefined && inputs[key] !== null && inputs[key] !== UNKNOWN;
  for (const key of ["runOnChange", "waitForRun", "adoptOnConflict"] as const) {
    if (known(key) && typeof inputs[key] !== "boolean") {
      failures.push({
        property: key,
        reason:
          `${key}: must be true or false, got ${describe(inputs[key])}. Fix: write ${key}: ${inputs[key] === "false" ? "false" : "true"} ` +
          "(a boolean, no quotes); a value from config needs config.getBoolean / requireBoolean.",
      });
    }
  }
  const timeout = inputs.runTimeoutSeconds;
  if (known("runTimeoutSeconds") && !(typeof timeout === "number" && Number.isFinite(timeout) && timeout > 0)) {
    failures.push({
      property: "runTimeoutSeconds",
      reason:
        `runTimeoutSeconds: must be a positive number of seconds, got ${describe(timeout)}. ` +
        `Fix: set the longest wait for a run in seconds, e.g. runTimeoutSeconds: ${storageConnectionModel.inputs.runTimeoutSeconds.default} (the default when left out).`,
    });
  }
  if (known("adoptConnectionId") && (typeof inputs.adoptConnectionId !== "string" || inputs.adoptConnectionId === "")) {
    failures.push({
      property: "adoptConnectionId",
      reason:
        `adoptConnectionId: must be the id of an existing StorageConnection (a non-empty string), got ${describe(inputs.adoptConnectionId)}. ` +
        "Fix: set the connection's id, or leave adoptConnectionId out to create a new connection.",
    });
  }
  if (inputs.waitForRun === true && inputs.runOnChange !== true && inputs.runOnChange !== UNKNOWN) {
    failures.push({
      property: "waitForRun",
      reason: "waitForRun: only applies with runOnChange: true. Fix: set runOnChange: true as well, or leave waitForRun out.",
    });
  }
  return failures;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value === "object" ? JSON.stringify(value) : String(value)} (${Array.isArray(value) ? "array" : typeof value})`;
}

/** The API's 422 lists an older set than the one known here, so this message names the value, the closest known
 * one and the escape hatch for connectors newer than the package. */
function unknownConnectorTypeReason(path: string, inputs: Record<string, unknown>): string {
  const index = Number(/^sourceFiles\[(\d+)\]/.exec(path)?.[1]);
  const value = ((inputs.sourceFiles as Array<Record<string, unknown>>)[index] ?? {}).connectorType;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return (
    `${path}: ${JSON.stringify(text)} is not a known connector type. ` +
    `Fix: did you mean "${closest(text, CONNECTOR_TYPES)}"? Known: ${CONNECTOR_TYPES.join(", ")}. ` +
    "For a connector newer than this package, set itwin:allowUnknownConnectorTypes (or " +
    "ITWIN_ALLOW_UNKNOWN_CONNECTOR_TYPES) to true."
  );
}

/** The candidate with the fewest single-character edits from `value`, ignoring case. */
export function closest(value: string, candidates: readonly string[]): string {
  const target = value.toUpperCase();
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(target, candidate.toUpperCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Unknown values stand in as valid ones, so preview reports only what is already wrong. */
function withoutUnknowns(inputs: Record<string, unknown>): Record<string, unknown> {
  const placeholder: Record<string, unknown> = {
    iModelId: "00000000-0000-0000-0000-000000000000",
    storageFileId: "unknown",
    connectorType: CONNECTOR_TYPES[0],
  };
  const files = inputs.sourceFiles;
  return {
    ...inputs,
    iModelId: inputs.iModelId === UNKNOWN ? placeholder.iModelId : inputs.iModelId,
    displayName: inputs.displayName === UNKNOWN ? "" : inputs.displayName,
    authenticationType: inputs.authenticationType === UNKNOWN ? "User" : inputs.authenticationType,
    sourceFiles:
      files === UNKNOWN
        ? [placeholder]
        : Array.isArray(files)
          ? files.map((f) =>
              f === UNKNOWN
                ? placeholder
                : Object.fromEntries(
                    Object.entries((f ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === UNKNOWN ? placeholder[k] : v]),
                  ),
            )
          : files,
  };
}

function duplicateFileFailures(files: unknown): CheckFailure[] {
  if (!Array.isArray(files)) return [];
  const firstIndex = new Map<string, number>();
  const failures: CheckFailure[] = [];
  files.forEach((file: Partial<StorageConnectionInputs["sourceFiles"][number]> | undefined, i) => {
    const id = file?.storageFileId;
    if (typeof id !== "string" || id === UNKNOWN) return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, i);
    } else {
      failures.push({
        property: `sourceFiles[${i}].storageFileId`,
        reason:
          `sourceFiles[${i}].storageFileId: storage file ${id} is already listed at sourceFiles[${first}]; ` +
          "the API maps a file to an iModel once. Fix: remove the duplicate entry.",
      });
    }
  });
  return failures;
}

/**
 * The same rules for plain data (e.g. a reviewed YAML/JSON list) before it becomes resources: one readable message
 * per problem, each naming the property and the fix. Empty when the entry is valid.
 */
export function validateStorageConnectionArgs(args: Record<string, unknown>, options: CheckOptions = {}): string[] {
  return checkInputs(args, options).failures.map((f) => f.reason);
}
