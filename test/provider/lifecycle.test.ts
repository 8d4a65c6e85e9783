// The provider's lifecycle methods called directly against the emulator: the failure paths that are slow or
// awkward to provoke through the CLI, each checked against what the API really holds afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ERROR } from "../../api/contract";
import { OutcomeUnknownError } from "../../provider/client/errors";
import type { SyncClient } from "../../provider/client/sync-client";
import { ResourceInitError } from "../../provider/core/verbs";
import type { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import { checked, lifecycleOver } from "../harness/core";
import type { StorageConnectionInputs, StorageConnectionOutputs } from "../../provider/storage-connection/model";
import { TestEmulator } from "../harness/emulator";

let emulator: TestEmulator;
let api: SyncClient;
let lifecycle: StorageConnectionLifecycle;
let seq = 0;

beforeAll(async () => {
  emulator = await TestEmulator.start({ runStepMs: 30 });
  api = emulator.client();
  // No real waiting between retries: the emulator's faults decide each attempt.
  const client = emulator.client({ sleep: async () => {} });
  lifecycle = lifecycleOver(() => client, { runPollMs: 20 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ failRate: 0, resetRate: 0, dropAnswers: 0, latencyMs: 0 }));

function inputs(overrides: Partial<StorageConnectionInputs> = {}): StorageConnectionInputs {
  const n = ++seq;
  return {
    iModelId: `44444444-5555-4666-8777-${String(n).padStart(12, "0")}`,
    displayName: `Direct ${n}`,
    authenticationType: "User",
    sourceFiles: [
      { storageFileId: `direct-${n}-a`, connectorType: "MSTN" },
      { storageFileId: `direct-${n}-b`, connectorType: "REVIT" },
    ],
    ...overrides,
  };
}

describe("create", () => {
  it("returns the connection with file ids, and read returns the same outputs and the live inputs", async () => {
    const declared = inputs();
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(declared) });
    const live = await api.getStorageConnection(id);
    expect(outs).toMatchObject({ iModelId: declared.iModelId, displayName: declared.displayName, iTwinId: live.iTwinId });
    expect(outs.sourceFiles.map((f: { id: string }) => f.id).sort()).toEqual((await api.listSourceFiles(id)).map((f) => f.id).sort());
    const read = await lifecycle.read({ id, state: outs });
    expect(read.outputs).toEqual(outs);
    expect(read.inputs).toEqual({
      iModelId: declared.iModelId,
      displayName: declared.displayName,
      authenticationType: "User",
      sourceFiles: [...declared.sourceFiles].sort((a, b) => a.storageFileId.localeCompare(b.storageFileId)),
      runTimeoutSeconds: 600,
    });
  });

  it("looks a lost POST answer up instead of creating a duplicate", async () => {
    const declared = inputs();
    await emulator.faults({ dropAnswers: 1 });
    await emulator.clearRequests();
    const { id } = await lifecycle.create({ inputs: checked(declared) });
    const posts = (await emulator.requests()).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0].status).toBeNull();
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([id]);
  });

  it("after the last lost POST, says the outcome is unknown and how to recover, having created nothing", async () => {
    const declared = inputs();
    // The API's lookups answer; every POST loses its answer before reaching it.
    const real = emulator.client({ sleep: async () => {} });
    const posts: string[] = [];
    const client = Object.create(real, {
      createStorageConnection: {
        value: async () => {
          posts.push("POST");
          throw new OutcomeUnknownError("Create StorageConnection", new Error("socket hang up"));
        },
      },
    });
    const error = await lifecycleOver(() => client, { runPollMs: 20 }).create({ inputs: checked(declared) }).catch((e) => e);
    expect(posts).toHaveLength(3);
    expect(error.message).toBe(
      "Create StorageConnection: no answer came back (socket hang up), so whether the API carried it out is unknown. " +
        "Fix: check that the API at itwin:baseUrl answers, then run `pulumi up` again; if one of these POSTs did make " +
        "the connection, that up's 409 names it, and `ITWIN_ADOPT_ON_CONFLICT=exact pulumi up` takes it over.",
    );
    expect(await api.listStorageConnections(declared.iModelId)).toEqual([]);
  });

  it("creates once when the lost POST never reached the API", async () => {
    const declared = inputs();
    // Connections are reset before the API sees them, until the first retry's wait clears the fault: the POST is
    // lost unanswered, the look-up (a GET, retried) finds nothing, so the second POST goes.
    const client = emulator.client({ sleep: () => emulator.faults({ resetRate: 0 }) });
    const lc = lifecycleOver(() => client, { runPollMs: 20 });
    await emulator.faults({ resetRate: 1 });
    await emulator.clearRequests();
    const { id } = await lc.create({ inputs: checked(declared) });
    expect((await emulator.requests()).filter((r) => r.method === "POST").map((r) => r.status)).toEqual([null, 201]);
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([id]);
  });

  it("goes on when the second POST is lost too: up to three, each after a look-up that found nothing", async () => {
    const declared = inputs();
    // Each of the first two POSTs meets a reset (nothing is created); the look-up's retry wait clears the fault.
    const client = emulator.client({ sleep: () => emulator.faults({ resetRate: 0 }) });
    const create = client.createStorageConnection.bind(client);
    let posts = 0;
    client.createStorageConnection = async (body) => {
      if (++posts <= 2) await emulator.faults({ resetRate: 1 });
      return create(body);
    };
    const lc = lifecycleOver(() => client, { runPollMs: 20 });
    await emulator.clearRequests();
    const { id } = await lc.create({ inputs: checked(declared) });
    expect((await emulator.requests()).filter((r) => r.method === "POST").map((r) => r.status)).toEqual([null, null, 201]);
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([id]);
  });

  it("takes the lost POST's connection when it was carried out late, after the look-up: the next POST's 409", async () => {
    const declared = inputs();
    // The first POST takes 600 ms and its client gives up at 300; the look-up runs at once and finds nothing; the
    // second POST arrives once the first took effect, and meets its 409.
    const client = emulator.client({ sleep: async () => {}, timeoutMs: 300 });
    const create = client.createStorageConnection.bind(client);
    let posts = 0;
    client.createStorageConnection = async (body) => {
      if (++posts === 1) {
        await emulator.faults({ latencyMs: 600 });
        const first = create(body);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await emulator.faults({ latencyMs: 0 });
        return first;
      }
      await new Promise((resolve) => setTimeout(resolve, 800));
      return create(body);
    };
    const lc = lifecycleOver(() => client, { runPollMs: 20 });
    const { id, outputs: outs } = await lc.create({ inputs: checked({ ...declared, runOnChange: true }) });
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([id]);
    // Taken as this create's own connection (not adopted): its run on create starts.
    expect(outs.lastRun).toBeDefined();
  });

  it("learns the connection its POST made when the API answers slower than each attempt's deadline (no orphan)", async () => {
    const declared = inputs();
    // Every answer takes 400 ms, each attempt gives up after 100 ms: the POST's outcome is unknown, and the API makes
    // the connection anyway. The lookup that resolves it has a deadline of its own, so it learns the connection's id.
    const slow = lifecycleOver(() => emulator.client({ timeoutMs: 100, maxAttempts: 2, sleep: async () => {} }));
    await emulator.faults({ latencyMs: 400 });
    const result = await slow.create({ inputs: checked(declared) }).catch((e: unknown) => e);
    await emulator.faults({ latencyMs: 0 });
    const made = await api.listStorageConnections(declared.iModelId);
    expect(made).toHaveLength(1);
    // Either the create finished, or it failed after learning the id: then the connection stays in state.
    const id = result instanceof ResourceInitError ? result.id : (result as { id: string }).id;
    expect(id).toBe(made[0].id);
  });

  it("keeps a created connection in state when a later step fails", async () => {
    const declared = inputs();
    // Every answer after the POST is refused: the source-file listing fails once retries run out.
    const client = emulator.client({ sleep: async () => {}, maxAttempts: 2 });
    const failing = lifecycleOver(() => client, { runPollMs: 20 });
    const originalList = client.listSourceFiles.bind(client);
    client.listSourceFiles = async (id: string) => {
      await emulator.faults({ failRate: 1 });
      try {
        return await originalList(id);
      } finally {
        await emulator.faults({ failRate: 0 });
      }
    };
    const error = await failing.create({ inputs: checked(declared) }).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    const [live] = await api.listStorageConnections(declared.iModelId);
    expect(error.id).toBe(live.id);
    expect(error.message).toMatch(new RegExp(`^StorageConnection ${live.id} is in state, but List source files`));
    expect(error.properties).toMatchObject({ iModelId: declared.iModelId, displayName: declared.displayName });
  });
});

