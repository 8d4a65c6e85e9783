// The whole lifecycle through the real Pulumi CLI and the emulator: up, outputs equal to the API, an empty preview,
// drift made by hand detected by refresh and healed by up, replacement, and destroy leaving nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { ConnectionsStack, type ConnectionSpec } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";

const TOKEN = "e2e-token-7f3a9c1d-must-stay-out-of-state";
const IMODEL_A = "11111111-2222-4333-8444-555555555501";
const IMODEL_B = "11111111-2222-4333-8444-555555555502";
const IMODEL_C = "11111111-2222-4333-8444-555555555503";
const IMODEL_NEW = "11111111-2222-4333-8444-555555555504";

const structure: ConnectionSpec = {
  name: "structure",
  iModelId: IMODEL_A,
  displayName: "Structure",
  sourceFiles: [
    { storageFileId: "struct-frame", connectorType: "MSTN" },
    { storageFileId: "struct-columns", connectorType: "REVIT" },
  ],
};
const bulk: ConnectionSpec = {
  name: "bulk",
  iModelId: IMODEL_B,
  displayName: "Site survey",
  files: { prefix: "survey-", count: 1200, connectorType: "DWG" },
};
const piping: ConnectionSpec = {
  name: "piping",
  iModelId: IMODEL_C,
  displayName: "Piping",
  authenticationType: "Service",
  sourceFiles: [{ storageFileId: "piping-main", connectorType: "AUTOPLANT" }],
  runOnChange: true,
  waitForRun: true,
};

let emulator: TestEmulator;
let api: SyncClient;
let stack: ConnectionsStack;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client({}, TOKEN);
  stack = new ConnectionsStack();
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  await stack.declare([structure, bulk, piping]);
});
afterAll(async () => {
  await stack.dispose();
  await emulator.close();
});

async function liveFiles(id: string) {
  return (await api.listSourceFiles(id)).map((f) => `${f.storageFileId}:${f.connectorType}`).sort();
}

