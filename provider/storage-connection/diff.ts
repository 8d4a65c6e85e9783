// `diff` and the source-file plan behind `update`: iModelId replaces; displayName, authenticationType and the
// set of source files (keyed by storageFileId, order ignored) update in place.
import type { DiffResult } from "../core/verbs";
import { UNKNOWN } from "./check";
import type { CheckedStorageConnectionInputs, SourceFileArgs, SourceFileState, StorageConnectionOutputs } from "./model";

export interface SourceFilePlan {
  add: SourceFileArgs[];
  /** Same storage file, new connector type: PUT on the existing source file. */
  retype: Array<{ current: SourceFileState; connectorType: string }>;
  remove: SourceFileState[];
  keep: SourceFileState[];
}

export function planSourceFiles(current: SourceFileState[], desired: SourceFileArgs[]): SourceFilePlan {
  const byStorageId = new Map(current.map((f) => [f.storageFileId, f]));
  const wanted = new Set(desired.map((f) => f.storageFileId));
  const plan: SourceFilePlan = { add: [], retype: [], remove: [], keep: [] };
  for (const file of desired) {
    const existing = byStorageId.get(file.storageFileId);
    if (!existing) plan.add.push(file);
    else if (existing.connectorType !== file.connectorType) plan.retype.push({ current: existing, connectorType: file.connectorType });
    else plan.keep.push(existing);
  }
  plan.remove = current.filter((f) => !wanted.has(f.storageFileId));
  return plan;
}

export function planIsEmpty(plan: SourceFilePlan): boolean {
  return plan.add.length + plan.retype.length + plan.remove.length === 0;
}

/** Whether `update` must PUT the connection itself; an undeclared displayName is left as the API has it. */
export function connectionFieldsChanged(
  olds: Pick<StorageConnectionOutputs, "displayName" | "authenticationType">,
  news: Pick<CheckedStorageConnectionInputs, "displayName" | "authenticationType">,
): Array<"displayName" | "authenticationType"> {
  const changed: Array<"displayName" | "authenticationType"> = [];
  if (news.displayName !== undefined && news.displayName !== olds.displayName) changed.push("displayName");
  if (news.authenticationType !== olds.authenticationType) changed.push("authenticationType");
  return changed;
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The properties a change of inputs touches: those that replace the connection, those updated in place, and the
 * outputs an update leaves as they are (the iModel's iTwin; links do not stay: a run may move lastRun). */
export function diffStorageConnection(olds: StorageConnectionOutputs, news: CheckedStorageConnectionInputs): DiffResult {
  const replaces: string[] = [];
  const updates: string[] = [];
  if (news.iModelId === UNKNOWN || news.iModelId !== olds.iModelId) replaces.push("iModelId");
  if (news.displayName === UNKNOWN) updates.push("displayName");
  if ((news.authenticationType as string) === UNKNOWN) updates.push("authenticationType");
  updates.push(...connectionFieldsChanged(olds, news).filter((k) => !updates.includes(k)));
  if (containsUnknown(news.sourceFiles) || !planIsEmpty(planSourceFiles(olds.sourceFiles ?? [], news.sourceFiles))) {
    updates.push("sourceFiles");
  }
  return { replaces, updates, stables: replaces.length === 0 ? ["iTwinId"] : [] };
}
