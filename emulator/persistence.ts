// An optional data file, so that the connections made against one emulator are there when it starts again (the demo
// leaves its stack in place and destroys it later). Runs are saved as they stand at the time of saving.
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { readFixtureFile, type Fixtures } from "./fixtures";
import type { EmulatorState } from "./state";

/** The storage connections, in the fixture format that `loadFixtures` reads back. */
export function snapshot(state: EmulatorState): Fixtures {
  const now = state.now();
  return {
    storageConnections: state.store.allStorageConnections().map((c) => ({
      id: c.id,
      displayName: c.displayName,
      iModelId: c.iModelId,
      authenticationType: c.authenticationType,
      sourceFiles: c.sourceFiles.map(({ id, storageFileId, connectorType }) => ({ id, storageFileId, connectorType })),
      runs: c.runs.map((run) => run.at(now)),
    })),
  };
}

export function save(state: EmulatorState, path: string): void {
  // Write then rename: a crash mid-write never leaves half a file.
  writeFileSync(`${path}.tmp`, JSON.stringify(snapshot(state), null, 1));
  renameSync(`${path}.tmp`, path);
}

export function loadIfPresent(path: string): Fixtures[] {
  return existsSync(path) ? [readFixtureFile(path)] : [];
}

/** Saves after the store changes (once for the changes of one request: they all happen in one turn of the event
 * loop, and the save waits for its end); the caller saves once more on close, for the runs' progress. */
export function saveOnChanges(state: EmulatorState, path: string): void {
  let pending = false;
  state.store.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      save(state, path);
    });
  });
}
