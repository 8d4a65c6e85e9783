// `pulumi import` in a Pulumi YAML project through the itwin plugin: the CLI writes the declaration (the YAML
// language host generates it from the plugin's schema and the inputs Read returned), the declaration is added to
// the program as written, and the next preview shows no change; the same for a whole iModel from
// itwin-import-imodel's file.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { exited } from "../harness/process";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const IMODEL = "33333333-4444-4555-8666-777777777711";
const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;
let project: string;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  project = mkdtempSync(join(tmpdir(), "itwin-yaml-import-"));
  writeFileSync(
    join(project, "Pulumi.yaml"),
    `name: itwin-yaml-import\nruntime: yaml\nplugins:\n  providers:\n    - name: itwin\n      path: ${REPO_ROOT}\n`,
  );
  stack = new PulumiStack({ program: project });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
});
afterAll(async () => {
  await stack?.run(["state", "unprotect", "--all", "--yes"]);
  await stack?.dispose();
  await emulator?.close();
});

/** The generated declarations, added to the program's `resources:` as a user pastes them. */
function adopt(generated: string): void {
  const program = readFileSync(join(project, "Pulumi.yaml"), "utf8");
  appendFileSync(join(project, "Pulumi.yaml"), program.includes("\nresources:\n") ? generated.replace(/^resources:\n/, "") : generated);
}

describe("pulumi import in a YAML project", () => {
  it("generates the declaration of a connection made through the API; with it, preview shows no change", async () => {
    const made = await api.createStorageConnection({
      iModelId: IMODEL,
      displayName: "Survey DGN",
      sourceFiles: [
        { storageFileId: "yaml-b", connectorType: "IFC" },
        { storageFileId: "yaml-a", connectorType: "MSTN" },
      ],
    });
    const out = join(project, "survey.yaml");
    await stack.ok(["import", "--yes", "--out", out, "--", "itwin:index:StorageConnection", "survey", made.id]);
    const generated = readFileSync(out, "utf8");
    expect(generated).toBe(
      [
        "resources:",
        "  survey:",
        "    type: itwin:StorageConnection",
        "    properties:",
        "      authenticationType: User",
        "      displayName: Survey DGN",
        `      iModelId: ${IMODEL}`,
        "      sourceFiles:",
        "        - connectorType: MSTN",
        "          storageFileId: yaml-a",
        "        - connectorType: IFC",
        "          storageFileId: yaml-b",
        "    options:",
        "      protect: true",
        "",
      ].join("\n"),
    );
    adopt(generated);
    await stack.ok(["preview", "--expect-no-changes"]);
  });

  it("adopts a whole iModel: itwin-import-imodel's file (the iModel, connections and configurations), one pulumi import, the generated declarations, no change", async () => {
    const { id: IMODEL_BULK } = await api.iModels.create({ iTwinId: ITWIN, name: "Bridge Model", description: "Made in the portal" });
    const made: Array<{ id: string }> = [];
    for (const [displayName, file] of [
      ["Structure", "yaml-structure"],
      ["Structure", "yaml-structure-2"],
    ]) {
      made.push(await api.createStorageConnection({ iModelId: IMODEL_BULK, displayName, sourceFiles: [{ storageFileId: file, connectorType: "DWG" }] }));
    }
    // Its synchronization configurations come along: the iModel's and the first connection's.
    await api.configurations.create("imodel", IMODEL_BULK, { clampZExtent: true });
    await api.configurations.create("connection", made[0].id, { enableSheetsAndDrawings: true });
    const list = join(project, "import.json");
    const cli = await exited(
      spawn("node", [join(REPO_ROOT, "dist/provider/plugin/import-cli.js"), IMODEL_BULK, "--out", list], {
        env: { ...process.env, ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: TOKEN },
      }),
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain(`Wrote 5 resource(s) of iModel ${IMODEL_BULK} to ${list} (1 IModel, 1 IModelSyncConfiguration, 2 StorageConnection, 1 ConnectionSyncConfiguration)`);
    const out = join(project, "bulk.yaml");
    await stack.ok(["import", "--file", list, "--yes", "--out", out]);
    const generated = readFileSync(out, "utf8");
    expect(generated).toMatch(/^  structure:\n    type: itwin:StorageConnection\n/m);
    expect(generated).toMatch(/^  structure-2:\n    type: itwin:StorageConnection\n/m);
    expect(generated).toContain(
      `  bridge-model:\n    type: itwin:IModel\n    properties:\n      description: Made in the portal\n      iTwinId: ${ITWIN}\n      name: Bridge Model\n    options:\n      protect: true\n`,
    );
    // The CLI's code generator refers to an imported resource by its id where a property has that value: the
    // connection's configuration to its connection; the iModel id to the iModel or its configuration (the same id).
    expect(generated).toMatch(/^  bridge-model-settings:\n    type: itwin:IModelSyncConfiguration\n    properties:\n      clampZExtent: true\n      iModelId: /m);
    expect(generated).toContain("  structure-settings:\n    type: itwin:ConnectionSyncConfiguration\n    properties:\n      connectionId: ${structure.id}\n      enableSheetsAndDrawings: true\n");
    expect(generated).not.toContain("structure-2-settings");
    adopt(generated);
    await stack.ok(["preview", "--expect-no-changes"]);
  });
});
