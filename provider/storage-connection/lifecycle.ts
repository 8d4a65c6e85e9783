// The StorageConnection lifecycle against the API. Two promises shape it: a connection the API created is never
// left out of state (failures after the POST are reported with the connection's id and what is known of it), and
// no call is made twice blindly (a POST whose answer was lost is looked up before it is sent again).
import type * as pulumi from "@pulumi/pulumi";
import { ERROR } from "../../api/contract";
import type { Connection, CreateStorageConnectionRequest, Run, SourceFile } from "../../api/types";
import { ApiError, isNotFound, OutcomeUnknownError, unlessNotFound } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { startRun, RunTimeoutError, type WaitOptions } from "../runs";
import { checkInputs } from "./check";
import { connectionFieldsChanged, diffStorageConnection, planIsEmpty, planSourceFiles, type SourceFilePlan } from "./diff";
import { liveOutputs } from "./live";
import type { SourceFileArgs, SourceFileState, StorageConnectionInputs, StorageConnectionOutputs } from "./model";
import { liveInputs, orderFiles, summarizeRun, toOutputs, toSourceFileState } from "./outputs";

/** How many source-file calls run at once: enough to make 1,000 files quick, few enough to stay under rate limits. */
const FILE_CALL_CONCURRENCY = 8;

