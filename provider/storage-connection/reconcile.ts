// Bringing an existing connection to the declared inputs with the fewest calls: its own fields by one PUT, then its
// source files by the plan `diff` computes (adds first, removals last), recording progress after every call.
import type { SourceFile } from "../../api/types";
import { ApiError, isNotFound, repeatWhileOutcomeUnknown, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { connectionFieldsChanged, planIsEmpty, planSourceFiles, type SourceFilePlan } from "./diff";
import type { CheckedStorageConnectionInputs, SourceFileArgs, SourceFileState, StorageConnectionOutputs } from "./model";
import { orderFiles, redeclared, toSourceFileState } from "./outputs";
import type { Progress } from "./progress";

/** How many source-file calls run at once: enough to make 1,000 files quick, few enough to stay under rate limits. */
const FILE_CALL_CONCURRENCY = 8;

/**
 * Reconciles connection `id` from `progress.outputs` (what the API has) to `inputs`; `progress` ends with the
 * outputs. Resolves to whether the source files changed (so a run is due).
 */
export async function reconcile(client: SyncClient, id: string, inputs: CheckedStorageConnectionInputs, progress: Progress): Promise<boolean> {
  const current = progress.outputs;
  let outputs: StorageConnectionOutputs = redeclared(current, inputs);
  const changedFields = connectionFieldsChanged(current, inputs);
  if (changedFields.length > 0) {
    const body = Object.fromEntries(changedFields.map((k) => [k, inputs[k]]));
    const updated = await client.updateStorageConnection(id, body);
    outputs = { ...outputs, displayName: updated.displayName, authenticationType: updated.authenticationType };
    progress.record(outputs);
  }
  const plan = planSourceFiles(current.sourceFiles, inputs.sourceFiles);
  if (!planIsEmpty(plan)) {
    await applyFilePlan(client, id, plan, current.sourceFiles, (files) => {
      outputs = { ...outputs, sourceFiles: orderFiles(files, inputs.sourceFiles) };
      progress.record(outputs);
    });
  }
  progress.record(outputs);
  return !planIsEmpty(plan);
}

/** Applies `plan`, reporting the connection's files after every call. */
async function applyFilePlan(
  client: SyncClient,
  id: string,
  plan: SourceFilePlan,
  current: SourceFileState[],
  onProgress: (files: SourceFileState[]) => void,
): Promise<void> {
  const files = new Map(current.map((f) => [f.storageFileId, f]));
  const live = new LiveFiles(client, id);
  const record = (file: SourceFile) => {
    files.set(file.storageFileId, toSourceFileState(file));
    onProgress([...files.values()]);
  };
  // Adds first and removals last, so the connection never goes without files midway.
  await forEachLimited(plan.add, async (file) => record(await addFile(client, id, file, live)));
  await forEachLimited(plan.retype, async ({ current: file, connectorType }) =>
    record(await retypeFile(client, id, file, connectorType, live)),
  );
  await forEachLimited(plan.remove, async (file) => {
    await unlessNotFound(client.removeSourceFile(id, file.id));
    files.delete(file.storageFileId);
    onProgress([...files.values()]);
  });
}

/**
 * POST. A 409 for a file this very connection already has (state older than the API) is not an error. A lost answer
 * is resolved by posting again: if the lost POST did add the file, the repeat meets that 409 and a fresh listing gives
 * the file, so the same update converges without a duplicate.
 */
async function addFile(client: SyncClient, id: string, file: SourceFileArgs, live: LiveFiles): Promise<SourceFile> {
  return repeatWhileOutcomeUnknown(async (afterLostAnswer) => {
    try {
      return await client.addSourceFile(id, file);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const existing = await live.find(file.storageFileId, afterLostAnswer);
      if (!existing) {
        throw new ApiError({
          operation: `Add source file ${file.storageFileId}`,
          status: error.status,
          code: error.code,
          apiMessage: error.apiMessage,
          hint: "Another StorageConnection of this iModel maps that file; remove it there first (or add dependsOn between the two resources).",
        });
      }
      return existing.connectorType === file.connectorType ? existing : client.updateSourceFile(id, existing.id, file);
    }
  });
}

/** PUT; a file removed by hand since the last refresh is added again instead. */
async function retypeFile(client: SyncClient, id: string, file: SourceFileState, connectorType: string, live: LiveFiles): Promise<SourceFile> {
  try {
    return await client.updateSourceFile(id, file.id, { storageFileId: file.storageFileId, connectorType });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return addFile(client, id, { storageFileId: file.storageFileId, connectorType }, live);
  }
}

/** The connection's current source files, listed once (again after a lost answer) and only if a 409 asks for them. */
class LiveFiles {
  private files?: Promise<Map<string, SourceFile>>;

  constructor(
    private readonly client: SyncClient,
    private readonly id: string,
  ) {}

  /** `fresh`: list again, as a listing made before a lost POST may predate the file that POST added. */
  async find(storageFileId: string, fresh = false): Promise<SourceFile | undefined> {
    if (fresh) this.files = undefined;
    // After a lost answer the listing learns what that POST did: patient, as the create's lookup (HttpClient.patient).
    const client = fresh ? this.client.patient() : this.client;
    this.files ??= client.listSourceFiles(this.id).then((all) => new Map(all.map((f) => [f.storageFileId, f])));
    return (await this.files).get(storageFileId);
  }
}

async function forEachLimited<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(FILE_CALL_CONCURRENCY, items.length) }, worker));
}
