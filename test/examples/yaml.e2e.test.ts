// examples/yaml: StorageConnections in Pulumi YAML through the itwin plugin, next to a StackReference to
// examples/platform on the same backend, driven by the commands of .github/workflows/itwin-sync-yaml.yml: the plan a
// pull request gets (no API call), the deploy, the hourly drift check that catches a change made by hand through the
// API, the deploy that heals it, and destroy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(plan.stdout).toMatch(/\+ 4 to create/); // the stack and three connections (the StackReference is read)
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
    expect((await app.exported()).filter((r) => r.type === TYPE)).toHaveLength(3);
  });

  it("the drift check catches a change made by hand through the API; the deploy heals it", async () => {
    expect((await app.run([...YAML_GITOPS.driftCheck])).code).toBe(0);

    await ctx.api.updateStorageConnection(ids.architecture, { displayName: "Renamed by hand" });
    const drift = await app.run([...YAML_GITOPS.driftCheck]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toContain(`~  ${TYPE} architecture update [diff: ~displayName]`);
    expect(drift.stdout).toMatch(/\b3 unchanged\b/);
    expect(drift.stderr + drift.stdout).toContain("no changes were expected for preview but changes were proposed");

    await app.ok([...YAML_GITOPS.deploy]);
    expect((await ctx.api.getStorageConnection(ids.architecture)).displayName).toBe("Architecture");
    expect((await app.run([...YAML_GITOPS.driftCheck])).code).toBe(0);
  });

  it("destroy deletes every connection it made, and nothing of the platform's", async () => {
    await app.ok(["destroy", "--yes", "--skip-preview"]);
    for (const discipline of DISCIPLINES) {
      expect(await ctx.api.listStorageConnections(made.iModels[discipline])).toEqual([]);
    }
    expect((await app.exported()).filter((r) => r.type === TYPE)).toEqual([]);
    expect((await ctx.api.getStorageConnection(made.referenceConnectionId)).id).toBe(made.referenceConnectionId);
  });
});
