// One Pulumi stack of a benchmark program on a throwaway file backend: each command timed, with the provider
// process's peak memory.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchProviderMemory } from "./memory";

export interface Timed {
  ms: number;
  /** Peak resident memory of the provider process, bytes (undefined when none ran). */
  providerPeakBytes?: number;
}

export class BenchStack {
  private readonly backend = mkdtempSync(join(tmpdir(), "itwin-scale-state-"));
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly program: string,
    readonly name: string,
    env: Record<string, string> = {},
  ) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ITWIN_") && !k.startsWith("PULUMI_")));
    this.env = {
      ...inherited,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "itwin-sync-bench",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      ...env,
    };
  }

  /** Runs `pulumi <args>` on this stack; fails with the CLI's output when it exits non-zero. */
  async run(args: string[], env: Record<string, string> = {}): Promise<Timed & { stdout: string }> {
    const started = performance.now();
    const child = spawn("pulumi", [...args, "--non-interactive", "--stack", this.name], {
      cwd: this.program,
      env: { ...this.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const memory = watchProviderMemory(child.pid!);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c ?? -1));
    });
    const ms = performance.now() - started;
    const providerPeakBytes = memory.stop();
    if (code !== 0) throw new Error(`pulumi ${args.join(" ")} (${this.program}) exited ${code}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
    return { ms, providerPeakBytes, stdout };
  }

  async init(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    await this.run(["stack", "init"]);
    for (const [key, value] of Object.entries(config)) await this.run(["config", "set", key, value]);
    for (const [key, value] of Object.entries(secrets)) await this.run(["config", "set", "--secret", key, value]);
  }

  /** The stack's resources of `type`, each as compact JSON the way `pulumi stack export` gives it. */
  async exported(type: string): Promise<string[]> {
    const { stdout } = await this.run(["stack", "export"]);
    const resources: Array<{ type: string }> = JSON.parse(stdout).deployment.resources ?? [];
    return resources.filter((r) => r.type === type).map((r) => JSON.stringify(r));
  }

  async dispose(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]).catch(() => undefined);
    rmSync(join(this.program, `Pulumi.${this.name}.yaml`), { force: true });
    rmSync(this.backend, { recursive: true, force: true });
  }
}
