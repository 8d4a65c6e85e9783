// Through the real CLI: when something other than the API answers at itwin:baseUrl (HTML, `{}`, nothing, `201 {}`),
// `pulumi refresh` and `pulumi destroy` fail saying what came back, with no stack trace, and the state keeps the
// connection (the API still holds it). Only the API's own 404 drops a connection from state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionsStack, RESOURCE_TYPE } from "../harness/connections";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { FakeApi, NOT_THE_API } from "../harness/fake-api";

let emulator: TestEmulator;
let fake: FakeApi;
let stack: ConnectionsStack;
let id: string;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  fake = await FakeApi.start(emulator.url);
  stack = new ConnectionsStack();
  await stack.init({ "itwin:baseUrl": fake.url }, { "itwin:accessToken": TOKEN });
  await stack.declare([
    {
      name: "lied-to",
      iModelId: "77777777-8888-4999-8aaa-000000000001",
      displayName: "Lied to",
      sourceFiles: [{ storageFileId: "lied-to-file", connectorType: "MSTN" }],
    },
  ]);
  await stack.up();
  id = (await stack.connections())["lied-to"].id;
}, 120_000);
afterAll(async () => {
  fake.answer = undefined;
  await stack.dispose();
  await fake.close();
  await emulator.close();
});

async function stillThere() {
  expect((await stack.state("lied-to"))?.id).toBe(id);
  expect((await emulator.client({}, TOKEN).getStorageConnection(id)).id).toBe(id);
}

describe.each(Object.entries(NOT_THE_API))("itwin:baseUrl answering %s", (_label, answer) => {
  for (const command of [["refresh", "--yes"], ["destroy", "--yes"]]) {
    it(`fails pulumi ${command[0]} clearly and keeps the connection in state`, async () => {
      fake.answer = answer;
      const result = await stack.run(command);
      fake.answer = undefined;
      const output = result.stdout + result.stderr;
      expect(result.code, output).not.toBe(0);
      expect(output).toContain(`is not the iTwin API's (HTTP ${answer.status}, content-type ${answer.contentType ?? "none"}`);
      expect(output).toContain("Check itwin:baseUrl (ITWIN_BASE_URL)");
      expect(output).not.toMatch(/\n\s+at |TypeError|Cannot read properties/);
      await stillThere();
    }, 120_000);
  }
});

it("drops the connection on the API's own 404 only", async () => {
  await emulator.client({}, TOKEN).deleteStorageConnection(id);
  await stack.ok(["refresh", "--yes"]);
  expect(await stack.state("lied-to")).toBeUndefined();
  expect((await stack.exported()).filter((r) => r.type === RESOURCE_TYPE)).toEqual([]);
}, 120_000);
