// The ManifestConnection lifecycle: StorageConnection's promises (created once, never left out of state, drift through
// GET) for a connection whose files are sourceFileIds; runs are started by runManifestConnection, never by a change.
import { ERROR } from "../../api/contract";
import { ApiError, unlessNotFound } from "../client/errors";
import { ResourceInitError, type Context, type Lifecycle } from "../core/verbs";
import type * as verbs from "../core/verbs";
import { UNKNOWN } from "../storage-connection/check";
import { connectionFieldsChanged } from "../storage-connection/diff";
import { obtainManifestConnection } from "./adoption";
import { checkManifestConnection } from "./check";
import { applyManifestFiles, planIsEmpty, planManifestFiles } from "./files";
import { liveInputs, readLive, toOutputs, withFiles } from "./live";
import {
  manifestConnectionModel,
  type CheckedManifestConnectionInputs as Inputs,
  type ManifestConnectionInputs,
  type ManifestConnectionModel,
  type ManifestConnectionOutputs as Outputs,
} from "./model";

export class ManifestConnectionLifecycle implements Lifecycle<ManifestConnectionModel> {
  readonly model = manifestConnectionModel;

  constructor(private readonly context: Context) {}

  async check({ news }: verbs.CheckRequest): Promise<verbs.CheckResult<Inputs>> {
    return checkManifestConnection(news);
  }

  diff({ olds, news }: verbs.DiffRequest<Inputs, Outputs>): verbs.DiffResult {
    const replaces = news.iModelId === UNKNOWN || news.iModelId !== olds.iModelId ? ["iModelId"] : [];
    const updates: string[] = [];
    if (news.displayName === UNKNOWN) updates.push("displayName");
    if ((news.authenticationType as string) === UNKNOWN) updates.push("authenticationType");
    updates.push(...connectionFieldsChanged(olds, news).filter((k) => !updates.includes(k)));
    if (JSON.stringify(news.sourceFiles).includes(UNKNOWN) || !planIsEmpty(planManifestFiles(olds.sourceFiles ?? [], news.sourceFiles))) {
      updates.push("sourceFiles");
    }
    return { replaces, updates, stables: replaces.length === 0 ? ["iTwinId"] : [] };
  }

  async create({ inputs, preview, signal }: verbs.CreateRequest<Inputs>): Promise<verbs.CreateResult<Outputs>> {
    const unknown = UNKNOWN as never;
    if (preview) return { id: "", outputs: { ...inputs, displayName: inputs.displayName ?? unknown, iTwinId: unknown, sourceFiles: unknown, links: unknown } };
    const client = this.context.client(signal);
    const { value, adopted } = await obtainManifestConnection(client, inputs, this.context.adoptIdenticalOnConflict());
    // The connection exists from here on: whatever fails now, it stays in state.
    const known = toOutputs(value.connection, value.files, undefined, inputs);
    try {
      const outputs = adopted ? await withFiles(client, value.connection, value.files, inputs) : known;
      return { id: value.connection.id, outputs };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(`ManifestConnection ${value.connection.id} is in state, but ${reason}`, value.connection.id, known, error);
    }
  }

  async read({ id, state, signal }: verbs.ReadRequest<Outputs>): Promise<verbs.ReadResult<ManifestConnectionInputs, Outputs>> {
    const outputs = await readLive(this.context.client(signal), id, state);
    // Deleted by hand: no result drops the resource from state, and the next `up` creates it again.
    if (!outputs) return undefined;
    return { id, outputs, inputs: liveInputs(outputs) };
  }

  /** One PUT for the connection's own fields when they changed, then the fewest file calls (files.ts). */
  async update({ id, olds, news, preview, signal }: verbs.UpdateRequest<Inputs, Outputs>): Promise<verbs.UpdateResult<Outputs>> {
    if (preview) return { outputs: { ...olds, ...news, displayName: news.displayName ?? olds.displayName, sourceFiles: UNKNOWN as never } };
    const client = this.context.client(signal);
    let outputs: Outputs = { ...olds };
    try {
      const changed = connectionFieldsChanged(olds, news);
      if (changed.length > 0) {
        const updated = await client.manifestConnections.update(id, Object.fromEntries(changed.map((k) => [k, news[k]])));
        outputs = { ...outputs, displayName: updated.displayName, authenticationType: updated.authenticationType };
      }
      const plan = planManifestFiles(olds.sourceFiles, news.sourceFiles);
      if (!planIsEmpty(plan)) {
        const files = await applyManifestFiles(client, id, olds.sourceFiles, plan);
        outputs = { ...outputs, sourceFiles: toOutputs({ ...connectionOf(outputs, id) }, files, undefined, news).sourceFiles };
      }
      return { outputs };
    } catch (error) {
      if (error instanceof ApiError && error.code === ERROR.manifestConnectionNotFound.code && error.operation.includes(`ManifestConnection ${id}`)) {
        throw new Error(
          `ManifestConnection ${id} no longer exists: it was deleted outside Pulumi since the last refresh. ` +
            "Run `pulumi up --refresh` (or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
        );
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(`ManifestConnection ${id} is in state, but ${reason}`, id, outputs, error);
    }
  }

  async delete({ id, signal }: verbs.DeleteRequest<Outputs>): Promise<void> {
    await unlessNotFound(this.context.client(signal).manifestConnections.delete(id));
  }
}

/** The connection as the outputs know it, for toOutputs. */
function connectionOf(outputs: Outputs, id: string) {
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
