// The ManifestConnection lifecycle called directly against the emulator (no CLI): check before any call, diff, one
// POST per create even when its answer is lost, adoption at a 409 only when identical, the fewest file calls, drift
// through read, delete; and the lookups and run start this area adds (getConnections, getIModel, runManifestConnection).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { LOOKUPS } from "../../provider/lookup-queries";
import { ManifestConnectionLifecycle } from "../../provider/manifest-connection/lifecycle";
import type { CheckedManifestConnectionInputs, ManifestConnectionOutputs } from "../../provider/manifest-connection/model";
import { startManifestRun } from "../../provider/manifest-connection/run";
import { UNKNOWN } from "../../provider/storage-connection/check";
import { TestEmulator } from "../harness/emulator";

let emulator: TestEmulator;
let api: SyncClient;
let seq = 0;

function lifecycle(adoptIdenticalOnConflict = false): ManifestConnectionLifecycle {
  const client = emulator.client({ sleep: async () => {} });
  return new ManifestConnectionLifecycle({ client: () => client, runPollMs: 20, allowUnknownConnectorTypes: () => false, adoptIdenticalOnConflict: () => adoptIdenticalOnConflict });
}

function declared(files = ["a", "b"]): CheckedManifestConnectionInputs {
  const n = ++seq;
  return {
    iModelId: `55555555-6666-4777-8888-${String(n).padStart(12, "0")}`,
    displayName: `Manifest ${n}`,
    authenticationType: "User",
    sourceFiles: files.map((f) => ({ sourceFileId: `m${n}-${f}` })),
  };
}

const calls = (step: () => Promise<unknown>) => emulator.calls(step, (path) => path.replace(/(manifestconnections|sourcefiles)\/[^/]+/g, "$1/{id}"));

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ failRate: 0, resetRate: 0, dropAnswers: 0, latencyMs: 0 }));

const M = "/synchronization/imodels/manifestconnections";

describe("check and diff", () => {
  it("names the field and the fix, before any call", async () => {
    const { failures } = await lifecycle().check({ olds: {}, news: { iModelId: "nope", sourceFiles: [{ sourceFileId: "x" }, { sourceFileId: "x" }], authenticationType: "Robot" } });
    expect(failures.map((f) => f.property)).toEqual(["iModelId", "authenticationType", "sourceFiles[1].sourceFileId"]);
    expect(failures[2].reason).toBe("sourceFiles[1].sourceFileId: x is already listed at sourceFiles[0]; the API maps a file to an iModel once. Fix: remove the duplicate entry.");
    expect((await lifecycle().check({ olds: {}, news: { iModelId: UNKNOWN, sourceFiles: UNKNOWN } })).failures).toEqual([]);
  });

  it("iModelId replaces; names, authentication and the file set update in place; order is no change", () => {
    const olds = { ...declared(), iTwinId: "t", links: { iModel: "", iTwin: "" } } as unknown as ManifestConnectionOutputs;
    olds.sourceFiles = olds.sourceFiles.map((f, i) => ({ id: `s${i}`, sourceFileId: f.sourceFileId }));
    const same = { ...olds, sourceFiles: [...olds.sourceFiles].reverse().map(({ sourceFileId }) => ({ sourceFileId })) } as CheckedManifestConnectionInputs;
    expect(lifecycle().diff({ id: "x", olds, news: same })).toMatchObject({ replaces: [], updates: [] });
    expect(lifecycle().diff({ id: "x", olds, news: { ...same, iModelId: "other", authenticationType: "Service", sourceFiles: [{ sourceFileId: "z" }] } })).toMatchObject({
      replaces: ["iModelId"],
      updates: ["authenticationType", "sourceFiles"],
    });
  });
});

