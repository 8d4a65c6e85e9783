// What the user reads in the real CLI's output when a step fails: the messages docs/errors.md quotes, the refused
// credential named (asked once, never retried), an unreachable API reported without minutes of retries, and never a
// JavaScript stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionsStack, type ConnectionSpec } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";

const TOKEN = "messages-token-not-a-secret";
const SECRET = "messages-secret-right";
let emulator: TestEmulator;
const stacks: ConnectionsStack[] = [];

beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN, clientId: "messages-app", clientSecret: SECRET, requireUserConsent: true });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await emulator.close();
});

async function stack(config: Record<string, string>, secrets: Record<string, string>, specs: ConnectionSpec[], env: Record<string, string> = {}) {
  const s = new ConnectionsStack(env);
  stacks.push(s);
  await s.init({ "itwin:baseUrl": emulator.url, ...config }, secrets);
  await s.declare(specs);
  return s;
}

const one = (n: number, extra: Partial<ConnectionSpec> = {}): ConnectionSpec => ({
  name: `m${n}`,
  iModelId: `99999999-aaaa-4bbb-8ccc-00000000000${n}`,
  sourceFiles: [{ storageFileId: `messages-${n}`, connectorType: "MSTN" }],
  ...extra,
});

function noStackTrace(output: string) {
  expect(output).not.toMatch(/\n\s+at |TypeError|Cannot read properties/);
}

describe("messages through the CLI", () => {
  it("shows 'StorageConnection <id> is in state, but …' as docs/errors.md writes it, and keeps the connection", async () => {
    // A User connection's run fails without its user's consent: the connection exists, a later step failed.
    const s = await stack({}, { "itwin:accessToken": TOKEN }, [one(1, { runOnChange: true, waitForRun: true })]);
    const result = await s.run(["up", "--yes", "--skip-preview"]);
    const output = result.stdout + result.stderr;
    expect(result.code).not.toBe(0);
    const id = (await s.state("m1"))?.id;
    expect(id).toBeTruthy();
    expect(output).toContain(`StorageConnection ${id} is in state, but synchronization run `);
    noStackTrace(output);
  }, 120_000);

  it("names the refused client credentials, asks the identity service once, and never reports an unknown POST outcome", async () => {
    const s = await stack({ "itwin:clientId": "messages-app", "itwin:authorityUrl": emulator.url }, { "itwin:clientSecret": "messages-secret-wrong" }, [one(2)]);
    await emulator.clearRequests();
    const result = await s.run(["up", "--yes", "--skip-preview"]);
    const output = result.stdout + result.stderr;
    expect(result.code).not.toBe(0);
    expect(output).toContain(
      `The identity service at ${emulator.url}/connect/token refused the client credentials: HTTP 401 invalid_client: ` +
        "Client authentication failed. Check the client id and client secret (itwin:clientId and itwin:clientSecret)",
    );
    expect(output).not.toMatch(/no answer came back|outcome|Create StorageConnection/);
    expect(output).not.toContain("messages-secret-wrong");
    noStackTrace(output);
    const log = await emulator.requests();
    expect(log.filter((r) => r.path === "/connect/token")).toHaveLength(1);
    expect(log.filter((r) => r.path.startsWith("/synchronization"))).toEqual([]);
  }, 120_000);

  it("fails a refresh against an unreachable API at once after one operation's bounded retries", async () => {
    const s = await stack({}, { "itwin:accessToken": TOKEN }, [one(3), one(4), one(5), one(6)]);
    await s.up();
    // Point the refresh at a port nothing listens on (--run-program: refresh takes the config from the program).
    const closed = await TestEmulator.start();
    const unreachable = closed.url;
    await closed.close();
    await s.ok(["config", "set", "itwin:baseUrl", unreachable]);
    const result = await s.run(["refresh", "--yes", "--run-program"]);
    const output = result.stdout + result.stderr;
    expect(result.code).not.toBe(0);
    expect(output).toMatch(/failed after 6 attempt\(s\): .*ECONNREFUSED/);
    expect(output).toContain(`Check itwin:baseUrl (ITWIN_BASE_URL, now ${unreachable}) and the network or proxy`);
    noStackTrace(output);
    // Nothing is dropped from state.
    expect((await s.exported()).filter((r) => r.urn.includes("StorageConnection"))).toHaveLength(4);
    await s.ok(["config", "set", "itwin:baseUrl", emulator.url]);
  }, 180_000);
});
