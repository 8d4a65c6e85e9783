// What `pulumi preview` shows for a create or an update when the engine asks the provider (supportsPreview): the
// declared values, and unknowns for what only the API can tell (ids, the iTwin, links, a run).
import { planIsEmpty, planSourceFiles } from "../storage-connection/diff";
import type { SourceFileArgs, StorageConnectionInputs, StorageConnectionOutputs } from "../storage-connection/model";
import { UNKNOWN } from "./values";

type Preview = Record<string, unknown>;

export function previewCreate(news: StorageConnectionInputs): Preview {
  return {
    ...news,
    displayName: news.displayName ?? UNKNOWN,
    authenticationType: news.authenticationType ?? "User",
    iTwinId: UNKNOWN,
    sourceFiles: Array.isArray(news.sourceFiles) ? news.sourceFiles.map((f) => ({ ...f, id: UNKNOWN })) : UNKNOWN,
    links: UNKNOWN,
    ...(news.runOnChange && { lastRun: UNKNOWN }),
  };
}

export function previewUpdate(olds: StorageConnectionOutputs, news: StorageConnectionInputs): Preview {
  const declared: SourceFileArgs[] | undefined = Array.isArray(news.sourceFiles) ? news.sourceFiles : undefined;
  const filesChange = !declared || !planIsEmpty(planSourceFiles(olds.sourceFiles, declared));
  const kept = new Map(olds.sourceFiles.map((f) => [`${f.storageFileId}/${f.connectorType}`, f]));
  const runs = news.runOnChange === true && filesChange;
  return {
    ...news,
    iTwinId: olds.iTwinId,
    displayName: news.displayName ?? olds.displayName,
    authenticationType: news.authenticationType ?? "User",
    sourceFiles: declared
      ? declared.map((f) => kept.get(`${f.storageFileId}/${f.connectorType}`) ?? { ...f, id: UNKNOWN })
      : UNKNOWN,
    links: runs ? UNKNOWN : olds.links,
    ...(runs ? { lastRun: UNKNOWN } : olds.lastRun && { lastRun: olds.lastRun }),
  };
}
