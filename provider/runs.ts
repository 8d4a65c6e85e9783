// Synchronization runs: start one and, when asked, wait for its result within a bound.
import { TERMINAL_RUN_STATE } from "../api/contract";
import type { Run } from "../api/types";
import { repeatWhileOutcomeUnknown } from "./client/errors";
import type { StartedRun, SyncClient } from "./client/sync-client";

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
 * POST /run. A lost answer is resolved by asking again: a run the lost request started is still active, so the API
 * answers 303 with that run of this very connection, and no second run starts. (Were the first run already over, the
 * repeat starts a new one; either way `lastRun` names a run that exists.) A run of this connection started by hand
 * and active at that moment would be taken for ours: the one case this cannot tell apart.
 */
async function startOwnRun(client: SyncClient, connectionId: string): Promise<StartedRun> {
  return repeatWhileOutcomeUnknown(async (afterLostAnswer) => {
    const started = await client.startRun(connectionId);
    return afterLostAnswer && started.alreadyActive && started.connectionId === connectionId
      ? { ...started, alreadyActive: false }
      : started;
  });
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
  let started = await startOwnRun(client, connectionId);
  if (!wait) return { href: started.location, run: await client.getRunAt(started.location) };
  const now = wait.now ?? Date.now;
  const deadline = now() + wait.timeoutMs;
  const remaining = () => Math.max(0, deadline - now());
  while (started.alreadyActive) {
    await waitForRun(client, started.location, { ...wait, timeoutMs: remaining() });
    started = await startOwnRun(client, connectionId);
  }
  return { href: started.location, run: await waitForRun(client, started.location, { ...wait, timeoutMs: remaining() }) };
}
