// The commands of .github/workflows/itwin-fleet.yml (test/fleet/workflow-commands.ts), run as its jobs run them, on a
// copy of examples/fleet in a git repository of its own, against the API emulator and Azurite: each event's command in
// two shard jobs, then the report job's merge. A pull request previews only the stack it changes, the merge deploys
// only that one, and the nightly drift check over every stack fails when one was changed by hand.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetReport } from "../../fleet/report";
import { COMMENT_MARKER } from "../../fleet/report";
import type { SyncClient } from "../../provider/client/sync-client";
import { Azurite } from "../harness/azurite";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { FleetProject, IMODELS, output } from "./project";
import { FLEET_WORKFLOW } from "./workflow-commands";

const SHARDS = 2;
const CONTAINER = "fleet-workflow";

// Each test runs a whole workflow run (two shard jobs and the merge), several fleet runs of three stacks: on a loaded
// two-core machine that nears the e2e project's 5 minutes per test, so these get 10.
describe(`${FLEET_WORKFLOW.file}'s commands, against the API emulator and Azurite`, { timeout: 600_000 }, () => {
  let azurite: Azurite;
  let emulator: TestEmulator;
  let api: SyncClient;
  let project: FleetProject;
  const temps: string[] = [];

  beforeAll(async () => {
    [azurite, emulator] = await Promise.all([Azurite.start(), TestEmulator.start({ token: TOKEN })]);
    api = emulator.client();
    await azurite.createContainer(CONTAINER);
    project = new FleetProject("workflow", { ...azurite.backendEnv(CONTAINER), ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN, RATE_LIMIT: "600", SHARDS: String(SHARDS) });
  });

  afterAll(async () => {
    project?.dispose();
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    await Promise.all([azurite?.stop(), emulator?.close()]);
  });

  /** One workflow run: the event's command in each shard job, then the report job's merge (one RUNNER_TEMP, as the
   * artifacts land in one folder). */
  async function workflowRun(command: string, env: Record<string, string> = {}) {
    const runnerTemp = mkdtempSync(join(tmpdir(), "itwin-fleet-runner-"));
    temps.push(runnerTemp);
    const shards = [];
    for (let shard = 1; shard <= SHARDS; shard++) {
      shards.push(await project.shell(command, { ...env, SHARD: String(shard), RUNNER_TEMP: runnerTemp }));
    }
    const merge = await project.shell(FLEET_WORKFLOW.merge, { RUNNER_TEMP: runnerTemp });
    const report = JSON.parse(readFileSync(join(runnerTemp, "fleet.json"), "utf8")) as FleetReport;
    return { shards, merge, report, markdown: readFileSync(join(runnerTemp, "fleet.md"), "utf8") };
  }

  const summary = (report: FleetReport) => report.stacks.map((s) => [s.name, s.status]);

  it("push to main: the first deploy creates every stack (the stack files are new) across the shards", async () => {
    // The fleet's stack files arrive in one push (the project's first commit held only its program).
    const files = Object.keys(IMODELS).map((stack) => `Pulumi.${stack}.yaml`);
    const texts = files.map((file) => project.read(file));
    files.forEach((file) => project.remove(file));
    const empty = project.commit("the program only");
    files.forEach((file, i) => project.write(file, texts[i]));
    project.commit("the stacks");
    const run = await workflowRun(FLEET_WORKFLOW.deploy, { BASE_REF: empty });
    expect(run.merge.code, [...run.shards, run.merge].map(output).join("\n")).toBe(0);
    expect(summary(run.report)).toEqual([["campus", "changed"], ["plant-north", "changed"], ["plant-south", "changed"]]);
    for (const [stack, iModelId] of Object.entries(IMODELS)) expect((await api.listStorageConnections(iModelId)).length, stack).toBeGreaterThan(0);
    // pulumi stack init adds the passphrase's salt to each stack file: committed, as docs/fleet.md says.
    project.commit("the stacks' encryption salts");
  });

  it("pull request: previews only the stack it changes, one report for both shards, with the comment's marker", async () => {
    project.git(["checkout", "-q", "-b", "rename-north"]);
    project.write("Pulumi.plant-north.yaml", project.read("Pulumi.plant-north.yaml").replace("North - Structure", "North - Structural"));
    project.commit("rename North's structure connection");
    const run = await workflowRun(FLEET_WORKFLOW.pullRequest, { BASE_REF: "main" });
    expect(run.merge.code, [...run.shards, run.merge].map(output).join("\n")).toBe(0);
    expect(summary(run.report)).toEqual([["plant-north", "changed"]]);
    expect(run.report.stacks[0].changes).toMatchObject({ create: 0, update: 1, delete: 0, replace: 0 });
    expect(run.markdown.startsWith(`${COMMENT_MARKER}\n### itwin-fleet preview: 1 stack(s), 1 changed`)).toBe(true);
    expect(run.markdown).toContain("- `structure` update: displayName");
    // A preview changes nothing.
    expect((await api.listStorageConnections(IMODELS["plant-north"])).map((c) => c.displayName).sort()).toEqual(["North - Architecture", "North - Structure"]);
  });

  it("push to main after the merge: deploys only that stack", async () => {
    const before = project.git(["rev-parse", "main"]).trim();
    project.git(["checkout", "-q", "main"]);
    project.git(["merge", "-q", "--ff-only", "rename-north"]);
    const run = await workflowRun(FLEET_WORKFLOW.deploy, { BASE_REF: before });
    expect(run.merge.code, [...run.shards, run.merge].map(output).join("\n")).toBe(0);
    expect(summary(run.report)).toEqual([["plant-north", "changed"]]);
    expect((await api.listStorageConnections(IMODELS["plant-north"])).map((c) => c.displayName).sort()).toEqual(["North - Architecture", "North - Structural"]);
  });

  it("nightly: drift over every stack is clean, then fails (exit 2) with the drifted property once one is changed by hand", async () => {
    const clean = await workflowRun(FLEET_WORKFLOW.driftCheck);
    expect(clean.merge.code, [...clean.shards, clean.merge].map(output).join("\n")).toBe(0);
    expect(summary(clean.report)).toEqual([["campus", "ok"], ["plant-north", "ok"], ["plant-south", "ok"]]);

    const [connection] = await api.listStorageConnections(IMODELS["plant-south"]);
    await api.updateStorageConnection(connection.id, { displayName: "Changed in the portal" });
    const drifted = await workflowRun(FLEET_WORKFLOW.driftCheck);
    expect(drifted.merge.code, [...drifted.shards, drifted.merge].map(output).join("\n")).toBe(2);
    expect(summary(drifted.report)).toEqual([["campus", "ok"], ["plant-north", "ok"], ["plant-south", "drift"]]);
    expect(drifted.markdown).toContain("| plant-south | drift | 0 | 1 | 0 | 0 | process: displayName |");
    // The shard job that holds plant-south fails too (its own exit code), the other passes.
    expect(drifted.shards.map((s) => s.code).sort()).toEqual([0, 2]);
  });
});
