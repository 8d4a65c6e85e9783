// The `itwin` plugin through the real Pulumi CLI and the emulator: `pulumi import` of a connection made through
// the API, then an empty preview; a whole iModel adopted in one `pulumi import --file` written by
// itwin-import-imodel; customTimeouts cutting a slow create while the connection stays in state; and no credential
// in the state file, the export or the logs.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator } from "../harness/emulator";
import { exited } from "../harness/process";
import { PulumiStack, REPO_ROOT, type ExportedResource } from "../harness/pulumi";

const TOKEN = "plugin-e2e-token-5d1c-must-stay-out-of-state";
const CLIENT_ID = "plugin-pipeline";
const CLIENT_SECRET = "plugin-cs-8e2f-never-in-state";
const TYPE = "itwin:index:StorageConnection";
const IMODEL_ONE = "33333333-4444-4555-8666-777777777701";
const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";
const IMODEL_SLOW = "33333333-4444-4555-8666-777777777703";

interface Declared {
  /** The type token; StorageConnection when left out. */
  type?: string;
  name: string;
  args: Record<string, unknown>;
  protect?: boolean;
  customTimeouts?: Record<string, string>;
  secret?: string[];
}

let emulator: TestEmulator;
let api: SyncClient;
let tokenStack: PulumiStack;
let clientStack: PulumiStack;
let envStack: PulumiStack;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  api = emulator.client({}, TOKEN);
  tokenStack = new PulumiStack({ program: "test/programs/plugin" });
  await tokenStack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  clientStack = new PulumiStack({ program: "test/programs/plugin" });
  await clientStack.init(
    { "itwin:baseUrl": emulator.url, "itwin:authorityUrl": emulator.url, "itwin:clientId": CLIENT_ID },
    { "itwin:clientSecret": CLIENT_SECRET },
  );
});
afterAll(async () => {
  await emulator.faults({ latencyMs: 0 });
  for (const stack of [tokenStack, clientStack, envStack]) {
    await stack?.run(["state", "unprotect", "--all", "--yes"]);
    await stack?.dispose();
  }
  await emulator?.close();
});

async function declare(stack: PulumiStack, connections: Declared[]): Promise<void> {
  await stack.ok(["config", "set", "test:connections", JSON.stringify(connections)]);
}

/** What the program must declare for each imported connection: the inputs import recorded, protected as imported. */
function asImported(resources: ExportedResource[]): Declared[] {
  return resources
    .filter((r) => r.type.startsWith("itwin:index:"))
    .map((r) => ({ type: r.type, name: r.urn.split("::").pop()!, args: r.inputs!, protect: true }));
}

