#!/usr/bin/env node
// itwin-fleet: one operation over every stack of a project (see fleet/args.ts for the command line, docs/fleet.md).
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseCommand, USAGE, UsageError, type MergeCommand, type Outputs, type RunCommand } from "./args";
import { changedSince, programDependencies } from "./changes";
import { discoverStacks, stackFileSets, type FleetStack } from "./discovery";
import { runFleet } from "./fleet";
import { PlainProgress, TerminalProgress } from "./progress";
import { exitCode, mergeReports, parseReport, renderMarkdown, type FleetReport } from "./report";
import { pickChanged, pickNamed, pickShard } from "./selection";

/** Operations that change stacks: asked for on a terminal, or confirmed with --yes. */
const WRITES = new Set(["up", "refresh", "destroy"]);
const RATE_LIMIT_KEY = "itwin:maxRequestsPerMinute";

function select(command: RunCommand, projectDir: string): FleetStack[] {
  let stacks = discoverStacks(projectDir);
  if (command.stacks) stacks = pickNamed(stacks, command.stacks);
  if (command.changedSince !== undefined) {
    const texts = new Map(stacks.map((s) => [s.name, readFileSync(join(projectDir, s.file), "utf8")]));
    stacks = pickChanged(stacks, changedSince(projectDir, command.changedSince), programDependencies(projectDir), texts);
  }
  return command.shard ? pickShard(stacks, command.shard) : stacks;
}

async function confirmed(command: RunCommand, stacks: FleetStack[]): Promise<boolean> {
  if (command.yes || !WRITES.has(command.operation) || stacks.length === 0) return true;
  if (!process.stdin.isTTY) throw new UsageError(`${command.operation} changes ${stacks.length} stack(s) and there is no terminal to ask: add --yes`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`itwin-fleet ${command.operation} on ${stacks.length} stack(s): ${stacks.map((s) => s.name).join(", ")}. Go on? [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

function write(outputs: Outputs, report: FleetReport): number {
  const markdown = renderMarkdown(report);
  for (const [file, text] of [[outputs.report, markdown], [outputs.json, JSON.stringify(report, null, 2) + "\n"]] as const) {
    if (!file) continue;
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text);
  }
  process.stdout.write(markdown);
  return exitCode(report, outputs.expectNoChanges);
}

async function run(command: RunCommand): Promise<number> {
  const projectDir = realpathSync(resolve(command.cwd));
  const stacks = select(command, projectDir);
  if (command.maxRequestsPerMinute !== undefined) {
    const own = stacks.filter((s) => stackFileSets(projectDir, s, RATE_LIMIT_KEY)).map((s) => s.file);
    if (own.length) throw new UsageError(`${own.join(", ")} set ${RATE_LIMIT_KEY}, which would win over the fleet's share of --max-requests-per-minute: remove it from the stack file(s)`);
  }
  if (!(await confirmed(command, stacks))) {
    process.stderr.write("Nothing was run.\n");
    return 1;
  }
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write("\nCancelling: the running stacks stop at a safe point, the others do not start (Ctrl-C again to quit at once).\n");
    abort.abort();
  };
  process.on("SIGINT", onSigint);
  const view = process.stderr.isTTY && !process.env.CI ? new TerminalProgress(process.stderr, command.operation) : new PlainProgress(process.stderr, command.operation);
  let report: FleetReport;
  try {
    report = await runFleet({
      projectDir,
      operation: command.operation,
      stacks,
      parallel: command.parallel,
      maxRequestsPerMinute: command.maxRequestsPerMinute,
      refresh: command.refresh,
      env: {},
      signal: abort.signal,
      view,
    });
  } finally {
    view.close();
    process.off("SIGINT", onSigint);
  }
  return write(command, report);
}

function merge(command: MergeCommand): number {
  const reports = command.files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    return parseReport(text, file);
  });
  return write(command, mergeReports(reports));
}

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2));
  return command.kind === "merge" ? merge(command) : run(command);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`itwin-fleet: ${message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ""}`);
    process.exit(1);
  },
);
