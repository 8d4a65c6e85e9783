// The README's Pulumi YAML program, taken from README.md as written and run through the itwin plugin: its
// `plugins.providers` path pointed at this checkout (where a user has node_modules/itwin-sync-pulumi), then up
// against the emulator (the connection made and its run waited for), an empty preview, and destroy.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { codeBlocks, readPage, section } from "../harness/docs";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const [program] = codeBlocks(section(readPage("README.md"), "The `itwin` plugin: Pulumi YAML and `pulumi import`"), "yaml");
const PLUGIN_PATH = "path: node_modules/itwin-sync-pulumi";

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  const project = mkdtempSync(join(tmpdir(), "itwin-readme-yaml-"));
  writeFileSync(join(project, "Pulumi.yaml"), program.replace(PLUGIN_PATH, `path: ${REPO_ROOT}`));
  stack = new PulumiStack({ program: project });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
});
afterAll(async () => {
  await stack?.dispose();
  await emulator?.close();
});

describe("README: the Pulumi YAML program", () => {
  it("declares a StorageConnection through the plugin loaded from the installed package's folder", () => {
    expect(program).toContain(PLUGIN_PATH);
    expect(program).toContain("type: itwin:index:StorageConnection");
  });

  it("runs as written: up creates the connection and waits for its run, preview is empty, destroy removes it", async () => {
    await stack.up();
    const out = await stack.outputs<{ connectionId: string; lastRun: string }>();
    expect(await api.getStorageConnection(out.connectionId)).toMatchObject({ displayName: "Structure", iModelId: "7dbd531d-6967-47b2-8945-a722a437ad7a" });
    expect(await api.listSourceFiles(out.connectionId)).toMatchObject([{ storageFileId: "structure-dgn", connectorType: "MSTN" }]);
    expect(out.lastRun).toBe("Success");
    await stack.ok(["preview", "--expect-no-changes"]);

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await api.getStorageConnection(out.connectionId).catch((e) => e.status)).toBe(404);
  });
});