describe("pulumi import through the itwin plugin", () => {
  it("imports a connection made through the API from its id alone, even an id that begins with '-'; the next preview shows no change", async () => {
    // Ids are base64url, so one in 64 begins with "-", which the CLI takes for a flag unless it follows `--`:
    // make connections until one does, so that case is tested every run rather than once in 64.
    let made;
    for (;;) {
      made = await api.createStorageConnection({
        iModelId: IMODEL_ONE,
        displayName: "Made in the portal",
        authenticationType: "Service",
        sourceFiles: [
          { storageFileId: "portal-b", connectorType: "DWG" },
          { storageFileId: "portal-a", connectorType: "MSTN" },
        ],
      });
      if (made.id.startsWith("-")) break;
      await api.deleteStorageConnection(made.id);
    }
    const code = join(mkdtempSync(join(tmpdir(), "itwin-import-")), "index.ts");
    await tokenStack.ok(["import", "--yes", "--out", code, "--", TYPE, "portal", made.id]);
    // The TypeScript declaration the Node.js language host generated (Pulumi's own code generator, on the schema).
    const generated = readFileSync(code, "utf8");
    expect(generated).toContain('new itwin.StorageConnection("portal", {');
    expect(generated).toContain("authenticationType: itwin.AuthenticationType.Service,");
    expect(generated).toContain('connectorType: itwin.ConnectorType.MSTN,\n            storageFileId: "portal-a",');
    expect(generated).toContain("protect: true,");

    const imported = (await tokenStack.exported()).find((r) => r.type === TYPE)!;
    expect(imported.id).toBe(made.id);
    expect(imported.inputs).toEqual({
      iModelId: IMODEL_ONE,
      displayName: "Made in the portal",
      authenticationType: "Service",
      sourceFiles: [
        { storageFileId: "portal-a", connectorType: "MSTN" },
        { storageFileId: "portal-b", connectorType: "DWG" },
      ],
    });
    expect(imported.outputs).toMatchObject({ iTwinId: made.iTwinId, sourceFiles: [{ id: expect.any(String) }, { id: expect.any(String) }] });

    await declare(tokenStack, asImported(await tokenStack.exported()));
    await tokenStack.ok(["preview", "--expect-no-changes", "--diff"]);
  });

  it("adopts a whole iModel in one step: itwin-import-imodel writes the file, pulumi import --file brings every connection", async () => {
    const { id: IMODEL_BULK } = await api.iModels.create({ iTwinId: ITWIN, name: "Bulk" });
    const made = [];
    for (const [displayName, file] of [
      ["Site Survey", "bulk-survey"],
      ["Site Survey", "bulk-survey-2"],
      ["Piping (P&ID)", "bulk-piping"],
    ]) {
      made.push(await api.createStorageConnection({ iModelId: IMODEL_BULK, displayName, sourceFiles: [{ storageFileId: file, connectorType: "DWG" }] }));
    }
    const dir = mkdtempSync(join(tmpdir(), "itwin-import-"));
    const file = join(dir, "import.json");
    const cli = await exited(
      spawn("node", [join(REPO_ROOT, "dist/provider/plugin/import-cli.js"), IMODEL_BULK, "--out", file], {
        env: { ...process.env, ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN },
      }),
    );
    expect(cli).toMatchObject({ code: 0, stderr: expect.stringContaining(`Wrote 4 resource(s) of iModel ${IMODEL_BULK} to ${file} (1 IModel, 3 StorageConnection)`) });
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      resources: [
        { type: "itwin:index:IModel", name: "bulk", id: IMODEL_BULK },
        { type: TYPE, name: "site-survey", id: made[0].id },
        { type: TYPE, name: "site-survey-2", id: made[1].id },
        { type: TYPE, name: "piping-p-id", id: made[2].id },
      ],
    });

    const code = join(dir, "index.ts");
    await tokenStack.ok(["import", "--file", file, "--yes", "--out", code]);
    expect(readFileSync(code, "utf8").match(/new itwin\.StorageConnection\("[a-z0-9-]+"/g)).toEqual([
      'new itwin.StorageConnection("site-survey"',
      'new itwin.StorageConnection("site-survey-2"',
      'new itwin.StorageConnection("piping-p-id"',
    ]);
    expect(readFileSync(code, "utf8")).toContain('new itwin.IModel("bulk"');
    const resources = (await tokenStack.exported()).filter((r) => r.type.startsWith("itwin:"));
    expect(Object.fromEntries(resources.map((r) => [r.urn.split("::").pop(), r.id]))).toMatchObject({
      bulk: IMODEL_BULK,
      "site-survey": made[0].id,
      "site-survey-2": made[1].id,
      "piping-p-id": made[2].id,
    });
    await declare(tokenStack, asImported(resources));
    await tokenStack.ok(["preview", "--expect-no-changes"]);
  });

  it("refuses a bad iModelId before any request, naming the fix", async () => {
    const cli = await exited(
      spawn("node", [join(REPO_ROOT, "dist/provider/plugin/import-cli.js"), "not-a-guid"], {
        env: { ...process.env, ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN },
      }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(`itwin-import-imodel: iModelId must be the iModel's GUID, e.g. 7dbd531d-6967-47b2-8945-a722a437ad7a; got "not-a-guid".\n`);
  });

  it("names an iModel that does not exist, with the API's answer, and writes no file", async () => {
    const missing = "33333333-4444-4555-8666-7777777777ff";
    const file = join(mkdtempSync(join(tmpdir(), "itwin-import-")), "import.json");
    const cli = await exited(
      spawn("node", [join(REPO_ROOT, "dist/provider/plugin/import-cli.js"), missing, "--out", file], {
        env: { ...process.env, ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN },
      }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(`itwin-import-imodel: Get iModel ${missing} failed: HTTP 404 iModelNotFound: Requested iModel is not available.\n`);
    expect(existsSync(file)).toBe(false);
  });
});

describe("customTimeouts through the plugin", () => {
  it("a create slower than customTimeouts.create fails with that name, keeps the connection in state, and the next up finishes it", async () => {
    const slow: Declared = {
      name: "slow",
      args: { iModelId: IMODEL_SLOW, displayName: "Slow", sourceFiles: [{ storageFileId: "slow-a", connectorType: "IFC" }] },
      customTimeouts: { create: "1s" },
    };
    await declare(clientStack, [slow]);
    await emulator.faults({ latencyMs: 1_500 });
    const failed = await clientStack.run(["up", "--yes", "--skip-preview"]);
    await emulator.faults({ latencyMs: 0 });
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/the create ran past its timeout of 1 s \(customTimeouts.create\)/);

    const live = await api.listStorageConnections(IMODEL_SLOW);
    expect(live).toHaveLength(1);
    const kept = (await clientStack.exported()).find((r) => r.type === TYPE);
    expect(kept?.id).toBe(live[0].id);

    await clientStack.up();
    expect(await api.listStorageConnections(IMODEL_SLOW)).toHaveLength(1);
    await clientStack.ok(["preview", "--expect-no-changes"]);
  });
});

describe("secrets", () => {
  it("an input given as a secret stays encrypted in the state's inputs and outputs", async () => {
    const hidden = "Codename Basilisk";
    const slow = JSON.parse((await clientStack.ok(["config", "get", "test:connections"])).stdout) as Declared[];
    await declare(clientStack, [
      ...slow,
      { name: "hidden", args: { iModelId: IMODEL_SLOW.replace(/03$/, "04"), displayName: hidden, sourceFiles: [{ storageFileId: "hidden-a", connectorType: "MSTN" }] }, secret: ["displayName"] },
    ]);
    await clientStack.up();
    const id = (await clientStack.exported()).find((r) => r.urn.endsWith("::hidden"))!.id!;
    expect((await api.getStorageConnection(id)).displayName).toBe(hidden);
    expect(clientStack.stateFile()).not.toContain(hidden);
    expect((await clientStack.ok(["stack", "export"])).stdout).not.toContain(hidden);
    expect(clientStack.log.join("\n")).not.toContain(hidden);
  });

  it("keeps the token and the client secret out of the state files, the exports and the logs", async () => {
    for (const stack of [tokenStack, clientStack]) {
      const exported = (await stack.ok(["stack", "export"])).stdout;
      for (const secret of [TOKEN, CLIENT_SECRET]) {
        expect(stack.stateFile()).not.toContain(secret);
        expect(exported).not.toContain(secret);
        expect(stack.log.join("\n")).not.toContain(secret);
      }
    }
    // Both stacks really used their credential (the emulator accepts no other): each holds its connections.
    expect((await tokenStack.exported()).filter((r) => r.type === TYPE)).toHaveLength(4);
    expect((await clientStack.exported()).filter((r) => r.type === TYPE)).toHaveLength(2);
  });

  it("at -v=9 the token appears nowhere, from the environment or from config (the engine logs config secrets redacted)", async () => {
    const verbose = ["up", "--yes", "--skip-preview", "--debug", "-v=9", "--logtostderr"];
    envStack = new PulumiStack({ program: "test/programs/plugin", env: { ITWIN_ACCESS_TOKEN: TOKEN } });
    await envStack.init({ "itwin:baseUrl": emulator.url });
    await declare(envStack, [{ name: "verbose", args: { iModelId: IMODEL_ONE.replace(/01$/, "09"), sourceFiles: [{ storageFileId: "verbose-a", connectorType: "MSTN" }] } }]);
    const fromEnv = await envStack.ok(verbose);
    expect(fromEnv.stderr).toContain('"v":9'); // the verbose log really was written
    expect(fromEnv.stdout + fromEnv.stderr).not.toContain(TOKEN);
    expect(envStack.stateFile()).not.toContain(TOKEN);

    // The engine logs the provider's config before the plugin runs; CLI v3.274.1 writes secrets there as {[secret]}
    // (v3.259.0 printed the plaintext in its RPC marshaling lines for CheckConfig/Configure).
    const fromConfig = await tokenStack.ok(verbose);
    const output = fromConfig.stdout + fromConfig.stderr;
    expect(output).not.toContain(TOKEN);
    expect(output).toMatch(/accessToken:\{\[secret\]\}/);
  });
});