describe("a 409 at create: itwin:adoptOnConflict=exact", () => {
  const exact = () => lifecycleOver(() => emulator.client({ sleep: async () => {} }), {
    runPollMs: 20,
    adoptIdenticalOnConflict: true,
  });

  it("names an identical holder (an interrupted create's) and the one command that takes it over; adopts nothing by default", async () => {
    const declared = inputs();
    const holder = await api.createStorageConnection({ ...declared, authenticationType: "User" });
    const error = await lifecycle.create({ inputs: checked(declared) }).catch((e) => e);
    expect(error.message).toBe(
      `Create StorageConnection failed: HTTP 409 FileMappingToTheIModelAlreadyExists: ${ERROR.fileMappingExists.message} ` +
        `(held by StorageConnection ${holder.id}) That connection is identical to this declaration (same iModel, ` +
        "displayName, authenticationType, files and connector types): most likely an earlier `pulumi up` created it " +
        "and was interrupted before recording it. To take it over, run: ITWIN_ADOPT_ON_CONFLICT=exact pulumi up",
    );
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([holder.id]);
  });

  it("adopts the identical holder, creating nothing, and gives it the first run the interrupted create never started", async () => {
    const declared = inputs({ runOnChange: true, waitForRun: true });
    const holder = await api.createStorageConnection({ ...declared, authenticationType: "User" });
    const { id, outputs: outs } = await exact().create({ inputs: checked(declared) });
    expect(id).toBe(holder.id);
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([holder.id]);
    const lastRun = (await api.getStorageConnection(id))._links.lastRun?.href;
    expect(lastRun).toBeDefined();
    expect(outs.links.lastRun).toBe(lastRun);
    expect(outs.lastRun).toMatchObject({ state: "Completed", result: "Success" });
  });

  it("starts no run for an adopted holder that has run and needs no change", async () => {
    const declared = inputs({ runOnChange: true, waitForRun: true });
    const holder = await api.createStorageConnection({ ...declared, authenticationType: "User" });
    await api.startRun(holder.id);
    const ran = (await api.getStorageConnection(holder.id))._links.lastRun?.href;
    expect(ran).toBeDefined();
    await emulator.clearRequests();
    await exact().create({ inputs: checked(declared) });
    expect((await api.getStorageConnection(holder.id))._links.lastRun?.href).toBe(ran);
    // The one POST is the create's, answered 409: no run was started.
    expect((await emulator.requests()).filter((r) => r.method === "POST").map((r) => [r.path, r.status])).toEqual([
      ["/synchronization/imodels/storageconnections", 409],
    ]);
  });

  it("refuses a holder that differs in anything declared: name, authenticationType, a connector type, one file more", async () => {
    const variants: Array<(d: StorageConnectionInputs) => StorageConnectionInputs> = [
      (d) => ({ ...d, displayName: "Made by hand" }),
      (d) => ({ ...d, authenticationType: "Service" }),
      (d) => ({ ...d, sourceFiles: [{ ...d.sourceFiles[0], connectorType: "IFC" }, d.sourceFiles[1]] }),
      (d) => ({ ...d, sourceFiles: [...d.sourceFiles, { storageFileId: `${d.sourceFiles[0].storageFileId}-more`, connectorType: "MSTN" }] }),
    ];
    for (const variant of variants) {
      const declared = inputs();
      const holder = await api.createStorageConnection({ authenticationType: "User", ...variant(declared) });
      const error = await exact().create({ inputs: checked(declared) }).catch((e) => e);
      expect(error.message).toContain(`(held by StorageConnection ${holder.id}) To manage that connection from this program, set adoptConnectionId: "${holder.id}"`);
      expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([holder.id]);
    }
  });

  it("takes over after a lost POST answer only the identical connection", async () => {
    const declared = inputs();
    await emulator.faults({ dropAnswers: 1 });
    const { id } = await exact().create({ inputs: checked(declared) });
    expect((await api.listStorageConnections(declared.iModelId)).map((c) => c.id)).toEqual([id]);
  });
});

