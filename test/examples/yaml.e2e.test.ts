// examples/yaml: StorageConnections in Pulumi YAML through the itwin plugin, next to a StackReference to
// examples/platform on the same backend, driven by the commands of .github/workflows/itwin-sync-yaml.yml: the plan a
// pull request gets (no API call), the deploy, the hourly drift check that catches a change made by hand through the
// API, the deploy that heals it, the same for a synchronization configuration of the trial iModel, and destroy
// (refused while that iModel is protected).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlessNotFound } from "../../provider/client/errors";
import type { PulumiStack } from "../harness/pulumi";
import { YAML_GITOPS } from "./gitops";
import { exampleStack, useEmulator } from "./helpers";

const ITWIN = "6e1d5b4c-3f20-4b1c-8d9e-8f7a6b5c4d3e";
const TYPE = "itwin:index:StorageConnection";
const DISCIPLINES = ["architecture", "mep", "structure"];

interface PlatformOutputs {
  iModels: Record<string, string>;
  files: Record<string, Array<{ storageFileId: string; connectorType: string }>>;
  referenceConnectionId: string;
}

const ctx = useEmulator();
let platform: PulumiStack;
let app: PulumiStack;
let made: PlatformOutputs;
let ids: Record<string, string>;
let trial: { iModelId: string; connectionId: string };

beforeAll(async () => {
  platform = await exampleStack(ctx.emulator, "platform", { iTwinId: ITWIN });
  await platform.up();
  made = await platform.outputs<PlatformOutputs>();
  app = await exampleStack(
    ctx.emulator,
    "yaml",
    { platformStack: `organization/itwin-sync-platform/${platform.name}` },
    { PULUMI_BACKEND_URL: `file://${platform.backend}` },
  );
}, 240_000);
afterAll(async () => {
  await app?.dispose();
  await platform?.dispose();
});

async function liveFiles(connectionId: string) {
  return (await ctx.api.listSourceFiles(connectionId)).map(({ storageFileId, connectorType }) => ({ storageFileId, connectorType }));
}

