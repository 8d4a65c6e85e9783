// `npm run demo` end to end, as a user runs it, on a throwaway backend: create, run, drift, heal; then --destroy.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exited, type Exited } from "../harness/process";
import { REPO_ROOT } from "../harness/pulumi";

const work = mkdtempSync(join(tmpdir(), "itwin-demo-"));
const stack = `demo${process.pid}`;
const env = {
  ...process.env,
  PULUMI_BACKEND_URL: `file://${work}`,
  PULUMI_CONFIG_PASSPHRASE: "itwin-sync-local",
  ITWIN_DEMO_STACK: stack,
  ITWIN_DEMO_PORT: "0",
  ITWIN_DEMO_DATA: join(work, "emulator.db"),
};

/** Runs `npm run <script> -- <args>` from the repo root, as the README says. */
async function npmRun(script: string, ...args: string[]): Promise<Exited & { output: string }> {
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const result = await exited(child);
  return { ...result, output: result.stdout + result.stderr };
}

afterAll(() => {
  rmSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), { force: true });
  rmSync(work, { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("creates the connections, runs them, shows the drift made by hand and heals it", async () => {
    const { code, output } = await npmRun("demo");
    expect(code, output).toBe(0);
    const steps = [...output.matchAll(/^=== (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(output).toContain('{"architecture":"Completed: Success","mep":"Completed: Success","site":"Completed: Success","structure":"Completed: Success"}');
    // The preview reports exactly the two changes made by hand, then the check fails as a drift job would.
    expect(output).toMatch(/~ displayName\s*: "Structure \(edited in the portal\)" => "Structure"/);
    expect(output).toMatch(/~ connectorType: "MSTN" => "IFC"/);
    expect(output).toMatch(/~ 1 to update\s+4 unchanged/);
    expect(output).toContain("Drift found, exactly the two changes made by hand");
    expect(output).toMatch(/Connection \S+ is "Structure" again; the preview shows no change\./);
    expect(output).toContain("npm run demo -- --destroy");
    expect(existsSync(env.ITWIN_DEMO_DATA)).toBe(true);

    // The command the demo prints for exploring the stack it leaves.
    const explore = await npmRun("pulumi", "stack", "output", "--stack", stack, "--json");
    expect(explore.code, explore.output).toBe(0);
    const outputs = JSON.parse(explore.stdout);
    expect(Object.keys(outputs.connectionIds).sort()).toEqual(["architecture", "mep", "site", "structure"]);

    // The command it prints for talking to the stack again: the emulator restarts with the demo's connections.
    // Its own process group, so that stopping it reaches the emulator under npm and the toolchain script.
    const emulator = spawn("npm", ["run", "--silent", "emulator", "--", "--port", "0", "--data", env.ITWIN_DEMO_DATA], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        emulator.stdout.on("data", (d: Buffer) => {
          const match = /listening on (http:\/\/\S+)/.exec(String(d));
          if (match) resolve(match[1]);
        });
        emulator.on("close", (code) => reject(new Error(`emulator exited ${code}`)));
      });
      const res = await fetch(`${url}/synchronization/imodels/storageconnections/${outputs.connectionIds.structure}`, {
        headers: { Authorization: "Bearer any" },
      });
      expect(((await res.json()) as { connection: { displayName: string } }).connection.displayName).toBe("Structure");
    } finally {
      process.kill(-emulator.pid!, "SIGTERM");
    }

    // Pointing the same stack at Bentley's API is one config change (the README's command).
    const point = await npmRun("pulumi", "config", "set", "itwin:baseUrl", "https://api.bentley.com", "--stack", stack);
    expect(point.code, point.output).toBe(0);
    const baseUrl = await npmRun("pulumi", "config", "get", "itwin:baseUrl", "--stack", stack);
    expect(baseUrl.stdout.trim()).toBe("https://api.bentley.com");
  });

  it("removes the connections and the stack with --destroy", async () => {
    const { code, output } = await npmRun("demo", "--destroy");
    expect(code, output).toBe(0);
    expect(output).toMatch(/- 5 deleted|5 deleted/);
    expect(output).toContain(`The demo stack "${stack}" and its connections are gone.`);
    expect(existsSync(env.ITWIN_DEMO_DATA)).toBe(false);
  });
});
