// `npm run bench:scale -- 10 100 500 [--runs 3] [--latency-ms 20] [--parallel 8] [--variants P,N,F,R] [--out bench]`:
// the provider (P), the native plugin (N), a no-op dynamic resource (F, the engine's floor) and a plain script making
// the minimal calls (R), alternating, for each N; medians, calls per operation, state bytes, provider memory; writes
// bench/scale.{json,md,svg}.
// `npm run bench:scale -- --rate-limit 500 1000`: a refresh of 1,000 connections under a 500 requests/minute limit,
// the client pacing itself, then with `ITWIN_MAX_REQUESTS_PER_MINUTE` set; writes bench/scale-rate-limit.{json,md}.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chartSvg } from "./chart";
import { BENCH_TOKEN, EmulatorProcess, route } from "./emulator";
import { fleet, FLEET_CONFIG } from "./fleet";
import { RawClient } from "./raw";
import { markdown, median, OPS, rateLimitMarkdown, VARIANT_NAMES, VARIANTS, type Machine, type Op, type Row, type StateRow, type Variant } from "./report";
import { BenchStack, type Timed } from "./stack";
import { STORAGE_CONNECTION_TYPE } from "../../provider/storage-connection/resource";

const ROOT = resolve(__dirname, "../../..");
const DIST = resolve(__dirname, "../..");

/** The resource type each Pulumi variant's stack holds. */
const RESOURCE_TYPES = { P: STORAGE_CONNECTION_TYPE, N: "itwin:index:StorageConnection", F: "pulumi-nodejs:dynamic/bench:Floor" } as const;
type StackVariant = keyof typeof RESOURCE_TYPES;

const USAGE = `Usage: npm run bench:scale -- <N>... [--runs 3] [--latency-ms 20] [--parallel 8] [--variants P,N,F,R] [--skip-checkpoints] [--out bench]
       npm run bench:scale -- --rate-limit <requests per minute> <N> [--latency-ms 20] [--parallel 8] [--out bench]`;

interface Settings {
  ns: number[];
  runs: number;
  latencyMs: number;
  parallel: number;
  variants: Variant[];
  out: string;
  /** PULUMI_SKIP_CHECKPOINTS=true for P and F: the state is written once at the end instead of after every step. */
  skipCheckpoints: boolean;
  rateLimit?: number;
}

function settings(argv: string[]): Settings {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: "string", default: "3" },
      "latency-ms": { type: "string", default: "20" },
      parallel: { type: "string", default: "8" },
      out: { type: "string", default: join(ROOT, "bench") },
      "rate-limit": { type: "string" },
      "skip-checkpoints": { type: "boolean", default: false },
      variants: { type: "string", default: VARIANTS.join(",") },
    },
  });
  const int = (name: string, raw: string, min: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"\n${USAGE}`);
    return value;
  };
  const ns = positionals.map((p) => int("N", p, 1)).sort((a, b) => a - b);
  if (ns.length === 0) throw new Error(`Give at least one N (number of connections).\n${USAGE}`);
  return {
    ns,
    runs: int("--runs", values.runs, 1),
    latencyMs: int("--latency-ms", values["latency-ms"], 0),
    parallel: int("--parallel", values.parallel, 1),
    variants: values.variants.split(",").map((v) => {
      if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`--variants takes ${VARIANTS.join(", ")}; got "${v}"\n${USAGE}`);
      return v as Variant;
    }),
    out: resolve(values.out),
    skipCheckpoints: values["skip-checkpoints"],
    rateLimit: values["rate-limit"] === undefined ? undefined : int("--rate-limit", values["rate-limit"], 1),
  };
}

