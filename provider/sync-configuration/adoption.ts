// How a configuration comes to exist for `create`: by POST, or by taking over the one a 409 says is there (opt-in:
// any with the adoptOnConflict input, an identical one with itwin:adoptOnConflict=exact, the same rules as
// StorageConnection). A scope has one configuration, so a POST whose answer was lost is looked up with one GET.
import type { Configuration } from "../../api/configurations";
import { ApiError, OutcomeUnknownError, RERUN_WHEN_ANSWERING, unlessNotFound } from "../client/errors";
import type { ConfigurationsApi } from "../client/configurations-api";
import { ADOPT_EXACT_COMMAND } from "../storage-connection/adoption";
import type { AnySyncConfigurationModel } from "./model";
import { describeSettings, sameSettings, settingsOf, type SettingValues } from "./settings";

export interface Obtained {
  configuration: Configuration;
  /** An existing configuration, to be set to the declared settings; false for one just created from them. */
  adopted: boolean;
}

export interface ObtainOptions {
  /** The adoptOnConflict input: take over whatever configuration is there. */
  adoptOnConflict: boolean;
  /** itwin:adoptOnConflict=exact: take it over when its settings are exactly the declared ones. */
  adoptIdenticalOnConflict: boolean;
}

/** POSTs one create may send: each after the one before lost its answer and the GET found nothing. */
const MAX_CREATE_POSTS = 3;

/** Creates the scope's configuration with `declared`, or takes over the one there when allowed. */
export async function obtainConfiguration(
  api: ConfigurationsApi,
  model: AnySyncConfigurationModel,
  scopeId: string,
  declared: SettingValues,
  options: ObtainOptions,
): Promise<Obtained> {
  let answerLost = false;
  for (let posts = 1; ; posts++) {
    try {
      return { configuration: await api.create(model.scope, scopeId, declared), adopted: false };
    } catch (error) {
      const unknown = error instanceof OutcomeUnknownError;
      const conflict = error instanceof ApiError && error.status === 409 ? error : undefined;
      if (!unknown && !conflict) throw error;
      answerLost ||= unknown;
      const existing = await unlessNotFound(api.get(model.scope, scopeId));
      const same = existing !== undefined && sameSettings(settingsOf(model.scope, existing.settings), declared);
      // After a lost answer, a configuration with exactly the declared settings is that POST's, carried out.
      if (existing && answerLost && same) return { configuration: existing, adopted: false };
      if (existing) return adoptExisting(model, scopeId, existing, same, options, conflict);
      if (posts < MAX_CREATE_POSTS) continue;
      if (unknown) {
        throw error.withFix(`${RERUN_WHEN_ANSWERING}; it reads the ${model.label}'s configuration before it creates one, so none is made twice.`);
      }
      throw error;
    }
  }
}

function adoptExisting(
  model: AnySyncConfigurationModel,
  scopeId: string,
  existing: Configuration,
  identical: boolean,
  options: ObtainOptions,
  conflict: ApiError | undefined,
): Obtained {
  if (options.adoptOnConflict || (identical && options.adoptIdenticalOnConflict)) return { configuration: existing, adopted: true };
  const answer = conflict ? `HTTP 409 ${conflict.code}: ${conflict.apiMessage}` : "a configuration exists there";
  const sets = describeSettings(settingsOf(model.scope, existing.settings));
  const fix = identical
    ? "It sets exactly the declared settings: most likely an earlier `pulumi up` created it and was interrupted before " +
      `recording it. To take it over, run: ${ADOPT_EXACT_COMMAND} (or set adoptOnConflict: true).`
    : "To manage it from this program (it is then set to the declared settings), set adoptOnConflict: true; or record " +
      `it as it is with \`pulumi import ${model.token} <name> ${scopeId}\` (the itwin plugin).`;
  throw new Error(
    `Create ${model.label} configuration ${scopeId} failed: ${answer} (the ${model.label} already has a configuration, ` +
      `which sets ${sets}). Fix: ${fix}`,
  );
}
