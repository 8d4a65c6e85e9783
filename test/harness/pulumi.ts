// Runs the real Pulumi CLI on a program directory, with a throwaway file backend per stack.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exited, type Exited } from "./process";

export const REPO_ROOT = resolve(__dirname, "../..");
export const PASSPHRASE = "itwin-sync-test";

export type CliResult = Exited;

export interface StackOptions {
  /** Program directory, relative to the repo root or absolute. */
  program: string;
  /** Extra environment for every command (e.g. ITWIN_* fallbacks). */
  env?: Record<string, string>;
  /** Type-check the program like a user's run does (slower); test programs skip it. */
  typeCheck?: boolean;
  /** Run this program on that stack (its backend and name), as when a project's program is replaced. */
  stackOf?: PulumiStack;
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  parent?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

let counter = 0;

export class PulumiStack {
  readonly dir: string;
  readonly name: string;
  readonly backend: string;
  /** Everything the CLI printed, for the "no secret in the logs" checks. */
  readonly log: string[] = [];
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: StackOptions) {
    this.dir = resolve(REPO_ROOT, options.program);
    this.name = options.stackOf?.name ?? `t${process.pid}x${++counter}`;
    this.backend = options.stackOf?.backend ?? mkdtempSync(join(tmpdir(), "itwin-sync-state-"));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ITWIN_")));
    this.env = {
      ...inherited,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: options.typeCheck ? "false" : "true",
      // Short waits so runs and retries finish quickly against the emulator.
      ITWIN_RUN_POLL_INTERVAL_MS: "100",
      ITWIN_HTTP_RETRY_BASE_MS: "50",
      ...options.env,
    };
  }

  run(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    return this.start(args, extraEnv).result;
  }

  /** Starts a command: the process (to signal it midway) and its result once it has exited. */
  start(args: string[], extraEnv: Record<string, string> = {}): { child: ChildProcess; result: Promise<CliResult> } {
    // Commands outside a stack (`version`, `package gen-sdk`) take no --stack.
    const stackArgs = ["version", "package"].includes(args[0]) ? [] : ["--non-interactive", "--stack", this.name];
    // Flags go before a `--`, after which the CLI reads every word as an argument (ids may begin with "-").
    const end = args.includes("--") ? args.indexOf("--") : args.length;
    const child = spawn("pulumi", [...args.slice(0, end), ...stackArgs, ...args.slice(end)], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result = exited(child).then((done) => {
      this.log.push(done.stdout, done.stderr);
      return done;
    });
    return { child, result };
  }

  /** Runs a shell script (e.g. a README's) in the program's folder with this stack selected (PULUMI_STACK). */
  async shell(script: string): Promise<CliResult> {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], {
      cwd: this.dir,
      env: { ...this.env, PULUMI_STACK: this.name },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result = await exited(child);
    this.log.push(result.stdout, result.stderr);
    return result;
  }

  /** Runs and fails the test with the CLI's own output when the command fails. */
  async ok(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  async init(config: Record<string, string> = {}, secrets: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init"]);
    for (const [key, value] of Object.entries(config)) await this.ok(["config", "set", key, value]);
    for (const [key, value] of Object.entries(secrets)) await this.ok(["config", "set", "--secret", key, value]);
  }

  up(extra: string[] = []): Promise<CliResult> {
    return this.ok(["up", "--yes", "--skip-preview", ...extra]);
  }

  async outputs<T = Record<string, unknown>>(): Promise<T> {
    return JSON.parse((await this.ok(["stack", "output", "--json", "--show-secrets"])).stdout) as T;
  }

  /** Resources of the stack as `pulumi stack export` gives them (secrets stay encrypted). */
  async exported(): Promise<ExportedResource[]> {
    return (await this.deployment()).resources;
  }

  /** The exported deployment: its resources and the operations an interrupted run left pending. */
  async deployment(): Promise<{ resources: ExportedResource[]; pendingOperations: Array<{ type: string; resource: ExportedResource }> }> {
    const { deployment } = JSON.parse((await this.ok(["stack", "export"])).stdout);
    return { resources: deployment.resources ?? [], pendingOperations: deployment.pending_operations ?? [] };
  }

  /** The one resource of the given type and name. */
  async resource(type: string, name: string): Promise<ExportedResource | undefined> {
    return (await this.exported()).find((r) => r.type === type && r.urn.endsWith(`::${name}`));
  }

  /** The checkpoint file of the stack, as it sits in the backend. */
  stateFile(): string {
    const project = readFileSync(join(this.dir, "Pulumi.yaml"), "utf8").match(/^name:\s*(\S+)/m)![1];
    return readFileSync(join(this.backend, ".pulumi", "stacks", project, `${this.name}.json`), "utf8");
  }

  async dispose(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    rmSync(join(this.dir, `Pulumi.${this.name}.yaml`), { force: true });
    rmSync(this.backend, { recursive: true, force: true });
  }
}
