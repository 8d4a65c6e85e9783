// examples/platform and examples/connections, two stacks on one backend as two teams would run them: the platform's
// first preview plans a connection whose iModel does not exist yet, its up makes the iModels and the reference data's
// configurations (drift by hand on them healed by up --refresh), and the app team's
// stack reads them through a StackReference and declares each discipline's connections in a component.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iModelResponse } from "../../api/shapes";
import { unlessNotFound } from "../../provider/client/errors";
import { configurationCalls } from "../harness/configurations";
import { RESOURCE_TYPE } from "../harness/connections";
import { TOKEN } from "../harness/emulator";
import type { PulumiStack } from "../harness/pulumi";
import { exampleStack, useEmulator } from "./helpers";

const ITWIN = "5d0c4a3b-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
const COMPONENT_TYPE = "itwin:examples:DisciplineConnections";

interface PlatformOutputs {
  iModels: Record<string, string>;
  files: Record<string, Array<{ storageFileId: string; connectorType: string }>>;
  referenceIModelId: string;
  referenceConnectionId: string;
  referenceDataResolvedSettings: Record<string, boolean | number>;
}

const ctx = useEmulator();
let platform: PulumiStack;
let connections: PulumiStack;
let out: PlatformOutputs;

beforeAll(async () => {
  platform = await exampleStack(ctx.emulator, "platform", { iTwinId: ITWIN });
  // The same backend, so that the StackReference finds the platform stack.
  connections = await exampleStack(
    ctx.emulator,
    "connections",
    { platformStack: `organization/itwin-sync-platform/${platform.name}` },
    { PULUMI_BACKEND_URL: `file://${platform.backend}` },
  );
});
afterAll(async () => {
  await connections.dispose();
  await platform.dispose();
});

async function getIModel(id: string) {
  const res = await unlessNotFound(
    ctx.api.http.request({ operation: "Get iModel", method: "GET", path: `/imodels/${id}`, expect: [200], answer: iModelResponse }),
  );
  return res?.body.iModel;
}

async function liveFiles(connectionId: string) {
  return (await ctx.api.listSourceFiles(connectionId)).map(({ storageFileId, connectorType }) => ({ storageFileId, connectorType }));
}

describe("platform stack", () => {
  it("previews the reference connection with its iModelId unknown, and sends no request", async () => {
    const preview = await platform.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/StorageConnection::reference-data\]\n(\s+\w+\s*: .*\n)*\s+iModelId\s*: \[unknown\]\n/);
    // The stack, four IModels, the connection and two configurations.
    expect(preview.stdout).toMatch(/\+ 8 to create/);
    expect(await ctx.emulator.requests()).toEqual([]);
  });

  it("makes one iModel per discipline in the iTwin, and the reference connection in its own iModel", async () => {
    await platform.up();
    out = await platform.outputs<PlatformOutputs>();
    expect(Object.keys(out.iModels).sort()).toEqual(["architecture", "mep", "structure"]);
    for (const [discipline, id] of Object.entries(out.iModels)) {
      expect(await getIModel(id)).toMatchObject({ id, iTwinId: ITWIN, name: `Tower ${discipline}`, state: "initialized" });
    }
    const reference = await ctx.api.getStorageConnection(out.referenceConnectionId);
    expect(reference).toMatchObject({ iModelId: out.referenceIModelId, iTwinId: ITWIN, displayName: "Grids and levels" });
    expect(await getIModel(out.referenceIModelId)).toMatchObject({ name: "Tower reference data" });
    // The IModel provider borrows the package's settings at run time: no token in its serialized code or anywhere.
    expect(platform.stateFile()).not.toContain(TOKEN);
  });

  it("configures the reference iModel and its connection; the connection's resolved settings include the iModel's", async () => {
    expect((await ctx.api.configurations.get("imodel", out.referenceIModelId)).settings).toEqual({ clampZExtent: true });
    expect((await ctx.api.configurations.get("connection", out.referenceConnectionId)).settings).toEqual({
      enableSheetsAndDrawings: true,
      ignoreDgnAttachments: true,
    });
    expect(out.referenceDataResolvedSettings).toMatchObject({ clampZExtent: true, enableSheetsAndDrawings: true, ignoreDgnAttachments: true, reclassifyDgnElements: false });
    // The discipline iModels have no configuration: they take the defaults.
    expect(await unlessNotFound(ctx.api.configurations.get("imodel", out.iModels.structure))).toBeUndefined();
  });

  it("shows a setting changed by hand in preview --refresh; up --refresh puts it back with one PATCH", async () => {
    await ctx.api.configurations.patch("imodel", out.referenceIModelId, { clampZExtent: false });
    await ctx.api.configurations.patch("connection", out.referenceConnectionId, { ignoreDgnAttachments: false });
    const drift = await platform.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(drift.code).not.toBe(0);
    expect(drift.stdout).toMatch(/~ clampZExtent\s*: false => true/);
    expect(drift.stdout).toMatch(/~ ignoreDgnAttachments\s*: false => true/);

    const calls = await configurationCalls(ctx.emulator, () => platform.up(["--refresh"]));
    expect(calls.filter((c) => !c.startsWith("GET ")).sort()).toEqual(
      [
        `PATCH /synchronization/configurations/imodels/${out.referenceIModelId}`,
        `PATCH /synchronization/configurations/connections/${out.referenceConnectionId}`,
      ].sort(),
    );
    expect((await ctx.api.configurations.get("imodel", out.referenceIModelId)).settings).toEqual({ clampZExtent: true });
    expect((await ctx.api.configurations.get("connection", out.referenceConnectionId)).settings).toEqual({ enableSheetsAndDrawings: true, ignoreDgnAttachments: true });
    await platform.ok(["preview", "--refresh", "--expect-no-changes"]);
  });
});

