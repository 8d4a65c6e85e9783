// One fault scenario: a fresh emulator and stack, the fleet's lifecycle (create, update, refresh, destroy) through the
// real CLI under one fault, each command tried up to 3 times, the API audited against the state after each.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FaultSettings, LoggedRequest } from "../../emulator";
import { SYNC_PATH } from "../../api/contract";
import type { SyncClient } from "../../provider/client/sync-client";
import { ADOPT_EXACT_COMMAND } from "../../provider/storage-connection/adoption";
import { ConnectionsStack, type ConnectionSpec } from "../harness/connections";
import { TestEmulator } from "../harness/emulator";
import type { CliResult } from "../harness/pulumi";
import { audit, type Audit } from "./audit";
import { fleet, iModelIds, type FleetSize } from "./fleet";
import { errorsOf, unclearMessages } from "./messages";
import { commandLine, descendants, kill } from "./processes";

export const TOKEN = "fault-suite-token-not-a-secret";
export const MAX_TRIES = 3;
/** Enough for every request of one command of the full fleet: the suite reads the log after each. */
export const LOG_SIZE = 100_000;
/** Far above the default 16 MiB, so that no request of a run is let go. */
export const LOG_BYTES = 2 * 1024 ** 3;
const NO_FAULTS: Partial<FaultSettings> = { latencyMs: 0, latencyRate: 1, failRate: 0, resetRate: 0, rateLimit: 0, dropAnswerEvery: 0 };

export interface Scenario {
  fault: string;
  rate: string;
  /** Emulator faults while the commands run (off while the suite audits). */
  faults?: Partial<FaultSettings>;
  /** The stack's environment, e.g. a short client deadline. */
  env?: Record<string, string>;
  /** SIGKILL this process once a third of the creates are sent; then the recovery of docs/reliability.md. */
  interrupt?: "provider" | "cli";
}

export interface Row {
  fault: string;
  rate: string;
  /** Tries per command, create/update/refresh/destroy. */
  tries: number[];
  converged: boolean;
  duplicates: number;
  orphans: number;
  lost: number;
  mismatched: number;
  /** Failed tries' messages that lack the operation, the cause or the fix, or print a stack trace. */
  unclear: string[];
  /** Audit findings and what the suite did between tries. */
  notes: string[];
  /** Requests per write operation whose answer was lost (status null in the emulator's log). */
  lostAnswers: Record<string, number>;
  /** After a kill: connections the API made that the state did not record (the recovery's work). */
  unrecorded?: number;
}

export function newRow(fault: string, rate: string): Row {
  return { fault, rate, tries: [], converged: true, duplicates: 0, orphans: 0, lost: 0, mismatched: 0, unclear: [], notes: [], lostAnswers: {} };
}

type Command = { label: string; args: string[]; declared: ConnectionSpec[]; interrupt?: Scenario["interrupt"] };

export async function runScenario(scenario: Scenario, size: FleetSize): Promise<Row> {
  const emulator = await TestEmulator.start({ token: TOKEN, runStepMs: 20, requestLogSize: LOG_SIZE, requestLogBytes: LOG_BYTES });
  const api = emulator.client({}, TOKEN);
  const stack = new ConnectionsStack(scenario.env ?? {});
  const row = newRow(scenario.fault, scenario.rate);
  try {
    await stack.init({ "itwin:baseUrl": emulator.url }, { "itwin:accessToken": TOKEN });
    const v1 = fleet(size, 1);
    const v2 = fleet(size, 2);
    const commands: Command[] = [
      { label: "create", args: ["up", "--yes", "--skip-preview"], declared: v1, interrupt: scenario.interrupt },
      { label: "update", args: ["up", "--yes", "--skip-preview"], declared: v2 },
      { label: "refresh", args: ["refresh", "--yes", "--skip-preview"], declared: v2 },
      { label: "destroy", args: ["destroy", "--yes", "--skip-preview"], declared: [] },
    ];
    for (const command of commands) {
      if (command.label !== "destroy") await stack.declare(command.declared);
      emulator.running.requestLog.clear();
      await emulator.faults({ ...NO_FAULTS, ...scenario.faults });
      const { tries, converged } = await converge(api, stack, emulator, command, size, row);
      await emulator.faults(NO_FAULTS);
      countLostAnswers(emulator.running.requestLog.list(), row.lostAnswers);
      row.tries.push(tries);
      if (!converged) {
        row.converged = false;
        row.notes.push(`${command.label}: not converged after ${MAX_TRIES} tries`);
      }
      record(row, command.label, await audit(api, stack, iModelIds(size), command.declared));
    }
  } finally {
    await stack.dispose();
    await emulator.close();
  }
  return row;
}

