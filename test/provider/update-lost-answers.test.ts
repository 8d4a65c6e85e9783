// Every write of an update (connection PUT, file POST/PUT/DELETE, run start) whose answer is lost or whose connection
// is reset: the same update converges, with no duplicate, outputs equal to what the API holds, and `lastRun` set when
// the run exists. Through the lifecycle against the emulator's faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import type { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import { checked, lifecycleOver } from "../harness/core";
import type { StorageConnectionInputs, StorageConnectionOutputs } from "../../provider/storage-connection/model";
import { TestEmulator } from "../harness/emulator";

let emulator: TestEmulator;
let api: SyncClient;
let seq = 0;
const NO_FAULTS = { failRate: 0, resetRate: 0, dropAnswers: 0, dropAnswerEvery: 0, latencyMs: 0 };

beforeAll(async () => {
  emulator = await TestEmulator.start({ runStepMs: 30 });
  api = emulator.client();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults(NO_FAULTS));

/** A lifecycle whose client loses the answer of the first call of `method` (armed just before it goes out). */
function losingFirstAnswerOf(method?: keyof SyncClient) {
  // No real waiting between retries: the emulator's faults decide each attempt.
  const client = emulator.client({ sleep: async () => {} });
  if (method) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    let armed = false;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (!armed) {
        armed = true;
        await emulator.faults({ dropAnswers: 1 });
      }
      return original(...args);
    };
  }
  return lifecycleOver(() => client, { runPollMs: 20 });
}

function declared(files: number, overrides: Partial<StorageConnectionInputs> = {}): StorageConnectionInputs {
  const n = ++seq;
  return {
    iModelId: `88888888-9999-4aaa-8bbb-${String(n).padStart(12, "0")}`,
    displayName: `Lost answers ${n}`,
    authenticationType: "User",
    sourceFiles: Array.from({ length: files }, (_, i) => ({ storageFileId: `lost-${n}-${i}`, connectorType: "MSTN" })),
    ...overrides,
  };
}

async function create(inputs: StorageConnectionInputs) {
  const { id, outputs: outs } = await losingFirstAnswerOf().create({ inputs: checked(inputs) });
  return { id, olds: outs as StorageConnectionOutputs };
}

/** The API holds exactly the declaration, and the outputs name the API's own file ids. */
async function expectConverged(id: string, outs: StorageConnectionOutputs, wanted: StorageConnectionInputs) {
  const live = await api.getStorageConnection(id);
  expect(live.displayName).toBe(wanted.displayName);
  const files = await api.listSourceFiles(id);
  const byFile = (a: { storageFileId: string }, b: { storageFileId: string }) => a.storageFileId.localeCompare(b.storageFileId);
  expect(files.map((f) => ({ storageFileId: f.storageFileId, connectorType: f.connectorType })).sort(byFile)).toEqual(
    [...wanted.sourceFiles].sort(byFile),
  );
  expect(outs.sourceFiles.map((f) => `${f.id} ${f.storageFileId} ${f.connectorType}`).sort()).toEqual(
    files.map((f) => `${f.id} ${f.storageFileId} ${f.connectorType}`).sort(),
  );
  expect(outs.displayName).toBe(wanted.displayName);
}

