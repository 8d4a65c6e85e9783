// The dynamic front door in process, as the dynamic-provider host calls it: the host's wire forms in and out
// (CheckResult, DiffResult with `changes`, `outs`, `props`, an empty read for a connection that is gone, and a failed
// create's outputs carrying `__provider` so the next step can load one).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERIALIZED_PROVIDER } from "../../provider/dynamic-provider";
import { configure, storageConnectionProvider as provider } from "../../provider/runtime";
import { TestEmulator, TOKEN } from "../harness/emulator";

let emulator: TestEmulator;

beforeAll(async () => {
  process.env.ITWIN_RUN_POLL_INTERVAL_MS = "20";
  emulator = await TestEmulator.start({ runStepMs: 20 });
  const config: Record<string, string> = { "itwin:baseUrl": emulator.url, "itwin:accessToken": TOKEN };
  await configure({ config: { get: (key: string) => config[key] } } as never);
});
afterAll(() => emulator?.close());

const declared = (n: number) => ({
  iModelId: `12121212-3434-4565-8787-${String(n).padStart(12, "0")}`,
  displayName: `Dynamic ${n}`,
  sourceFiles: [{ storageFileId: `dynamic-${n}`, connectorType: "MSTN" }],
  __provider: SERIALIZED_PROVIDER,
});

describe("the dynamic provider", () => {
  it("checks, creates, diffs, reads, updates and deletes in the host's wire forms", async () => {
    const { inputs, failures } = await provider.check!({}, declared(1));
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ authenticationType: "User", runTimeoutSeconds: 600, __provider: SERIALIZED_PROVIDER });

    const { id, outs } = await provider.create(inputs);
    expect(outs).toMatchObject({ iModelId: declared(1).iModelId, displayName: "Dynamic 1", authenticationType: "User" });
    expect(await provider.diff!(id, outs, inputs)).toEqual({ changes: false, replaces: [], stables: ["iTwinId"], deleteBeforeReplace: false });
    const renamed = (await provider.check!(outs, { ...declared(1), displayName: "Renamed" })).inputs;
    expect(await provider.diff!(id, outs, renamed)).toMatchObject({ changes: true, replaces: [] });

    const { outs: updated } = await provider.update!(id, outs, renamed);
    expect(updated.displayName).toBe("Renamed");
    expect((await provider.read!(id, updated)).props).toEqual(updated);

    await provider.delete!(id, updated);
    expect(await provider.read!(id, updated)).toEqual({});
  });

  it("keeps a connection in state when a step after its POST fails, with __provider in its outputs", async () => {
    const { inputs } = await provider.check!({}, { ...declared(2), runOnChange: true, waitForRun: true, runTimeoutSeconds: 0.01 });
    const error = await provider.create(inputs).catch((e: unknown) => e);
    expect(error).toMatchObject({ id: expect.any(String), properties: { iModelId: declared(2).iModelId, __provider: SERIALIZED_PROVIDER } });
    expect((error as Error).message).toMatch(/^StorageConnection \S+ is in state, but /);
    expect((error as Error).stack).toBe((error as Error).message);
  });
});
