// A copy of examples/fleet in its own git repository (under .fleet-work/, two levels below the repository root, so
// the example's plugin path ../.. still finds pulumi-resource-itwin and its imports resolve to this checkout), and
// the real itwin-fleet CLI (dist/fleet/cli.js) run in it.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FleetReport } from "../../fleet/report";
import { PASSPHRASE, REPO_ROOT } from "../harness/pulumi";
import { exited, type Exited } from "../harness/process";

const EXAMPLE = join(REPO_ROOT, "examples", "fleet");
const WORK = join(REPO_ROOT, ".fleet-work");
const CLI = join(REPO_ROOT, "dist", "fleet", "cli.js");
let counter = 0;

/** The example's iModel per stack, as its stack files give them. */
export const IMODELS: Record<string, string> = {
  campus: "9c4b2e8a-6d1f-4a3b-b5e7-0e9d2c6f8a03",
  "plant-north": "0f2c1a5e-3b7d-4c1e-9a6f-2d8e4b7c9a01",
  "plant-south": "5a9e7d3c-1f2b-4e6a-8c0d-7b3f9e2a4c02",
};

export class FleetProject {
  readonly dir: string;
  /** Where the tests write reports: outside the repository, as CI writes them to $RUNNER_TEMP. */
  readonly out: string;
  private readonly env: NodeJS.ProcessEnv;

  /** `env`: the backend's and the API's settings for every command. */
  constructor(label: string, env: Record<string, string>) {
    this.dir = join(WORK, `${label}-${process.pid}-${++counter}`);
    this.out = `${this.dir}-out`;
    mkdirSync(this.dir, { recursive: true });
    mkdirSync(this.out, { recursive: true });
    for (const file of readdirSync(EXAMPLE)) cpSync(join(EXAMPLE, file), join(this.dir, file));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ITWIN_") && !k.startsWith("PULUMI_") && k !== "CI"));
    this.env = {
      ...inherited,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      // Short waits so runs and retries finish quickly against the emulator.
      ITWIN_RUN_POLL_INTERVAL_MS: "100",
      ITWIN_HTTP_RETRY_BASE_MS: "50",
      ...env,
    };
    this.git(["init", "-q", "-b", "main"]);
    this.commit("the fleet");
  }

  git(args: string[]): string {
    return execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], { cwd: this.dir, encoding: "utf8" });
  }

  commit(message: string): string {
    this.git(["add", "-A"]);
    this.git(["commit", "-q", "--allow-empty", "-m", message]);
    return this.git(["rev-parse", "HEAD"]).trim();
  }

  /** Runs `itwin-fleet <args>` in the project (the CI environment: plain progress lines). */
  fleet(args: string[], env: Record<string, string> = {}): Promise<Exited> {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: this.dir, env: { ...this.env, CI: "true", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    return exited(child);
  }

  /** Runs a workflow step's shell command (e.g. `npx itwin-fleet …`) with `itwin-fleet` on PATH. */
  shell(script: string, env: Record<string, string> = {}): Promise<Exited> {
    const bin = join(WORK, ".bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "itwin-fleet"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const child = spawn("bash", ["-eo", "pipefail", "-c", script], {
      cwd: this.dir,
      env: { ...this.env, CI: "true", PATH: `${bin}:${process.env.PATH}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return exited(child);
  }

  /** Runs `pulumi <args>` on one stack of the project. */
  pulumi(stack: string, args: string[]): string {
    return execFileSync("pulumi", [...args, "--stack", stack, "--non-interactive"], { cwd: this.dir, env: this.env, encoding: "utf8" });
  }

  /** The stack's resources as the backend holds them. */
  resources(stack: string): Array<{ urn: string; type: string; id?: string }> {
    return JSON.parse(this.pulumi(stack, ["stack", "export"])).deployment.resources ?? [];
  }

  read(file: string): string {
    return readFileSync(join(this.dir, file), "utf8");
  }

  write(file: string, text: string): void {
    writeFileSync(join(this.dir, file), text);
  }

  remove(file: string): void {
    rmSync(join(this.dir, file));
  }

  /** A file the fleet wrote into `out`. */
  outText(file: string): string {
    return readFileSync(join(this.out, file), "utf8");
  }

  /** A JSON report the fleet wrote into `out`. */
  report(file: string): FleetReport {
    return JSON.parse(this.outText(file)) as FleetReport;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.out, { recursive: true, force: true });
  }
}

/** A failed command's output, for the assertion message. */
export function output(result: Exited): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
