// The package as another team uses it: `npm pack`, installed from the tarball into a Pulumi program outside this
// repository, then a type-checked `pulumi up`, a lookup and `pulumi destroy` against the emulator; and the itwin
// plugin it ships, used from node_modules by a YAML program.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";
import { TestEmulator, TOKEN } from "../harness/emulator";

const consumer = mkdtempSync(join(tmpdir(), "itwin-consumer-"));
const IMODEL = "88888888-9999-4aaa-8bbb-cccccccccc01";
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  execFileSync("npm", ["pack", "--silent", "--pack-destination", consumer], { cwd: REPO_ROOT, stdio: "pipe" });
  const tarball = readdirSync(consumer).find((f) => f.endsWith(".tgz"))!;
  const version = (name: string) => require(`${name}/package.json`).version;
  // What a Pulumi TypeScript template lists, plus the tarball.
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      dependencies: { "@pulumi/pulumi": version("@pulumi/pulumi"), "itwin-sync-pulumi": `file:./${tarball}` },
      devDependencies: { typescript: version("typescript"), "@types/node": version("@types/node") },
    }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: consumer, stdio: "pipe" });
  writeFileSync(join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\nmain: index.ts\n");
  // A typical user's tsconfig: CommonJS, classic resolution through the package's "types".
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node10", esModuleInterop: true, skipLibCheck: true } }),
  );
  writeFileSync(
    join(consumer, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import { StorageConnection, getManifestConnectionOutput } from "itwin-sync-pulumi";

const site = new StorageConnection("site", {
  iModelId: "${IMODEL}",
  displayName: "Installed from the tarball",
  sourceFiles: [{ storageFileId: "consumer-site-plan", connectorType: "DWG" }],
  runOnChange: true,
  waitForRun: true,
});
export const id = site.id;
export const result = site.lastRun.apply((run) => run?.result);
export const manifestName = getManifestConnectionOutput({ connectionId: "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg" }).displayName;
`,
  );
});
afterAll(async () => {
  await emulator.close();
  rmSync(consumer, { recursive: true, force: true });
});

describe("the packed package in another program", () => {
  it("installs from the tarball and runs up, a lookup and destroy", async () => {
    const stack = new PulumiStack({ program: consumer, typeCheck: true });
    try {
      await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
      await stack.up();
      const out = await stack.outputs<{ id: string; result: string; manifestName: string }>();
      expect(out.result).toBe("Success");
      expect(out.manifestName).toBe("30");
      const api = emulator.client();
      expect((await api.getStorageConnection(out.id)).displayName).toBe("Installed from the tarball");
      // The serialized provider loads the installed package by name: no code of ours and no path in the state.
      const state = stack.stateFile();
      expect(state).toContain("itwin-sync-pulumi/runtime");
      expect(state).not.toContain(REPO_ROOT);
      expect(state).not.toContain(TOKEN);

      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(await api.listStorageConnections(IMODEL)).toEqual([]);
    } finally {
      await stack.dispose();
    }
  });

  it("ships the itwin plugin: a YAML program naming node_modules/itwin-sync-pulumi as its plugin path runs up and destroy", async () => {
    const yaml = join(consumer, "yaml");
    mkdirSync(yaml);
    writeFileSync(
      join(yaml, "Pulumi.yaml"),
      `name: consumer-yaml
runtime: yaml
plugins:
  providers:
    - name: itwin
      path: ../node_modules/itwin-sync-pulumi
resources:
  plan:
    type: itwin:index:StorageConnection
    properties:
      iModelId: "${IMODEL.replace(/01$/, "02")}"
      displayName: Through the installed plugin
      sourceFiles:
        - storageFileId: consumer-yaml-plan
          connectorType: DWG
outputs:
  id: \${plan.id}
`,
    );
    const stack = new PulumiStack({ program: yaml });
    try {
      await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
      await stack.up();
      const { id } = await stack.outputs<{ id: string }>();
      expect((await emulator.client().getStorageConnection(id)).displayName).toBe("Through the installed plugin");
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(await emulator.client().listStorageConnections(IMODEL.replace(/01$/, "02"))).toEqual([]);
    } finally {
      await stack.dispose();
    }
  });
});
