// Throughput of the client and the provider's lifecycle against the emulator (loopback, no latency): what the
// provider itself costs per call, paging and file-plan work. Figures are written down in bench/RESULTS.md.
import { afterAll, beforeAll, describe, test } from "vitest";
import type { SyncClient } from "../provider/client/sync-client";
import type { StorageConnectionLifecycle } from "../provider/storage-connection/lifecycle";
import type { StorageConnectionOutputs } from "../provider/storage-connection/model";
import { checked, lifecycleOver } from "../test/harness/core";
import { TestEmulator } from "../test/harness/emulator";

let emulator: TestEmulator;
let api: SyncClient;
let lifecycle: StorageConnectionLifecycle;
let big: { id: string; outputs: StorageConnectionOutputs };
let seq = 0;

const files = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ storageFileId: `${prefix}-${i}`, connectorType: "DWG" }));
const iModel = () => `66666666-7777-4888-8999-${String(++seq).padStart(12, "0")}`;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
  lifecycle = lifecycleOver(() => api, { runPollMs: 50 });
  big = await lifecycle.create({ inputs: checked({ iModelId: iModel(), sourceFiles: files("big", 5000) }) });
});
afterAll(() => emulator.close());

describe("client", () => {
  test("list 5,000 source files (5 pages of 1,000)", async ({ bench }) => {
    await bench("list 5,000 source files (5 pages of 1,000)", async () => {
      await api.listSourceFiles(big.id);
    }).run({ iterations: 10, time: 0 });
  });
});

describe("lifecycle", () => {
  test("create a connection with 1,000 files (POST + listing)", async ({ bench }) => {
    await bench("create a connection with 1,000 files (POST + listing)", async () => {
      await lifecycle.create({ inputs: checked({ iModelId: iModel(), sourceFiles: files(`c${seq}`, 1000) }) });
    }).run({ iterations: 10, time: 0 });
  });

  test("read (refresh) a connection with 5,000 files", async ({ bench }) => {
    await bench("read (refresh) a connection with 5,000 files", async () => {
      await lifecycle.read({ id: big.id, state: big.outputs });
    }).run({ iterations: 10, time: 0 });
  });

  test("update: add 200 files and remove 200 (400 calls, 8 at a time)", async ({ bench }) => {
    await bench("update: add 200 files and remove 200 (400 calls, 8 at a time)", async () => {
      const created = await lifecycle.create({ inputs: checked({ iModelId: iModel(), sourceFiles: files(`u${seq}`, 300) }) });
      const next = [...files(`u${seq}`, 300).slice(200), ...files(`n${seq}`, 200)];
      await lifecycle.update({ id: created.id, olds: created.outputs, news: checked({ iModelId: created.outputs.iModelId, sourceFiles: next }) });
    }).run({ iterations: 5, time: 0 });
  });
});
