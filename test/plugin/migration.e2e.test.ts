// The migration of a dynamic-resource stack to the itwin plugin, its two shell blocks taken from docs/plugin.md
// and run as written against the emulator: a TypeScript stack of dynamic StorageConnections (one of them ran) gives
// its connections to a Pulumi YAML program of the same project through `pulumi state delete` + `pulumi import`.
// The connections survive with their ids, the API sees no write, the next preview is empty, and the plugin then
// owns them (destroy deletes them).
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { RESOURCE_TYPE as DYNAMIC_TYPE } from "../harness/connections";
import { codeBlocks, readPage, section } from "../harness/docs";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack } from "../harness/pulumi";

const PLUGIN_TYPE = "itwin:index:StorageConnection";
const IMODEL = "44444444-5555-4666-8777-888888888801";

const blocks = codeBlocks(section(readPage("docs/plugin.md"), "Moving a stack from the dynamic class to the plugin"), "sh");

let emulator: TestEmulator;
let api: SyncClient;
let dynamic: PulumiStack;
let yaml: PulumiStack;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  dynamic = new PulumiStack({ program: "test/programs/migration-dynamic" });
  await dynamic.init({ "itwin:baseUrl": emulator.url, iModelId: IMODEL }, { "itwin:accessToken": TOKEN });
});
afterAll(async () => {
  await yaml?.dispose();
  await dynamic.dispose();
  // What the page's blocks write into the project's folder.
  for (const dir of [dynamic.dir, yaml?.dir]) {
    for (const file of ["before.json", "import.json"]) if (dir) rmSync(join(dir, file), { force: true });
  }
  await emulator.close();
});

const names = (resources: Array<{ urn: string; id?: string }>) => Object.fromEntries(resources.map((r) => [r.urn.split("::").pop(), r.id]));

describe("docs/plugin.md: moving a stack from the dynamic class to the plugin", () => {
  it("has two shell blocks: the export and state delete, then the import and the empty preview", () => {
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain("pulumi state delete");
    expect(blocks[1]).toContain("pulumi import --file import.json");
    expect(blocks[1]).toContain("pulumi preview --expect-no-changes");
  });

  it("hands the connections to the plugin with their ids, no API write, and an empty preview", async () => {
    await dynamic.up();
    const ids = (await dynamic.outputs<{ ids: Record<string, string> }>()).ids;
    const ran = await api.getStorageConnection(ids.structure);
    expect(ran._links.lastRun?.href).toBeDefined();
    await emulator.clearRequests();

    const forget = await dynamic.shell(blocks[0]);
    expect(forget.code, forget.stdout + forget.stderr).toBe(0);
    expect((await dynamic.exported()).filter((r) => r.type === DYNAMIC_TYPE)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dynamic.dir, "import.json"), "utf8"))).toEqual({
      resources: expect.arrayContaining(Object.entries(ids).map(([name, id]) => ({ type: PLUGIN_TYPE, name, id }))),
    });

    // The program changes (the same project in Pulumi YAML); the stack and its config stay.
    yaml = new PulumiStack({ program: "test/programs/migration-yaml", stackOf: dynamic });
    copyFileSync(join(dynamic.dir, `Pulumi.${dynamic.name}.yaml`), join(yaml.dir, `Pulumi.${yaml.name}.yaml`));
    copyFileSync(join(dynamic.dir, "import.json"), join(yaml.dir, "import.json"));
    const adopt = await yaml.shell(blocks[1]);
    expect(adopt.code, adopt.stdout + adopt.stderr).toBe(0);
    expect(adopt.stdout).toMatch(/= 2 imported/);
    expect(adopt.stdout).toMatch(/\b3 unchanged\b/); // the preview: the stack and both connections

    const state = (await yaml.exported()).filter((r) => r.type === PLUGIN_TYPE);
    expect(names(state)).toEqual(ids);
    expect((await api.listStorageConnections(IMODEL)).map((c) => c.id).sort()).toEqual(Object.values(ids).sort());
    expect((await api.getStorageConnection(ids.structure))._links.lastRun?.href).toBe(ran._links.lastRun?.href);
    expect((await emulator.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("leaves the plugin managing them: up changes nothing, destroy deletes them", async () => {
    const up = await yaml.up();
    expect(up.stdout).toMatch(/\b3 unchanged\b/);
    await yaml.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await api.listStorageConnections(IMODEL)).toEqual([]);
  });
});
