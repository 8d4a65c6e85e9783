// The three synchronization configurations through the itwin plugin, in a Pulumi YAML program run by the real CLI
// against the emulator: create, read through the lookups' Invoke, drift made by hand (a setting changed, a setting
// added) shown by `preview --refresh` and healed by `up --refresh`, `pulumi import` of each, destroy. Each step's
// calls are checked from the emulator's request log.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigurationScope } from "../../api/configurations";
import type { ConfigurationsApi } from "../../provider/client/configurations-api";
import { unlessNotFound } from "../../provider/client/errors";
import type { SyncClient } from "../../provider/client/sync-client";
import { configurationCalls } from "../harness/configurations";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";
const IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";

let configurations: ConfigurationsApi;
let connectionId: string;
let emulator: TestEmulator;
let api: SyncClient;
let project: string;
let stack: PulumiStack;

const PROGRAM = `name: itwin-sync-configurations
runtime: yaml
plugins:
  providers:
    - name: itwin
      path: ${REPO_ROOT}
resources:
  structure:
    type: itwin:index:StorageConnection
    properties:
      iModelId: ${IMODEL}
      displayName: Structure
      sourceFiles:
        - storageFileId: yaml-config-structure
          connectorType: MSTN
  itwinSettings:
    type: itwin:index:ITwinSyncConfiguration
    properties:
      iTwinId: ${ITWIN}
      uploadDgnRealityData: false
      convertDgnTerrainModels: true
  imodelSettings:
    type: itwin:index:IModelSyncConfiguration
    properties:
      iModelId: ${IMODEL}
      clampZExtent: true
      overrideRvtReprojectionDistance: 500
  structureSettings:
    type: itwin:index:ConnectionSyncConfiguration
    properties:
      connectionId: \${structure.id}
      enableSheetsAndDrawings: true
variables:
  applied:
    fn::invoke:
      function: itwin:index:getConnectionSyncConfiguration
      arguments:
        connectionId: \${structureSettings.connectionId}
outputs:
  connectionId: \${structure.id}
  itwinResolved: \${itwinSettings.resolvedSettings}
  connectionResolved: \${structureSettings.resolvedSettings}
  lookedUp: \${applied.resolvedSettings}
`;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
  configurations = api.configurations;
  project = mkdtempSync(join(tmpdir(), "itwin-yaml-configurations-"));
  writeFileSync(join(project, "Pulumi.yaml"), PROGRAM);
  stack = new PulumiStack({ program: project });
  await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
});
afterAll(async () => {
  await stack?.run(["state", "unprotect", "--all", "--yes"]);
  await stack?.dispose();
  await emulator?.close();
});

function live(scope: ConfigurationScope, id: string) {
  return unlessNotFound(configurations.get(scope, id));
}

