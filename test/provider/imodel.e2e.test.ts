// IModel through the real Pulumi CLI against the emulator, by both front doors: the dynamic class in a TypeScript
// program and the itwin plugin in a YAML program. Create, outputs equal to the API, drift by hand shown by
// `preview --refresh` and healed by `up --refresh`, an iModel deleted by hand created again, `pulumi import` (the
// plugin), and destroy refused while protected. Each step's calls are checked from the emulator's request log.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";

let emulator: TestEmulator;
let api: SyncClient;

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  api = emulator.client();
});
afterAll(() => emulator?.close());

/** The iModels API calls a step makes. */
const calls = (step: () => Promise<unknown>) => emulator.calls(step).then((all) => all.filter((c) => c.split(" ")[1].startsWith("/imodels")));

describe("IModel through the dynamic class (TypeScript)", () => {
  let stack: PulumiStack;
  let id: string;
  beforeAll(async () => {
    stack = new PulumiStack({ program: "test/programs/imodel" });
    await stack.init({ "itwin:baseUrl": emulator.url, "test:iTwinId": ITWIN, "test:name": "Dynamic site", "test:description": "Declared" }, { "itwin:accessToken": TOKEN });
  });
  afterAll(async () => {
    await stack?.run(["state", "unprotect", "--all", "--yes"]);
    await stack?.dispose();
  });

  it("creates the iModel with one POST; its outputs are the API's", async () => {
    expect(await calls(() => stack.up())).toEqual(["POST /imodels"]);
    const outputs = await stack.outputs<Record<string, any>>();
    id = outputs.id;
    const live = await api.iModels.get(id);
    expect(outputs).toEqual({
      id,
      name: "Dynamic site",
      description: "Declared",
      state: live.state,
      createdDateTime: live.createdDateTime,
      links: { changesets: live._links.changesets!.href, namedVersions: live._links.namedVersions!.href },
    });
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("shows a name and description changed by hand, and up --refresh puts them back with one PATCH", async () => {
    await api.iModels.update(id, { name: "Renamed by hand", description: "" });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/~ name\s*: "Renamed by hand" => "Dynamic site"/);
    expect(preview.stdout).toMatch(/\+ description\s*: "Declared"/);
    expect(await calls(() => stack.up(["--refresh"]))).toEqual([`GET /imodels/${id}`, `PATCH /imodels/${id}`]);
    expect(await api.iModels.get(id)).toMatchObject({ name: "Dynamic site", description: "Declared" });
  });

  it("creates an iModel deleted by hand again on up --refresh", async () => {
    await api.iModels.delete(id);
    expect(await calls(() => stack.up(["--refresh"]))).toEqual([`GET /imodels/${id}`, "POST /imodels"]);
    const recreated = (await stack.outputs<{ id: string }>()).id;
    expect(recreated).not.toBe(id);
    id = recreated;
  });

  it("destroy is refused while the iModel is protected; unprotected, one DELETE removes it", async () => {
    const refused = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("protected");
    expect((await api.iModels.get(id)).id).toBe(id);
    await stack.ok(["config", "set", "test:protect", "false"]);
    await stack.up();
    expect(await calls(() => stack.ok(["destroy", "--yes", "--skip-preview"]))).toEqual([`DELETE /imodels/${id}`]);
    expect(await api.iModels.list(ITWIN, "Dynamic site")).toEqual([]);
  });
});

describe("IModel through the itwin plugin (YAML)", () => {
  let stack: PulumiStack;
  let project: string;
  let id: string;
  const program = (resources: string) =>
    writeFileSync(
      join(project, "Pulumi.yaml"),
      `name: itwin-imodel-yaml\nruntime: yaml\nplugins:\n  providers:\n    - name: itwin\n      path: ${REPO_ROOT}\n` +
        `resources:\n${resources}outputs:\n  id: \${site.id}\n  state: \${site.state}\n`,
    );
  const site = (protect: boolean) =>
    `  site:\n    type: itwin:IModel\n    properties:\n      iTwinId: ${ITWIN}\n      name: YAML site\n      description: Declared\n` +
    `    options:\n      protect: ${protect}\n`;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), "itwin-imodel-yaml-"));
    program(site(true));
    stack = new PulumiStack({ program: project });
    await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
  });
  afterAll(async () => {
    await stack?.run(["state", "unprotect", "--all", "--yes"]);
    await stack?.dispose();
  });

  it("creates, shows drift by hand, heals it with one PATCH", async () => {
    expect(await calls(() => stack.up())).toEqual(["POST /imodels"]);
    id = (await stack.outputs<{ id: string }>()).id;
    expect((await api.iModels.get(id)).name).toBe("YAML site");
    await api.iModels.update(id, { name: "Renamed by hand" });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/~ name\s*: "Renamed by hand" => "YAML site"/);
    expect(await calls(() => stack.up(["--refresh"]))).toEqual([`GET /imodels/${id}`, `PATCH /imodels/${id}`]);
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("pulumi import writes a protected declaration of an existing iModel; with it, preview shows no change", async () => {
    const made = await api.iModels.create({ iTwinId: ITWIN, name: "Made by hand", description: "Imported" });
    const out = join(project, "imported.yaml");
    // The engine reads the iModel once for the import's preview and once for the import itself.
    expect(await calls(() => stack.ok(["import", "--yes", "--out", out, "--", "itwin:index:IModel", "imported", made.id]))).toEqual([
      `GET /imodels/${made.id}`,
      `GET /imodels/${made.id}`,
    ]);
    const generated = readFileSync(out, "utf8");
    expect(generated).toBe(
      ["resources:", "  imported:", "    type: itwin:IModel", "    properties:", "      description: Imported", `      iTwinId: ${ITWIN}`, "      name: Made by hand", "    options:", "      protect: true", ""].join("\n"),
    );
    program(site(true) + generated.replace(/^resources:\n/, ""));
    await stack.ok(["preview", "--expect-no-changes"]);
  });

  it("destroy is refused while protected; unprotected, one DELETE per iModel", async () => {
    const refused = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("protected");
    await stack.ok(["state", "unprotect", "--all", "--yes"]);
    const deleted = await calls(() => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(deleted.sort()).toEqual(deleted.filter((c) => c.startsWith("DELETE /imodels/")).sort());
    expect(deleted).toHaveLength(2);
    expect(deleted).toContain(`DELETE /imodels/${id}`);
  });
});