describe("platform stack with a bad iTwinId", () => {
  it("fails each iModel on one line with the API's status, code, message and details, and creates nothing", async () => {
    const bad = await exampleStack(ctx.emulator, "platform", { iTwinId: "not-a-guid" });
    try {
      // The engine stops starting creates after the first failure, so which iModels fail first varies.
      const up = await bad.run(["up", "--yes", "--skip-preview"]);
      expect(up.code).not.toBe(0);
      expect(up.stdout).toMatch(
        /error: Create iModel "Tower [a-z ]+" failed: HTTP 422 InvalidiModelsRequest: Cannot perform operation\. Details: 1\. InvalidValue: Provided iTwinId value is not valid\. Target: iTwinId\.\n/,
      );
      expect((await bad.exported()).filter((r) => !r.type.startsWith("pulumi:"))).toEqual([]);
    } finally {
      await bad.dispose();
    }
  });
});

describe("connections stack", () => {
  it("declares each discipline's connections under the platform's iModel, one per connector type", async () => {
    await connections.up();
    const ids = (await connections.outputs<{ connections: Record<string, Record<string, string>> }>()).connections;
    expect(Object.keys(ids).sort()).toEqual(Object.keys(out.files).sort());
    for (const [discipline, files] of Object.entries(out.files)) {
      const listed = await ctx.api.listStorageConnections(out.iModels[discipline]);
      expect(listed.map((c) => c.id).sort()).toEqual(Object.values(ids[discipline]).sort());
      for (const [connectorType, id] of Object.entries(ids[discipline])) {
        const live = await ctx.api.getStorageConnection(id);
        expect(live).toMatchObject({ iTwinId: ITWIN, displayName: `${discipline} (${connectorType})` });
        expect(await liveFiles(id)).toEqual(files.filter((f) => f.connectorType === connectorType));
      }
    }
  });

  it("parents every connection to its discipline's component", async () => {
    const resources = await connections.exported();
    const components = resources.filter((r) => r.type === COMPONENT_TYPE).map((r) => r.urn.split("::").pop());
    expect(components.sort()).toEqual(["architecture", "mep", "structure"]);
    const urns = resources.filter((r) => r.type === RESOURCE_TYPE).map((r) => r.urn);
    expect(urns).toHaveLength(5);
    for (const urn of urns) {
      const name = urn.split("::").pop()!;
      expect(urn).toContain(`${COMPONENT_TYPE}$${RESOURCE_TYPE}::${name}`);
      expect(resources.find((r) => r.urn === urn)?.parent).toMatch(new RegExp(`${COMPONENT_TYPE}::${name.split("-")[0]}$`));
    }
  });
});

describe("destroy, app stack first", () => {
  it("removes the connections, then the iModels and the reference connection", async () => {
    await connections.ok(["destroy", "--yes", "--skip-preview"]);
    for (const id of Object.values(out.iModels)) expect(await ctx.api.listStorageConnections(id)).toEqual([]);
    await platform.ok(["destroy", "--yes", "--skip-preview"]);
    for (const id of [...Object.values(out.iModels), out.referenceIModelId]) expect(await getIModel(id)).toBeUndefined();
    expect(await ctx.api.getStorageConnection(out.referenceConnectionId).catch((e) => e.status)).toBe(404);
    expect(await unlessNotFound(ctx.api.configurations.get("imodel", out.referenceIModelId))).toBeUndefined();
  });
});
