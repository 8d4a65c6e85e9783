// `npm run bench:emulator-persistence`: what --data costs and what it keeps. Creates per second among 100 and among
// 10,000 stored connections (with --data, and in memory for the floor), and acknowledged creates lost when the
// emulator is killed (SIGKILL) in the middle of a burst (target 0). Prints a Markdown report; the figures are written
// down in docs/performance.md, never asserted in a test.
//
//   npm run bench:emulator-persistence [-- --before <old dist/emulator/cli.js>]
//
// `--before` measures another build's CLI the same way (e.g. one from before the data file was SQLite).
import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spawnEmulator } from "../scale/emulator";

const CLI = join(__dirname, "..", "..", "emulator", "cli.js");
const CONNECTIONS = "/synchronization/imodels/storageconnections";
const SIZES = [100, 10_000];
/** Creates timed per figure, and clients sending them at once. */
const WRITES = 2_000;
const CLIENTS = 16;
/** Kill rounds: creates acknowledged before the kill, among a store of this size. */
const KILL_ROUNDS = 5;
const KILL_AFTER = 300;
const KILL_STORE = 2_000;
/** Fixtures per POST /__emulator/fixtures (bodies are capped at 1 MiB). */
const BATCH = 1_000;
/** No request waits longer than this: a hung emulator ends the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 60_000;

interface Emulator {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
}

async function start(cli: string, args: string[]): Promise<Emulator> {
  const { child, url } = await spawnEmulator(cli, ["--port", "0", "--no-seed", "--request-log-size", "0", ...args]);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  return { url, child, exited };
}

async function stop(emulator: Emulator, signal: NodeJS.Signals): Promise<void> {
  emulator.child.kill(signal);
  await emulator.exited;
}

function connection(): object {
  return {
    displayName: "bench",
    iModelId: randomUUID(),
    authenticationType: "Service",
    sourceFiles: [{ storageFileId: `file-${randomBytes(9).toString("base64url")}`, connectorType: "MSTN" }],
  };
}

async function preload(url: string, size: number): Promise<void> {
  for (let done = 0; done < size; done += BATCH) {
    const storageConnections = Array.from({ length: Math.min(BATCH, size - done) }, (_, i) => ({
      ...connection(),
      id: `${String(done + i).padStart(8, "0")}${"p".repeat(35)}`,
    }));
    const res = await fetch(`${url}/__emulator/fixtures`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ storageConnections }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 204) throw new Error(`fixtures: ${res.status} ${await res.text()}`);
  }
}

/** Why creates were not acknowledged (status or error), with counts: printed to stderr. */
const refusals = new Map<string, number>();

/** One create; its id when acknowledged (201), else undefined (refused, or cut off). */
async function create(url: string): Promise<string | undefined> {
  let reason: string;
  try {
    const res = await fetch(`${url}${CONNECTIONS}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer bench" },
      body: JSON.stringify(connection()),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await res.json()) as { connection?: { id: string } };
    if (res.status === 201 && body.connection) return body.connection.id;
    reason = `${res.status} ${JSON.stringify(body)}`;
  } catch (error) {
    reason = String((error as Error).cause ?? error);
  }
  refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  return undefined;
}

/** `count` creates from CLIENTS clients at once (stopping early once `until` says so); the acknowledged ids. */
async function burst(url: string, count: number, until: (acknowledged: number) => boolean = () => false): Promise<string[]> {
  const acknowledged: string[] = [];
  let sent = 0;
  const client = async () => {
    while (sent < count && !until(acknowledged.length)) {
      sent++;
      const id = await create(url);
      if (id) acknowledged.push(id);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return acknowledged;
}

/** Creates acknowledged per second once the store holds `size` connections, and those that were not. */
async function writesPerSecond(cli: string, size: number, persisted: boolean): Promise<{ rate: number; failed: number }> {
  const dir = mkdtempSync(join(tmpdir(), "itwin-bench-data-"));
  const emulator = await start(cli, persisted ? ["--data", join(dir, "data.db")] : []);
  try {
    await preload(emulator.url, size);
    await burst(emulator.url, 100); // warm-up
    const started = performance.now();
    const acknowledged = await burst(emulator.url, WRITES);
    const seconds = (performance.now() - started) / 1000;
    return { rate: acknowledged.length / seconds, failed: WRITES - acknowledged.length };
  } finally {
    await stop(emulator, "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Over the rounds: creates acknowledged before a SIGKILL, and how many of them a restart does not serve. */
async function killRounds(cli: string): Promise<{ acknowledged: number; lost: number }> {
  let acknowledged = 0;
  let lost = 0;
  for (let round = 0; round < KILL_ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), "itwin-bench-kill-"));
    const dataFile = join(dir, "data.db");
    try {
      const emulator = await start(cli, ["--data", dataFile]);
      await preload(emulator.url, KILL_STORE);
      let killed: Promise<void> | undefined;
      const ids = await burst(emulator.url, KILL_AFTER * 3, (n) => {
        if (n >= KILL_AFTER) killed ??= stop(emulator, "SIGKILL");
        return killed !== undefined;
      });
      await (killed ?? stop(emulator, "SIGKILL"));
      const restarted = await start(cli, ["--data", dataFile]);
      try {
        for (const id of ids) {
          const res = await fetch(`${restarted.url}${CONNECTIONS}/${id}`, { headers: { authorization: "Bearer bench" }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          if (res.status !== 200) lost++;
        }
      } finally {
        await stop(restarted, "SIGTERM");
      }
      acknowledged += ids.length;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { acknowledged, lost };
}

function load(): string {
  return loadavg().map((n) => n.toFixed(2)).join(" / ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { before: { type: "string" } } });
  const variants: Array<{ name: string; cli: string; persisted: boolean }> = [
    { name: "--data (SQLite)", cli: CLI, persisted: true },
    { name: "in memory (no --data)", cli: CLI, persisted: false },
    ...(values.before ? [{ name: `--data, ${values.before}`, cli: values.before, persisted: true }] : []),
  ];
  const loadBefore = load();
  const rows: string[] = [];
  for (const variant of variants) {
    const figures: string[] = [];
    for (const size of SIZES) {
      const { rate, failed } = await writesPerSecond(variant.cli, size, variant.persisted);
      figures.push(`${rate.toFixed(0)}${failed ? ` (${failed} not acknowledged)` : ""}`);
    }
    rows.push(`| ${variant.name} | ${figures.join(" | ")} |`);
  }
  for (const [reason, count] of refusals) console.error(`not acknowledged ×${count}: ${reason}`);
  refusals.clear();
  const kills = [];
  for (const variant of variants.filter((v) => v.persisted)) kills.push({ name: variant.name, ...(await killRounds(variant.cli)) });
  console.log(`Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore} at the start, ${load()} at the end.

Creates per second (${WRITES} creates, ${CLIENTS} clients at once, the emulator its own process, request log off), by connections already stored:

| emulator | ${SIZES.map((n) => `${n.toLocaleString("en")} stored`).join(" | ")} |
|---|${SIZES.map(() => "---|").join("")}
${rows.join("\n")}

Acknowledged creates lost after SIGKILL in the middle of a burst (${KILL_ROUNDS} rounds, ${KILL_STORE.toLocaleString("en")} stored, killed after ${KILL_AFTER} acknowledged, ${CLIENTS} clients at once):

| emulator | acknowledged | lost |
|---|---|---|
${kills.map((k) => `| ${k.name} | ${k.acknowledged} | ${k.lost} |`).join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
