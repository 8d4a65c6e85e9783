// examples/basic as a user runs it (type-checked, through the real CLI): up creates the one connection and waits for
// its run, the outputs are what the API holds, destroy leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PulumiStack } from "../harness/pulumi";
import { exampleStack, useEmulator } from "./helpers";

const IMODEL = "0e5a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";
const ctx = useEmulator();
let stack: PulumiStack;

beforeAll(async () => {
  stack = await exampleStack(ctx.emulator, "basic", { iModelId: IMODEL, storageFileId: "site-plan-dwg" });
});
afterAll(() => stack.dispose());

describe("examples/basic", () => {
  let connectionId: string;

  it("creates the connection, runs it, and exports what the API holds", async () => {
    await stack.up();
    const out = await stack.outputs<{ connectionId: string; lastRunState: string; lastRunResult: string }>();
    connectionId = out.connectionId;
    const live = await ctx.api.getStorageConnection(connectionId);
    expect(live.iModelId).toBe(IMODEL);
    expect((await ctx.api.listSourceFiles(connectionId)).map((f) => [f.storageFileId, f.connectorType])).toEqual([
      ["site-plan-dwg", "DWG"],
    ]);
    const run = await ctx.api.getRunAt(live._links.lastRun!.href);
    expect(out).toMatchObject({ lastRunState: run.state, lastRunResult: run.result });
    expect(run).toMatchObject({ state: "Completed", result: "Success" });
  });

  it("destroys the connection", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    await expect(ctx.api.getStorageConnection(connectionId)).rejects.toMatchObject({ status: 404 });
    expect(await ctx.api.listStorageConnections(IMODEL)).toEqual([]);
  });
});
