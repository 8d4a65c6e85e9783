// From API bodies to the resource's outputs, and the compact `lastRun` summary.
import type { Connection, ConnectionLinks, Run, RunTaskBase, SourceFile } from "../../api/types";
import type { ConnectionLinksState, LastRun, SourceFileState, StorageConnectionInputs, StorageConnectionOutputs } from "./model";
import { PROVIDER_ONLY_INPUTS } from "./model";

export function toSourceFileState(file: SourceFile): SourceFileState {
  const state: SourceFileState = { id: file.id, storageFileId: file.storageFileId, connectorType: file.connectorType };
  if (file.lastKnownFileName !== undefined) state.lastKnownFileName = file.lastKnownFileName;
  return state;
}

export function summarizeRun(run: Run): LastRun {
  return summarizeRunOf(run, (task) => ({ storageFileId: task.storageFileId }));
}

/** A run of either connection kind, summarized; `fileOf` names a task's file as the kind does (storageFileId,
 * sourceFileId). */
export function summarizeRunOf<Task extends RunTaskBase, F extends object>(run: Run<Task>, fileOf: (task: Task) => F) {
  const summary = {
    id: run.id,
    state: run.state,
    jobs: (run.jobs ?? []).map((job) => ({
      id: job.id,
      connectorType: job.connectorType,
      state: job.state,
      ...(job.result !== undefined && { result: job.result }),
      tasks: (job.tasks ?? []).map((task) => {
        const report = task.details?.synchronizationReport;
        return {
          id: task.id,
          ...fileOf(task),
          state: task.state,
          ...(task.result !== undefined && { result: task.result }),
          errors: report?.totalErrorsCount ?? 0,
          warnings: report?.totalWarningsCount ?? 0,
          otherIssues: report?.totalOtherIssuesCount ?? 0,
          ...(report?.suggestedAction !== undefined && { suggestedAction: report.suggestedAction }),
          ...(task.error !== undefined && { error: `${task.error.errorCode}: ${task.error.message}` }),
        };
      }),
    })),
  } as Omit<LastRun, "jobs"> & { jobs: Array<Omit<LastRun["jobs"][number], "tasks"> & { tasks: Array<Omit<LastRun["jobs"][number]["tasks"][number], "storageFileId"> & F> }> };
  // Absent rather than undefined: Pulumi state has no `undefined`, and a stable shape keeps diffs quiet.
  if (run.result !== undefined) summary.result = run.result;
  if (run.phase !== undefined) summary.phase = run.phase;
  if (run.startDateTime !== undefined) summary.startDateTime = run.startDateTime;
  if (run.endDateTime !== undefined) summary.endDateTime = run.endDateTime;
  if (run.error !== undefined) summary.error = { errorKey: run.error.errorKey, description: run.error.description };
  return summary;
}

/**
 * Files in the declared order, so that Pulumi's positional diff of `sourceFiles` shows only real changes; files not
 * declared (added by hand) come last, by storageFileId.
 */
export function orderFiles<T extends { storageFileId: string }>(files: T[], declared: Array<{ storageFileId: string }> = []): T[] {
  return orderBy(files, declared, (f) => f.storageFileId);
}

/** orderFiles for any file key (a manifest connection's sourceFileId). */
export function orderBy<T, D>(files: T[], declared: D[], key: (file: T | D) => string): T[] {
  const rank = new Map(declared.map((f, i) => [key(f), i]));
  const byId = (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return [...files].sort((a, b) => (rank.get(key(a)) ?? Infinity) - (rank.get(key(b)) ?? Infinity) || byId(a, b));
}

/** A connection's `_links` (storage or manifest: the same shape) as the hrefs outputs and lookups carry. */
export function linksState(links: ConnectionLinks): ConnectionLinksState {
  return {
    iModel: links.iModel.href,
    iTwin: links.iTwin.href,
    ...(links.lastRun && { lastRun: links.lastRun.href }),
  };
}

export function toOutputs(
  connection: Connection,
  files: SourceFileState[],
  lastRun: Run | undefined,
  inputs: Partial<StorageConnectionInputs>,
): StorageConnectionOutputs {
  const outputs: StorageConnectionOutputs = {
    iModelId: connection.iModelId,
    displayName: connection.displayName,
    authenticationType: connection.authenticationType,
    iTwinId: connection.iTwinId,
    sourceFiles: orderFiles(files, inputs.sourceFiles),
    links: linksState(connection._links),
  };
  if (lastRun) outputs.lastRun = summarizeRun(lastRun);
  return withProviderOnlyInputs(outputs, inputs);
}

/** Outputs as they are, taken over by new inputs: the files in their declared order, their provider-only inputs. */
export function redeclared(outputs: StorageConnectionOutputs, declared: Partial<StorageConnectionInputs>): StorageConnectionOutputs {
  const { iModelId, displayName, authenticationType, iTwinId, sourceFiles, links, lastRun } = outputs;
  const kept = { iModelId, displayName, authenticationType, iTwinId, sourceFiles: orderFiles(sourceFiles, declared.sourceFiles), links };
  return withProviderOnlyInputs(lastRun ? { ...kept, lastRun } : kept, declared);
}

/** Carries the provider-only inputs (adoption, run options) over, leaving out the undeclared ones. */
function withProviderOnlyInputs<T extends object>(target: T, declared: Partial<StorageConnectionInputs>): T {
  for (const key of PROVIDER_ONLY_INPUTS) {
    if (declared[key] !== undefined) (target as Record<string, unknown>)[key] = declared[key];
  }
  return target;
}

/** The inputs the API's live state implies, so that refresh records drift and the next `up` heals it. */
export function liveInputs(outputs: StorageConnectionOutputs, declared: Partial<StorageConnectionInputs>): StorageConnectionInputs {
  const inputs: StorageConnectionInputs = {
    iModelId: outputs.iModelId,
    displayName: outputs.displayName,
    authenticationType: outputs.authenticationType,
    sourceFiles: outputs.sourceFiles.map((f) => ({ storageFileId: f.storageFileId, connectorType: f.connectorType })),
  };
  return withProviderOnlyInputs(inputs, declared);
}