async function writes() {
  return (await emulator.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.status ?? "lost"}`);
}

describe("a lost answer of one write of an update", () => {
  it("file POST: posted again, the 409 resolves to the file the lost POST added", async () => {
    const start = declared(2);
    const { id, olds } = await create(start);
    const wanted = { ...start, sourceFiles: [...start.sourceFiles, { storageFileId: `lost-added-${seq}`, connectorType: "IFC" }] };
    await emulator.clearRequests();
    const { outputs: outs } = await losingFirstAnswerOf("addSourceFile").update({ id, olds, news: checked(wanted) });
    expect(await writes()).toEqual(["POST lost", "POST 409"]);
    await expectConverged(id, outs as StorageConnectionOutputs, wanted);
  });

  it("connection PUT, file PUT and file DELETE: repeated (idempotent), the DELETE's repeat meets the API's 404", async () => {
    for (const [method, change, expected] of [
      ["updateStorageConnection", (i: StorageConnectionInputs) => ({ ...i, displayName: `${i.displayName} renamed` }), ["PUT lost", "PUT 200"]],
      ["updateSourceFile", (i: StorageConnectionInputs) => ({ ...i, sourceFiles: [{ ...i.sourceFiles[0], connectorType: "DWG" }, i.sourceFiles[1]] }), ["PUT lost", "PUT 200"]],
      ["removeSourceFile", (i: StorageConnectionInputs) => ({ ...i, sourceFiles: [i.sourceFiles[0]] }), ["DELETE lost", "DELETE 404"]],
    ] as const) {
      const start = declared(2);
      const { id, olds } = await create(start);
      const wanted = { ...change(start), __provider: start.__provider };
      await emulator.clearRequests();
      const { outputs: outs } = await losingFirstAnswerOf(method).update({ id, olds, news: checked(wanted) });
      expect(await writes(), method).toEqual(expected);
      await expectConverged(id, outs as StorageConnectionOutputs, wanted);
    }
  });

  it("run start: asked again, the 303 names the run the lost request started; lastRun is that run, and it is the only one", async () => {
    const start = declared(1, { runOnChange: true, waitForRun: true });
    const { id, olds } = await create(start);
    const firstRun = olds.lastRun!.id;
    const wanted = { ...start, sourceFiles: [...start.sourceFiles, { storageFileId: `lost-run-${seq}`, connectorType: "MSTN" }] };
    await emulator.clearRequests();
    const { outputs: outs } = await losingFirstAnswerOf("startRun").update({ id, olds, news: checked(wanted) });
    expect(await writes()).toEqual(["POST 201", "POST lost", "POST 303"]);
    const live = await api.getStorageConnection(id);
    const runs = await api.listRuns(id);
    expect(runs.map((r) => r.id).filter((r) => r !== firstRun)).toHaveLength(1);
    expect((outs as StorageConnectionOutputs).lastRun).toMatchObject({ id: live._links.lastRun!.href.split("/").pop(), state: "Completed" });
    expect((outs as StorageConnectionOutputs).links.lastRun).toBe(live._links.lastRun!.href);
  });
});

describe("a large update under faults converges in one run", () => {
  /** 40 files, a third re-typed, a third removed, 20 added, renamed, and a run. */
  async function largeUpdate(faults: Record<string, number>) {
    const start = declared(40, { runOnChange: true, waitForRun: true });
    const { id, olds } = await create(start);
    const files = start.sourceFiles;
    const wanted = {
      ...start,
      displayName: `${start.displayName} renamed`,
      sourceFiles: [
        ...files.slice(0, 14).map((f) => ({ ...f, connectorType: "IFC" })),
        ...files.slice(14, 27),
        ...Array.from({ length: 20 }, (_, i) => ({ storageFileId: `lost-${seq}-new-${i}`, connectorType: "REVIT" })),
      ],
    };
    await emulator.faults(faults);
    const { outputs: outs } = await losingFirstAnswerOf().update({ id, olds, news: checked(wanted) });
    await emulator.faults(NO_FAULTS);
    await expectConverged(id, outs as StorageConnectionOutputs, wanted);
    const live = await api.getStorageConnection(id);
    expect((outs as StorageConnectionOutputs).links.lastRun).toBe(live._links.lastRun!.href);
    expect((outs as StorageConnectionOutputs).lastRun?.state).toBe("Completed");
  }

  it("with 10% of requests reset mid-flight", () => largeUpdate({ resetRate: 0.1 }));
  it("with every third write's answer lost", () => largeUpdate({ dropAnswerEvery: 3 }));
});
