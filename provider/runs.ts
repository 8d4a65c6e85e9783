// Synchronization runs: start one and, when asked, wait for its result within a bound.
import { TERMINAL_RUN_STATE } from "../api/contract";
import type { Run } from "../api/types";
import type { SyncClient } from "./client/sync-client";

export interface WaitOptions {
  timeoutMs: number;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class RunTimeoutError extends Error {
  constructor(
    readonly run: Run,
    timeoutMs: number,
  ) {
    super(
      `run ${run.id} was still ${run.state} after ${Math.round(timeoutMs / 1000)} s; ` +
        "raise runTimeoutSeconds, or set waitForRun: false to let runs finish on their own",
    );
    this.name = "RunTimeoutError";
  }
}

/** Polls the run at `href` until it is Completed; throws RunTimeoutError (carrying the last state) past the bound. */
export async function waitForRun(client: SyncClient, href: string, options: WaitOptions): Promise<Run> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const run = await client.getRunAt(href);
    if (run.state === TERMINAL_RUN_STATE) return run;
    const remaining = deadline - now();
    if (remaining <= 0) throw new RunTimeoutError(run, options.timeoutMs);
    await sleep(Math.min(options.pollMs, remaining));
  }
}

/**
 * Starts a run of the connection. When a run is already active for the iModel (303: possibly another connection's)
 * and `wait` is set, waits for it and asks again until this connection's own run starts, so the run reported covers
 * the change just made; all within the one timeout.
 */
export async function startRun(
  client: SyncClient,
  connectionId: string,
  wait: WaitOptions | undefined,
): Promise<{ href: string; run: Run }> {
  let started = await client.startRun(connectionId);
  if (!wait) return { href: started.location, run: await client.getRunAt(started.location) };
  const now = wait.now ?? Date.now;
  const deadline = now() + wait.timeoutMs;
  const remaining = () => Math.max(0, deadline - now());
  while (started.alreadyActive) {
    await waitForRun(client, started.location, { ...wait, timeoutMs: remaining() });
    started = await client.startRun(connectionId);
  }
  return { href: started.location, run: await waitForRun(client, started.location, { ...wait, timeoutMs: remaining() }) };
}
