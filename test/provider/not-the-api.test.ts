// Answers that are not the API's (a sign-in page, a proxy's `{}`, an empty body, `201 {}`) at `itwin:baseUrl`:
// every operation fails with a message saying what came back, and refresh or destroy never drop a connection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, isNotFound, OutcomeUnknownError, UnexpectedAnswerError } from "../../provider/client/errors";
import { HttpClient } from "../../provider/client/http";
import { StaticToken } from "../../provider/client/auth";
import { SyncClient } from "../../provider/client/sync-client";
import type { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import { checked, lifecycleOver } from "../harness/core";
import type { StorageConnectionOutputs } from "../../provider/storage-connection/model";
import { FakeApi, NOT_THE_API } from "../harness/fake-api";
import { TestEmulator, TOKEN } from "../harness/emulator";

const IMODEL = "66666666-7777-4888-8999-000000000001";
let emulator: TestEmulator;
let fake: FakeApi;
let client: SyncClient;
let lifecycle: StorageConnectionLifecycle;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  fake = await FakeApi.start(emulator.url);
  client = new SyncClient(new HttpClient({ baseUrl: fake.url, tokens: new StaticToken(TOKEN, "itwin:accessToken"), retryBaseMs: 5 }));
  lifecycle = lifecycleOver(() => client, { runPollMs: 20 });
});
afterAll(async () => {
  await fake.close();
  await emulator.close();
});
beforeEach(() => {
  fake.answer = undefined;
});

let seq = 0;
async function created(): Promise<{ id: string; outs: StorageConnectionOutputs }> {
  const n = ++seq;
  const { id, outputs: outs } = await lifecycle.create({ inputs: checked({
    iModelId: IMODEL,
    displayName: `Lied to ${n}`,
    sourceFiles: [{ storageFileId: `lied-to-${n}`, connectorType: "MSTN" }],
  }) });
  return { id, outs: outs as StorageConnectionOutputs };
}

function expectSaysWhatCameBack(error: unknown, status: number, contentType: string | undefined, body: string) {
  expect(error).toBeInstanceOf(UnexpectedAnswerError);
  const message = (error as Error).message;
  expect(message).toContain(`is not the iTwin API's (HTTP ${status}, content-type ${contentType ?? "none"}`);
  expect(message).toContain(body ? `body begins ${JSON.stringify(body.slice(0, 120))}` : "empty body");
  expect(message).toContain("Check itwin:baseUrl (ITWIN_BASE_URL)");
  expect(message).not.toMatch(/\n\s+at /);
}

describe.each(Object.entries(NOT_THE_API))("an answer of %s", (_label, answer) => {
  it("fails refresh (read) without dropping the connection", async () => {
    const { id, outs } = await created();
    fake.answer = answer;
    const error = await lifecycle.read({ id, state: outs }).catch((e) => e);
    expectSaysWhatCameBack(error, answer.status, answer.contentType, answer.body);
    expect((await emulator.client().getStorageConnection(id)).id).toBe(id);
  });

  it("fails destroy (delete), leaving the connection where it is", async () => {
    const { id } = await created();
    fake.answer = answer;
    const error = await lifecycle.delete({ id, olds: {} }).catch((e) => e);
    expectSaysWhatCameBack(error, answer.status, answer.contentType, answer.body);
    expect(fake.faked).toContain(`DELETE /synchronization/imodels/storageconnections/${id}`);
    expect((await emulator.client().getStorageConnection(id)).id).toBe(id);
  });

  it("fails every other operation at the client boundary, with no TypeError", async () => {
    const { id, outs } = await created();
    fake.answer = answer;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["create", () => client.createStorageConnection({ iModelId: IMODEL, sourceFiles: [{ storageFileId: "x", connectorType: "MSTN" }] })],
      ["list connections", () => client.listStorageConnections(IMODEL)],
      ["update", () => client.updateStorageConnection(id, { displayName: "x" })],
      ["list files", () => client.listSourceFiles(id)],
      ["add file", () => client.addSourceFile(id, { storageFileId: "y", connectorType: "MSTN" })],
      ["get file", () => client.getSourceFile(id, outs.sourceFiles[0].id)],
      ["retype file", () => client.updateSourceFile(id, outs.sourceFiles[0].id, { storageFileId: "y", connectorType: "IFC" })],
      ["remove file", () => client.removeSourceFile(id, outs.sourceFiles[0].id)],
      ["start run", () => client.startRun(id)],
      ["list runs", () => client.listRuns(id)],
      ["get run", () => client.getStorageConnectionRun(id, "r1")],
      ["manifest", () => client.getManifestConnection("m1")],
      ["manifest files", () => client.listManifestSourceFiles("m1")],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => new Error(`${name} accepted the answer`),
        (e) => e,
      );
      expect(error, name).toBeInstanceOf(UnexpectedAnswerError);
    }
  });
});

describe("a gateway's 502 or 504 to a POST", () => {
  it("is an unknown outcome (looked up by the caller), not an error of the API", async () => {
    const { id } = await created();
    for (const status of [502, 504]) {
      fake.answer = { status, contentType: "text/html", body: "<h1>Gateway Timeout</h1>" };
      const error = await client.addSourceFile(id, { storageFileId: "gw", connectorType: "MSTN" }).catch((e) => e);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error.message).toContain(`HTTP ${status} from a gateway`);
    }
  });
});

describe("what a 404 means", () => {
  it("only the API's own 404 code means gone: read drops the connection then, and not for a bare 404", async () => {
    const { id, outs } = await created();
    fake.answer = { status: 404, contentType: "text/html", body: "<h1>Not Found</h1>" };
    expectSaysWhatCameBack(await lifecycle.read({ id, state: outs }).catch((e) => e), 404, "text/html", "<h1>Not Found</h1>");
    // A gateway's catch-all 404 for an unknown path, in the API's error format, is not "gone" either.
    fake.answer = {
      status: 404,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "ResourceNotFound", message: "The requested resource does not exist." } }),
    };
    const catchAll = await lifecycle.read({ id, state: outs }).catch((e) => e);
    expect(catchAll).toBeInstanceOf(ApiError);
    expect(isNotFound(catchAll)).toBe(false);

    fake.answer = undefined;
    await emulator.client().deleteStorageConnection(id);
    expect(await lifecycle.read({ id, state: outs })).toBeUndefined();
  });
});