describe("synchronization configurations through the itwin plugin (YAML)", () => {
  it("creates the three with one POST each, and reads what applies through the lookup's Invoke", async () => {
    const calls = await configurationCalls(emulator, () => stack.up());
    const outputs = await stack.outputs<Record<string, Record<string, unknown> & string>>();
    connectionId = outputs.connectionId;
    expect(calls.sort()).toEqual(
      [
        `POST /synchronization/configurations/itwins/${ITWIN}`,
        `POST /synchronization/configurations/imodels/${IMODEL}`,
        `POST /synchronization/configurations/connections/${connectionId}`,
        `GET /synchronization/configurations/connections/${connectionId}`, // the lookup
      ].sort(),
    );
    expect((await live("itwin", ITWIN))?.settings).toEqual({ uploadDgnRealityData: false, convertDgnTerrainModels: true });
    expect((await live("imodel", IMODEL))?.settings).toEqual({ clampZExtent: true, overrideRvtReprojectionDistance: 500 });
    expect((await live("connection", connectionId))?.settings).toEqual({ enableSheetsAndDrawings: true });
    expect(outputs.itwinResolved).toMatchObject({ uploadDgnRealityData: false, convertDgnTerrainModels: true, convertDgnHyperModelingSections: true });
    // The connection's resolved settings merge the iTwin's and the iModel's configurations with its own.
    expect(outputs.connectionResolved).toMatchObject({ uploadDgnRealityData: false, clampZExtent: true, overrideRvtReprojectionDistance: 500, enableSheetsAndDrawings: true, ignoreDgnAttachments: false });
    expect(outputs.lookedUp).toEqual(outputs.connectionResolved);
    expect(await configurationCalls(emulator, () => stack.ok(["preview", "--expect-no-changes"]))).toEqual([
      `GET /synchronization/configurations/connections/${connectionId}`, // the lookup again; no resource is read
    ]);
  });

  it("shows settings changed and added by hand in preview --refresh, and up --refresh puts the declaration back", async () => {
    await configurations.patch("imodel", IMODEL, { clampZExtent: false });
    await configurations.patch("connection", connectionId, { ignoreDgnAttachments: true });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/~ clampZExtent\s*: false => true/);
    expect(preview.stdout).toMatch(/- ignoreDgnAttachments\s*: true/);

    const calls = await configurationCalls(emulator, () => stack.up(["--refresh"]));
    const healing = calls.filter((c) => !c.startsWith("GET"));
    // Changed: one PATCH of that setting. Added by hand: the API cannot unset it, so DELETE and POST.
    expect(healing).toEqual(
      expect.arrayContaining([
        `PATCH /synchronization/configurations/imodels/${IMODEL}`,
        `DELETE /synchronization/configurations/connections/${connectionId}`,
        `POST /synchronization/configurations/connections/${connectionId}`,
      ]),
    );
    expect(healing).toHaveLength(3);
    expect((await live("imodel", IMODEL))?.settings).toEqual({ clampZExtent: true, overrideRvtReprojectionDistance: 500 });
    expect((await live("connection", connectionId))?.settings).toEqual({ enableSheetsAndDrawings: true });
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("recreates a configuration deleted by hand", async () => {
    await configurations.delete("itwin", ITWIN);
    const calls = await configurationCalls(emulator, () => stack.up(["--refresh"]));
    expect(calls.filter((c) => c.includes("/itwins/"))).toEqual([
      `GET /synchronization/configurations/itwins/${ITWIN}`,
      `POST /synchronization/configurations/itwins/${ITWIN}`,
    ]);
    expect((await live("itwin", ITWIN))?.settings).toEqual({ uploadDgnRealityData: false, convertDgnTerrainModels: true });
  });

  it("imports each kind with a GET; with the generated declarations, preview shows no change", async () => {
    const other = "33333333-4444-4555-8666-777777777721";
    const made = await api.createStorageConnection({ iModelId: IMODEL, displayName: "Imported", sourceFiles: [{ storageFileId: "yaml-config-imported", connectorType: "IFC" }] });
    const otherIModel = "33333333-4444-4555-8666-777777777722";
    await configurations.create("itwin", other, { skipRvtReprojection: true });
    await configurations.create("imodel", otherIModel, { ignoreIfcGlobalIds: true, overrideRvtReprojectionDistance: 20 });
    await configurations.create("connection", made.id, { reclassifyDgnElements: true, filterBySheetIndex: false });
    const imports = [
      ["itwin:index:ITwinSyncConfiguration", "importedItwin", other],
      ["itwin:index:IModelSyncConfiguration", "importedImodel", otherIModel],
      ["itwin:index:ConnectionSyncConfiguration", "importedConnection", made.id],
    ];
    for (const [type, name, id] of imports) {
      const out = join(project, `${name}.yaml`);
      const calls = await configurationCalls(emulator, () => stack.ok(["import", "--yes", "--out", out, "--", type, name, id]));
      // One GET in the import's preview, one in the import itself.
      const get = `GET /synchronization/configurations/${{ [other]: "itwins", [otherIModel]: "imodels" }[id] ?? "connections"}/${id}`;
      expect(calls).toEqual([get, get]);
      const generated = readFileSync(out, "utf8");
      // Added to the program's resources as a user pastes them.
      const program = readFileSync(join(project, "Pulumi.yaml"), "utf8");
      writeFileSync(join(project, "Pulumi.yaml"), program.replace("\nresources:\n", `\nresources:\n${generated.replace(/^resources:\n/, "")}`));
    }
    const program = readFileSync(join(project, "Pulumi.yaml"), "utf8");
    expect(program).toContain(`  importedItwin:\n    type: itwin:ITwinSyncConfiguration\n    properties:\n      iTwinId: ${other}\n      skipRvtReprojection: true\n`);
    expect(program).toContain(
      `  importedImodel:\n    type: itwin:IModelSyncConfiguration\n    properties:\n      iModelId: ${otherIModel}\n      ignoreIfcGlobalIds: true\n      overrideRvtReprojectionDistance: 20\n`,
    );
    expect(program).toMatch(/  importedConnection:\n    type: itwin:ConnectionSyncConfiguration\n    properties:\n      connectionId: \S+\n      filterBySheetIndex: false\n      reclassifyDgnElements: true\n/);
    await stack.ok(["preview", "--expect-no-changes"]);
    // The imported connection itself is not managed here: forget both before destroy.
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
  });

  it("destroy deletes each configuration with one DELETE; the scopes fall back to the defaults", async () => {
    const calls = await configurationCalls(emulator, () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    const deletes = calls.filter((c) => c.startsWith("DELETE "));
    expect(deletes).toHaveLength(6);
    expect(deletes).toEqual(
      expect.arrayContaining([
        `DELETE /synchronization/configurations/itwins/${ITWIN}`,
        "DELETE /synchronization/configurations/itwins/33333333-4444-4555-8666-777777777721",
        `DELETE /synchronization/configurations/imodels/${IMODEL}`,
        "DELETE /synchronization/configurations/imodels/33333333-4444-4555-8666-777777777722",
        `DELETE /synchronization/configurations/connections/${connectionId}`,
      ]),
    );
    expect(calls.filter((c) => !c.startsWith("DELETE "))).toEqual([]);
    expect(await live("itwin", ITWIN)).toBeUndefined();
    expect(await live("imodel", IMODEL)).toBeUndefined();
  });
});
