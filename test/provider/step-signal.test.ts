// A step's AbortSignal through the client (customTimeouts and Cancel reach every API call this way): nothing starts
// once it aborted; a deadline abandons a GET in flight but a POST is awaited, its effect learnt; Cancel lets the call
// in flight finish.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StepStopped, type StopReason } from "../../provider/client/stop";
import { TestEmulator } from "../harness/emulator";

const IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";
let emulator: TestEmulator;
let seq = 0;

beforeAll(async () => {
  emulator = await TestEmulator.start();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ latencyMs: 0 }));

const reason = (abandonsPending: boolean): StopReason => ({
  abandonsPending,
  stopped: (operation, pending) => new StepStopped(`stopped ${pending ? "while" : "before"} ${operation}`),
});

const declared = () => ({ iModelId: IMODEL, sourceFiles: [{ storageFileId: `step-signal-${++seq}`, connectorType: "MSTN" }] });

describe("a step's signal", () => {
  it("starts no call once aborted", async () => {
    const controller = new AbortController();
    controller.abort(reason(false));
    await emulator.clearRequests();
    const error = await emulator.client().withSignal(controller.signal).listStorageConnections(IMODEL).catch((e) => e);
    expect(error).toBeInstanceOf(StepStopped);
    expect(error.message).toMatch(/^stopped before List StorageConnections/);
    expect(await emulator.requests()).toEqual([]);
  });

  it("at a deadline abandons a GET in flight, and awaits a POST, whose connection is then known", async () => {
    const api = emulator.client();
    const { id } = await api.createStorageConnection(declared());
    await emulator.faults({ latencyMs: 400 });

    const get = new AbortController();
    setTimeout(() => get.abort(reason(true)), 50);
    const error = await api.withSignal(get.signal).getStorageConnection(id).catch((e) => e);
    expect(error.message).toMatch(/^stopped while Get StorageConnection/);

    const post = new AbortController();
    setTimeout(() => post.abort(reason(true)), 50);
    const bound = api.withSignal(post.signal);
    const created = await bound.createStorageConnection(declared());
    expect(created.id).toMatch(/\S/);
    expect((await bound.getStorageConnection(created.id).catch((e) => e)).message).toMatch(/^stopped before Get StorageConnection/);
  });

  it("on Cancel lets the call in flight finish, and stops the next", async () => {
    const api = emulator.client();
    const { id } = await api.createStorageConnection(declared());
    await emulator.faults({ latencyMs: 200 });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(reason(false)), 50);
    const bound = api.withSignal(cancel.signal);
    expect((await bound.getStorageConnection(id)).id).toBe(id);
    expect((await bound.getStorageConnection(id).catch((e) => e)).message).toMatch(/^stopped before Get StorageConnection/);
  });
});
