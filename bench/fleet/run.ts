// `npm run bench:fleet -- [--total 1000] [--stacks 10] [--runs 3] [--latency-ms 20] [--backends file,azblob]
// [--rate-limit 600] [--rate-stacks 4] [--ops up,preview,destroy] [--layouts one,side-by-side,sequential] [--out bench]`: `total` connections as one stack, as `stacks` stacks one after
// another (--parallel 1) and side by side (--parallel stacks), each on the file backend and on Azure Blob (Azurite):
// up, preview (which refreshes first) and destroy through itwin-fleet, medians of `runs`; drift over the stacks with
// --parallel 2 against one after another; and a drift under --max-requests-per-minute with the emulator's request log
// showing the busiest sliding minute. Writes bench/fleet.{json,md,svg} after every figure (a run cut short keeps what
// it measured). Each layout of each run gets fresh stacks on a fresh backend.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Azurite } from "../../test/harness/azurite";
import { exited } from "../../test/harness/process";
import { BENCH_TOKEN, EmulatorProcess } from "../scale/emulator";
import { fleet } from "../scale/fleet";
import { median } from "../scale/report";
import type { FleetReport } from "../../fleet/report";
import { fleetChart } from "./chart";
import { fleetMarkdown, LAYOUTS, type FleetBenchResult, type Layout, type Timing } from "./report";
import { busiestWindow } from "./windows";

const ROOT = resolve(__dirname, "../../..");
const CLI = join(ROOT, "dist", "fleet", "cli.js");
const EXAMPLE = join(ROOT, "examples", "fleet");
const BACKENDS = ["file", "azblob"] as const;
type Backend = (typeof BACKENDS)[number];

