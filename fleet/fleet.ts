// Runs one operation over the selected stacks, `parallel` at a time, each under its share of the rate limit; one
// stack failing does not stop the others.
import { setTimeout as sleep } from "node:timers/promises";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import type { FleetStack } from "./discovery";
import type { ProgressView } from "./progress";
import { RateLedger, sharePerStack } from "./rate";
import { NO_CHANGES, type FleetReport, type Operation, type StackReport } from "./report";
import { runStack } from "./runner";

export interface FleetRun {
  projectDir: string;
  operation: Operation;
  stacks: FleetStack[];
  parallel: number;
  /** The subscription's limit for the whole fleet. */
  maxRequestsPerMinute?: number;
  refresh: boolean;
  /** Environment for every stack's CLI on top of this process's. */
  env: Record<string, string>;
  signal: AbortSignal;
  view: ProgressView;
}

/** How often a stack waiting for its share of the rate limit looks again. */
const ADMISSION_POLL_MS = 250;

export async function runFleet(run: FleetRun): Promise<FleetReport> {
  const startedAt = new Date();
  // Nothing selected (a pull request that touches no stack, an empty shard): no backend to reach.
  if (run.stacks.length === 0) return { operation: run.operation, startedAt: startedAt.toISOString(), durationMs: 0, stacks: [] };
  const pulumi = await PulumiCommand.get();
  const listing = await LocalWorkspace.create({ workDir: run.projectDir, envVars: run.env, pulumiCommand: pulumi });
  const onBackend = new Map((await listing.listStacks()).map((s) => [s.name.split("/").pop()!, s.resourceCount ?? 0]));
  const running = Math.min(run.parallel, Math.max(1, run.stacks.length));
  const limit = run.maxRequestsPerMinute;
  const share = limit === undefined ? undefined : sharePerStack(limit, running);
  const ledger = limit === undefined ? undefined : new RateLedger(limit);

  const results = new Map<string, StackReport>();
  let next = 0;
  const worker = async () => {
    while (next < run.stacks.length) {
      const stack = run.stacks[next++];
      if (ledger && share !== undefined) {
        while (!run.signal.aborted && ledger.waitFor(share) > 0) {
          await sleep(Math.min(ledger.waitFor(share), ADMISSION_POLL_MS), undefined, { signal: run.signal }).catch(() => undefined);
        }
      }
      if (run.signal.aborted) {
        results.set(stack.name, { name: stack.name, status: "failed", changes: { ...NO_CHANGES }, durationMs: 0, error: "not run: the fleet was cancelled" });
        continue;
      }
      const release = ledger?.take(share!);
      run.view.start(stack.name);
      const report = await runStack({
        projectDir: run.projectDir,
        name: stack.name,
        operation: run.operation,
        exists: onBackend.has(stack.name),
        knownResources: onBackend.get(stack.name) ?? 0,
        refresh: run.refresh,
        env: { ...run.env, ...(share !== undefined && { ITWIN_MAX_REQUESTS_PER_MINUTE: String(share) }) },
        pulumi,
        signal: run.signal,
        onProgress: (progress) => run.view.update(stack.name, progress),
      });
      release?.();
      run.view.finish(report);
      results.set(stack.name, report);
    }
  };
  await Promise.all(Array.from({ length: running }, worker));
  return {
    operation: run.operation,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    stacks: run.stacks.map((s) => results.get(s.name)!),
  };
}