describe("StorageConnection lifecycle (pulumi CLI + emulator)", () => {
  let ids: Record<string, string>;

  it("creates every connection, with outputs equal to what the API returns", async () => {
    await stack.up();
    const out = await stack.connections();
    ids = Object.fromEntries(Object.entries(out).map(([name, c]) => [name, c.id]));
    for (const name of ["structure", "bulk", "piping"]) {
      const live = await api.getStorageConnection(ids[name]);
      expect(out[name]).toMatchObject({
        id: live.id,
        iModelId: live.iModelId,
        displayName: live.displayName,
        authenticationType: live.authenticationType,
        iTwinId: live.iTwinId,
        links: { iModel: live._links.iModel.href, iTwin: live._links.iTwin.href },
      });
      expect(out[name].sourceFileCount).toBe((await api.listSourceFiles(ids[name])).length);
    }
    expect(out.bulk.sourceFileCount).toBe(1200);
    expect(await liveFiles(ids.structure)).toEqual(["struct-columns:REVIT", "struct-frame:MSTN"]);
    // Only the connection that asked for a run has one, waited for to its result.
    expect(out.structure.lastRun).toBeUndefined();
    expect(out.piping.lastRun).toMatchObject({ state: "Completed", result: "Success" });
    expect(out.piping.lastRun!.jobs[0]).toMatchObject({ connectorType: "AUTOPLANT", result: "Success" });
    expect(out.piping.links.lastRun).toBe((await api.getStorageConnection(ids.piping))._links.lastRun?.href);
  });

  it("previews no change right after up", async () => {
    const preview = await stack.run(["preview", "--expect-no-changes"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/4 unchanged/);
  });

  it("keeps each connection's state small: the serialized provider is one short line", async () => {
    const state = (await stack.state("structure"))!;
    // Two files, no run: the budget is 5 KB of compact JSON per connection (it was 7.8 KB, 5.5 KB of it code).
    expect(JSON.stringify(state).length).toBeLessThanOrEqual(5000);
    expect((state.inputs?.__provider as string).length).toBeLessThan(300);
    expect(state.outputs?.__provider).toBe(state.inputs?.__provider);
  });

  it("fills lastRun on refresh once a run exists; a run is not drift", async () => {
    const started = await api.startRun(ids.structure);
    // Runs started in the portal change outputs only: the scheduled drift check must not fail on them.
    const check = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(check.code, check.stdout).toBe(0);
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const state = await stack.state("structure");
    expect((state?.outputs?.lastRun as { id: string }).id).toBe(started.runId);
    expect(state?.outputs?.links).toMatchObject({ lastRun: started.location });
  });

  it("detects drift made by hand through the API and heals it with up", async () => {
    const [frame, columns] = (await api.listSourceFiles(ids.structure)).sort((a, b) => (a.storageFileId < b.storageFileId ? 1 : -1));
    expect(frame.storageFileId).toBe("struct-frame");
    await api.updateStorageConnection(ids.structure, { displayName: "Renamed by hand" });
    await api.addSourceFile(ids.structure, { storageFileId: "struct-extra", connectorType: "IFC" });
    await api.removeSourceFile(ids.structure, columns.id);
    const surveyed = (await api.listSourceFiles(ids.bulk)).find((f) => f.storageFileId === "survey-00042")!;
    await api.updateSourceFile(ids.bulk, surveyed.id, { storageFileId: "survey-00042", connectorType: "CIVIL3D" });
    await api.deleteStorageConnection(ids.piping);

    const check = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(check.code).not.toBe(0);
    expect(check.stdout).toMatch(/displayName\s*:\s*"Renamed by hand" => "Structure"/);
    expect(check.stdout).toMatch(/\+ 1 to create/);
    expect(check.stdout).toMatch(/~ 2 to update/);

    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const drifted = await stack.state("structure");
    expect(drifted?.outputs?.displayName).toBe("Renamed by hand");
    expect((drifted?.inputs?.sourceFiles as unknown[]).length).toBe(2);
    expect(await stack.state("piping")).toBeUndefined();

    await stack.up();
    const healed = await stack.connections();
    expect((await api.getStorageConnection(ids.structure)).displayName).toBe("Structure");
    expect(await liveFiles(ids.structure)).toEqual(["struct-columns:REVIT", "struct-frame:MSTN"]);
    expect((await liveFiles(ids.bulk)).filter((f) => !f.endsWith(":DWG"))).toEqual([]);
    expect(healed.piping.id).not.toBe(ids.piping);
    expect(healed.piping.lastRun).toMatchObject({ state: "Completed", result: "Success" });
    ids.piping = healed.piping.id;

    expect((await stack.run(["preview", "--refresh", "--expect-no-changes"])).code).toBe(0);
  });

  it("replaces the connection when iModelId changes", async () => {
    await stack.declare([{ ...structure, iModelId: IMODEL_NEW }, bulk, piping]);
    const up = await stack.up();
    expect(up.stdout).toMatch(/\+-1 replaced|1 replaced/);
    const moved = (await stack.connections()).structure;
    expect(moved.iModelId).toBe(IMODEL_NEW);
    expect(moved.id).not.toBe(ids.structure);
    expect(await api.getStorageConnection(ids.structure).catch((e) => e.status)).toBe(404);
    expect(await liveFiles(moved.id)).toEqual(["struct-columns:REVIT", "struct-frame:MSTN"]);
    ids.structure = moved.id;
  });

  it("destroys every connection it made", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    for (const iModelId of [IMODEL_A, IMODEL_B, IMODEL_C, IMODEL_NEW]) {
      expect(await api.listStorageConnections(iModelId)).toEqual([]);
    }
  });

  it("kept the access token out of the state file, the exported stack and the logs", async () => {
    expect(stack.log.join("\n")).not.toContain(TOKEN);
    expect(stack.stateFile()).not.toContain(TOKEN);
    expect((await stack.run(["stack", "export"])).stdout).not.toContain(TOKEN);
    // The token was really used: the emulator accepts only it.
    expect((await emulator.requests()).every((r) => r.status !== 401)).toBe(true);
  });
});