/**
 * Raised when the connection exists but a later step failed. The dynamic-provider host turns an error with `id` and
 * `properties` into ErrorResourceInitFailed, so the engine keeps the resource, with these outputs, in state.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "ResourceInitError";
  }
}

type Props = StorageConnectionInputs & { __provider?: string };

export interface LifecycleOptions {
  runPollMs: number;
}

export class StorageConnectionLifecycle {
  constructor(
    private readonly client: () => SyncClient,
    private readonly options: LifecycleOptions,
  ) {}

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return checkInputs(news);
  }

  async diff(_id: string, olds: StorageConnectionOutputs, news: StorageConnectionInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffStorageConnection(olds, news);
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const client = this.client();
    const { connection, adopted } = inputs.adoptConnectionId
      ? { connection: await this.adoptById(client, inputs), adopted: true }
      : await this.post(client, inputs);

    // The connection exists from here on: whatever fails now, it stays in state.
    const progress: { outputs: StorageConnectionOutputs } = { outputs: toOutputs(connection, [], undefined, inputs) };
    return this.keepOnFailure(connection.id, inputs, progress, async () => {
      progress.outputs = await liveOutputs(client, connection, inputs);
      if (adopted) {
        progress.outputs = await this.reconcile(client, connection.id, progress.outputs, inputs, progress);
      } else if (inputs.runOnChange) {
        progress.outputs = await this.run(client, connection.id, progress.outputs, inputs, progress);
      }
      return { id: connection.id, outs: progress.outputs };
    });
  }

  async read(id: string, props: StorageConnectionOutputs): Promise<pulumi.dynamic.ReadResult> {
    const client = this.client();
    const connection = await unlessNotFound(client.getStorageConnection(id));
    // Deleted by hand: an empty result drops the resource from state, and the next `up` creates it again.
    if (!connection) return {};
    const outputs = await liveOutputs(client, connection, props);
    return { id, props: outputs, inputs: liveInputs(outputs, props) };
  }

  async update(id: string, olds: StorageConnectionOutputs, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const client = this.client();
    const progress = { outputs: olds };
    try {
      return await this.keepOnFailure(id, news, progress, async () => ({
        outs: await this.reconcile(client, id, olds, news, progress),
      }));
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

  /** Brings the connection from `current` to the declared inputs with the fewest calls; reports progress as it goes. */
  private async reconcile(
    client: SyncClient,
    id: string,
    current: StorageConnectionOutputs,
    inputs: StorageConnectionInputs,
    progress: { outputs: StorageConnectionOutputs },
  ): Promise<StorageConnectionOutputs> {
    const changedFields = connectionFieldsChanged(current, inputs);
    let outputs: StorageConnectionOutputs = { ...toOutputs(asConnection(id, current), current.sourceFiles, undefined, inputs), ...pickRun(current) };
    if (changedFields.length > 0) {
      const body = Object.fromEntries(changedFields.map((k) => [k, k === "authenticationType" ? (inputs[k] ?? "User") : inputs[k]]));
      const updated = await client.updateStorageConnection(id, body);
      outputs = { ...outputs, displayName: updated.displayName, authenticationType: updated.authenticationType };
      progress.outputs = outputs;
    }
    const plan = planSourceFiles(current.sourceFiles, inputs.sourceFiles);
    const filesChanged = !planIsEmpty(plan);
    if (filesChanged) {
      outputs.sourceFiles = await this.applyFilePlan(client, id, plan, current.sourceFiles, inputs.sourceFiles, (files) => {
        outputs = { ...outputs, sourceFiles: orderFiles(files, inputs.sourceFiles) };
        progress.outputs = outputs;
      });
    }
    if (inputs.runOnChange && filesChanged) {
      outputs = await this.run(client, id, outputs, inputs, progress);
    }
    return outputs;
  }

  private async applyFilePlan(
    client: SyncClient,
    id: string,
    plan: SourceFilePlan,
    current: SourceFileState[],
    desired: SourceFileArgs[],
    onProgress: (files: SourceFileState[]) => void,
  ): Promise<SourceFileState[]> {
    const files = new Map(current.map((f) => [f.storageFileId, f]));
    const live = new LiveFiles(client, id);
    const record = (file: SourceFile) => {
      files.set(file.storageFileId, toSourceFileState(file));
      onProgress([...files.values()]);
    };
    // Adds first and removals last, so the connection never goes without files midway.
    await forEachLimited(plan.add, async (file) => record(await this.addFile(client, id, file, live)));
    await forEachLimited(plan.retype, async ({ current: file, connectorType }) =>
      record(await this.retypeFile(client, id, file, connectorType, live)),
    );
    await forEachLimited(plan.remove, async (file) => {
      await unlessNotFound(client.removeSourceFile(id, file.id));
      files.delete(file.storageFileId);
      onProgress([...files.values()]);
    });
    return orderFiles([...files.values()], desired);
  }

  /** POST; a 409 for a file this very connection already has (state older than the API) is not an error. */
  private async addFile(client: SyncClient, id: string, file: SourceFileArgs, live: LiveFiles): Promise<SourceFile> {
    try {
      return await client.addSourceFile(id, file);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const existing = await live.find(file.storageFileId);
      if (!existing) {
        throw new ApiError({
          operation: `Add source file ${file.storageFileId}`,
          status: error.status,
          code: error.code,
          apiMessage: error.apiMessage,
          hint: "Another StorageConnection of this iModel maps that file; remove it there first (or add dependsOn between the two resources).",
        });
      }
      return existing.connectorType === file.connectorType
        ? existing
        : client.updateSourceFile(id, existing.id, file);
    }
  }

  /** PUT; a file removed by hand since the last refresh is added again instead. */
  private async retypeFile(
    client: SyncClient,
    id: string,
    file: SourceFileState,
    connectorType: string,
    live: LiveFiles,
  ): Promise<SourceFile> {
    try {
      return await client.updateSourceFile(id, file.id, { storageFileId: file.storageFileId, connectorType });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return this.addFile(client, id, { storageFileId: file.storageFileId, connectorType }, live);
    }
  }

  private async run(
    client: SyncClient,
    id: string,
    outputs: StorageConnectionOutputs,
    inputs: StorageConnectionInputs,
    progress: { outputs: StorageConnectionOutputs },
  ): Promise<StorageConnectionOutputs> {
    const wait: WaitOptions | undefined = inputs.waitForRun
      ? { timeoutMs: (inputs.runTimeoutSeconds ?? 600) * 1000, pollMs: this.options.runPollMs }
      : undefined;
    try {
      const { href, run } = await startRun(client, id, wait);
      progress.outputs = withRun(outputs, href, run);
    } catch (error) {
      if (error instanceof RunTimeoutError) progress.outputs = withRun(outputs, outputs.links.lastRun, error.run);
      throw error;
    }
    const run = progress.outputs.lastRun!;
    if (wait && run.result === "Error") {
      const cause = run.error ? `${run.error.errorKey}: ${run.error.description}` : "see lastRun.jobs for the failed tasks";
      throw new Error(`synchronization run ${run.id} ended in Error (${cause})`);
    }
    return progress.outputs;
  }

  /** Create by POST. A lost answer is looked up before a second POST; a 409 may adopt the holder (opt-in). */
  private async post(client: SyncClient, inputs: StorageConnectionInputs): Promise<{ connection: Connection; adopted: boolean }> {
    const body: CreateStorageConnectionRequest = {
      iModelId: inputs.iModelId,
      authenticationType: inputs.authenticationType ?? "User",
      sourceFiles: inputs.sourceFiles.map((f) => ({ storageFileId: f.storageFileId, connectorType: f.connectorType })),
      ...(inputs.displayName !== undefined && { displayName: inputs.displayName }),
    };
    try {
      return { connection: await client.createStorageConnection(body), adopted: false };
    } catch (error) {
      if (error instanceof OutcomeUnknownError) {
        const created = await this.findCreated(client, inputs);
        return { connection: created ?? (await client.createStorageConnection(body)), adopted: false };
      }
      if (error instanceof ApiError && error.code === ERROR.fileMappingExists.code) {
        const holders = await this.connectionsHolding(client, inputs);
        if (inputs.adoptOnConflict && holders.length === 1) {
          return { connection: await client.getStorageConnection(holders[0]), adopted: true };
        }
        const named = holders.length > 0 ? `held by StorageConnection ${holders.join(", ")}` : "held by another connection";
        throw new ApiError({
          operation: error.operation,
          status: error.status,
          code: error.code,
          apiMessage: `${error.apiMessage} (${named})`,
          hint:
            holders.length === 1
              ? `To manage that connection from this program, set adoptConnectionId: "${holders[0]}" (or adoptOnConflict: true).`
              : "Remove the files from the other connections, or declare each file in one connection only.",
        });
      }
      throw error;
    }
  }

  /** After a lost POST answer: the connection of this iModel with the same name and exactly these files, if any. */
  private async findCreated(client: SyncClient, inputs: StorageConnectionInputs): Promise<Connection | undefined> {
    const wanted = new Set(inputs.sourceFiles.map((f) => f.storageFileId));
    for (const summary of await client.listStorageConnections(inputs.iModelId)) {
      if (inputs.displayName !== undefined && summary.displayName !== inputs.displayName) continue;
      const files = await client.listSourceFiles(summary.id);
      if (files.length === wanted.size && files.every((f) => wanted.has(f.storageFileId))) {
        return client.getStorageConnection(summary.id);
      }
    }
    return undefined;
  }

  /** Ids of the iModel's connections that map any of the declared files. */
  private async connectionsHolding(client: SyncClient, inputs: StorageConnectionInputs): Promise<string[]> {
    const wanted = new Set(inputs.sourceFiles.map((f) => f.storageFileId));
    const holders: string[] = [];
    for (const summary of await client.listStorageConnections(inputs.iModelId)) {
      const files = await client.listSourceFiles(summary.id);
      if (files.some((f) => wanted.has(f.storageFileId))) holders.push(summary.id);
    }
    return holders;
  }

  private async adoptById(client: SyncClient, inputs: StorageConnectionInputs): Promise<Connection> {
    const id = inputs.adoptConnectionId!;
    const connection = await unlessNotFound(client.getStorageConnection(id));
    if (!connection) {
      throw new Error(`adoptConnectionId: StorageConnection ${id} does not exist. Fix: use the id of an existing connection, or remove adoptConnectionId to create one.`);
    }
    if (connection.iModelId.toLowerCase() !== inputs.iModelId.toLowerCase()) {
      throw new Error(
        `adoptConnectionId: StorageConnection ${id} belongs to iModel ${connection.iModelId}, not to iModelId ${inputs.iModelId}. ` +
          "Fix: set iModelId to the connection's iModel, adopt a connection of this iModel, or remove " +
          "adoptConnectionId to create a new connection (as a replacement after an iModelId change needs).",
      );
    }
    return connection;
  }

  private async keepOnFailure<T>(
    id: string,
    inputs: Props,
    progress: { outputs: StorageConnectionOutputs },
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(
        `StorageConnection ${id} is in state, but ${reason}`,
        id,
        // The host does not add the serialized provider to these outputs; without it the next step could not load one.
        { ...progress.outputs, __provider: inputs.__provider },
        [reason],
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

/** The connection's current source files, listed once and only if a 409 asks for them. */
class LiveFiles {
  private files?: Promise<Map<string, SourceFile>>;

  constructor(
    private readonly client: SyncClient,
    private readonly id: string,
  ) {}

  async find(storageFileId: string): Promise<SourceFile | undefined> {
    this.files ??= this.client.listSourceFiles(this.id).then((all) => new Map(all.map((f) => [f.storageFileId, f])));
    return (await this.files).get(storageFileId);
  }
}

function withRun(outputs: StorageConnectionOutputs, href: string | undefined, run: Run): StorageConnectionOutputs {
  return { ...outputs, links: { ...outputs.links, ...(href && { lastRun: href }) }, lastRun: summarizeRun(run) };
}

function pickRun(outputs: StorageConnectionOutputs): Partial<StorageConnectionOutputs> {
  return outputs.lastRun ? { lastRun: outputs.lastRun } : {};
}

/** The connection as the outputs describe it, so updates that skip the GET still produce full outputs. */
function asConnection(id: string, outputs: StorageConnectionOutputs): Connection {
  return {
    id,
    iModelId: outputs.iModelId,
    iTwinId: outputs.iTwinId,
    displayName: outputs.displayName,
    authenticationType: outputs.authenticationType,
    _links: {
      iModel: { href: outputs.links.iModel },
      iTwin: { href: outputs.links.iTwin },
      ...(outputs.links.lastRun && { lastRun: { href: outputs.links.lastRun } }),
    },
  };
}

async function forEachLimited<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(FILE_CALL_CONCURRENCY, items.length) }, worker));
}
