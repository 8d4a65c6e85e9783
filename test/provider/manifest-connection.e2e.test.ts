// ManifestConnection through the real Pulumi CLI against the emulator, by both front doors: the dynamic class in a
// TypeScript program (with an IModel and the getIModel/getConnections lookups) and the itwin plugin in a YAML program
// (with getConnections as an Invoke). Create, drift by hand shown by `preview --refresh` and healed by `up --refresh`,
// files changed with the fewest calls, `pulumi import` (the plugin), destroy. Calls are checked from the request log.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";
const M = "/synchronization/imodels/manifestconnections";

let emulator: TestEmulator;
let api: SyncClient;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
});
afterAll(() => emulator?.close());

/** The API calls a step makes, connection, file and iModel ids as {id}. */
const calls = (step: () => Promise<unknown>) =>
  emulator.calls(step, (path) => path.replace(/^\/imodels\/[^/]+/, "/imodels/{id}").replace(/(manifestconnections|sourcefiles)\/[^/]+/g, "$1/{id}"));

describe("ManifestConnection through the dynamic class (TypeScript)", () => {
  let stack: PulumiStack;
  let connectionId: string;
  beforeAll(async () => {
    stack = new PulumiStack({ program: "test/programs/manifest-connection" });
    await stack.init({
      "itwin:baseUrl": emulator.url,
      "test:iTwinId": ITWIN,
      "test:iModelName": "Manifest site",
      "test:displayName": "Drawings",
      "test:files": JSON.stringify(["dyn-a", "dyn-b"]),
    }, { "itwin:accessToken": TOKEN });
  });
  afterAll(() => stack?.dispose());

  it("creates the iModel and the connection; the lookups see them", async () => {
    const made = await calls(() => stack.up());
    expect(made.filter((c) => !c.startsWith("GET /imodels/{id}") && !c.includes("/connections"))).toEqual([
      "POST /imodels",
      `POST ${M}`,
      `GET ${M}/{id}/sourcefiles`,
    ]);
    const outputs = await stack.outputs<Record<string, any>>();
    connectionId = outputs.connectionId;
    const live = await api.getManifestConnection(connectionId);
    expect(outputs.iTwinId).toBe(live.iTwinId);
    expect(outputs.sourceFiles.map((f: { sourceFileId: string }) => f.sourceFileId)).toEqual(["dyn-a", "dyn-b"]);
    expect(outputs.lookedUpIModel).toBe("Manifest site");
    expect(outputs.connections).toEqual([{ id: connectionId, displayName: "Drawings", iModelId: outputs.iModelId, links: outputs.links }]);
  });

  it("shows a file and a name changed by hand, and up --refresh puts them back", async () => {
    const [first] = await api.listManifestSourceFiles(connectionId);
    await api.manifestConnections.removeSourceFile(connectionId, first.id);
    await api.manifestConnections.update(connectionId, { displayName: "Renamed by hand" });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/~ displayName\s*: "Renamed by hand" => "Drawings"/);
    const healed = await calls(() => stack.up(["--refresh"]));
    expect(healed.filter((c) => !c.startsWith("GET"))).toEqual([`PUT ${M}/{id}`, `POST ${M}/{id}/sourcefiles`]);
    expect((await api.listManifestSourceFiles(connectionId)).map((f) => f.sourceFileId).sort()).toEqual(["dyn-a", "dyn-b"]);
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("a file swapped for another is one PUT; destroy deletes the connection and the iModel", async () => {
    await stack.ok(["config", "set", "test:files", JSON.stringify(["dyn-a", "dyn-c"])]);
    const swapped = await calls(() => stack.up());
    expect(swapped.filter((c) => !c.startsWith("GET"))).toEqual([`PUT ${M}/{id}/sourcefiles/{id}`]);
    const destroyed = await calls(() => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(destroyed).toEqual([`DELETE ${M}/{id}`, "DELETE /imodels/{id}"]);
  });
});

describe("ManifestConnection through the itwin plugin (YAML)", () => {
  let stack: PulumiStack;
  let project: string;
  const IMODEL = "55555555-6666-4777-8888-999999999901";
  const program = (extra = "") =>
    writeFileSync(
      join(project, "Pulumi.yaml"),
      `name: itwin-manifest-yaml\nruntime: yaml\nplugins:\n  providers:\n    - name: itwin\n      path: ${REPO_ROOT}\n` +
        `resources:\n  drawings:\n    type: itwin:ManifestConnection\n    properties:\n      iModelId: ${IMODEL}\n      displayName: YAML drawings\n` +
        `      sourceFiles:\n        - sourceFileId: yaml-a\n${extra}` +
        // The lookup takes the connection's iModelId: fn::invoke ignores dependsOn (Pulumi YAML v1.25.0).
        `outputs:\n  id: \${drawings.id}\n  connections:\n    fn::invoke:\n      function: itwin:index:getConnections\n      arguments:\n        iModelId: \${drawings.iModelId}\n      return: connections\n`,
    );

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), "itwin-manifest-yaml-"));
    program();
    stack = new PulumiStack({ program: project });
    await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  });
  afterAll(async () => {
    await stack?.run(["state", "unprotect", "--all", "--yes"]);
    await stack?.dispose();
  });

  it("creates, lists it through the getConnections Invoke, shows drift by hand and heals it", async () => {
    await stack.up();
    const { id, connections } = await stack.outputs<{ id: string; connections: Array<{ id: string }> }>();
    expect(connections.map((c) => c.id)).toEqual([id]);
    await api.manifestConnections.addSourceFile(id, { sourceFileId: "by-hand" });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toContain("by-hand");
    const healed = await calls(() => stack.up(["--refresh"]));
    expect(healed.filter((c) => !c.startsWith("GET"))).toEqual([`DELETE ${M}/{id}/sourcefiles/{id}`]);
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("pulumi import writes the declaration of an existing connection; with it, preview shows no change", async () => {
    const made = await api.manifestConnections.create({ iModelId: IMODEL, displayName: "Made by hand", sourceFiles: [{ sourceFileId: "yaml-hand" }] });
    const out = join(project, "imported.yaml");
    await stack.ok(["import", "--yes", "--out", out, "--", "itwin:index:ManifestConnection", "imported", made.id]);
    const generated = readFileSync(out, "utf8");
    expect(generated).toBe(
      [
        "resources:",
        "  imported:",
        "    type: itwin:ManifestConnection",
        "    properties:",
        "      authenticationType: User",
        "      displayName: Made by hand",
        `      iModelId: ${IMODEL}`,
        "      sourceFiles:",
        "        - sourceFileId: yaml-hand",
        "    options:",
        "      protect: true",
        "",
      ].join("\n"),
    );
    program(generated.replace(/^resources:\n/, ""));
    await stack.ok(["preview", "--expect-no-changes"]);
  });

  it("destroy deletes each connection with one DELETE", async () => {
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
    const destroyed = await calls(() => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(destroyed).toEqual([`DELETE ${M}/{id}`, `DELETE ${M}/{id}`]);
    expect(await api.manifestConnections.list(IMODEL)).toEqual([]);
  });
});
