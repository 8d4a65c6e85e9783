// The StorageConnection lifecycle against the API, verb by verb. Two promises shape it: a connection the API created
// is never left out of state (failures after the POST are reported with the connection's id and what is known of
// it), and no call is made twice blindly (a POST whose answer was lost is looked up before it is sent again).
import type * as pulumi from "@pulumi/pulumi";
import { ERROR } from "../../api/contract";
import type { Run } from "../../api/types";
import { ApiError, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { consentHint } from "../consent";
import { startRun, RunTimeoutError, type WaitOptions } from "../runs";
import { obtainConnection, type ObtainOptions } from "./adoption";
import { checkInputs, type CheckOptions } from "./check";
import { diffStorageConnection } from "./diff";
import { liveOutputs, readLive } from "./live";
import type { StorageConnectionInputs, StorageConnectionOutputs } from "./model";
import { liveInputs, summarizeRun, toOutputs } from "./outputs";
import { Progress } from "./progress";
import { reconcile } from "./reconcile";

/**
 * Raised when the connection exists but a later step failed. The dynamic-provider host turns an error with `id` and
 * `properties` into ErrorResourceInitFailed, so the engine keeps the resource, with these outputs, in state.
 */
export class ResourceInitError extends Error {
  /** What the engine shows the user: it prints the reasons, not the message, so the one reason is the whole message. */
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "ResourceInitError";
    this.reasons = [message];
  }
}

type Props = StorageConnectionInputs & { __provider?: string };

export interface LifecycleOptions {
  runPollMs: number;
  /** Read at each check: the stack's settings arrive with `configure`, after this object is made. */
  checkOptions?: () => CheckOptions;
  /** Read at each create, for the same reason. */
  obtainOptions?: () => ObtainOptions;
}

export class StorageConnectionLifecycle {
  constructor(
    private readonly client: () => SyncClient,
    private readonly options: LifecycleOptions,
  ) {}

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return checkInputs(news, this.options.checkOptions?.());
  }

  async diff(_id: string, olds: StorageConnectionOutputs, news: StorageConnectionInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffStorageConnection(olds, news);
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const client = this.client();
    const options = this.options.obtainOptions?.() ?? { adoptIdenticalOnConflict: false };
    const { connection, adopted } = await obtainConnection(client, inputs, options);
    // The connection exists from here on: whatever fails now, it stays in state.
    const progress = new Progress(toOutputs(connection, [], undefined, inputs));
    await this.keepOnFailure(connection.id, inputs, progress, async () => {
      progress.record(await liveOutputs(client, connection, inputs));
      // A new connection has all its files new; an adopted one only what reconciling changed, or all of them when
      // it never ran (one an interrupted `up` made and a later one took over, or one made by hand and never run).
      const filesChanged = adopted ? await reconcile(client, connection.id, inputs, progress) : true;
      const neverRan = !connection._links.lastRun;
      if (inputs.runOnChange && (filesChanged || neverRan)) await this.run(client, connection.id, inputs, progress);
    });
    return { id: connection.id, outs: progress.outputs };
  }

  async read(id: string, props: StorageConnectionOutputs): Promise<pulumi.dynamic.ReadResult> {
    const outputs = await readLive(this.client(), id, props);
    // Deleted by hand: an empty result drops the resource from state, and the next `up` creates it again.
    if (!outputs) return {};
    return { id, props: outputs, inputs: liveInputs(outputs, props) };
  }

  async update(id: string, olds: StorageConnectionOutputs, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const client = this.client();
    const progress = new Progress(olds);
    try {
      await this.keepOnFailure(id, news, progress, async () => {
        const filesChanged = await reconcile(client, id, news, progress);
        if (news.runOnChange && filesChanged) await this.run(client, id, news, progress);
      });
      return { outs: progress.outputs };
    } catch (error) {
      if (isGone(error)) {
        throw new Error(
          `StorageConnection ${id} no longer exists: it was deleted outside Pulumi since the last refresh. ` +
            "Run `pulumi up --refresh` (or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
        );
      }
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await unlessNotFound(this.client().deleteStorageConnection(id));
  }

  /** Starts a run (and with waitForRun, waits for it); a run ending in Error fails the step. */
  private async run(client: SyncClient, id: string, inputs: StorageConnectionInputs, progress: Progress): Promise<void> {
    const outputs = progress.outputs;
    const wait: WaitOptions | undefined = inputs.waitForRun
      ? { timeoutMs: (inputs.runTimeoutSeconds ?? 600) * 1000, pollMs: this.options.runPollMs }
      : undefined;
    try {
      const { href, run } = await startRun(client, id, wait);
      progress.record(withRun(outputs, href, run));
    } catch (error) {
      if (error instanceof RunTimeoutError) progress.record(withRun(outputs, outputs.links.lastRun, error.run));
      throw error;
    }
    const run = progress.outputs.lastRun!;
    if (wait && run.result === "Error") {
      const cause = run.error ? `${run.error.errorKey}: ${run.error.description}` : "see lastRun.jobs for the failed tasks";
      throw new Error(`synchronization run ${run.id} ended in Error (${cause})${await consentHint(client, run, inputs.authenticationType)}`);
    }
  }

  private async keepOnFailure(id: string, inputs: Props, progress: Progress, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(
        `StorageConnection ${id} is in state, but ${reason}`,
        id,
        // The host does not add the serialized provider to these outputs; without it the next step could not load one.
        { ...progress.outputs, __provider: inputs.__provider },
        error,
      );
    }
  }
}

/** Whether a step failed because the connection itself is gone (not one of its files). */
function isGone(error: unknown): boolean {
  const cause = error instanceof ResourceInitError ? error.cause : error;
  return cause instanceof ApiError && cause.code === ERROR.storageConnectionNotFound.code;
}

function withRun(outputs: StorageConnectionOutputs, href: string | undefined, run: Run): StorageConnectionOutputs {
  return { ...outputs, links: { ...outputs.links, ...(href && { lastRun: href }) }, lastRun: summarizeRun(run) };
}
