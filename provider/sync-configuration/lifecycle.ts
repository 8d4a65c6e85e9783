// The one lifecycle of the three synchronization configurations (iTwin, iModel, connection scope), parametrised by
// its model. The declared settings are the whole configuration: update PATCHes what differs, and, because the API
// cannot unset a setting, deletes and re-creates the configuration when one that is set is no longer declared.
import type { Configuration } from "../../api/configurations";
import { isNotFound, unlessNotFound } from "../client/errors";
import type { ConfigurationsApi } from "../client/configurations-api";
import { ResourceInitError, type Context, type Lifecycle } from "../core/verbs";
import type * as verbs from "../core/verbs";
import { resourceName } from "../model/define";
import { UNKNOWN } from "../storage-connection/check";
import { obtainConfiguration } from "./adoption";
import { checkConfiguration } from "./check";
import type { ConfigurationInputs as Inputs, ConfigurationOutputs as Outputs, AnySyncConfigurationModel } from "./model";
import { outputsOf, planIsEmpty, planSettings, settingNames, settingsOf, type SettingValues } from "./settings";

export class SyncConfigurationLifecycle implements Lifecycle<AnySyncConfigurationModel, Inputs, Outputs, Inputs> {
  constructor(
    readonly model: AnySyncConfigurationModel,
    private readonly context: Context,
  ) {}

  async check({ news }: verbs.CheckRequest): Promise<verbs.CheckResult<Inputs>> {
    return checkConfiguration(this.model, news);
  }

  /** The scope id replaces; each setting whose declared value differs from the configuration's updates (one set by
   * hand and not declared too: the declared settings are the whole configuration). */
  diff({ olds, news }: verbs.DiffRequest<Inputs, Outputs>): verbs.DiffResult {
    const id = this.model.scopeIdInput;
    const replaces = news[id] === UNKNOWN || news[id] !== olds[id] ? [id] : [];
    const updates = settingNames(this.model.scope).filter((name) => news[name] === UNKNOWN || (news[name] ?? undefined) !== (olds[name] ?? undefined));
    return { replaces, updates, stables: replaces.length === 0 ? [id] : [] };
  }

  async create({ inputs, preview, signal }: verbs.CreateRequest<Inputs>): Promise<verbs.CreateResult<Outputs>> {
    const scopeId = inputs[this.model.scopeIdInput] as string;
    if (preview) return { id: "", outputs: this.preview(inputs, undefined) };
    const api = this.context.client(signal).configurations;
    const declared = settingsOf(this.model.scope, inputs);
    const { configuration, adopted } = await obtainConfiguration(api, this.model, scopeId, declared, {
      adoptOnConflict: inputs.adoptOnConflict === true,
      adoptIdenticalOnConflict: this.context.adoptIdenticalOnConflict(),
    });
    // The configuration exists from here on: whatever fails now, it stays in state.
    const found = outputsOf(this.model, scopeId, configuration, inputs);
    if (!adopted) return { id: scopeId, outputs: found };
    try {
      const reconciled = await this.reconcile(api, scopeId, configuration, declared);
      return { id: scopeId, outputs: outputsOf(this.model, scopeId, reconciled, inputs) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(`${this.name(scopeId)} is in state (adopted), but ${reason}`, scopeId, found, error);
    }
  }

  async read({ id, state, signal }: verbs.ReadRequest<Outputs>): Promise<verbs.ReadResult<Inputs, Outputs>> {
    const configuration = await unlessNotFound(this.context.client(signal).configurations.get(this.model.scope, id));
    // Deleted by hand: no result drops the resource from state, and the next `up` creates it again.
    if (!configuration) return undefined;
    const scopeId = (state[this.model.scopeIdInput] as string | undefined) ?? id;
    const outputs = outputsOf(this.model, scopeId, configuration, state);
    const { settings: _, resolvedSettings: __, ...inputs } = outputs;
    return { id, outputs, inputs };
  }

  async update({ id, olds, news, preview, signal }: verbs.UpdateRequest<Inputs, Outputs>): Promise<verbs.UpdateResult<Outputs>> {
    if (preview) return { outputs: this.preview(news, olds) };
    const api = this.context.client(signal).configurations;
    const current: Configuration = { scopeId: id, settings: olds.settings ?? {}, resolvedSettings: olds.resolvedSettings ?? {} };
    try {
      const updated = await this.reconcile(api, id, current, settingsOf(this.model.scope, news));
      return { outputs: outputsOf(this.model, olds[this.model.scopeIdInput] as string, updated, news) };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new Error(
        `${this.name(id)} no longer exists: it was deleted outside Pulumi since the last refresh. Run \`pulumi up --refresh\` ` +
          "(or `pulumi refresh`, then `pulumi up`) to drop it from the state and create it again.",
      );
    }
  }

  async delete({ id, signal }: verbs.DeleteRequest<Outputs>): Promise<void> {
    await unlessNotFound(this.context.client(signal).configurations.delete(this.model.scope, id));
  }

  /** Sets `current` to exactly `declared`: a PATCH of what differs; DELETE and POST when a setting must be unset. */
  private async reconcile(api: ConfigurationsApi, scopeId: string, current: Configuration, declared: SettingValues): Promise<Configuration> {
    const plan = planSettings(settingsOf(this.model.scope, current.settings), declared);
    if (planIsEmpty(plan)) return current;
    if (plan.unset.length === 0) return api.patch(this.model.scope, scopeId, plan.set);
    await api.delete(this.model.scope, scopeId);
    try {
      return await api.create(this.model.scope, scopeId, declared);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${this.name(scopeId)} was deleted to unset ${plan.unset.join(", ")} (the API cannot unset a setting), and creating ` +
          `it again with the declared settings failed: ${reason} Until then the ${this.model.label} has the defaults. ` +
          "Fix: run `pulumi up --refresh`: it finds the configuration gone and creates it.",
        { cause: error },
      );
    }
  }

  /** Preview: the declared settings; what applies is known once the API answers. */
  private preview(news: Inputs, olds: Outputs | undefined): Outputs {
    const declaredKnown = settingNames(this.model.scope).every((name) => news[name] !== UNKNOWN);
    const declared = settingsOf(this.model.scope, news);
    const unchanged = olds !== undefined && declaredKnown && planIsEmpty(planSettings(settingsOf(this.model.scope, olds.settings), declared));
    return {
      ...news,
      settings: declaredKnown ? declared : (UNKNOWN as unknown as SettingValues),
      resolvedSettings: unchanged ? olds.resolvedSettings : (UNKNOWN as unknown as SettingValues),
    };
  }

  private name(scopeId: string): string {
    return `${resourceName(this.model)} ${scopeId}`;
  }
}
