// Secrets in verbose logs: `pulumi up --debug -v=9 --logtostderr`, the exact command a user debugging a failure runs.
// Credentials from the environment (ITWIN_ACCESS_TOKEN, ITWIN_CLIENT_SECRET) appear nowhere in its output. Credentials
// set as Pulumi config secrets appear there only redacted: the engine logs the config it passes to the provider, and
// the CLI pinned here (v3.274.1) writes a secret as `{[secret]}`. (v3.259.0 printed the plaintext inside the secret
// envelope in its log of Configure's inputs; docs/security.md.) This test keeps checking both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionsStack } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";

const TOKEN = "verbose-token-3c9d1e7a-never-in-logs";
const SECRET = "verbose-secret-5e2b8f04-never-in-logs";
const CLIENT_ID = "verbose-app";
const VERBOSE = ["up", "--yes", "--skip-preview", "--debug", "-v=9", "--logtostderr"];

let emulator: TestEmulator;
const stacks: ConnectionsStack[] = [];
beforeAll(async () => {
  emulator = await TestEmulator.start({ token: TOKEN, clientId: CLIENT_ID, clientSecret: SECRET });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await emulator.close();
});

async function verboseUp(n: number, env: Record<string, string>, config: Record<string, string>, secrets: Record<string, string>) {
  const stack = new ConnectionsStack(env);
  stacks.push(stack);
  await stack.init({ "itwin:baseUrl": emulator.url, ...config }, secrets);
  await stack.declare([
    { name: "verbose", iModelId: `77777777-8888-4999-8aaa-00000000010${n}`, sourceFiles: [{ storageFileId: `verbose-${n}`, connectorType: "MSTN" }] },
  ]);
  const result = await stack.run(VERBOSE);
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
  expect(result.stderr).toContain('"v":9'); // the verbose log really was written
  return (result.stdout + result.stderr).split("\n");
}

describe("pulumi up --debug -v=9 --logtostderr", () => {
  it("never shows credentials taken from the environment", async () => {
    const tokenLines = await verboseUp(1, { ITWIN_ACCESS_TOKEN: TOKEN }, {}, {});
    expect(tokenLines.filter((l) => l.includes(TOKEN))).toEqual([]);
    const clientLines = await verboseUp(2, { ITWIN_CLIENT_ID: CLIENT_ID, ITWIN_CLIENT_SECRET: SECRET, ITWIN_AUTHORITY_URL: emulator.url }, {}, {});
    expect(clientLines.filter((l) => l.includes(SECRET))).toEqual([]);
    // The token the client credentials were exchanged for is never logged either.
    expect(clientLines.filter((l) => /Bearer |access_token/.test(l))).toEqual([]);
  }, 300_000);

  it("shows config secrets only redacted, in the engine's log of the config it passes to the provider", async () => {
    const tokenLines = await verboseUp(3, {}, {}, { "itwin:accessToken": TOKEN });
    const clientLines = await verboseUp(4, {}, { "itwin:clientId": CLIENT_ID, "itwin:authorityUrl": emulator.url }, { "itwin:clientSecret": SECRET });
    expect([...tokenLines, ...clientLines].filter((l) => l.includes(TOKEN) || l.includes(SECRET))).toEqual([]);
    // The config was logged, the secret in it redacted.
    expect(tokenLines.some((l) => l.includes("itwin:accessToken:{[secret]}"))).toBe(true);
    expect(clientLines.some((l) => l.includes("itwin:clientSecret:{[secret]}"))).toBe(true);
  }, 300_000);
});