describe("adoption refusals", () => {
  it("refuses a connection of another iModel, and one that does not exist, saying what to change", async () => {
    const { id } = await lifecycle.create({ inputs: checked(inputs()) });
    const other = inputs();
    const wrongIModel = await lifecycle.create({ inputs: checked({ ...other, adoptConnectionId: id }) }).catch((e) => e);
    expect(wrongIModel.message).toMatch(
      new RegExp(`^adoptConnectionId: StorageConnection ${id} belongs to iModel \\S+, not to iModelId ${other.iModelId}\\. Fix: .*remove adoptConnectionId`),
    );
    const missing = await lifecycle.create({ inputs: checked({ ...other, adoptConnectionId: "B".repeat(43) }) }).catch((e) => e);
    expect(missing.message).toBe(
      `adoptConnectionId: StorageConnection ${"B".repeat(43)} does not exist. Fix: use the id of an existing connection, or remove adoptConnectionId to create one.`,
    );
    expect(await api.listStorageConnections(other.iModelId)).toEqual([]);
  });
});

describe("runs", () => {
  it("fails the step on a run that ends in Error, keeping the connection and its lastRun", async () => {
    const declared = inputs({
      sourceFiles: [{ storageFileId: "will-fail-to-convert", connectorType: "DWG" }],
      runOnChange: true,
      waitForRun: true,
    });
    const error = await lifecycle.create({ inputs: checked(declared) }).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/synchronization run .* ended in Error/);
    const lastRun = (error.properties as StorageConnectionOutputs).lastRun!;
    expect(lastRun).toMatchObject({ state: "Completed", result: "Error" });
    expect(lastRun.jobs[0].tasks[0]).toMatchObject({ result: "Error", error: expect.stringMatching(/^TAE_/) });
    expect(await api.getStorageConnection(error.id)).toBeTruthy();
  });

  it("stops waiting at runTimeoutSeconds with a clear message", async () => {
    const slow = await TestEmulator.start({ runStepMs: 2000 });
    try {
      const client = slow.client();
      const lc = lifecycleOver(() => client, { runPollMs: 50 });
      const error = await lc.create({ inputs: checked(inputs({ runOnChange: true, waitForRun: true, runTimeoutSeconds: 0.3 })) }).catch((e) => e);
      expect(error).toBeInstanceOf(ResourceInitError);
      expect(error.message).toMatch(/run .* was still \w+ after 0 s; raise runTimeoutSeconds/);
      expect((error.properties as StorageConnectionOutputs).lastRun?.state).not.toBe("Completed");
    } finally {
      await slow.close();
    }
  });

  it("reports each connection's own run when connections of one iModel run at the same time", async () => {
    const iModelId = inputs().iModelId;
    const [a, b, c] = await Promise.all(
      ["a", "b", "c"].map((tag) =>
        lifecycle.create({ inputs: checked(inputs({ iModelId, sourceFiles: [{ storageFileId: `same-imodel-${tag}`, connectorType: "DWG" }], runOnChange: true, waitForRun: true })) }),
      ),
    );
    for (const { id, outputs: outs } of [a, b, c]) {
      expect(outs.lastRun).toMatchObject({ state: "Completed", result: "Success" });
      expect((await api.listRuns(id)).map((r) => r.id)).toContain(outs.lastRun.id);
      expect(outs.lastRun.jobs[0].tasks[0].storageFileId).toBe(outs.sourceFiles[0].storageFileId);
    }
  });

  it("starts a run when source files change, not when only the name does", async () => {
    const declared = inputs({ runOnChange: true });
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(declared) });
    const firstRun = outs.lastRun.id;
    const renamed = await lifecycle.update({ id, olds: outs, news: checked({ ...declared, displayName: "Renamed" }) });
    expect(renamed.outputs.lastRun.id).toBe(firstRun);
    expect((await api.listRuns(id)).length).toBe(1);
  });
});

