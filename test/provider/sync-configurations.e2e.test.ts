// The three synchronization configurations through the dynamic classes, in a TypeScript program run by the real CLI
// against the emulator: an existing identical configuration taken over with ITWIN_ADOPT_ON_CONFLICT=exact, create,
// drift made by hand shown by `preview --refresh` and healed by `up --refresh`, a changed setting sent alone, an
// undeclared one unset, destroy. Each step's calls are checked from the emulator's request log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigurationScope } from "../../api/configurations";
import type { ConfigurationsApi } from "../../provider/client/configurations-api";
import { unlessNotFound } from "../../provider/client/errors";
import { configurationCalls, configurationRequests } from "../harness/configurations";
import { TestEmulator, TOKEN } from "../harness/emulator";
import { PulumiStack } from "../harness/pulumi";

const ITWIN = "5fb9aa98-9874-4697-b942-d19728840f19";
const IMODEL = "7dbd531d-6967-47b2-8945-a722a437ad7a";
const ITWINS = `/synchronization/configurations/itwins/${ITWIN}`;
const IMODELS = `/synchronization/configurations/imodels/${IMODEL}`;

let emulator: TestEmulator;
let configurations: ConfigurationsApi;
let stack: PulumiStack;
let connectionId: string;

async function declare(settings: { itwin?: object; imodel?: object; connection?: object }): Promise<void> {
  for (const [scope, value] of Object.entries(settings)) {
    await stack.ok(["config", "set", `test:${scope}Settings`, JSON.stringify(value)]);
  }
}

function live(scope: ConfigurationScope, id: string) {
  return unlessNotFound(configurations.get(scope, id)).then((c) => c?.settings);
}

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN });
  configurations = emulator.client().configurations;
  stack = new PulumiStack({ program: "test/programs/sync-configurations" });
  await stack.init({
    "itwin:baseUrl": emulator.url,
    "test:iTwinId": ITWIN,
    "test:iModelId": IMODEL,
    "test:storageFileId": "dynamic-config-structure",
  }, { "itwin:accessToken": TOKEN });
  await declare({
    itwin: { uploadDgnRealityData: false },
    imodel: { clampZExtent: true },
    connection: { enableSheetIndex: true, filterBySheetIndex: true },
  });
});
afterAll(async () => {
  await stack?.dispose();
  await emulator?.close();
});

describe("synchronization configurations through the dynamic classes (TypeScript)", () => {
  it("meets an identical configuration made before: fails naming the recovery, which then takes it over", async () => {
    await configurations.create("imodel", IMODEL, { clampZExtent: true });
    const failed = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain(
      `Create iModel configuration ${IMODEL} failed: HTTP 409 ConfigurationAlreadyExists: A configuration already exists for this scope. ` +
        '(the iModel already has a configuration, which sets {"clampZExtent":true}). Fix: It sets exactly the declared settings',
    );
    expect(failed.stdout + failed.stderr).toContain("ITWIN_ADOPT_ON_CONFLICT=exact pulumi up");
    const calls = await configurationCalls(emulator, () => stack.ok(["up", "--yes", "--skip-preview"], { ITWIN_ADOPT_ON_CONFLICT: "exact" }));
    expect(calls.filter((c) => c.includes("/imodels/"))).toEqual([`POST ${IMODELS}`, `GET ${IMODELS}`, `GET ${IMODELS}`]); // 409, its GET, the lookup
    const outputs = await stack.outputs<Record<string, unknown>>();
    connectionId = outputs.connectionId as string;
    expect(outputs).toMatchObject({
      itwinSettings: { uploadDgnRealityData: false },
      imodelSettings: { clampZExtent: true },
      imodelClamp: true,
      connectionResolved: { uploadDgnRealityData: false, clampZExtent: true, enableSheetIndex: true, filterBySheetIndex: true, ignoreDgnAttachments: false },
    });
    expect(outputs.lookedUp).toEqual(outputs.connectionResolved);
    expect(outputs.imodelLookedUp).toEqual({ clampZExtent: true });
    expect(outputs.itwinLookedUp).toEqual({ uploadDgnRealityData: false });
    expect(await live("connection", connectionId)).toEqual({ enableSheetIndex: true, filterBySheetIndex: true });
  });

  it("shows settings changed and added by hand in preview --refresh, and up --refresh puts the declaration back", async () => {
    await configurations.patch("imodel", IMODEL, { clampZExtent: false });
    await configurations.patch("itwin", ITWIN, { squashIntermediateRevisions: true });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/~ clampZExtent\s*: false => true/);
    expect(preview.stdout).toMatch(/- squashIntermediateRevisions\s*: true/);

    const calls = await configurationCalls(emulator, () => stack.up(["--refresh"]));
    expect(calls.filter((c) => !c.startsWith("GET"))).toEqual(
      expect.arrayContaining([`PATCH ${IMODELS}`, `DELETE ${ITWINS}`, `POST ${ITWINS}`]),
    );
    expect(calls.filter((c) => !c.startsWith("GET"))).toHaveLength(3);
    expect(await live("imodel", IMODEL)).toEqual({ clampZExtent: true });
    expect(await live("itwin", ITWIN)).toEqual({ uploadDgnRealityData: false });
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("sends a changed setting alone in one PATCH, and unsets an undeclared one by DELETE and POST", async () => {
    await declare({ imodel: { clampZExtent: true, overrideRvtReprojectionDistance: 100 }, connection: { enableSheetIndex: false } });
    const requests = await configurationRequests(emulator, () => stack.up());
    expect(requests.filter((r) => r.call.includes("/imodels/"))).toEqual([
      { call: `PATCH ${IMODELS}`, body: { overrideRvtReprojectionDistance: 100 } },
      { call: `GET ${IMODELS}` }, // the lookup
    ]);
    expect(requests.filter((r) => r.call.includes("/connections/"))).toEqual([
      { call: `DELETE /synchronization/configurations/connections/${connectionId}` },
      { call: `POST /synchronization/configurations/connections/${connectionId}`, body: { enableSheetIndex: false } },
      { call: `GET /synchronization/configurations/connections/${connectionId}` }, // the lookup
    ]);
    expect(await live("connection", connectionId)).toEqual({ enableSheetIndex: false });
    await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("destroy deletes each configuration with one DELETE", async () => {
    const calls = await configurationCalls(emulator, () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(calls.sort()).toEqual([`DELETE ${IMODELS}`, `DELETE ${ITWINS}`, `DELETE /synchronization/configurations/connections/${connectionId}`].sort());
    expect(await live("imodel", IMODEL)).toBeUndefined();
    expect(await live("itwin", ITWIN)).toBeUndefined();
  });
});