function settings(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      total: { type: "string", default: "1000" },
      stacks: { type: "string", default: "10" },
      runs: { type: "string", default: "3" },
      "latency-ms": { type: "string", default: "20" },
      backends: { type: "string", default: BACKENDS.join(",") },
      "rate-limit": { type: "string", default: "600" },
      "rate-stacks": { type: "string", default: "4" },
      ops: { type: "string", default: "up,preview,destroy" },
      layouts: { type: "string", default: LAYOUTS.join(",") },
      out: { type: "string", default: join(ROOT, "bench") },
    },
  });
  const int = (name: string, raw: string, min: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`);
    return value;
  };
  const backends = values.backends.split(",").map((b) => {
    if (!(BACKENDS as readonly string[]).includes(b)) throw new Error(`--backends takes ${BACKENDS.join(", ")}; got "${b}"`);
    return b as Backend;
  });
  const s = {
    total: int("total", values.total, 1),
    stacks: int("stacks", values.stacks, 2),
    runs: int("runs", values.runs, 1),
    latencyMs: int("latency-ms", values["latency-ms"], 0),
    rateLimit: int("rate-limit", values["rate-limit"], 2),
    rateStacks: int("rate-stacks", values["rate-stacks"], 1),
    backends,
    out: resolve(values.out),
    layouts: values.layouts.split(",").map((l) => {
      if (!(LAYOUTS as readonly string[]).includes(l)) throw new Error(`--layouts takes ${LAYOUTS.join(", ")}; got "${l}"`);
      return l as Layout;
    }),
    /** Without destroy, each run starts from fresh stacks and fresh iModels instead (quicker on a loaded machine). */
    destroy: values.ops.split(",").includes("destroy"),
  };
  if (s.total % s.stacks !== 0) throw new Error(`--total (${s.total}) must split evenly into --stacks (${s.stacks})`);
  return s;
}

/** A copy of examples/fleet two levels below the repository root (its plugin path ../.. holds), with generated
 * stack files: `count` stacks of `per` connections, two files each. */
class BenchProject {
  readonly dir: string;

  /** `seed` keeps this project's iModels and files apart from every other project's against the same emulator. */
  constructor(
    label: string,
    seed: number,
    count: number,
    per: number,
    private readonly env: Record<string, string>,
  ) {
    this.dir = join(ROOT, ".fleet-work", `bench-${label}-${process.pid}`);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    for (const file of readdirSync(EXAMPLE).filter((f) => !/^Pulumi\..+\.yaml$/.test(f))) cpSync(join(EXAMPLE, file), join(this.dir, file));
    mkdirSync(join(this.dir, "connections"));
    for (let s = 0; s < count; s++) {
      const stack = `s${String(s).padStart(2, "0")}`;
      const connections = fleet(per).map(({ name, displayName, sourceFiles }) => ({ name, displayName, sourceFiles: sourceFiles.map((f) => ({ ...f, storageFileId: `p${seed}-s${s}-${f.storageFileId}` })) }));
      // In a file beside the stack file: 1,000 connections are more config than the engine can hand a program.
      writeFileSync(join(this.dir, "connections", `${stack}.json`), JSON.stringify(connections));
      const config = { "itwin-fleet-example:iModelId": `f1ee7000-0000-4000-8000-${String(seed * 1000 + s).padStart(12, "0")}`, "itwin-fleet-example:connectionsFile": `connections/${stack}.json` };
      // JSON is YAML: the config as Pulumi reads it.
      writeFileSync(join(this.dir, `Pulumi.${stack}.yaml`), JSON.stringify({ config }) + "\n");
    }
  }

  /** Runs itwin-fleet; fails with its output unless it exits `expect`. */
  async fleet(args: string[], expect = 0): Promise<{ ms: number; report: FleetReport }> {
    const json = `${this.dir}-report.json`;
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args, "--json", json], { cwd: this.dir, env: { ...process.env, ...this.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    const { code, stdout, stderr } = await exited(child);
    const ms = performance.now() - started;
    const out = stdout + stderr;
    if (code !== expect) throw new Error(`itwin-fleet ${args.join(" ")} exited ${code} (expected ${expect})\n${out.slice(-6000)}`);
    return { ms, report: JSON.parse(readFileSync(json, "utf8")) };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.dir + "-report.json", { force: true });
  }
}

async function main(): Promise<void> {
  const s = settings(process.argv.slice(2));
  const machine = {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pulumi: execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
  const emulator = await EmulatorProcess.start(join(ROOT, "dist"), s.latencyMs);
  const azurite = s.backends.includes("azblob") ? await Azurite.start() : undefined;
  const fileStates: string[] = [];
  const projects: BenchProject[] = [];
  const per = s.total / s.stacks;
  const common = { ITWIN_BASE_URL: emulator.url, ITWIN_ACCESS_TOKEN: BENCH_TOKEN, PULUMI_CONFIG_PASSPHRASE: "itwin-fleet-bench", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
  const backendEnv = async (backend: Backend, label: string): Promise<Record<string, string>> => {
    if (backend === "azblob") {
      await azurite!.createContainer(label);
      return azurite!.backendEnv(label);
    }
    const dir = mkdtempSync(join(tmpdir(), "itwin-fleet-bench-state-"));
    fileStates.push(dir);
    return { PULUMI_BACKEND_URL: `file://${dir}` };
  };
  const timings: Timing[] = [];
  const record = (backend: Backend, layout: Layout | "drift-parallel-2" | "drift-sequential", op: string, ms: number) => {
    const row = timings.find((t) => t.backend === backend && t.layout === layout && t.op === op) ?? { backend, layout, op, ms: [] as number[] };
    if (!timings.includes(row)) timings.push(row);
    row.ms.push(Math.round(ms));
    process.stdout.write(` ${layout} ${op} ${(ms / 1000).toFixed(1)}s`);
  };
  let rate: FleetBenchResult["rateLimit"] | undefined;
  let seed = 0;
  // Written after every figure, so that a run cut short still leaves what it measured.
  const save = () => {
    const result: FleetBenchResult = {
      measuredAt: new Date().toISOString(),
      machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
      settings: { total: s.total, stacks: s.stacks, runs: s.runs, latencyMs: s.latencyMs, filesPerConnection: 2, program: "examples/fleet (itwin plugin)" },
      timings: timings.map((t) => ({ ...t, medianMs: median(t.ms) })),
      rateLimit: rate,
    };
    mkdirSync(s.out, { recursive: true });
    writeFileSync(join(s.out, "fleet.json"), JSON.stringify(result, null, 2) + "\n");
    writeFileSync(join(s.out, "fleet.md"), fleetMarkdown(result));
    writeFileSync(join(s.out, "fleet.svg"), fleetChart(result));
  };
  const project = async (backend: Backend, label: string, count: number, per: number) => {
    const made = new BenchProject(`${backend}-${label}`, ++seed, count, per, { ...common, ...(await backendEnv(backend, `${label}-${seed}-${process.pid}`)) });
    projects.push(made);
    return made;
  };
  /** The rate limit: a drift of `rateStacks` of the split stacks, two at a time under the limit, the emulator
   * enforcing it too; the busiest sliding minute of its request log against the limit. */
  const rateCheck = async (split: BenchProject) => {
    const names = Array.from({ length: Math.min(s.rateStacks, s.stacks) }, (_, i) => `s${String(i).padStart(2, "0")}`);
    await emulator.takeRequests();
    await emulator.faults({ rateLimit: s.rateLimit });
    const drift = await split.fleet(["drift", "--stacks", names.join(","), "--parallel", "2", "--max-requests-per-minute", String(s.rateLimit)]);
    const requests = await emulator.takeRequests();
    await emulator.faults({ rateLimit: 0 });
    const busiest = busiestWindow(requests.map((r) => Date.parse(r.time)));
    rate = {
      limit: s.rateLimit,
      stacks: names.length,
      connectionsPerStack: per,
      parallel: 2,
      sharePerStack: Math.floor(s.rateLimit / 2),
      requests: requests.length,
      status429: requests.filter((r) => r.status === 429).length,
      busiestMinute: busiest.count,
      ms: Math.round(drift.ms),
      statuses: drift.report.stacks.map((st) => st.status),
    };
    console.log(`\nrate limit ${s.rateLimit}/min: ${requests.length} requests in ${(drift.ms / 1000).toFixed(1)} s, busiest minute ${busiest.count}, ${rate.status429} × 429`);
    save();
  };
  try {
    // Layouts outside, backends inside, so that a run cut short has both backends of what it measured; the split
    // stacks one after another last (no target rests on them alone).
    for (let run = 0; run < s.runs; run++) {
      for (const layout of LAYOUTS.filter((l) => s.layouts.includes(l))) {
        for (const backend of run % 2 === 0 ? s.backends : [...s.backends].reverse()) {
          process.stdout.write(`${backend} run ${run + 1}/${s.runs}:`);
          const fleetOf = layout === "one" ? await project(backend, layout, 1, s.total) : await project(backend, layout, s.stacks, per);
          const parallel = ["--parallel", layout === "side-by-side" ? String(s.stacks) : "1"];
          const up = await fleetOf.fleet(["up", "--yes", ...parallel]);
          if (up.report.stacks.some((st) => st.status !== "changed")) throw new Error(`up did not create every stack: ${JSON.stringify(up.report.stacks)}`);
          record(backend, layout, "up", up.ms);
          save();
          const preview = await fleetOf.fleet(["preview", "--expect-no-changes", ...parallel]);
          record(backend, layout, "preview", preview.ms);
          save();
          if (layout === "side-by-side") {
            // drift over the split fleet, two at a time against one after another, in alternating order.
            for (const p of run % 2 === 0 ? ["2", "1"] : ["1", "2"]) {
              const drift = await fleetOf.fleet(["drift", "--parallel", p]);
              record(backend, p === "2" ? "drift-parallel-2" : "drift-sequential", "drift", drift.ms);
              save();
            }
            if (!rate && backend === "file") await rateCheck(fleetOf);
          }
          if (s.destroy) {
            const destroy = await fleetOf.fleet(["destroy", "--yes", ...parallel]);
            record(backend, layout, "destroy", destroy.ms);
            save();
          }
          process.stdout.write("\n");
        }
      }
    }
  } finally {
    for (const p of projects) p.dispose();
    for (const dir of fileStates) rmSync(dir, { recursive: true, force: true });
    emulator.stop();
    await azurite?.stop();
  }
  console.log(`Wrote ${join(s.out, "fleet.json")}, fleet.md and fleet.svg`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