describe("create", () => {
  it("one POST and one listing of its files; read reports the same outputs and the live inputs", async () => {
    const inputs = declared();
    let made!: { id: string; outputs: ManifestConnectionOutputs };
    expect(await calls(async () => (made = await lifecycle().create({ inputs })))).toEqual([`POST ${M}`, `GET ${M}/{id}/sourcefiles`]);
    expect(made.outputs).toMatchObject({ iModelId: inputs.iModelId, displayName: inputs.displayName, sourceFiles: inputs.sourceFiles.map((f) => ({ id: expect.any(String), ...f })) });
    const read = await lifecycle().read({ id: made.id, state: made.outputs });
    expect(read!.outputs).toEqual(made.outputs);
    expect(read!.inputs).toEqual(inputs);
  });

  it("looks a lost POST answer up instead of creating a duplicate", async () => {
    const inputs = declared();
    await emulator.faults({ dropAnswers: 1 });
    const made = await lifecycle().create({ inputs });
    expect((await api.manifestConnections.list(inputs.iModelId)).map((c) => c.id)).toEqual([made.id]);
  });

  it("a 409 for an identical connection names the recovery, which takes it over; a different holder is never adopted", async () => {
    const inputs = declared();
    const existing = await api.manifestConnections.create({ ...inputs });
    const error = await lifecycle().create({ inputs }).catch((e) => e);
    expect(error.message).toContain(`(held by ManifestConnection ${existing.id})`);
    expect(error.message).toContain("ITWIN_ADOPT_ON_CONFLICT=exact pulumi up");
    expect((await lifecycle(true).create({ inputs })).id).toBe(existing.id);
    const other = { ...inputs, displayName: undefined, sourceFiles: [inputs.sourceFiles[0]] };
    const refused = await lifecycle(true).create({ inputs: other }).catch((e) => e);
    expect(refused.message).toContain(`pulumi import itwin:index:ManifestConnection <name> ${existing.id}`);
  });
});

describe("update, drift and delete", () => {
  it("a swapped file is one PUT, an added one a POST, a removed one a DELETE; drift by hand is read; delete is one call", async () => {
    const lc = lifecycle();
    const inputs = declared(["a", "b", "c"]);
    const { id, outputs } = await lc.create({ inputs });
    const n = inputs.sourceFiles[0].sourceFileId.split("-")[0];
    const news = { ...inputs, displayName: "Renamed", sourceFiles: [{ sourceFileId: `${n}-a` }, { sourceFileId: `${n}-x` }] };
    let updated!: ManifestConnectionOutputs;
    const made = await calls(async () => ({ outputs: updated } = await lc.update({ id, olds: outputs, news })));
    expect(made).toEqual([`PUT ${M}/{id}`, `PUT ${M}/{id}/sourcefiles/{id}`, `DELETE ${M}/{id}/sourcefiles/{id}`]);
    expect(updated.sourceFiles.map((f) => f.sourceFileId)).toEqual([`${n}-a`, `${n}-x`]);
    expect((await api.listManifestSourceFiles(id)).map((f) => f.sourceFileId).sort()).toEqual([`${n}-a`, `${n}-x`]);

    await api.manifestConnections.addSourceFile(id, { sourceFileId: "by-hand" });
    const drift = await lc.read({ id, state: updated });
    expect(drift!.inputs.sourceFiles.map((f) => f.sourceFileId)).toEqual([`${n}-a`, `${n}-x`, "by-hand"]);
    expect(lc.diff({ id, olds: drift!.outputs, news }).updates).toEqual(["sourceFiles"]);

    expect(await calls(() => lc.delete({ id, olds: updated }))).toEqual([`DELETE ${M}/{id}`]);
    expect(await lc.read({ id, state: updated })).toBeUndefined();
  });
});

describe("lookups and runs", () => {
  it("getConnections lists both kinds; getIModel reads an iModel; runManifestConnection starts a run lastRun then shows", async () => {
    const inputs = declared();
    const { id, outputs } = await lifecycle().create({ inputs });
    const storage = await api.createStorageConnection({ iModelId: inputs.iModelId, sourceFiles: [{ storageFileId: "lk-1", connectorType: "MSTN" }] });
    const listed = await LOOKUPS.getConnections.query(api, { iModelId: inputs.iModelId });
    expect(listed.connections.map((c) => c.id)).toEqual([storage.id, id]);
    expect(listed.connections[1]).toMatchObject({ displayName: inputs.displayName, iModelId: inputs.iModelId, links: { iModel: expect.any(String) } });

    const iModel = await api.iModels.create({ iTwinId: "5fb9aa98-9874-4697-b942-d19728840f19", name: `Lookup ${seq}` });
    expect(await LOOKUPS.getIModel.query(api, { iModelId: iModel.id })).toMatchObject({ id: iModel.id, name: iModel.name, state: "initialized" });

    const run = await startManifestRun(api, {
      connectionId: id,
      manifest: { sourceFiles: [{ id: inputs.sourceFiles[0].sourceFileId, url: "https://files.example/a.dgn", connectorType: "MSTN" }] },
    });
    expect(run).toMatchObject({ connectionId: id, alreadyActive: false });
    while ((await api.getManifestConnectionRun(id, run.runId)).state !== "Completed") await new Promise((r) => setTimeout(r, 50));
    const read = await lifecycle().read({ id, state: outputs });
    expect(read!.outputs.lastRun?.id).toBe(run.runId);
    expect(read!.outputs.lastRun?.jobs[0]?.tasks[0]?.sourceFileId).toBe(inputs.sourceFiles[0].sourceFileId);
  });
});
