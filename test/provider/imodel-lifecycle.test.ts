// The IModel lifecycle called directly against the emulator (no CLI): check before any call, diff, one POST per
// create even when its answer is lost, adoption at a 409 only when identical, one PATCH of the changed fields, drift
// through read, delete.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { IModelLifecycle } from "../../provider/imodel/lifecycle";
import type { CheckedIModelInputs, IModelOutputs } from "../../provider/imodel/model";
import { UNKNOWN } from "../../provider/storage-connection/check";
import { TestEmulator } from "../harness/emulator";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";
const EXTENT = { southWest: { latitude: 46.1, longitude: 7.1 }, northEast: { latitude: 46.2, longitude: 7.3 } };

let emulator: TestEmulator;
let api: SyncClient;
let seq = 0;

function lifecycle(adoptIdenticalOnConflict = false): IModelLifecycle {
  const client = emulator.client({ sleep: async () => {} });
  return new IModelLifecycle({ client: () => client, runPollMs: 20, allowUnknownConnectorTypes: () => false, adoptIdenticalOnConflict: () => adoptIdenticalOnConflict });
}

function declared(overrides: Partial<CheckedIModelInputs> = {}): CheckedIModelInputs {
  return { iTwinId: ITWIN, name: `Model ${++seq}`, description: "Site", extent: EXTENT, ...overrides };
}

const calls = (step: () => Promise<unknown>) => emulator.calls(step);

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults({ failRate: 0, resetRate: 0, dropAnswers: 0, latencyMs: 0 }));

describe("check", () => {
  it("names the field and the fix, before any call", async () => {
    const { failures } = await lifecycle().check({ olds: {}, news: { iTwinId: "not-a-guid", name: "  ", description: "x".repeat(256), extent: { southWest: { latitude: 100, longitude: 0 }, northEast: { latitude: 0, longitude: 0 } } } });
    expect(failures.map((f) => f.property)).toEqual(["iTwinId", "name", "description", "extent"]);
    expect(failures[0].reason).toBe("iTwinId: Provided iTwinId value is not valid. Fix: set it to the iTwin's GUID, e.g. 5fb9aa98-9874-4697-b942-d19728840f19.");
    expect(failures[3].reason).toContain("latitude -90..90");
  });

  it("accepts values not known yet (preview)", async () => {
    const { failures } = await lifecycle().check({ olds: {}, news: { iTwinId: UNKNOWN, name: UNKNOWN, extent: UNKNOWN } });
    expect(failures).toEqual([]);
  });

  it("requires iTwinId and name", async () => {
    const { failures } = await lifecycle().check({ olds: {}, news: {} });
    expect(failures.map((f) => f.reason)).toEqual([
      "iTwinId: Required property is missing. Fix: set it to the iTwin's GUID, e.g. 5fb9aa98-9874-4697-b942-d19728840f19.",
      "name: Required property is missing. Fix: give a name of 1 to 255 characters that is not only spaces.",
    ]);
  });
});

describe("diff", () => {
  const olds = { iTwinId: ITWIN, name: "A", description: "d", extent: EXTENT, state: "initialized", createdDateTime: "t", dataCenterLocation: "East US", links: {} } as IModelOutputs;
  it("iTwinId replaces; name, description and extent update in place; the same declaration is no change", () => {
    const lc = lifecycle();
    expect(lc.diff({ id: "x", olds, news: { iTwinId: ITWIN, name: "A", description: "d", extent: { northEast: EXTENT.northEast, southWest: EXTENT.southWest } } })).toMatchObject({ replaces: [], updates: [] });
    expect(lc.diff({ id: "x", olds, news: { iTwinId: "11111111-2222-4333-8444-555555555555", name: "B" } })).toMatchObject({
      replaces: ["iTwinId"],
      updates: ["name", "description", "extent"],
    });
    expect(lc.diff({ id: "x", olds, news: { iTwinId: ITWIN, name: UNKNOWN, description: "d", extent: EXTENT } }).updates).toEqual(["name"]);
  });
});

describe("create", () => {
  it("POSTs once and reads back what read reports", async () => {
    const lc = lifecycle();
    const inputs = declared();
    let id = "";
    expect(await calls(async () => ({ id } = await lc.create({ inputs })))).toEqual(["POST /imodels"]);
    const read = await lc.read({ id, state: {} });
    expect(read!.inputs).toEqual({ iTwinId: ITWIN, name: inputs.name, description: "Site", extent: EXTENT });
    expect(read!.outputs).toMatchObject({ state: "initialized", links: { changesets: expect.stringContaining(id) } });
  });

  it("looks a lost POST answer up by name instead of creating a second iModel", async () => {
    const inputs = declared();
    await emulator.faults({ dropAnswers: 1 });
    const made = await calls(() => lifecycle().create({ inputs }));
    expect(made).toEqual(["POST /imodels", "GET /imodels"]);
    expect(await api.iModels.list(ITWIN, inputs.name)).toHaveLength(1);
  });

  it("a 409 for an identical iModel names the recovery; ITWIN_ADOPT_ON_CONFLICT=exact takes it over", async () => {
    const inputs = declared();
    const existing = await api.iModels.create({ ...inputs });
    const error = await lifecycle().create({ inputs }).catch((e) => e);
    expect(error.message).toContain(`HTTP 409 iModelExists: iModel with the same name already exists within the iTwin. (iModel ${existing.id})`);
    expect(error.message).toContain("ITWIN_ADOPT_ON_CONFLICT=exact pulumi up");
    expect((await lifecycle(true).create({ inputs })).id).toBe(existing.id);
  });

  it("a 409 for a different iModel is never adopted, and says how to import it", async () => {
    const inputs = declared();
    const existing = await api.iModels.create({ ...inputs, description: "other" });
    const error = await lifecycle(true).create({ inputs }).catch((e) => e);
    expect(error.message).toContain(`pulumi import itwin:index:IModel <name> ${existing.id}`);
  });
});

describe("update, drift and delete", () => {
  it("PATCHes only the changed fields, clears what is no longer declared, reads drift made by hand, and deletes", async () => {
    const lc = lifecycle();
    const inputs = declared();
    const { id, outputs } = await lc.create({ inputs });
    await emulator.clearRequests();
    const { outputs: updated } = await lc.update({ id, olds: outputs, news: { iTwinId: ITWIN, name: inputs.name, description: "New" } });
    const [patch] = await emulator.requests();
    expect(`${patch.method} ${patch.path}`).toBe(`PATCH /imodels/${id}`);
    expect(patch.body).toEqual({ description: "New", extent: null });
    expect(updated.extent).toBeUndefined();

    await api.iModels.update(id, { name: "Renamed by hand" });
    const drift = await lc.read({ id, state: updated });
    expect(drift!.inputs.name).toBe("Renamed by hand");
    expect(lc.diff({ id, olds: drift!.outputs, news: { iTwinId: ITWIN, name: inputs.name, description: "New" } }).updates).toEqual(["name"]);

    expect(await calls(() => lc.delete({ id, olds: updated }))).toEqual([`DELETE /imodels/${id}`]);
    expect(await lc.read({ id, state: updated })).toBeUndefined();
  });

  it("an update of an iModel deleted by hand says how to recreate it", async () => {
    const lc = lifecycle();
    const { id, outputs } = await lc.create({ inputs: declared() });
    await api.iModels.delete(id);
    const error = await lc.update({ id, olds: outputs, news: { ...declared(), iTwinId: ITWIN } }).catch((e) => e);
    expect(error.message).toContain("Run `pulumi up --refresh`");
  });
});
