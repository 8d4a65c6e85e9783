// The lookups from a real program: each answers what the API (the documented examples, seeded) holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack } from "../harness/pulumi";
import { TestEmulator, TOKEN } from "../harness/emulator";

const MANIFEST = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";
const RUN = "a1ecbdc8c4f6173004f9f881914a57c5511a362b";
let emulator: TestEmulator;
let stack: PulumiStack;

beforeAll(async () => {
  emulator = await TestEmulator.start();
  stack = new PulumiStack({ program: "test/programs/lookups" });
  await stack.init(
    {
      "itwin:baseUrl": emulator.url,
      "test:manifestConnectionId": MANIFEST,
      "test:manifestRunId": RUN,
      "test:iModelId": "33333333-4444-4555-8666-777777777701",
    },
    { "itwin:accessToken": TOKEN },
  );
});
afterAll(async () => {
  await stack.ok(["destroy", "--yes", "--skip-preview"]);
  await stack.dispose();
  await emulator.close();
});

describe("lookups", () => {
  it("answer with the API's data in their Promise and Output forms", async () => {
    await stack.up();
    const out = await stack.outputs<Record<string, any>>();
    expect(out.manifest).toEqual({
      id: MANIFEST,
      iModelId: "7dbd531d-6967-47b2-8945-a722a437ad7a",
      iTwinId: "5fb9aa98-9874-4697-b942-d19728840f19",
      displayName: "30",
      authenticationType: "User",
      links: {
        iModel: `${emulator.url}/imodels/7dbd531d-6967-47b2-8945-a722a437ad7a`,
        iTwin: `${emulator.url}/itwins/5fb9aa98-9874-4697-b942-d19728840f19`,
        lastRun: `${emulator.url}/synchronization/imodels/manifestconnections/${MANIFEST}/runs/de626d0d-1647-48d7-8c11-f1f74f2d4523`,
      },
    });
    expect(out.manifestFiles).toEqual({
      connectionId: MANIFEST,
      sourceFiles: [
        { id: "297c8ab9-53a3-4fe5-adf8-79b4c1a95cbb", sourceFileId: "t5bDFuN4qUa9ojVw1E5FGtldp8BgSbNCiJ2XMdiT-cA" },
        { id: "5d22aa94-cde5-48ec-afcc-6c4aca67d51b", sourceFileId: "t5bDFuN4qUa9ojVw1E5FGtldp8BgSbNCiJ2XMdiT-cA" },
      ],
    });
    expect(out.manifestRun).toMatchObject({
      id: RUN,
      connectionId: MANIFEST,
      phase: "MasterFile",
      state: "Completed",
      result: "PartialSuccess",
      error: { errorKey: "UserNotAuthenticated", description: "User is not authenticated." },
    });
    expect(out.manifestRun.jobs[0].tasks[0].error.errorCode).toBe("TAE_BRG_1000");
    expect(out.manifestViaOutput).toBe("30");
    expect(out.manifestFileCountViaOutput).toBe(2);
    expect(out.manifestRunResultViaOutput).toBe("PartialSuccess");

    expect(out.storage).toMatchObject({
      displayName: "Looked up",
      sourceFiles: [{ storageFileId: "lookup-file", connectorType: "IFC" }],
      lastRun: { state: "Completed", result: "Success" },
    });
    expect(out.storageRun).toMatchObject({ id: out.storage.lastRun.id, connectionId: out.storage.id, state: "Completed" });
    expect(out.storageRunViaOutput).toBe("Completed");
    expect(out.storageViaPromise).toBe("Looked up");

    // Without --require-user-consent every user counts as having consented.
    expect(out.authorization).toEqual({ isUserAuthorized: true, authorizationUrl: expect.stringMatching(/\/connect\/authorize\?user=/) });
    expect(out.authorizationUrlViaOutput).toContain(`redirect_uri=${encodeURIComponent("https://app.example.com/consented")}`);
  });

  it("fail with the API's 404 when the connection does not exist", async () => {
    const missing = new PulumiStack({ program: "test/programs/lookups" });
    try {
      await missing.init(
        { "itwin:baseUrl": emulator.url, "test:manifestConnectionId": "NoSuchConnection000000000000000000000000000", "test:manifestRunId": RUN, "test:iModelId": "33333333-4444-4555-8666-777777777702" },
        { "itwin:accessToken": TOKEN },
      );
      const preview = await missing.run(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.stdout).toContain(
        "Get ManifestConnection NoSuchConnection000000000000000000000000000 failed: HTTP 404 ManifestConnectionNotFound: Requested ManifestConnection is not available.",
      );
      // The message alone: no JavaScript frames, no dump of the error's fields.
      expect(preview.stdout).not.toMatch(/\n\s+at |apiMessage:|unhandled exception/);
    } finally {
      await missing.dispose();
    }
  });
});
