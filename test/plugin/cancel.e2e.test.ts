// The engine's Cancel through the real CLI: Ctrl-C (SIGINT) during a `pulumi up` whose creates wait for long runs
// makes the CLI ask the plugin to cancel; each step stops at its next API call instead of waiting its run out, the
// connections made are kept in state, and the next `up` finishes the job with no duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack } from "../harness/pulumi";

const TYPE = "itwin:index:StorageConnection";
const IMODEL = "66666666-7777-4888-9999-aaaaaaaaaa01";
const NAMES = ["north", "south", "east"];

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;

beforeAll(async () => {
  // Each run state lasts 2 s: a run takes well over 10 s, far longer than a cancelled step may go on.
  emulator = await TestEmulator.start({ token: TOKEN, runStepMs: 2000 });
  api = emulator.client();
  stack = new PulumiStack({ program: "test/programs/plugin" });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  const connections = NAMES.map((name) => ({
    name,
    args: {
      iModelId: IMODEL,
      displayName: name,
      authenticationType: "Service",
      sourceFiles: [{ storageFileId: `cancel-${name}`, connectorType: "DWG" }],
      runOnChange: true,
      waitForRun: true,
    },
  }));
  await stack.ok(["config", "set", "test:connections", JSON.stringify(connections)]);
});
afterAll(async () => {
  await stack?.dispose();
  await emulator?.close();
});

/** Resolves once `count` connections have each asked for a run (one runs; the others wait their turn and ask again). */
async function runsStarted(count: number): Promise<void> {
  for (;;) {
    const asking = new Set(
      (await emulator.requests())
        .filter((r) => r.method === "POST")
        .map((r) => /\/storageconnections\/([^/?]+)\/run$/i.exec(r.path.split("?")[0])?.[1])
        .filter((id) => id !== undefined),
    );
    if (asking.size >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Ctrl-C during pulumi up through the plugin", () => {
  it("stops the steps at their next API call, keeps what was made, and the next up finishes with no duplicate", async () => {
    await emulator.clearRequests();
    const { child, result } = stack.start(["up", "--yes", "--skip-preview"]);
    await runsStarted(NAMES.length);
    child.kill("SIGINT");
    const cancelled = await result;
    expect(cancelled.code).not.toBe(0);
    expect(cancelled.stdout).toMatch(
      /StorageConnection \S+ is in state, but the create was cancelled \(Ctrl-C\) before "(Get run|Start a run)[^"]*"; run the command again to finish it: it continues from what exists\./,
    );
    // The CLI was back before the run it had been waiting for ended (one run at a time per iModel: the others
    // were still waiting their turn).
    const connections = await api.listStorageConnections(IMODEL);
    expect(connections).toHaveLength(NAMES.length);
    const runs = await Promise.all(connections.map(async ({ id }) => (await api.getStorageConnection(id))._links.lastRun?.href));
    const started = runs.filter((href): href is string => href !== undefined);
    expect(started.length).toBeGreaterThan(0);
    for (const href of started) expect((await api.getRunAt(href)).state).not.toBe("Completed");
    // Nothing lost: every connection the API made is in state.
    const inState = (await stack.exported()).filter((r) => r.type === TYPE).map((r) => r.id).sort();
    expect(inState).toEqual(connections.map((c) => c.id).sort());

    await stack.up();
    expect((await api.listStorageConnections(IMODEL)).map((c) => c.id).sort()).toEqual(inState);
    await stack.ok(["preview", "--expect-no-changes"]);
    await stack.ok(["destroy", "--yes"]);
    expect(await api.listStorageConnections(IMODEL)).toEqual([]);
  }, 120_000);
});
