// The plugin from a TypeScript program, the way Pulumi's native providers are used: the typed SDK generated and
// installed by `pulumi package add`, the declaration `pulumi import` generates put in index.ts as
// printed, then an empty preview, an update through the typed class, and destroy. Real CLI, real npm, the emulator.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { codeBlocks, readPage, section } from "../harness/docs";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const TYPE = "itwin:index:StorageConnection";
const IMODEL = "55555555-6666-4777-8888-999999999901";
const SDK_VERSION: string = require("../../package.json").dependencies["@pulumi/pulumi"].replace(/^\^/, "");

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;
const dir = mkdtempSync(join(tmpdir(), "itwin-ts-project-"));

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    ["name: itwin-ts-sdk", "runtime: nodejs", "plugins:", "  providers:", "    - name: itwin", `      path: ${REPO_ROOT}`, ""].join("\n"),
  );
  writeFileSync(join(dir, "index.ts"), "export {};\n");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "commonjs", moduleResolution: "node", skipLibCheck: true }, files: ["index.ts"] }),
  );
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "itwin-ts-sdk", private: true, dependencies: { "@pulumi/pulumi": SDK_VERSION, "@pulumi/itwin": "file:sdk/nodejs" } }),
  );
  stack = new PulumiStack({ program: dir, typeCheck: true });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
}, 120_000);
afterAll(async () => {
  await stack?.run(["state", "unprotect", "--all", "--yes"]);
  await stack?.dispose();
  await emulator?.close();
});

describe("the plugin's TypeScript SDK", () => {
  it("is generated, added to package.json and installed by pulumi package add", async () => {
    const added = await stack.ok(["package", "add", join(REPO_ROOT, "pulumi-resource-itwin")]);
    expect(added.stdout).toContain('import * as itwin from "@pulumi/itwin";');
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies).toMatchObject({ "@pulumi/itwin": "file:sdks/itwin" });
    // The local SDK compiles itself on install; its package names the plugin version the engine then loads.
    const sdk = JSON.parse(readFileSync(join(dir, "node_modules/@pulumi/itwin/package.json"), "utf8"));
    expect(sdk).toMatchObject({ name: "@pulumi/itwin", version: require("../../package.json").version, pulumi: { resource: true, name: "itwin" } });
    expect(readFileSync(join(dir, "node_modules/@pulumi/itwin/bin/storageConnection.d.ts"), "utf8")).toContain("export declare class StorageConnection extends pulumi.CustomResource");
  }, 180_000);

  it("runs the declaration pulumi import generates, as printed: no change, then an update through the typed class", async () => {
    const made = await api.createStorageConnection({
      iModelId: IMODEL,
      displayName: "Made in the portal",
      authenticationType: "Service",
      sourceFiles: [{ storageFileId: "ts-sdk-a", connectorType: "DWG" }],
    });
    await stack.ok(["import", "--yes", "--out", "index.ts", "--", TYPE, "portal", made.id]);
    const program = readFileSync(join(dir, "index.ts"), "utf8");
    expect(program).toContain('import * as itwin from "@pulumi/itwin";');
    await stack.ok(["preview", "--expect-no-changes"]);

    writeFileSync(join(dir, "index.ts"), program.replace('displayName: "Made in the portal"', 'displayName: "Renamed in TypeScript"'));
    const up = await stack.ok(["up", "--yes"]);
    expect(up.stdout).toMatch(/~ +itwin:index:StorageConnection +portal +updated/);
    expect((await api.getStorageConnection(made.id)).displayName).toBe("Renamed in TypeScript");
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
    await stack.ok(["destroy", "--yes"]);
    expect(await api.listStorageConnections(IMODEL)).toEqual([]);
  }, 180_000);

  it("runs the README's snippet as written", async () => {
    const [snippet] = codeBlocks(section(readPage("README.md"), "The plugin's TypeScript SDK"), "typescript");
    writeFileSync(join(dir, "index.ts"), snippet);
    await stack.ok(["up", "--yes"]);
    const [made] = await api.listStorageConnections("7dbd531d-6967-47b2-8945-a722a437ad7a");
    expect(await api.getStorageConnection(made.id)).toMatchObject({ displayName: "Structure" });
    expect(await api.listSourceFiles(made.id)).toMatchObject([{ storageFileId: "structure-dgn", connectorType: "MSTN" }]);
    await stack.ok(["destroy", "--yes"]);
  }, 180_000);
});