function machine(): Machine {
  const pulumi = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pulumi,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** The P, N and F stacks, and R, against one emulator. */
class Bench {
  readonly stacks: Record<StackVariant, BenchStack>;
  readonly raw: RawClient;
  private configured: Record<StackVariant, { count?: number; renamed?: number }> = { P: {}, N: {}, F: {} };

  constructor(
    readonly emulator: EmulatorProcess,
    readonly s: Settings,
  ) {
    const program = (name: string) => join(ROOT, "bench", "scale", "programs", name);
    const env: Record<string, string> = s.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
    const stack = (name: string) => new BenchStack(program(name), `scale${process.pid}`, env);
    this.stacks = { P: stack("provider"), N: stack("plugin"), F: stack("floor") };
    this.raw = new RawClient(emulator.url, s.parallel);
  }

  async init(): Promise<void> {
    for (const variant of ["P", "N"] as const) {
      if (this.s.variants.includes(variant)) await this.stacks[variant].init({ "itwin:baseUrl": this.emulator.url }, { "itwin:accessToken": BENCH_TOKEN });
    }
    if (this.s.variants.includes("F")) await this.stacks.F.init({});
  }

  /** Sets the fleet's config when it differs from what the stack has (config commands are not timed). */
  async declare(variant: StackVariant, count: number, renamed: number): Promise<void> {
    const current = this.configured[variant];
    const stack = this.stacks[variant];
    if (current.count !== count) await stack.run(["config", "set", `${FLEET_CONFIG.namespace}:${FLEET_CONFIG.count}`, String(count)]);
    if (current.renamed !== renamed) await stack.run(["config", "set", `${FLEET_CONFIG.namespace}:${FLEET_CONFIG.renamed}`, String(renamed)]);
    this.configured[variant] = { count, renamed };
  }

  command(op: Op): string[] {
    const parallel = ["--parallel", String(this.s.parallel)];
    switch (op) {
      case "up":
      case "update":
        return ["up", "--yes", "--skip-preview", ...parallel];
      case "preview":
        // No drift was made, so a change proposed here would be a defect of the variant.
        return ["preview", "--refresh", "--expect-no-changes", ...parallel];
      case "refresh":
        return ["refresh", "--yes", "--skip-preview", ...parallel];
      case "destroy":
        return ["destroy", "--yes", "--skip-preview", ...parallel];
    }
  }

  /** Runs the five operations of one variant for N connections, from nothing back to nothing. */
  async sequence(
    variant: Variant,
    n: number,
    record: (op: Op, timed: Timed, calls: Record<string, number>) => void,
    created?: (stack: BenchStack) => Promise<void>,
  ): Promise<void> {
    const renamed = Math.max(1, Math.round(n / 10));
    await this.emulator.takeRequests();
    for (const op of OPS) {
      let timed: Timed;
      if (variant === "R") {
        const started = performance.now();
        const declared = fleet(n, op === "update" ? renamed : 0);
        if (op === "up") await this.raw.create(declared);
        else if (op === "preview" || op === "refresh") await this.raw.read(declared);
        else if (op === "update") await this.raw.rename(declared, renamed);
        else await this.raw.delete(declared);
        timed = { ms: performance.now() - started };
      } else {
        await this.declare(variant, n, op === "update" || op === "destroy" ? renamed : 0);
        timed = await this.stacks[variant].run(this.command(op));
      }
      const calls: Record<string, number> = {};
      for (const request of await this.emulator.takeRequests()) {
        const key = `${route(request)}${request.status === 429 ? " (429)" : ""}`;
        calls[key] = (calls[key] ?? 0) + 1;
      }
      record(op, timed, calls);
      if (op === "up" && created && variant !== "R") await created(this.stacks[variant]);
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(Object.values(this.stacks).map((s) => s.dispose()));
  }
}

async function scale(bench: Bench, s: Settings, m: Machine): Promise<void> {
  const rows = new Map<string, Row>();
  const state: StateRow[] = [];
  for (const n of s.ns) {
    for (let run = 0; run < s.runs; run++) {
      // Alternate the order so that no variant always runs first (or after the same neighbour) under shared load.
      const order = s.variants.map((_, i) => s.variants[(i + run) % s.variants.length]);
      for (const variant of order) {
        process.stdout.write(`N=${n} run ${run + 1}/${s.runs} ${variant}:`);
        const inspect = run === 0 ? async (stack: BenchStack) => void state.push({ n, variant, ...(await stateBytes(stack, variant)) }) : undefined;
        await bench.sequence(variant, n, (op, timed, calls) => {
          const key = `${n}/${variant}/${op}`;
          const row = rows.get(key) ?? { n, variant, op, ms: [], providerPeakBytes: [], calls };
          row.ms.push(Math.round(timed.ms));
          if (timed.providerPeakBytes !== undefined) row.providerPeakBytes.push(timed.providerPeakBytes);
          rows.set(key, row);
          process.stdout.write(` ${op} ${(timed.ms / 1000).toFixed(1)}s`);
        }, inspect);
        process.stdout.write("\n");
      }
    }
  }
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { ...m, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    settings: { ns: s.ns, runs: s.runs, latencyMs: s.latencyMs, parallel: s.parallel, skipCheckpoints: s.skipCheckpoints, filesPerConnection: 2 },
    rows: [...rows.values()].map((r) => ({ ...r, medianMs: median(r.ms), providerPeakMiB: r.providerPeakBytes.length ? median(r.providerPeakBytes) / 2 ** 20 : undefined })),
    state,
  };
  mkdirSync(s.out, { recursive: true });
  writeFileSync(join(s.out, "scale.json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(s.out, "scale.md"), markdown(result));
  writeFileSync(join(s.out, "scale.svg"), chartSvg(chartPanels(result.rows), `Median of ${s.runs} run(s); emulator latency ${s.latencyMs} ms; --parallel ${s.parallel}; ${m.cpu}; ${result.measuredAt.slice(0, 10)}`));
  console.log(`Wrote ${join(s.out, "scale.json")}, scale.md and scale.svg`);
}

/** State of the fleet once created: compact JSON per connection, and how much of it is the serialized provider. */
async function stateBytes(stack: BenchStack, variant: Variant): Promise<Omit<StateRow, "n" | "variant">> {
  const resources = await stack.exported(RESOURCE_TYPES[variant as StackVariant]);
  let total = 0;
  let provider = 0;
  for (const text of resources) {
    total += Buffer.byteLength(text);
    const { inputs, outputs } = JSON.parse(text) as { inputs?: { __provider?: string }; outputs?: { __provider?: string } };
    // As it sits in the JSON (escaped), in inputs and outputs.
    for (const copy of [inputs?.__provider, outputs?.__provider]) if (copy !== undefined) provider += Buffer.byteLength(JSON.stringify(copy));
  }
  const count = Math.max(1, resources.length);
  return { bytesPerConnection: Math.round(total / count), providerBytes: Math.round(provider / count) };
}

function chartPanels(rows: Array<Row & { medianMs: number }>) {
  const colors: Record<Variant, string> = { P: "#1f6fb4", N: "#d62728", F: "#8c8c8c", R: "#2ca02c" };
  const titles: Record<Op, string> = { up: "up (create), s", preview: "preview --refresh, s", refresh: "refresh, s", update: "update 10% (rename), s", destroy: "destroy, s" };
  return OPS.map((op) => ({
    title: titles[op],
    series: VARIANTS.filter((v) => rows.some((r) => r.variant === v)).map((variant) => ({
      label: VARIANT_NAMES[variant],
      color: colors[variant],
      points: rows
        .filter((r) => r.op === op && r.variant === variant)
        .sort((a, b) => a.n - b.n)
        .map((r) => [r.n, r.medianMs / 1000] as [number, number]),
    })),
  }));
}

/** A refresh of N connections under the emulator's per-minute limit: with the pacer alone, then with the ceiling set. */
async function rateLimited(bench: Bench, s: Settings, m: Machine, limit: number): Promise<void> {
  const n = s.ns[s.ns.length - 1];
  const stack = bench.stacks.P;
  await bench.declare("P", n, 0);
  // Setting up and tearing down are not measured: skip the per-step state writes there.
  const untimed = { PULUMI_SKIP_CHECKPOINTS: "true" };
  console.log(`Creating ${n} connections (no limit)…`);
  await stack.run(bench.command("up"), untimed);
  await bench.emulator.takeRequests();
  const unlimited = await stack.run(bench.command("refresh"));
  const calls = (await bench.emulator.takeRequests()).length;
  console.log(`refresh without a limit: ${(unlimited.ms / 1000).toFixed(1)} s, ${calls} calls`);
  // The limit lets `limit` calls through per sliding minute: the last batch cannot start before this.
  const batches = Math.ceil(calls / limit);
  const allowedMs = (batches - 1) * 60_000 + unlimited.ms * ((calls - (batches - 1) * limit) / calls);
  const runs = [];
  for (const ceiling of [undefined, limit]) {
    await bench.emulator.faults({ rateLimit: limit });
    const env: Record<string, string> = ceiling ? { ITWIN_MAX_REQUESTS_PER_MINUTE: String(ceiling) } : {};
    const timed = await stack.run(bench.command("refresh"), env);
    const requests = await bench.emulator.takeRequests();
    const tooMany = requests.filter((r) => r.status === 429).length;
    // Requests (and 429s) per 10 s from the first: how the limit shaped the run.
    const first = Math.min(...requests.map((r) => Date.parse(r.time)));
    const timeline: Record<string, number> = {};
    for (const r of requests) {
      const key = `${Math.floor((Date.parse(r.time) - first) / 10_000) * 10}s${r.status === 429 ? " 429" : ""}`;
      timeline[key] = (timeline[key] ?? 0) + 1;
    }
    runs.push({ maxRequestsPerMinute: ceiling ?? null, ms: Math.round(timed.ms), requests: requests.length, status429: tooMany, ratioToAllowed: Number((timed.ms / allowedMs).toFixed(3)), timeline });
    console.log(`refresh under ${limit}/min, ceiling ${ceiling ?? "unset"}: ${(timed.ms / 1000).toFixed(1)} s, ${tooMany} × 429`);
    // The next run starts with an empty window, as the first did.
    await bench.emulator.faults({ rateLimit: 0 });
    if (ceiling === undefined) await new Promise((r) => setTimeout(r, 61_000));
  }
  await stack.run(bench.command("destroy"), untimed);
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { ...m, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    settings: { n, limitPerMinute: limit, latencyMs: s.latencyMs, parallel: s.parallel },
    unlimited: { ms: Math.round(unlimited.ms), calls },
    allowedMs: Math.round(allowedMs),
    runs,
  };
  mkdirSync(s.out, { recursive: true });
  writeFileSync(join(s.out, "scale-rate-limit.json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(s.out, "scale-rate-limit.md"), rateLimitMarkdown(result));
  console.log(`Wrote ${join(s.out, "scale-rate-limit.json")} and scale-rate-limit.md`);
}

async function main(): Promise<void> {
  const s = settings(process.argv.slice(2));
  const m = machine();
  const emulator = await EmulatorProcess.start(DIST, s.latencyMs);
  const bench = new Bench(emulator, s);
  try {
    await bench.init();
    if (s.rateLimit) await rateLimited(bench, s, m, s.rateLimit);
    else await scale(bench, s, m);
  } finally {
    await bench.dispose();
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
