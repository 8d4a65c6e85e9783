// examples/reviewed-data and the GitOps loop of its workflow, with the workflow's own commands: a bad file fails
// listing every problem before any API request; the reviewed file deploys; the drift check passes, fails after a
// change made by hand, and passes again once the deploy command has healed it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type PulumiStack } from "../harness/pulumi";
import { GITOPS } from "./gitops";
import { exampleStack, useEmulator } from "./helpers";

interface Entry {
  name: string;
  iModelId: string;
  displayName: string;
  authenticationType?: string;
  sourceFiles: Array<{ storageFileId: string; connectorType: string }>;
}

const REVIEWED: Entry[] = JSON.parse(readFileSync(join(REPO_ROOT, "examples/reviewed-data/connections.json"), "utf8"));
const GUID = "3f1e2d4c-5b6a-4789-8abc-def0123456ff";
const ctx = useEmulator();
let stack: PulumiStack;
let scratch: string;

beforeAll(async () => {
  stack = await exampleStack(ctx.emulator, "reviewed-data", {});
  scratch = mkdtempSync(join(tmpdir(), "itwin-sync-reviewed-"));
});
afterAll(async () => {
  await stack.ok(["destroy", "--yes", "--skip-preview"]);
  await stack.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe("examples/reviewed-data", () => {
  it("fails on an invalid file with every problem listed by entry, before any API request", async () => {
    const file = join(scratch, "invalid.json");
    writeFileSync(
      file,
      JSON.stringify([
        { ...REVIEWED[0], iModelId: "not-a-guid", colour: "red" },
        { name: "structure", iModelId: GUID, sourceFiles: [{ storageFileId: "plans", connectorType: "PDF" }] },
        { iModelId: GUID, displayName: "Nameless", sourceFiles: [] },
      ]),
    );
    await stack.ok(["config", "set", "connectionsFile", file]);
    const result = await stack.run([...GITOPS.pullRequest]);
    await stack.ok(["config", "rm", "connectionsFile"]);

    expect(result.code).not.toBe(0);
    const output = result.stdout + result.stderr;
    for (const problem of [
      `${file} has 7 problem(s); nothing was declared:`,
      `- structure (entry 1): unknown key "colour"`,
      `- structure (entry 1): iModelId: Provided imodelId value is not valid.`,
      `- structure (entry 2): "displayName" is missing`,
      `- structure (entry 2): sourceFiles[0].connectorType: "PDF" is not a known connector type. Fix: did you mean "DWG"? Known: AUTOPLANT,`,
      `- structure (entry 2): the name is already used by entry 1; names must be unique`,
      `- (no name) (entry 3): "name" is missing`,
      `- (no name) (entry 3): sourceFiles: At least one input file must be included`,
    ]) {
      expect(output).toContain(problem);
    }
    expect(await ctx.emulator.requests()).toEqual([]);
  });

  let ids: Record<string, string>;

  it("deploys one connection per reviewed entry", async () => {
    await stack.ok([...GITOPS.deploy]);
    ids = (await stack.outputs<{ connections: Record<string, string> }>()).connections;
    expect(Object.keys(ids).sort()).toEqual(REVIEWED.map((e) => e.name).sort());
    for (const entry of REVIEWED) {
      expect(await ctx.api.getStorageConnection(ids[entry.name])).toMatchObject({
        iModelId: entry.iModelId,
        displayName: entry.displayName,
        authenticationType: entry.authenticationType ?? "User",
      });
      const files = (await ctx.api.listSourceFiles(ids[entry.name])).map(({ storageFileId, connectorType }) => ({ storageFileId, connectorType }));
      expect(files).toEqual(entry.sourceFiles);
    }
  });

  it("the drift check passes, fails after a change made by hand, and passes again once deploy has healed it", async () => {
    expect((await stack.run([...GITOPS.driftCheck])).code).toBe(0);

    await ctx.api.updateStorageConnection(ids.site, { displayName: "Renamed by hand" });
    const drift = await stack.run([...GITOPS.driftCheck]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toMatch(/StorageConnection site update \[diff: ~displayName\]/);
    expect(drift.stderr + drift.stdout).toContain("no changes were expected for preview but changes were proposed");

    // Why deploy refreshes: a plain `up` compares the file with the recorded state, which still says all is well.
    await stack.ok(["up", "--yes"]);
    expect((await ctx.api.getStorageConnection(ids.site)).displayName).toBe("Renamed by hand");

    await stack.ok([...GITOPS.deploy]);
    expect((await ctx.api.getStorageConnection(ids.site)).displayName).toBe(REVIEWED.find((e) => e.name === "site")!.displayName);
    expect((await stack.run([...GITOPS.driftCheck])).code).toBe(0);
  });
});