/** Runs the command until it succeeds, at most MAX_TRIES times, doing between tries what the failure said to do. */
async function converge(
  api: SyncClient,
  stack: ConnectionsStack,
  emulator: TestEmulator,
  command: Command,
  size: FleetSize,
  row: Row,
): Promise<{ tries: number; converged: boolean }> {
  let env: Record<string, string> = {};
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    if (attempt === 1 && command.interrupt) {
      await interrupted(stack, emulator, command, size, row);
      // What docs/reliability.md, "Recovering after an interrupted `up`", says to do next.
      if (command.interrupt === "cli") await recoverFromKilledCli(stack, row);
      row.unrecorded = (await audit(api, stack, iModelIds(size), [])).orphans;
      row.notes.push(`${command.label}: after the kill the API holds ${row.unrecorded} connections the state does not`);
      env = { ITWIN_ADOPT_ON_CONFLICT: "exact" };
      continue;
    }
    const result = await stack.run(command.args, env);
    if (result.code === 0) return { tries: attempt, converged: true };
    const output = `${result.stdout}\n${result.stderr}`;
    for (const problem of unclearMessages(output)) row.unclear.push(`${command.label} try ${attempt}: ${problem}`);
    row.notes.push(`${command.label} try ${attempt} failed: ${firstError(output)}`);
    if (output.includes(ADOPT_EXACT_COMMAND)) env = { ITWIN_ADOPT_ON_CONFLICT: "exact" };
  }
  return { tries: MAX_TRIES, converged: false };
}

/** Starts the command, SIGKILLs the provider or the CLI once a third of the connections are POSTed, and returns the
 * killed run's result. Whatever the killed CLI left running (language host, provider) is ended afterwards. */
async function interrupted(
  stack: ConnectionsStack,
  emulator: TestEmulator,
  command: Command,
  size: FleetSize,
  row: Row,
): Promise<CliResult> {
  const { child, result } = stack.start(command.args);
  let exited = false;
  void result.then(() => (exited = true));
  const threshold = Math.ceil(size.connections / 3);
  while (!exited && creates(emulator.running.requestLog.list()) < threshold) await sleep(50);
  if (exited) throw new Error(`the ${command.label} finished before ${threshold} creates were sent: nothing was interrupted`);
  const started = descendants(child.pid!);
  if (command.interrupt === "provider") {
    const providers = started.filter((pid) => commandLine(pid).includes("dynamic-provider"));
    if (providers.length === 0) throw new Error("no dynamic-provider process found under the CLI");
    providers.forEach(kill);
  } else {
    kill(child.pid!);
  }
  row.notes.push(`${command.label}: SIGKILLed the ${command.interrupt} after ${creates(emulator.running.requestLog.list())} creates`);
  const killed = await result;
  // A killed CLI's children live on (as they would on a user's machine) and finish what they were doing; then end them.
  await sleep(2000);
  started.forEach(kill);
  return killed;
}

async function recoverFromKilledCli(stack: ConnectionsStack, row: Row): Promise<void> {
  for (const empty of emptyCheckpointAttributes(stack.backend)) {
    rmSync(empty);
    row.notes.push(`the killed CLI left ${empty.split("/").slice(-1)[0]} empty: deleted (docs/reliability.md)`);
  }
  for (const args of [["cancel", "--yes"], ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]]) {
    const done = await stack.run(args);
    row.notes.push(`recovery \`pulumi ${args.join(" ")}\` exited ${done.code}`);
  }
}

/** The checkpoint metadata files a CLI killed mid-save leaves empty (`failed to load checkpoint: EOF`). */
function emptyCheckpointAttributes(backend: string): string[] {
  const stacks = join(backend, ".pulumi", "stacks");
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks, { recursive: true, encoding: "utf8" })
    .map((file) => join(stacks, file))
    .filter((file) => file.endsWith(".json.attrs") && statSync(file).size === 0);
}

function creates(log: readonly LoggedRequest[]): number {
  return log.filter((r) => r.method === "POST" && r.path === `${SYNC_PATH}/storageconnections`).length;
}

/** Lost answers per write operation, the ids in the path replaced by placeholders. */
function countLostAnswers(log: readonly LoggedRequest[], into: Record<string, number>): void {
  for (const r of log) {
    if (r.status !== null || r.method === "GET") continue;
    const operation = `${r.method} ${r.path.split("?")[0].replace(`${SYNC_PATH}/`, "").replace(/\/[^/]{20,}/g, "/{id}")}`;
    into[operation] = (into[operation] ?? 0) + 1;
  }
}

/** Keeps the worst count of each kind seen after any command, and every finding. */
export function record(row: Row, label: string, found: Audit): void {
  row.duplicates = Math.max(row.duplicates, found.duplicates);
  row.orphans = Math.max(row.orphans, found.orphans);
  row.lost = Math.max(row.lost, found.lost);
  row.mismatched = Math.max(row.mismatched, found.mismatched);
  for (const finding of found.findings) row.notes.push(`after ${label}: ${finding}`);
}

function firstError(output: string): string {
  return (errorsOf(output)[0] ?? output.trim().split("\n").slice(-1)[0] ?? "").slice(0, 400);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
