// A manifest connection's source files are a set of sourceFileIds. The plan that brings them to the declaration with
// the fewest calls: a file swapped for another is one PUT on the old source file (instead of a DELETE and a POST),
// the rest are POSTs and DELETEs.
import { ApiError, repeatWhileOutcomeUnknown, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import type { ManifestFileState } from "./model";

export interface ManifestFilePlan {
  add: string[];
  /** PUT: the source file `current` now names `sourceFileId`. */
  swap: Array<{ current: ManifestFileState; sourceFileId: string }>;
  remove: ManifestFileState[];
}

export function planManifestFiles(current: ManifestFileState[], declared: Array<{ sourceFileId: string }>): ManifestFilePlan {
  const have = new Set(current.map((f) => f.sourceFileId));
  const wanted = new Set(declared.map((f) => f.sourceFileId));
  const added = [...wanted].filter((id) => !have.has(id));
  const removed = current.filter((f) => !wanted.has(f.sourceFileId));
  const pairs = Math.min(added.length, removed.length);
  return {
    swap: removed.slice(0, pairs).map((current, i) => ({ current, sourceFileId: added[i] })),
    add: added.slice(pairs),
    remove: removed.slice(pairs),
  };
}

export function planIsEmpty(plan: ManifestFilePlan): boolean {
  return plan.add.length + plan.swap.length + plan.remove.length === 0;
}

/** Applies `plan` to connection `id`; resolves to the connection's files. Swaps and adds first, removals last. */
export async function applyManifestFiles(client: SyncClient, id: string, current: ManifestFileState[], plan: ManifestFilePlan): Promise<ManifestFileState[]> {
  const api = client.manifestConnections;
  const files = new Map(current.map((f) => [f.id, f]));
  for (const { current: file, sourceFileId } of plan.swap) {
    files.delete(file.id);
    // A source file removed by hand since the last refresh: add the new one instead.
    const swapped = await unlessNotFound(api.updateSourceFile(id, file.id, { sourceFileId }));
    const state = swapped ?? (await add(client, id, sourceFileId));
    files.set(state.id, { id: state.id, sourceFileId: state.sourceFileId });
  }
  for (const sourceFileId of plan.add) {
    const added = await add(client, id, sourceFileId);
    files.set(added.id, { id: added.id, sourceFileId: added.sourceFileId });
  }
  for (const file of plan.remove) {
    await unlessNotFound(api.removeSourceFile(id, file.id));
    files.delete(file.id);
  }
  return [...files.values()];
}

/** POST; after a lost answer the repeat meets a 409 when the lost POST added the file, and a listing finds it. */
function add(client: SyncClient, id: string, sourceFileId: string): Promise<ManifestFileState> {
  return repeatWhileOutcomeUnknown(async () => {
    try {
      return await client.manifestConnections.addSourceFile(id, { sourceFileId });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const existing = (await client.listManifestSourceFiles(id)).find((f) => f.sourceFileId === sourceFileId);
      if (existing) return existing;
      throw new ApiError({
        operation: error.operation,
        status: error.status,
        code: error.code,
        apiMessage: error.apiMessage,
        hint: "Another ManifestConnection of this iModel maps that file; remove it there first (or add dependsOn between the two resources).",
      });
    }
  });
}

