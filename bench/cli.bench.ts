// The real Pulumi CLI against the emulator: what a user waits for. One stack of 10 connections (2 files each)
// created, previewed with refresh (no change) and destroyed, each step timed on its own.
import { afterAll, beforeAll, describe, test } from "vitest";
import { ConnectionsStack, type ConnectionSpec } from "../test/harness/connections";
import { TestEmulator, TOKEN } from "../test/harness/emulator";

const specs: ConnectionSpec[] = Array.from({ length: 10 }, (_, i) => ({
  name: `c${i}`,
  iModelId: `77777777-8888-4999-8aaa-${String(i).padStart(12, "0")}`,
  displayName: `Discipline ${i}`,
  sourceFiles: [
    { storageFileId: `bench-${i}-a`, connectorType: "MSTN" },
    { storageFileId: `bench-${i}-b`, connectorType: "REVIT" },
  ],
}));

let emulator: TestEmulator;
let stack: ConnectionsStack;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  stack = new ConnectionsStack();
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  await stack.declare(specs);
});
afterAll(async () => {
  await stack.dispose();
  await emulator.close();
});

describe("pulumi CLI, 10 connections", () => {
  test("up (create 10) then destroy", async ({ bench }) => {
    await bench("up (create 10) then destroy", async () => {
      await stack.up();
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
    }).run({ iterations: 3, time: 0 });
  });

  test("preview --refresh --expect-no-changes (10 unchanged)", async ({ bench }) => {
    await stack.up();
    await bench("preview --refresh --expect-no-changes (10 unchanged)", async () => {
      await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
    }).run({ iterations: 3, time: 0 });
  });
});
