// One stack's operation through Pulumi's Automation API: the stack created from its file when the backend lacks it,
// progress from the engine's events, and the outcome as a report row (a failure is a row, never a throw).
import { LocalWorkspace, Stack, type EngineEvent, type OpMap, type PulumiCommand } from "@pulumi/pulumi/automation";
import { NO_CHANGES, statusOf, type Changes, type Operation, type ResourceDiff, type StackReport } from "./report";

export interface Progress {
  /** `refresh` while a preview or up reads the live resources first, else the operation. */
  phase: string;
  done: number;
  total: number;
}

export interface StackRun {
  projectDir: string;
  name: string;
  operation: Operation;
  /** Whether the stack exists on the backend (else it is created from its Pulumi.<stack>.yaml first). */
  exists: boolean;
  /** Resources the stack holds now: the progress total until the engine has announced more. */
  knownResources: number;
  refresh: boolean;
  env: Record<string, string>;
  pulumi: PulumiCommand;
  signal: AbortSignal;
  onProgress(progress: Progress): void;
}

/** Steps that change nothing: not counted as changes nor listed as diffs. */
const QUIET_OPS = new Set(["same", "read", "refresh", "discard", "discard-replaced", "remove-pending-replace"]);
const STACK_TYPE = "pulumi:pulumi:Stack";

function changesOf(map: OpMap | undefined): Changes {
  if (!map) return { ...NO_CHANGES };
  return { create: map.create ?? 0, update: map.update ?? 0, delete: map.delete ?? 0, replace: map.replace ?? 0, same: map.same ?? 0 };
}

/** `stack select` and `stack init` rewrite the project's workspace file under ~/.pulumi: one at a time. */
let selecting: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = selecting.then(work, work);
  selecting = next.catch(() => undefined);
  return next;
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/<\{%[^%]*%\}>/g, "");

/** The CLI's own error lines (e.g. the backend's lock message) when the engine reported none. */
function cliError(error: unknown): string {
  const result = (error as { commandResult?: { stderr?: string; stdout?: string } }).commandResult;
  const text = stripAnsi(result?.stderr || result?.stdout || (error instanceof Error ? error.message : String(error)));
  const lines = text.split("\n");
  const first = lines.findIndex((l) => /^error:/i.test(l.trim()));
  const picked = first >= 0 ? lines.slice(first) : lines.filter((l) => l.trim() !== "").slice(-8);
  return picked.join("\n").trim() || "the Pulumi CLI failed without a message";
}

export async function runStack(run: StackRun): Promise<StackReport> {
  const started = Date.now();
  const errors: string[] = [];
  const diffs: ResourceDiff[] = [];
  let summary: OpMap | undefined;
  // URNs started and finished per phase: a preview --refresh first refreshes every resource, then previews it.
  const seen = { refresh: new Set<string>(), main: new Set<string>() };
  const done = { refresh: new Set<string>(), main: new Set<string>() };
  const report = () => {
    const phase = done.main.size > 0 || seen.main.size > 0 ? "main" : seen.refresh.size > 0 ? "refresh" : "main";
    run.onProgress({
      phase: phase === "refresh" ? "refresh" : run.operation,
      done: done[phase].size,
      total: Math.max(seen[phase].size, run.knownResources),
    });
  };
  const onEvent = (event: EngineEvent) => {
    const pre = event.resourcePreEvent?.metadata;
    const post = event.resOutputsEvent?.metadata ?? event.resOpFailedEvent?.metadata;
    if (pre) {
      seen[pre.op === "refresh" ? "refresh" : "main"].add(pre.urn);
      if (!QUIET_OPS.has(pre.op) && pre.type !== STACK_TYPE) {
        diffs.push({ resource: pre.urn.split("::").pop()!, op: pre.op, properties: pre.diffs ?? [] });
      }
      report();
    } else if (post) {
      done[post.op === "refresh" ? "refresh" : "main"].add(post.urn);
      report();
    } else if (event.diagnosticEvent?.severity === "error") {
      const message = stripAnsi(event.diagnosticEvent.message).trim();
      const where = event.diagnosticEvent.urn ? `${event.diagnosticEvent.urn.split("::").pop()}: ` : "";
      if (message) errors.push(`${where}${message}`);
    } else if (event.summaryEvent) {
      summary = event.summaryEvent.resourceChanges;
    }
  };
  try {
    run.onProgress({ phase: run.operation, done: 0, total: run.knownResources });
    const workspace = await LocalWorkspace.create({ workDir: run.projectDir, envVars: run.env, pulumiCommand: run.pulumi });
    const stack = await oneAtATime(() => (run.exists ? Stack.select(run.name, workspace) : Stack.create(run.name, workspace)));
    const common = { onEvent, signal: run.signal, color: "never" as const };
    switch (run.operation) {
      case "preview":
        await stack.preview({ ...common, refresh: run.refresh });
        break;
      case "drift":
        // `preview --refresh --expect-no-changes`: the difference is read from the plan rather than from the CLI's
        // failure, so a drifted stack and a failed one stay apart.
        await stack.preview({ ...common, refresh: true });
        break;
      case "up":
        await stack.up({ ...common, refresh: run.refresh });
        break;
      case "refresh":
        await stack.refresh(common);
        break;
      case "destroy":
        await stack.destroy(common);
        break;
    }
    const changes = changesOf(summary);
    return { name: run.name, status: statusOf(run.operation, changes), changes, durationMs: Date.now() - started, ...(diffs.length && { diffs }) };
  } catch (error) {
    const message = run.signal.aborted ? `cancelled (${cliError(error)})` : errors.length > 0 ? errors.join("\n") : cliError(error);
    return {
      name: run.name,
      status: "failed",
      changes: changesOf(summary),
      durationMs: Date.now() - started,
      error: message,
      ...(diffs.length && { diffs }),
    };
  }
}
