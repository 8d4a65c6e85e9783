// The command line of itwin-fleet, checked before anything runs: each bad flag is named with what it takes.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { OPERATIONS, type Operation } from "./report";
import type { Shard } from "./selection";

export const USAGE = `Usage:
  itwin-fleet <preview|up|refresh|drift|destroy> [--cwd DIR] [--stacks a,b] [--changed-since GITREF] [--shard K/N]
              [--parallel N] [--max-requests-per-minute N] [--report FILE.md] [--json FILE.json]
              [--expect-no-changes] [--no-refresh] [--yes]
  itwin-fleet report --merge A.json B.json... [--report FILE.md] [--json FILE.json] [--expect-no-changes]

The fleet is every Pulumi.<stack>.yaml of the project in --cwd (default: .). Exit code 1 when a stack failed, else 2
when drift found a difference (or preview/up given --expect-no-changes would change something), else 0.
See docs/fleet.md.`;

export interface Outputs {
  report?: string;
  json?: string;
  expectNoChanges: boolean;
}

export interface RunCommand extends Outputs {
  kind: "run";
  operation: Operation;
  cwd: string;
  stacks?: string[];
  changedSince?: string;
  shard?: Shard;
  parallel: number;
  maxRequestsPerMinute?: number;
  refresh: boolean;
  yes: boolean;
}

export interface MergeCommand extends Outputs {
  kind: "merge";
  files: string[];
}

export class UsageError extends Error {}

function positiveInt(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} takes a whole number above 0; got "${raw}"`);
  return value;
}

function shard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes K/N with 1 <= K <= N (this job's group of N); got "${raw}"`);
  return { index, count };
}

export function parseCommand(argv: string[]): RunCommand | MergeCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cwd: { type: "string" },
        stacks: { type: "string" },
        "changed-since": { type: "string" },
        shard: { type: "string" },
        parallel: { type: "string" },
        "max-requests-per-minute": { type: "string" },
        report: { type: "string" },
        json: { type: "string" },
        "expect-no-changes": { type: "boolean", default: false },
        "no-refresh": { type: "boolean", default: false },
        yes: { type: "boolean", default: false },
        merge: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  const outputs: Outputs = { report: v.report, json: v.json, expectNoChanges: v["expect-no-changes"] };
  if (command === "report") {
    if (!v.merge) throw new UsageError("report takes --merge followed by the JSON reports to merge");
    if (rest.length === 0) throw new UsageError("report --merge needs the JSON reports to merge (files written by --json)");
    const runOnly = ["cwd", "stacks", "changed-since", "shard", "parallel", "max-requests-per-minute", "no-refresh", "yes"].filter((f) => (v as Record<string, unknown>)[f]);
    if (runOnly.length) throw new UsageError(`report --merge does not take ${runOnly.map((f) => `--${f}`).join(", ")}`);
    return { kind: "merge", files: rest, ...outputs };
  }
  if (!OPERATIONS.includes(command as Operation)) {
    throw new UsageError(command === undefined ? "give an operation" : `unknown operation "${command}"; it is one of ${OPERATIONS.join(", ")}, or report --merge`);
  }
  if (rest.length) throw new UsageError(`unexpected argument(s): ${rest.join(" ")}`);
  if (v.merge) throw new UsageError("--merge belongs to: itwin-fleet report --merge A.json B.json");
  const operation = command as Operation;
  if (v["no-refresh"] && operation !== "preview" && operation !== "up") {
    throw new UsageError(`--no-refresh is for preview and up (which refresh first by default); ${operation === "drift" ? "drift always refreshes" : `${operation} does not refresh first`}`);
  }
  const stacks = v.stacks?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (v.stacks !== undefined && stacks!.length === 0) throw new UsageError('--stacks takes stack names separated by commas, e.g. --stacks plant-a,plant-b');
  return {
    kind: "run",
    operation,
    cwd: v.cwd ?? ".",
    stacks,
    changedSince: v["changed-since"],
    shard: v.shard === undefined ? undefined : shard(v.shard),
    parallel: v.parallel === undefined ? availableParallelism() : positiveInt("--parallel", v.parallel),
    maxRequestsPerMinute: v["max-requests-per-minute"] === undefined ? undefined : positiveInt("--max-requests-per-minute", v["max-requests-per-minute"]),
    refresh: !v["no-refresh"],
    yes: v.yes,
    ...outputs,
  };
}