describe("update and delete", () => {
  it("reaches the declared files with the fewest calls", async () => {
    const declared = inputs();
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(declared) });
    await emulator.clearRequests();
    const next = {
      ...declared,
      sourceFiles: [
        { storageFileId: declared.sourceFiles[0].storageFileId, connectorType: "IFC" },
        { storageFileId: `extra-${seq}`, connectorType: "DWG" },
      ],
    };
    const { outputs: updated } = await lifecycle.update({ id, olds: outs, news: checked(next) });
    const calls = (await emulator.requests()).map((r) => `${r.method} ${r.path.replace(/\/storageconnections\/[^/]+/, "/:id").replace(/\/sourcefiles\/[^?]+/, "/sourcefiles/:file")}`);
    expect(calls.sort()).toEqual([
      "DELETE /synchronization/imodels/:id/sourcefiles/:file",
      "POST /synchronization/imodels/:id/sourcefiles",
      "PUT /synchronization/imodels/:id/sourcefiles/:file",
    ]);
    expect(updated.sourceFiles.map((f: { storageFileId: string; connectorType: string }) => `${f.storageFileId}:${f.connectorType}`)).toEqual(
      (await api.listSourceFiles(id)).map((f) => `${f.storageFileId}:${f.connectorType}`).sort(),
    );
  });

  it("heals files changed by hand since the last refresh (404 on PUT, 409 on POST)", async () => {
    const declared = inputs();
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(declared) });
    const [a] = outs.sourceFiles;
    await api.removeSourceFile(id, a.id);
    const extra = { storageFileId: `by-hand-${seq}`, connectorType: "NWD" };
    await api.addSourceFile(id, extra);
    const next = { ...declared, sourceFiles: [{ ...declared.sourceFiles[0], storageFileId: a.storageFileId, connectorType: "IFC" }, declared.sourceFiles[1], { ...extra, connectorType: "DWG" }] };
    await lifecycle.update({ id, olds: outs, news: checked(next) });
    expect((await api.listSourceFiles(id)).map((f) => `${f.storageFileId}:${f.connectorType}`).sort()).toEqual(
      next.sourceFiles.map((f) => `${f.storageFileId}:${f.connectorType}`).sort(),
    );
  });

  it("explains an update of a connection deleted by hand since the last refresh", async () => {
    const declared = inputs();
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(declared) });
    await api.deleteStorageConnection(id);
    const error = await lifecycle.update({ id, olds: outs, news: checked({ ...declared, displayName: "Renamed" }) }).catch((e) => e);
    expect(error.message).toBe(
      `StorageConnection ${id} no longer exists: it was deleted outside Pulumi since the last refresh. ` +
        "Run `pulumi up --refresh` (or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
    );
  });

  it("treats a connection already deleted as deleted, and read drops it", async () => {
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(inputs()) });
    await api.deleteStorageConnection(id);
    await expect(lifecycle.delete({ id, olds: {} })).resolves.toBeUndefined();
    expect(await lifecycle.read({ id, state: outs })).toBeUndefined();
  });
});

