// --data: the whole state is there when the emulator starts again, unfinished runs go on, and one emulator at a time
// owns the file. (Crashes and failed saves, with the emulator as its own process: persistence-crash.e2e.test.ts.)
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { TestEmulator } from "../harness/emulator";
import { Api, CONNECTIONS, newConnection, waitForRun } from "./helpers";

function newDataFile(): string {
  return join(mkdtempSync(join(tmpdir(), "itwin-emulator-data-")), "data.db");
}

describe("emulator data file", () => {
  it("keeps storage connections, their source files and runs across a restart", async () => {
    const dataFile = newDataFile();
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

  it("keeps all of the store's state: iModels, fixtures' iTwins and file names, consents, runs, deletions", async () => {
    const dataFile = newDataFile();
    const first = await startEmulator({ port: 0, runStepMs: 10, dataFile });
    const api = new Api(first.url);
    const iModel = await api.post("/imodels", { iTwinId: "5fb9aa98-9874-4697-b942-d19728840f19", name: "Kept iModel" });
    expect(iModel.status).toBe(201);
    const connection = await api.post(CONNECTIONS, newConnection({ iModelId: iModel.body.iModel.id }));
    expect(connection.status).toBe(201);
    const fixtureIModel = "11111111-2222-4333-8444-555555555555";
    const planted = await fetch(`${first.url}/__emulator/fixtures`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ iModels: { [fixtureIModel]: "66666666-7777-4888-9999-000000000000" }, storageFiles: { "named-file": "Named.dgn" } }),
    });
    expect(planted.status).toBe(204);
    const named = await api.post(CONNECTIONS, newConnection({ iModelId: fixtureIModel, sourceFiles: [{ storageFileId: "named-file", connectorType: "MSTN" }] }));
    expect(named.status).toBe(201);
    await api.post(`${CONNECTIONS}/${named.body.connection.id}/run`);
    const deleted = (await api.post(CONNECTIONS, newConnection())).body.connection.id;
    expect((await api.delete(`${CONNECTIONS}/${deleted}`)).status).toBe(204);
    first.store.grantConsent("a-user");
    const before = first.store.dump();
    await first.close();

    const second = await startEmulator({ port: 0, runStepMs: 10, dataFile });
    try {
      expect(second.store.dump()).toEqual(before);
      const again = new Api(second.url);
      const rebased = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(first.url, second.url));
      expect(await again.get(`/imodels/${iModel.body.iModel.id}`)).toMatchObject({ status: 200, body: rebased(iModel.body) });
      expect((await again.get(`${CONNECTIONS}/${connection.body.connection.id}`)).body).toEqual(rebased(connection.body));
      expect((await again.get(`${CONNECTIONS}/${named.body.connection.id}`)).body.connection.iTwinId).toBe("66666666-7777-4888-9999-000000000000");
      const files = await again.get(`${CONNECTIONS}/${named.body.connection.id}/sourcefiles`);
      expect(files.body.sourceFiles[0].lastKnownFileName).toBe("Named.dgn");
      expect((await again.get(`${CONNECTIONS}/${deleted}`)).status).toBe(404);
      expect(second.store.isUserAuthorized("a-user")).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("keeps a reset: the start-up fixtures and nothing else", async () => {
    const dataFile = newDataFile();
    const first = await startEmulator({ port: 0, dataFile });
    const id = (await new Api(first.url).post(CONNECTIONS, newConnection())).body.connection.id;
    const seeded = first.store.dump();
    expect((await fetch(`${first.url}/__emulator/reset`, { method: "POST" })).status).toBe(204);
    await first.close();

    const second = await startEmulator({ port: 0, dataFile });
    try {
      expect((await new Api(second.url).get(`${CONNECTIONS}/${id}`)).status).toBe(404);
      expect(second.store.dump()).toEqual({ ...seeded, storageConnections: [], fileNames: [] });
    } finally {
      await second.close();
    }
  });

  it("carries on a run that was unfinished when the emulator stopped, so the iModel's next run starts", async () => {
    const dataFile = newDataFile();
    // Steps long enough that the run is still Queued when the emulator stops.
    const options = { port: 0, runStepMs: 150, dataFile };
    const first = await startEmulator(options);
    const body = newConnection();
    const id = (await new Api(first.url).post(CONNECTIONS, body)).body.connection.id;
    const started = await new Api(first.url).post(`${CONNECTIONS}/${id}/run`);
    expect(started.status).toBe(202);
    const runPath = new Api(first.url).pathOf(started.headers.get("location")!);
    await first.close();

    const second = await startEmulator(options);
    try {
      const api = new Api(second.url);
      const states: string[] = [];
      const run = await Promise.race([
        waitForRun(api, runPath, states),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the run stayed at ${states.join(" → ")}`)), 4_000)),
      ]);
      expect(run).toMatchObject({ state: "Completed", result: "Success" });
      expect((await api.post(`${CONNECTIONS}/${id}/run`)).status).toBe(202);
    } finally {
      await second.close();
    }
  });

  it("refuses a second emulator on the same data file, and lets one start once the first has closed", async () => {
    const dataFile = newDataFile();
    const first: RunningEmulator = await startEmulator({ port: 0, dataFile });
    try {
      await expect(startEmulator({ port: 0, dataFile })).rejects.toThrow(`${dataFile} is in use by another emulator (its data file is locked)`);
    } finally {
      await first.close();
    }
    const second = await startEmulator({ port: 0, dataFile });
    await second.close();
  });

  it("says why a path cannot be a data file: a folder, or a file in no folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "itwin-emulator-data-"));
    await expect(startEmulator({ port: 0, dataFile: folder })).rejects.toThrow(`${folder}: cannot open it as a data file (it is a folder)`);
    const missing = join(folder, "no-such-folder", "data.db");
    await expect(startEmulator({ port: 0, dataFile: missing })).rejects.toThrow(`${missing}: cannot open it as a data file (its folder does not exist)`);
  });

  it("names the fix when the file is not a data file (a JSON data file of an earlier emulator)", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "itwin-emulator-data-")), "old.json");
    writeFileSync(dataFile, JSON.stringify({ storageConnections: [] }));
    await expect(startEmulator({ port: 0, dataFile })).rejects.toThrow(`--fixtures ${dataFile} --data <new file>`);
  });
});
