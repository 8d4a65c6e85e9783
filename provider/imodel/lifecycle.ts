// The IModel lifecycle against the iModels API v2. It goes through provider/client/imodels-api.ts, over the client's
// one request function, rather than @itwin/imodels-client-management: that request function is where retries, the
// shared pacer, AbortSignal cancellation, lost-answer detection (OutcomeUnknownError) and redaction live, and the
// create-once rule needs all of them (docs/resources/imodel.md, "Why not Bentley's iModels client").
import { isNotFound, unlessNotFound } from "../client/errors";
import type { UpdateIModelRequest } from "../../api/types";
import type { Context, Lifecycle } from "../core/verbs";
import type * as verbs from "../core/verbs";
import { UNKNOWN } from "../storage-connection/check";
import { obtainIModel, sameExtent } from "./adoption";
import { checkIModel } from "./check";
import { iModelModel, type CheckedIModelInputs as Inputs, type IModelInputs, type IModelModel, type IModelOutputs as Outputs } from "./model";
import { liveInputs, toOutputs } from "./outputs";

export class IModelLifecycle implements Lifecycle<IModelModel> {
  readonly model = iModelModel;

  constructor(private readonly context: Context) {}

  async check({ news }: verbs.CheckRequest): Promise<verbs.CheckResult<Inputs>> {
    return checkIModel(news);
  }

  diff({ olds, news }: verbs.DiffRequest<Inputs, Outputs>): verbs.DiffResult {
    const replaces = news.iTwinId === UNKNOWN || news.iTwinId !== olds.iTwinId ? ["iTwinId"] : [];
    const updates = changedFields(olds, news, true);
    return { replaces, updates, stables: replaces.length === 0 ? ["iTwinId", "createdDateTime", "dataCenterLocation"] : [] };
  }

  async create({ inputs, preview, signal }: verbs.CreateRequest<Inputs>): Promise<verbs.CreateResult<Outputs>> {
    if (preview) {
      const unknown = UNKNOWN as never;
      return { id: "", outputs: { ...inputs, state: unknown, createdDateTime: unknown, dataCenterLocation: unknown, links: unknown } };
    }
    const client = this.context.client(signal);
    // An adopted iModel is taken only when identical to the declaration: there is nothing to reconcile.
    const { value: iModel } = await obtainIModel(client, inputs, this.context.adoptIdenticalOnConflict());
    return { id: iModel.id, outputs: toOutputs(iModel) };
  }

  async read({ id, signal }: verbs.ReadRequest<Outputs>): Promise<verbs.ReadResult<IModelInputs, Outputs>> {
    const iModel = await unlessNotFound(this.context.client(signal).iModels.get(id));
    // Deleted by hand: no result drops the resource from state, and the next `up` creates it again.
    if (!iModel) return undefined;
    const outputs = toOutputs(iModel);
    return { id, outputs, inputs: liveInputs(outputs) };
  }

  async update({ id, olds, news, preview, signal }: verbs.UpdateRequest<Inputs, Outputs>): Promise<verbs.UpdateResult<Outputs>> {
    if (preview) return { outputs: { ...olds, ...news, description: news.description, extent: news.extent } };
    // One PATCH of what changed; "" and null clear a description and an extent no longer declared.
    const body: UpdateIModelRequest = {};
    for (const field of changedFields(olds, news, false)) {
      if (field === "name") body.name = news.name;
      if (field === "description") body.description = news.description ?? "";
      if (field === "extent") body.extent = news.extent ?? null;
    }
    if (Object.keys(body).length === 0) return { outputs: { ...olds } };
    try {
      return { outputs: toOutputs(await this.context.client(signal).iModels.update(id, body)) };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new Error(
        `IModel ${id} no longer exists: it was deleted outside Pulumi since the last refresh. Run \`pulumi up --refresh\` ` +
          "(or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
      );
    }
  }

  /** Deletes the iModel and all its data. A failure throws, so the engine keeps the iModel in state. */
  async delete({ id, signal }: verbs.DeleteRequest<Outputs>): Promise<void> {
    await unlessNotFound(this.context.client(signal).iModels.delete(id));
  }
}

/** The fields updated in place whose declared value differs from the iModel's (or is not known yet, in a diff). */
function changedFields(olds: Outputs, news: Inputs, unknownChanges: boolean): Array<"name" | "description" | "extent"> {
  const changed: Array<"name" | "description" | "extent"> = [];
  const unknown = (v: unknown) => unknownChanges && JSON.stringify(v ?? null).includes(UNKNOWN);
  if (unknown(news.name) || news.name !== olds.name) changed.push("name");
  if (unknown(news.description) || (news.description ?? "") !== (olds.description ?? "")) changed.push("description");
  if (unknown(news.extent) || !sameExtent(olds.extent, news.extent)) changed.push("extent");
  return changed;
}
