// The plugin as users install it: scripts/pack-plugin.sh's tarball installed with `pulumi plugin install --file`
// into an empty plugin cache, then used by a project that names no plugin path: the schema, and an import.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { exited } from "../harness/process";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const VERSION: string = require("../../package.json").version;

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;
const home = mkdtempSync(join(tmpdir(), "itwin-pulumi-home-"));

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
});
afterAll(async () => {
  await stack?.run(["state", "unprotect", "--all", "--yes"]);
  await stack?.dispose();
  await emulator?.close();
});

function cli(command: string, args: string[]) {
  return exited(spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" } }));
}

describe("the packed plugin", () => {
  it("installs from its tarball and serves its schema and an import without this checkout on any path", async () => {
    const tarball = join(mkdtempSync(join(tmpdir(), "itwin-plugin-")), "itwin.tar.gz");
    expect(await cli("bash", ["scripts/pack-plugin.sh", tarball])).toMatchObject({ code: 0, stdout: `${tarball}\n` });
    const installed = await cli("pulumi", ["plugin", "install", "resource", "itwin", VERSION, "--file", tarball]);
    expect(installed.code, installed.stderr).toBe(0);

    const schema = await cli("pulumi", ["package", "get-schema", "itwin"]);
    expect(schema.code, schema.stderr).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ name: "itwin", version: VERSION, resources: { "itwin:index:StorageConnection": expect.any(Object) } });

    const project = mkdtempSync(join(tmpdir(), "itwin-installed-"));
    writeFileSync(join(project, "Pulumi.yaml"), "name: installed-plugin\nruntime: nodejs\n");
    stack = new PulumiStack({ program: project, env: { PULUMI_HOME: home } });
    await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
    const made = await api.createStorageConnection({
      iModelId: "33333333-4444-4555-8666-777777777709",
      displayName: "Installed",
      sourceFiles: [{ storageFileId: "installed-a", connectorType: "MSTN" }],
    });
    await stack.ok(["import", "--yes", "--generate-code=false", "--", "itwin:index:StorageConnection", "installed", made.id]);
    const imported = (await stack.exported()).find((r) => r.type === "itwin:index:StorageConnection");
    expect(imported).toMatchObject({ id: made.id, inputs: { displayName: "Installed", iModelId: made.iModelId } });
  });
});
