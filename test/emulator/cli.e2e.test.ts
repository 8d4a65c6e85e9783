// The command line: flags → options, and the real process (its one stdout line, serving, stopping on SIGTERM).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConnectionResponse } from "../../api/types";
import { parseCliArgs } from "../../emulator/cli";
import { exited } from "../harness/process";
import { MANIFEST } from "./helpers";

const ROOT = join(__dirname, "..", "..");

describe("parseCliArgs", () => {
  it("maps every flag to its option", () => {
    const options = parseCliArgs([
      "--port", "5050",
      "--host", "127.0.0.2",
      "--run-step-ms", "20",
      "--require-user-consent",
      "--token", "t",
      "--client-id", "id",
      "--client-secret", "secret",
      "--token-ttl", "60",
      "--fixtures", "a.json",
      "--fixtures", "b.json",
      "--no-seed",
      "--data", "kept.json",
      "--idle-timeout-ms", "1000",
      "--latency-ms", "5",
      "--fail-rate", "0.5",
      "--reset-rate", "0.1",
      "--rate-limit", "500",
    ]);
    expect(options).toEqual({
      port: 5050,
      host: "127.0.0.2",
      runStepMs: 20,
      requireUserConsent: true,
      token: "t",
      clientId: "id",
      clientSecret: "secret",
      tokenTtlSeconds: 60,
      seed: false,
      fixtures: ["a.json", "b.json"],
      dataFile: "kept.json",
      idleTimeoutMs: 1000,
      faults: { latencyMs: 5, failRate: 0.5, resetRate: 0.1, rateLimit: 500 },
    });
  });

  it("leaves unset flags to the defaults and refuses unknown flags and non-numbers", () => {
    expect(parseCliArgs([])).toMatchObject({ port: undefined, seed: true, faults: {} });
    expect(parseCliArgs(["--help"])).toBe("help");
    expect(() => parseCliArgs(["--colour", "red"])).toThrow();
    expect(() => parseCliArgs(["--port", "fifty"])).toThrow(/--port needs a number/);
  });
});

/** The first line the process prints on stdout. */
function firstLineOf(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve) => {
    let text = "";
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.split("\n")[0]);
    });
  });
}

describe("the emulator process", () => {
  // The built CLI, as `npm run emulator` runs it (the e2e project builds dist/ before its first test).
  const cli = join(ROOT, "dist", "emulator", "cli.js");

  it("prints exactly one line with its URL, serves, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [cli, "--port", "0", "--token", "cli-token"], { stdio: ["ignore", "pipe", "pipe"] });
    const done = exited(child);
    const firstLine = await firstLineOf(child);
    const url = /^iTwin Synchronization API emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine)?.[1];
    expect(url).toBeDefined();
    const answer = await fetch(`${url}${MANIFEST}`, { headers: { authorization: "Bearer cli-token" } });
    expect(answer.status).toBe(200);
    const { connection } = (await answer.json()) as ConnectionResponse;
    expect(connection._links.iModel.href.startsWith(url!)).toBe(true);
    child.kill("SIGTERM");
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(stdout).toBe(`${firstLine}\n`);
    expect(stderr).toBe("");
  });

  it("--host 0.0.0.0 warns on stderr what it exposes; the control endpoint then needs a token", async () => {
    const child = spawn(process.execPath, [cli, "--port", "0", "--host", "0.0.0.0"], { stdio: ["ignore", "pipe", "pipe"] });
    const done = exited(child);
    const port = /listening on http:\/\/0\.0\.0\.0:(\d+)$/.exec(await firstLineOf(child))?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/__emulator/requests`)).status).toBe(403);
    child.kill("SIGTERM");
    const { stderr } = await done;
    expect(stderr).toMatch(/^emulator: warning: listening on 0\.0\.0\.0, beyond loopback: whoever reaches this address can use the API, open to ANY Bearer token/);
    expect(stderr).toContain("/__emulator");
  });

  it("--help names the files and environment variables that keep secrets off the command line", async () => {
    const { code, stdout } = await exited(spawn(process.execPath, [cli, "--help"]));
    expect(code).toBe(0);
    for (const name of ["--token-file", "ITWIN_EMULATOR_TOKEN", "--client-secret-file", "ITWIN_EMULATOR_CLIENT_SECRET", "--control-token", "ITWIN_EMULATOR_CONTROL_TOKEN", "`ps`"]) {
      expect(stdout).toContain(name);
    }
  });

  it("exits 2 with the usage on a bad flag", async () => {
    const { code, stdout, stderr } = await exited(spawn(process.execPath, [cli, "--fail-rate", "lots"]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--fail-rate needs a number[\s\S]*Usage:/);
  });
});
