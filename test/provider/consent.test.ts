// A `User` connection whose run fails for want of its user's consent: the provider's error gives the URL to open,
// and once that user consented (through that URL), runs succeed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_ERROR } from "../../api/contract";
import { CONSENT_REDIRECT_URL } from "../../provider/consent";
import type { SyncClient } from "../../provider/client/sync-client";
import { ResourceInitError } from "../../provider/core/verbs";
import type { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import { checked, lifecycleOver } from "../harness/core";
import { TestEmulator, TOKEN } from "../harness/emulator";

let emulator: TestEmulator;
let api: SyncClient;
let lifecycle: StorageConnectionLifecycle;

beforeAll(async () => {
  emulator = await TestEmulator.start({ requireUserConsent: true });
  api = emulator.client();
  lifecycle = lifecycleOver(() => api, { runPollMs: 20 });
});
afterAll(() => emulator.close());

const declared = (n: number, authenticationType: "User" | "Service") => ({
  iModelId: `55555555-6666-4777-8888-00000000000${n}`,
  authenticationType,
  sourceFiles: [{ storageFileId: `consent-${n}`, connectorType: "MSTN" }],
  runOnChange: true,
  waitForRun: true,
});

describe("a User connection without its user's consent", () => {
  it("fails its run with the URL that user opens, and runs once the consent is given", async () => {
    const failure = await lifecycle.create({ inputs: checked(declared(1, "User")) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResourceInitError);
    const { message, properties } = failure as ResourceInitError;
    const url = /open (\S+) signed in as that user/.exec(message)?.[1];
    expect(message).toContain(`ended in Error (${RUN_ERROR.userNotAuthenticated.errorKey}: ${RUN_ERROR.userNotAuthenticated.description})`);
    expect(url).toMatch(new RegExp(`^${emulator.url}/connect/authorize\\?`));
    expect(url).toContain(`redirect_uri=${encodeURIComponent(CONSENT_REDIRECT_URL)}`);
    expect((properties as { lastRun: { error: unknown } }).lastRun.error).toEqual(RUN_ERROR.userNotAuthenticated);

    // "Signed in as that user": the emulator takes that user's token (a browser posts it through its sign-in page).
    const opened = await fetch(url!, { redirect: "manual", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(CONSENT_REDIRECT_URL);
    expect((await api.getAuthorizationInformation(CONSENT_REDIRECT_URL)).isUserAuthorized).toBe(true);

    const created = await lifecycle.create({ inputs: checked(declared(2, "User")) });
    expect(created.outputs.lastRun).toMatchObject({ state: "Completed", result: "Success" });
  });

  it("gives no consent hint when a Service connection's run fails", async () => {
    const failure = (await lifecycle.create({ inputs: checked({ ...declared(3, "Service"), sourceFiles: [{ storageFileId: "consent-fail", connectorType: "MSTN" }] }) }).catch((e: unknown) => e)) as Error;
    expect(failure.message).toContain("ended in Error");
    expect(failure.message).not.toContain("consent");
  });
});
