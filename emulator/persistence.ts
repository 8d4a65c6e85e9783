// An optional data file, so that the connections made against one emulator are there when it starts again (the demo
// leaves its stack in place and destroys it later). Runs are saved as they stand at the time of saving.
import { existsSync, renameSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { readFixtureFile, type Fixtures } from "./fixtures";
import type { EmulatorState } from "./state";

/** The storage connections, in the fixture format that `loadFixtures` reads back. */
export function snapshot(state: EmulatorState): Fixtures {
  const now = state.now();
  return {
    storageConnections: [...state.store.storageConnections.values()].map((c) => ({
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

/** Saves after every API request that may have changed something, and once more on close. */
export function saveOnChanges(server: Server, state: EmulatorState, path: string): void {
  server.on("request", (req, res) => {
    if (req.method === "GET" || req.url?.startsWith("/__emulator") || req.url?.startsWith("/connect")) return;
    res.once("finish", () => {
      if (res.statusCode < 400) save(state, path);
    });
  });
}