describe("examples/yaml", () => {
  it("plans one connection per discipline for the pull request, from the platform's outputs, calling no API", async () => {
    await ctx.emulator.clearRequests();
    const plan = await app.ok([...YAML_GITOPS.pullRequest]);
    for (const discipline of DISCIPLINES) expect(plan.stdout).toMatch(new RegExp(`\\+ ${TYPE}: \\(create\\)\\n\\s+\\[urn=urn:pulumi:\\w+::itwin-sync-yaml::${TYPE}::${discipline}\\]`));
    expect(plan.stdout).toContain(`iModelId          : "${made.iModels.structure}"`);
    // The stack, three connections, the trial iModel, its configuration, its connection and that connection's
    // configuration (the StackReference is read).
    expect(plan.stdout).toMatch(/\+ 8 to create/);
    expect(plan.stdout).not.toMatch(/\x1b\[/); // uncoloured, as the comment shows it
    expect(await ctx.emulator.requests()).toEqual([]);
  });

  it("deploys the connections into the platform's iModels, with the platform's files; structure ran", async () => {
    await app.ok([...YAML_GITOPS.deploy]);
    const outputs = await app.outputs<{ connections: Record<string, string>; structureRun: string }>();
    ids = outputs.connections;
    expect(Object.keys(ids).sort()).toEqual(DISCIPLINES);
    for (const discipline of DISCIPLINES) {
      const live = await ctx.api.getStorageConnection(ids[discipline]);
      expect(live.iModelId).toBe(made.iModels[discipline]);
      expect(await liveFiles(ids[discipline])).toEqual(made.files[discipline]);
    }
    expect((await ctx.api.getStorageConnection(ids.mep)).authenticationType).toBe("Service");
    expect(outputs.structureRun).toBe("Success");
    expect((await app.exported()).filter((r) => r.type === TYPE)).toHaveLength(4);
  });

  it("makes the trial iModel, protected, with its configuration, its connection and the connection's configuration", async () => {
    const { trialIModelId, trialConnectionId } = await app.outputs<{ trialIModelId: string; trialConnectionId: string }>();
    trial = { iModelId: trialIModelId, connectionId: trialConnectionId };
    expect(await ctx.api.iModels.get(trial.iModelId)).toMatchObject({ iTwinId: ITWIN, name: "Tower structure (trial)" });
    expect((await app.exported()).find((r) => r.type === "itwin:index:IModel")?.protect).toBe(true);
    expect((await ctx.api.configurations.get("imodel", trial.iModelId)).settings).toEqual({ clampZExtent: true });
    expect((await ctx.api.getStorageConnection(trial.connectionId)).iModelId).toBe(trial.iModelId);
    const applied = await ctx.api.configurations.get("connection", trial.connectionId);
    expect(applied.settings).toEqual({ enableSheetsAndDrawings: true });
    expect(applied.resolvedSettings).toMatchObject({ enableSheetsAndDrawings: true, clampZExtent: true });
  });

  it("the drift check catches a configuration changed by hand through the API; the deploy puts it back as declared", async () => {
    await ctx.api.configurations.patch("imodel", trial.iModelId, { clampZExtent: false, ignoreIfcGlobalIds: true });
    const drift = await app.run([...YAML_GITOPS.driftCheck]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toContain("~  itwin:index:IModelSyncConfiguration trialSettings update [diff: ~clampZExtent,ignoreIfcGlobalIds]");

    await ctx.emulator.clearRequests();
    await app.ok([...YAML_GITOPS.deploy]);
    const writes = (await ctx.emulator.requests()).filter((r) => r.method !== "GET" && r.path.startsWith("/synchronization/configurations/"));
    // A setting added by hand cannot be unset by PATCH: the configuration is deleted and posted again as declared.
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /synchronization/configurations/imodels/${trial.iModelId}`,
      `POST /synchronization/configurations/imodels/${trial.iModelId}`,
    ]);
    expect((await ctx.api.configurations.get("imodel", trial.iModelId)).settings).toEqual({ clampZExtent: true });
    expect((await app.run([...YAML_GITOPS.driftCheck])).code).toBe(0);
  });

  it("the drift check catches a change made by hand through the API; the deploy heals it", async () => {
    expect((await app.run([...YAML_GITOPS.driftCheck])).code).toBe(0);

    await ctx.api.updateStorageConnection(ids.architecture, { displayName: "Renamed by hand" });
    const drift = await app.run([...YAML_GITOPS.driftCheck]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toContain(`~  ${TYPE} architecture update [diff: ~displayName]`);
    expect(drift.stdout).toMatch(/\b7 unchanged\b/);
    expect(drift.stderr + drift.stdout).toContain("no changes were expected for preview but changes were proposed");

    await app.ok([...YAML_GITOPS.deploy]);
    expect((await ctx.api.getStorageConnection(ids.architecture)).displayName).toBe("Architecture");
    expect((await app.run([...YAML_GITOPS.driftCheck])).code).toBe(0);
  });

  it("destroy is refused while the trial iModel is protected; unprotected, it deletes everything it made, and nothing of the platform's", async () => {
    const refused = await app.run(["destroy", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/protected/);
    expect((await ctx.api.iModels.get(trial.iModelId)).id).toBe(trial.iModelId);
    await app.ok(["state", "unprotect", "--all", "--yes"]);
    await app.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await unlessNotFound(ctx.api.iModels.get(trial.iModelId))).toBeUndefined();
    expect(await unlessNotFound(ctx.api.configurations.get("connection", trial.connectionId))).toBeUndefined();
    for (const discipline of DISCIPLINES) {
      expect(await ctx.api.listStorageConnections(made.iModels[discipline])).toEqual([]);
    }
    expect((await app.exported()).filter((r) => r.type === TYPE)).toEqual([]);
    expect((await ctx.api.getStorageConnection(made.referenceConnectionId)).id).toBe(made.referenceConnectionId);
  });
});
