// Bringing existing connections under management, `check` failing before any request, client-credentials secrets
// staying out of state, and the engine's refusal to `pulumi import` a dynamic resource.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { ConnectionsStack, RESOURCE_TYPE } from "../harness/connections";
import { TestEmulator, TOKEN } from "../harness/emulator";

const CLIENT_ID = "pipeline-client";
const CLIENT_SECRET = "cs-91c2e7ab-never-in-state";
const IMODEL = "22222222-3333-4444-8555-666666666601";
const IMODEL_CONFLICT = "22222222-3333-4444-8555-666666666602";

let emulator: TestEmulator;
let api: SyncClient;
const stacks: ConnectionsStack[] = [];

beforeAll(async () => {
  emulator = await TestEmulator.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, token: TOKEN });
  api = emulator.client();
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await emulator.close();
});

/** A stack authenticated by client credentials, the secret set as a Pulumi secret. */
async function newStack(): Promise<ConnectionsStack> {
  const stack = new ConnectionsStack();
  stacks.push(stack);
  await stack.init(
    { "itwin:baseUrl": emulator.url, "itwin:authorityUrl": emulator.url, "itwin:clientId": CLIENT_ID },
    { "itwin:clientSecret": CLIENT_SECRET },
  );
  return stack;
}

async function liveFiles(id: string) {
  return (await api.listSourceFiles(id)).map((f) => `${f.storageFileId}:${f.connectorType}`).sort();
}

describe("adoption of existing connections", () => {
  it("adopts the connection named by adoptConnectionId and reconciles it to the declaration", async () => {
    const legacy = await api.createStorageConnection({
      iModelId: IMODEL,
      displayName: "Made in the portal",
      sourceFiles: [
        { storageFileId: "legacy-a", connectorType: "MSTN" },
        { storageFileId: "legacy-b", connectorType: "DWG" },
      ],
    });
    const stack = await newStack();
    await stack.declare([
      {
        name: "adopted",
        iModelId: IMODEL,
        displayName: "Managed by Pulumi",
        adoptConnectionId: legacy.id,
        sourceFiles: [
          { storageFileId: "legacy-a", connectorType: "IFC" },
          { storageFileId: "legacy-c", connectorType: "REVIT" },
        ],
      },
    ]);
    await stack.up();
    const out = (await stack.connections()).adopted;
    expect(out.id).toBe(legacy.id);
    // The client secret was really used: the program's tokens came from /connect/token.
    expect((await emulator.requests()).some((r) => r.path === "/connect/token" && r.status === 200)).toBe(true);
    expect((await api.getStorageConnection(legacy.id)).displayName).toBe("Managed by Pulumi");
    expect(await liveFiles(legacy.id)).toEqual(["legacy-a:IFC", "legacy-c:REVIT"]);
    expect(await api.listStorageConnections(IMODEL)).toHaveLength(1);
    expect((await stack.run(["preview", "--refresh", "--expect-no-changes"])).code).toBe(0);

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await api.listStorageConnections(IMODEL)).toEqual([]);
  });

  it("on a 409, names the connection holding the files, and adopts it with adoptOnConflict", async () => {
    const holder = await api.createStorageConnection({
      iModelId: IMODEL_CONFLICT,
      displayName: "Holder",
      sourceFiles: [{ storageFileId: "held-file", connectorType: "MSTN" }],
    });
    const stack = await newStack();
    const spec = { name: "claimer", iModelId: IMODEL_CONFLICT, displayName: "Claimer", sourceFiles: [{ storageFileId: "held-file", connectorType: "MSTN" }] };
    await stack.declare([spec]);
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(`FileMappingToTheIModelAlreadyExists: One or more SourceFiles are already mapped to the iModel. (held by StorageConnection ${holder.id})`);
    expect(refused.stdout).toContain(`set adoptConnectionId: "${holder.id}" (or adoptOnConflict: true)`);
    expect(await api.listStorageConnections(IMODEL_CONFLICT)).toHaveLength(1);

    await stack.declare([{ ...spec, adoptOnConflict: true }]);
    await stack.up();
    expect((await stack.connections()).claimer.id).toBe(holder.id);
    expect((await api.getStorageConnection(holder.id)).displayName).toBe("Claimer");
  });

  it("still cannot `pulumi import` a Node.js dynamic resource (pulumi/pulumi#16175), so adoption is an input", async () => {
    const existing = await api.createStorageConnection({
      iModelId: IMODEL,
      sourceFiles: [{ storageFileId: "import-me", connectorType: "DWG" }],
    });
    const stack = await newStack();
    await stack.declare([]);
    const imported = await stack.run(["import", "--yes", "--", RESOURCE_TYPE, "imported", existing.id]);
    expect(imported.code).not.toBe(0);
    // The import's Read carries neither properties nor inputs, so the dynamic-provider host has no serialized
    // provider to load (SDK 3.270.0 falls back to the inputs, which are empty too, and fails in require-from-string).
    expect(imported.stdout).toContain("Preview failed: code must be a string, not undefined");
    expect(await stack.state("imported")).toBeUndefined();
  });
});

