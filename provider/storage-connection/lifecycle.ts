// The StorageConnection lifecycle against the API, verb by verb, on plain requests (core/verbs.ts). Two promises shape
// it: a connection the API created is never left out of state (failures after the POST are reported with the
// connection's id and what is known of it), and no call is made twice blindly (a POST whose answer was lost is looked
// up before it is sent again).
import { ERROR } from "../../api/contract";
import type { Run } from "../../api/types";
import { ApiError, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { consentHint } from "../consent";
import {
  ResourceInitError,
  type CheckRequest,
  type CheckResult,
  type Context,
  type CreateRequest,
  type CreateResult,
  type DeleteRequest,
  type DiffRequest,
  type DiffResult,
  type Lifecycle,
  type ReadRequest,
  type ReadResult,
  type UpdateRequest,
  type UpdateResult,
} from "../core/verbs";
import { startRun, RunTimeoutError, type WaitOptions } from "../runs";
import { obtainConnection } from "./adoption";
import { checkInputs } from "./check";
import { diffStorageConnection } from "./diff";
import { liveOutputs, readLive } from "./live";
import {
  storageConnectionModel,
  type CheckedStorageConnectionInputs as Inputs,
  type StorageConnectionInputs,
  type StorageConnectionModel,
  type StorageConnectionOutputs as Outputs,
} from "./model";
import { liveInputs, summarizeRun, toOutputs } from "./outputs";
import { previewCreate, previewUpdate } from "./preview";
import { Progress } from "./progress";
import { reconcile } from "./reconcile";

export class StorageConnectionLifecycle implements Lifecycle<StorageConnectionModel> {
  readonly model = storageConnectionModel;

  constructor(private readonly context: Context) {}

  async check({ news }: CheckRequest): Promise<CheckResult<Inputs>> {
    return checkInputs(news, { allowUnknownConnectorTypes: this.context.allowUnknownConnectorTypes() });
  }

  diff({ olds, news }: DiffRequest<Inputs, Outputs>): DiffResult {
    return diffStorageConnection(olds, news);
  }

  async create({ inputs, preview, signal }: CreateRequest<Inputs>): Promise<CreateResult<Outputs>> {
    if (preview) return { id: "", outputs: previewCreate(inputs) as Outputs };
    const client = this.context.client(signal);
    const options = { adoptIdenticalOnConflict: this.context.adoptIdenticalOnConflict() };
    const { connection, adopted } = await obtainConnection(client, inputs, options);
    // The connection exists from here on: whatever fails now, it stays in state.
    const progress = new Progress(toOutputs(connection, [], undefined, inputs));
    await this.keepOnFailure(connection.id, progress, async () => {
      progress.record(await liveOutputs(client, connection, inputs));
      // A new connection has all its files new; an adopted one only what reconciling changed, or all of them when
      // it never ran (one an interrupted `up` made and a later one took over, or one made by hand and never run).
      const filesChanged = adopted ? await reconcile(client, connection.id, inputs, progress) : true;
      const neverRan = !connection._links.lastRun;
      if (inputs.runOnChange && (filesChanged || neverRan)) await this.run(client, connection.id, inputs, progress);
    });
    return { id: connection.id, outputs: progress.outputs };
  }

  async read({ id, state, signal }: ReadRequest<Outputs>): Promise<ReadResult<StorageConnectionInputs, Outputs>> {
    const outputs = await readLive(this.context.client(signal), id, state);
    // Deleted by hand: no result drops the resource from state, and the next `up` creates it again.
    if (!outputs) return undefined;
    return { id, outputs, inputs: liveInputs(outputs, state) };
  }

  async update({ id, olds, news, preview, signal }: UpdateRequest<Inputs, Outputs>): Promise<UpdateResult<Outputs>> {
    if (preview) return { outputs: previewUpdate(olds, news) as Outputs };
    const client = this.context.client(signal);
    const progress = new Progress(olds);
    try {
      await this.keepOnFailure(id, progress, async () => {
        const filesChanged = await reconcile(client, id, news, progress);
        if (news.runOnChange && filesChanged) await this.run(client, id, news, progress);
      });
      return { outputs: progress.outputs };
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

  async delete({ id, signal }: DeleteRequest<Outputs>): Promise<void> {
    await unlessNotFound(this.context.client(signal).deleteStorageConnection(id));
  }

  /** Starts a run (and with waitForRun, waits for it); a run ending in Error fails the step. */
  private async run(client: SyncClient, id: string, inputs: Inputs, progress: Progress): Promise<void> {
    const outputs = progress.outputs;
    const wait: WaitOptions | undefined = inputs.waitForRun
      ? { timeoutMs: inputs.runTimeoutSeconds * 1000, pollMs: this.context.runPollMs }
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

  private async keepOnFailure(id: string, progress: Progress, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(`StorageConnection ${id} is in state, but ${reason}`, id, { ...progress.outputs }, error);
    }
  }
}

/** Whether a step failed because the connection itself is gone (not one of its files). */
function isGone(error: unknown): boolean {
  const cause = error instanceof ResourceInitError ? error.cause : error;
  return cause instanceof ApiError && cause.code === ERROR.storageConnectionNotFound.code;
}

function withRun(outputs: Outputs, href: string | undefined, run: Run): Outputs {
  return { ...outputs, links: { ...outputs.links, ...(href && { lastRun: href }) }, lastRun: summarizeRun(run) };
}
