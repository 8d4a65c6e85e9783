// --data: connections made against one emulator are there when it starts again.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TestEmulator } from "../harness/emulator";

describe("emulator data file", () => {
  it("keeps storage connections, their source files and runs across a restart", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "itwin-emulator-data-")), "data.json");
    const first = await TestEmulator.start({ dataFile });
    const created = await first.client().createStorageConnection({
      iModelId: "55555555-6666-4777-8888-999999999901",
      displayName: "Kept",
      sourceFiles: [{ storageFileId: "kept-file", connectorType: "IFC" }],
    });
    const { runId } = await first.client().startRun(created.id);
    const files = await first.client().listSourceFiles(created.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.close();

    const second = await TestEmulator.start({ dataFile });
    try {
      const api = second.client();
      // Same data, served under the new emulator's own URL.
      const rebased = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(first.url, second.url));
      const lastRun = `${second.url}/synchronization/imodels/storageconnections/${created.id}/runs/${runId}`;
      expect(await api.getStorageConnection(created.id)).toEqual(rebased({ ...created, _links: { ...created._links, lastRun: { href: lastRun } } }));
      expect(await api.listSourceFiles(created.id)).toEqual(rebased(files));
      expect(await api.getStorageConnectionRun(created.id, runId)).toMatchObject({ id: runId, state: "Completed", result: "Success" });
    } finally {
      await second.close();
    }
  });
});