describe("read", () => {
  /** A lifecycle whose client counts the requests it has in flight at once. */
  function counting() {
    const client = emulator.client();
    const request = client.http.request.bind(client.http);
    const seen = { inFlight: 0, most: 0 };
    client.http.request = (async (spec: Parameters<typeof request>[0]) => {
      seen.most = Math.max(seen.most, ++seen.inFlight);
      try {
        return await request(spec);
      } finally {
        seen.inFlight--;
      }
    }) as typeof client.http.request;
    return { seen, reader: lifecycleOver(() => client, { runPollMs: 20 }) };
  }
  const gets = async () => (await emulator.requests()).map((r) => `${r.method} ${r.path.split("?")[0].split("/").slice(-2).join("/")}`);

  it("asks for the connection, its files and the last run the state links all at once; a run started since, after", async () => {
    const { id, outputs: outs } = await lifecycle.create({ inputs: checked(inputs()) });
    const started = await api.startRun(id); // by hand: the state does not link it yet
    const first = counting();
    await emulator.clearRequests();
    const read = await first.reader.read({ id, state: outs });
    expect((read.outputs as StorageConnectionOutputs).lastRun?.id).toBe(started.runId);
    expect(first.seen.most).toBe(2);
    expect((await gets()).sort()).toEqual([`GET ${id}/sourcefiles`, `GET runs/${started.runId}`, `GET storageconnections/${id}`].sort());

    const again = counting();
    await emulator.clearRequests();
    const reread = await again.reader.read({ id, state: read.outputs as StorageConnectionOutputs });
    expect((reread.outputs as StorageConnectionOutputs).lastRun?.id).toBe(started.runId);
    expect(again.seen.most).toBe(3);
    expect((await gets()).sort()).toEqual([`GET ${id}/sourcefiles`, `GET runs/${started.runId}`, `GET storageconnections/${id}`].sort());
  });
});
