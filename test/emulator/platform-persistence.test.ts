// The platform records (iModels, manifest connections with their files and runs, configurations) live in the store's
// tables, so --data keeps them across a restart like the storage connections.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SYNC_PATH, SYNC_ROOT } from "../../api/contract";
import { startEmulator } from "../../emulator";
import { Api } from "./helpers";

it("keeps iModels, manifest connections, their source files and runs, and configurations across a restart", async () => {
  const dataFile = join(mkdtempSync(join(tmpdir(), "itwin-emulator-platform-")), "data.db");
  const first = await startEmulator({ port: 0, runStepMs: 10, dataFile });
  const api = new Api(first.url);
  const iModel = (await api.post("/imodels", { iTwinId: randomUUID(), name: "Kept iModel" })).body.iModel;
  await api.call("PATCH", `/imodels/${iModel.id}`, { body: { description: "patched" } });
  const connection = (await api.post(`${SYNC_PATH}/manifestconnections`, { iModelId: iModel.id, sourceFiles: [{ sourceFileId: "kept" }] })).body.connection;
  const runHref = (await api.post(`${SYNC_PATH}/manifestconnections/${connection.id}/runs`, { sourceFiles: [{ id: "kept", connectorType: "IFC" }] })).headers.get("location")!;
  const configuration = `${SYNC_ROOT}/configurations/connections/${connection.id}`;
  await api.post(configuration, { enableSheetIndex: true });
  await api.post(`${SYNC_ROOT}/configurations/imodels/${iModel.id}`, { clampZExtent: true });
  const before = {
    iModel: (await api.get(`/imodels/${iModel.id}`)).body,
    files: (await api.get(`${SYNC_PATH}/manifestconnections/${connection.id}/sourcefiles`)).body.sourceFiles,
    configuration: (await api.get(configuration)).body,
  };
  await first.close();

  const second = await startEmulator({ port: 0, runStepMs: 10, dataFile });
  try {
    const again = new Api(second.url);
    const rebased = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(first.url, second.url));
    expect((await again.get(`/imodels/${iModel.id}`)).body).toEqual(rebased(before.iModel));
    expect(before.iModel.iModel.description).toBe("patched");
    expect((await again.get(`${SYNC_PATH}/manifestconnections/${connection.id}/sourcefiles`)).body.sourceFiles).toEqual(before.files);
    expect((await again.get(configuration)).body).toEqual(before.configuration);
    expect(before.configuration.configuration.resolvedSettings).toMatchObject({ clampZExtent: true, enableSheetIndex: true });
    const run = (await again.get(again.pathOf(rebased(runHref)))).body.run;
    expect(run.jobs[0].tasks[0].sourceFileId).toBe("kept");
  } finally {
    await second.close();
  }
});
