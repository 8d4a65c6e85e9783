// itwin-fleet on a shared state backend for real: Pulumi's Azure Blob backend on Azurite, the API emulator behind
// the example's stacks. The fleet's up, drift and destroy; and two ups of one stack at once, which the backend's lock
// keeps apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { Azurite } from "../harness/azurite";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { FleetProject, IMODELS, output } from "./project";

const STACKS = Object.keys(IMODELS).sort();
const CONTAINER = "fleet-state";

// Several fleet runs per test (drift, heal, drift again): 10 minutes each bound a hang on a loaded two-core machine.
describe("itwin-fleet on the Azure Blob backend (Azurite)", { timeout: 600_000 }, () => {
  let azurite: Azurite;
  let emulator: TestEmulator;
  let api: SyncClient;
  let project: FleetProject;

  beforeAll(async () => {
    [azurite, emulator] = await Promise.all([Azurite.start(), TestEmulator.start({ token: TOKEN })]);
    api = emulator.client();
    await azurite.createContainer(CONTAINER);
    // Transpile only: the workflow's test type-checks the example as a user's run does.
    const env = { ...azurite.backendEnv(CONTAINER), ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    project = new FleetProject("azblob", env);
  });

  afterAll(async () => {
    project?.dispose();
    await Promise.all([azurite?.stop(), emulator?.close()]);
  });

  /** The connections the API holds for a stack's iModel, by display name. */
  const live = async (stack: string) => (await api.listStorageConnections(IMODELS[stack])).map((c) => c.displayName).sort();

  it("up creates each stack from its file, side by side, and its connections; the state is in the container", async () => {
    const result = await project.fleet(["up", "--yes", "--parallel", "2", "--json", `${project.out}/up.json`, "--report", `${project.out}/up.md`]);
    expect(result.code, output(result)).toBe(0);
    const report = project.report("up.json");
    expect(report.operation).toBe("up");
    expect(report.stacks.map((s) => [s.name, s.status])).toEqual(STACKS.map((name) => [name, "changed"]));
    expect(report.stacks.find((s) => s.name === "plant-north")!.changes).toMatchObject({ create: expect.any(Number), update: 0, delete: 0, replace: 0 });
    expect(await live("plant-north")).toEqual(["North - Architecture", "North - Structure"]);
    expect(await live("plant-south")).toEqual(["South - Process"]);
    expect(await live("campus")).toEqual(["Campus - Site"]);
    // Read back through the azblob backend: each stack's state holds its connections once.
    const north = project.resources("plant-north").filter((r) => r.type === "itwin:index:StorageConnection");
    expect(north.map((r) => r.urn.split("::").pop()).sort()).toEqual(["architecture", "structure"]);
    // Plain lines on CI: a start and an outcome per stack.
    for (const stack of STACKS) expect(result.stderr).toMatch(new RegExp(`\\[itwin-fleet\\] up ${stack}  changed`));
    const markdown = project.outText("up.md");
    expect(markdown).toContain("### itwin-fleet up: 3 stack(s), 3 changed");
    expect(markdown).toMatch(/\| plant-north \| changed \| \d+ \| 0 \| 0 \| 0 \|/);
  });

  it("drift finds the connection changed by hand, names the property, exits 2; up puts it back; drift is then clean", async () => {
    const [site] = await api.listStorageConnections(IMODELS.campus);
    await api.updateStorageConnection(site.id, { displayName: "Renamed by hand" });

    const drift = await project.fleet(["drift", "--json", `${project.out}/drift.json`, "--report", `${project.out}/drift.md`]);
    expect(drift.code, output(drift)).toBe(2);
    const report = project.report("drift.json");
    expect(report.stacks.map((s) => [s.name, s.status])).toEqual([["campus", "drift"], ["plant-north", "ok"], ["plant-south", "ok"]]);
    expect(report.stacks[0].changes.update).toBe(1);
    expect(report.stacks[0].diffs).toEqual([{ resource: "site", op: "update", properties: ["displayName"] }]);
    expect(drift.stdout).toContain("| campus | drift | 0 | 1 | 0 | 0 | site: displayName |");

    const heal = await project.fleet(["up", "--yes", "--stacks", "campus"]);
    expect(heal.code, output(heal)).toBe(0);
    expect(await live("campus")).toEqual(["Campus - Site"]);
    const clean = await project.fleet(["drift"]);
    expect(clean.code, output(clean)).toBe(0);
  });

  it("a second up of a stack while one runs fails on the backend's lock naming the stack; nothing is duplicated, the next run is clean", async () => {
    // Two more connections for plant-south: the first run has something to create.
    project.write(
      "Pulumi.plant-south.yaml",
      project.read("Pulumi.plant-south.yaml").replace(
        "    - name: process\n",
        "    - name: electrical\n      displayName: South - Electrical\n      sourceFiles:\n        - storageFileId: south-electrical-dgn\n          connectorType: MSTN\n" +
          "    - name: civil\n      displayName: South - Civil\n      sourceFiles:\n        - storageFileId: south-civil-dgn\n          connectorType: CIVIL\n" +
          "    - name: process\n",
      ),
    );
    // Slow answers keep the first run inside its update while the second starts (~3 s of CLI start-up).
    await emulator.faults({ latencyMs: 1500 });
    await emulator.clearRequests();
    const first = project.fleet(["up", "--yes", "--stacks", "plant-south", "--json", `${project.out}/first.json`]);
    // The first run holds the stack's lock once it calls the API (its refresh reads the connections under the lock).
    let settled = false;
    void first.finally(() => (settled = true));
    while (!settled && (await emulator.requests()).length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await project.fleet(["up", "--yes", "--stacks", "plant-south", "--json", `${project.out}/second.json`]);
    const firstDone = await first;
    await emulator.faults({ latencyMs: 0 });
    expect(firstDone.code, output(firstDone)).toBe(0);
    expect(project.report("first.json").stacks[0]).toMatchObject({ name: "plant-south", status: "changed", changes: { create: 2 } });
    expect(second.code, output(second)).toBe(1);
    const failed = project.report("second.json").stacks[0];
    expect(failed).toMatchObject({ name: "plant-south", status: "failed" });
    expect(failed.error).toMatch(/the stack is currently locked by 1 lock\(s\)/);
    // The lock's blob path names the stack.
    expect(failed.error).toMatch(/\/plant-south\//);

    // The state is whole and nothing was created twice.
    expect(await live("plant-south")).toEqual(["South - Civil", "South - Electrical", "South - Process"]);
    const state = project.resources("plant-south").filter((r) => r.type === "itwin:index:StorageConnection");
    expect(state.map((r) => r.urn.split("::").pop()).sort()).toEqual(["civil", "electrical", "process"]);
    expect(new Set(state.map((r) => r.id)).size).toBe(3);
    // The next run is clean: no lock left behind, nothing to change.
    const next = await project.fleet(["preview", "--stacks", "plant-south", "--expect-no-changes", "--json", `${project.out}/next.json`]);
    expect(next.code, output(next)).toBe(0);
    expect(project.report("next.json").stacks[0].status).toBe("ok");
  });

  it("a stack file the provider's rules reject fails its own stack, listing every problem, before any call; the others run", async () => {
    const badIModel = "b0b0b0b0-0000-4000-8000-000000000001";
    project.write(
      "Pulumi.bad.yaml",
      `config:\n  itwin-fleet-example:iModelId: ${badIModel}\n  itwin-fleet-example:connections:\n` +
        "    - name: drawings\n      displayName: Drawings\n      sourceFiles:\n        - storageFileId: drawings-pdf\n          connectorType: PDF\n" +
        "    - name: drawings\n      displayName: Drawings again\n      sourceFiles: []\n",
    );
    await emulator.clearRequests();
    const result = await project.fleet(["preview", "--json", `${project.out}/bad.json`]);
    project.remove("Pulumi.bad.yaml");
    expect(result.code, output(result)).toBe(1);
    const report = project.report("bad.json");
    expect(report.stacks.map((s) => [s.name, s.status])).toEqual([["bad", "failed"], ["campus", "ok"], ["plant-north", "ok"], ["plant-south", "ok"]]);
    const error = report.stacks[0].error!;
    expect(error).toMatch(/Pulumi\.bad\.yaml has \d+ problem\(s\); nothing was declared:/);
    expect(error).toContain("connections[0] (drawings): sourceFiles[0].connectorType");
    expect(error).toContain("connections[1] (drawings): the name is already used by connections[0]; names must be unique");
    expect(error).not.toMatch(/\n\s+at /);
    expect((await emulator.requests()).filter((r) => r.path.includes(badIModel) || JSON.stringify(r.body ?? "").includes(badIModel))).toEqual([]);
  });

  it("destroy removes every stack's connections", async () => {
    const result = await project.fleet(["destroy", "--yes", "--json", `${project.out}/destroy.json`]);
    expect(result.code, output(result)).toBe(0);
    const report = project.report("destroy.json");
    expect(report.stacks.every((s) => s.status === "changed" && s.changes.delete > 0)).toBe(true);
    for (const stack of STACKS) expect(await live(stack)).toEqual([]);
  });
});