describe("check runs before any request", () => {
  it("fails bad inputs with the property and the fix, sending nothing to the API", async () => {
    const stack = await newStack();
    await emulator.clearRequests();
    // The engine stops at the first resource that fails check, so each declaration gets its own preview.
    await stack.declare([
      { name: "bad", iModelId: "not-a-guid", sourceFiles: [{ storageFileId: "x", connectorType: "PDF" }, { storageFileId: "x", connectorType: "DWG" }] },
    ]);
    const bad = await stack.run(["preview"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/resource 'bad': property iModelId value \{not-a-guid\} has a problem: iModelId: Provided imodelId value is not valid\. Fix: set it to the iModel's GUID/);
    expect(bad.stdout).toMatch(/property sourceFiles\[0\]\.connectorType .*"PDF" is not a known connector type\. Fix: did you mean ".*"\? Known: AUTOPLANT/);
    expect(bad.stdout).toMatch(/sourceFiles\[1\]\.storageFileId: storage file x is already listed at sourceFiles\[0\]/);

    await stack.declare([{ name: "empty", iModelId: IMODEL, sourceFiles: [] }]);
    const empty = await stack.run(["preview"]);
    expect(empty.code).not.toBe(0);
    expect(empty.stdout).toMatch(/resource 'empty': property sourceFiles value \{\[\]\} has a problem: sourceFiles: At least one input file must be included to create a ConnectionDefinition\. Fix: declare at least one/);
    expect(await emulator.requests()).toEqual([]);
  });

  it("with itwin:allowUnknownConnectorTypes, sends a connector type it does not know to the API, which judges it", async () => {
    const stack = await newStack();
    await stack.ok(["config", "set", "itwin:allowUnknownConnectorTypes", "true"]);
    await stack.declare([{ name: "future", iModelId: IMODEL, sourceFiles: [{ storageFileId: "future-file", connectorType: "NEWCONNECTOR2027" }] }]);
    expect((await stack.run(["preview"])).code).toBe(0);
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    // The emulator knows no such connector: its 422 comes back with the API's own detail.
    expect(up.stdout).toContain("HTTP 422 InvalidStorageConnectionRequest");
    expect(up.stdout).toContain("connectorType must be one of: 'AUTOPLANT'");
    expect((await emulator.requests()).some((r) => r.method === "POST" && r.status === 422)).toBe(true);
  });

  it("kept the client secret out of the state files, the exports and the logs", async () => {
    for (const stack of stacks) {
      expect(stack.log.join("\n")).not.toContain(CLIENT_SECRET);
      expect((await stack.run(["stack", "export"])).stdout).not.toContain(CLIENT_SECRET);
    }
    expect(stacks[0].stateFile()).not.toContain(CLIENT_SECRET);
    expect(stacks[1].stateFile()).not.toContain(CLIENT_SECRET);
  });
});
