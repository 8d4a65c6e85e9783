// What `pulumi preview` shows for a create or an update when the engine asks the provider (supportsPreview): the
// declared values, and unknowns for what only the API can tell (ids, the iTwin, links, a run) or what is not known
// yet itself (an input fed by another resource's output).
import { UNKNOWN } from "./check";
import { planIsEmpty, planSourceFiles } from "./diff";
import type { CheckedStorageConnectionInputs, SourceFileArgs, SourceFileState, StorageConnectionOutputs } from "./model";

/** Outputs where UNKNOWN stands for what only the API can tell. */
type Preview = Record<string, unknown>;

/** The declared files when every one is known, else undefined. */
function knownFiles(news: CheckedStorageConnectionInputs): SourceFileArgs[] | undefined {
  const files: unknown = news.sourceFiles;
  const known = (f: unknown): f is SourceFileArgs =>
    typeof f === "object" && f !== null && Object.values(f).every((v) => v !== UNKNOWN);
  return Array.isArray(files) && files.every(known) ? files : undefined;
}

/** Each declared file as the state will have it: `current`'s when it stays as it is, else with an unknown id. */
function previewFiles(news: CheckedStorageConnectionInputs, current: SourceFileState[] = []): unknown {
  const declared = knownFiles(news);
  if (!declared) return UNKNOWN;
  const kept = new Map(current.map((f) => [`${f.storageFileId}/${f.connectorType}`, f]));
  return declared.map((f) => kept.get(`${f.storageFileId}/${f.connectorType}`) ?? { ...f, id: UNKNOWN });
}

export function previewCreate(news: CheckedStorageConnectionInputs): Preview {
  return {
    ...news,
    displayName: news.displayName ?? UNKNOWN,
    iTwinId: UNKNOWN,
    sourceFiles: previewFiles(news),
    links: UNKNOWN,
    ...(news.runOnChange && { lastRun: UNKNOWN }),
  };
}

export function previewUpdate(olds: StorageConnectionOutputs, news: CheckedStorageConnectionInputs): Preview {
  const declared = knownFiles(news);
  const filesChange = !declared || !planIsEmpty(planSourceFiles(olds.sourceFiles ?? [], declared));
  const runs = news.runOnChange === true && filesChange;
  return {
    ...news,
    iTwinId: olds.iTwinId,
    displayName: news.displayName ?? olds.displayName,
    sourceFiles: previewFiles(news, olds.sourceFiles),
    links: runs ? UNKNOWN : olds.links,
    ...(runs ? { lastRun: UNKNOWN } : olds.lastRun && { lastRun: olds.lastRun }),
  };
}
