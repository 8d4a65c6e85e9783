// The TypeScript snippets of the README and the docs pages that go on from it (PROGRAM_PAGES), taken as written and
// run as one program: a type-checked `pulumi up` against the emulator, the outputs checked against the API, then
// destroy. test/docs/links.test.ts fails when a ```ts block sits on a page this test does not read.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncClient } from "../../provider/client/sync-client";
import { codeBlocks, PROGRAM_PAGES, readPage } from "../harness/docs";
import { PulumiStack, REPO_ROOT } from "../harness/pulumi";
import { TestEmulator, TOKEN } from "../harness/emulator";

const snippets = PROGRAM_PAGES.flatMap((page) => codeBlocks(readPage(page), "ts").map((code) => ({ page, code })));
const ADOPT_IMODEL = "99999999-aaaa-4bbb-8ccc-dddddddddd01";

let emulator: TestEmulator;
let api: SyncClient;
let stack: PulumiStack;
let existingId: string;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  api = emulator.client();
  existingId = (
    await api.createStorageConnection({
      iModelId: ADOPT_IMODEL,
      displayName: "Made in the portal",
      sourceFiles: [{ storageFileId: "readme-legacy-file", connectorType: "DWG" }],
    })
  ).id;
  writeFileSync(join(REPO_ROOT, "test/programs/readme/index.ts"), snippets.map((s) => s.code).join("\n"));
  stack = new PulumiStack({ program: "test/programs/readme", typeCheck: true });
  await stack.init(
    {
      "itwin:baseUrl": emulator.url,
      "adoption:iModelId": ADOPT_IMODEL,
      "adoption:connectionId": existingId,
      "adoption:storageFileId": "readme-legacy-file",
    },
    { "itwin:accessToken": TOKEN },
  );
});
afterAll(async () => {
  await stack.dispose();
  await emulator.close();
});

describe("README and docs snippets", () => {
  it("are the README's resource, then the lookups' and the adoption's examples", () => {
    expect(snippets.map((s) => s.page)).toEqual(["README.md", "docs/lookups.md", "docs/resources/storage-connection.md"]);
    expect(snippets[0].code).toContain('new StorageConnection("structure"');
    expect(snippets[1].code).toContain("getManifestConnectionOutput");
    expect(snippets[2].code).toContain("adoptConnectionId");
  });

  it("run as written: up creates, runs, looks up and adopts; destroy removes", async () => {
    await stack.up();
    const out = await stack.outputs<Record<string, any>>();
    const structure = await api.getStorageConnection(out.connectionId);
    expect(structure.displayName).toBe("Structure");
    expect(out.lastRun).toBe("Completed: Success");
    expect(out.manifestName).toBe("30");
    expect(out.manifestFiles).toHaveLength(2);
    expect(out.manifestRunResult).toBe("PartialSuccess");
    expect(out.live).toMatchObject({ id: out.connectionId, displayName: "Structure", lastRun: { result: "Success" } });
    expect(out.structureRun).toMatchObject({ connectionId: out.connectionId, state: "Completed" });
    expect(out.adopted).toBe(existingId);
    expect((await api.getStorageConnection(existingId)).displayName).toBe("Managed by Pulumi");
    expect((await api.listSourceFiles(existingId)).map((f) => f.connectorType)).toEqual(["MSTN"]);

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await api.listStorageConnections(ADOPT_IMODEL)).toEqual([]);
    expect(await api.getStorageConnection(out.connectionId).catch((e) => e.status)).toBe(404);
  });
});
