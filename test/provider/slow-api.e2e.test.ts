// Issue 15, point 10, through the real CLI: with each attempt given 1 s (ITWIN_HTTP_TIMEOUT_MS=1000) against an API
// that answers in 3 s and still carries out what it was asked (the emulator's latency fault: a request takes effect
// after the delay whether or not its client waited), every connection the API made ends in the state, and once the
// API is fast again one plain `up` converges and `destroy` leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { ConnectionsStack, RESOURCE_TYPE } from "../harness/connections";
import { TestEmulator, TOKEN } from "../harness/emulator";

const IMODEL = "15151515-1010-4aaa-8bbb-000000000010";
const declared = ["a", "b", "c"].map((name) => ({
  name,
  iModelId: IMODEL,
  displayName: `Slow ${name}`,
  sourceFiles: [{ storageFileId: `slow-${name}`, connectorType: "MSTN" }],
}));

let emulator: TestEmulator;
let api: SyncClient;
let stack: ConnectionsStack;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  stack = new ConnectionsStack({ ITWIN_HTTP_TIMEOUT_MS: "1000", ITWIN_HTTP_MAX_ATTEMPTS: "2" });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  await stack.declare(declared);
});
afterAll(async () => {
  await stack?.dispose();
  await emulator?.close();
});

describe("an API slower than each attempt's deadline", () => {
  it("leaves no connection out of the state; once fast again, one up converges and destroy leaves nothing", async () => {
    await emulator.faults({ latencyMs: 3000 });
    await stack.run(["up", "--yes", "--skip-preview"]);
    await emulator.faults({ latencyMs: 0 });

    const made = (await api.listStorageConnections(IMODEL)).map((c) => c.id).sort();
    expect(made.length).toBeGreaterThan(0);
    const inState = (await stack.exported()).filter((r) => r.type === RESOURCE_TYPE).map((r) => r.id).sort();
    expect(inState).toEqual(made);

    await stack.up();
    expect((await api.listStorageConnections(IMODEL)).map((c) => c.displayName).sort()).toEqual(declared.map((d) => d.displayName));
    await stack.ok(["destroy", "--yes"]);
    expect(await api.listStorageConnections(IMODEL)).toEqual([]);
  }, 300_000);
});
