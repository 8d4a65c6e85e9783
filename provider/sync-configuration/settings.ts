// A configuration's settings as plain values: which are declared, what the API reports, what an update must change,
// and the outputs a configuration answer becomes. Shared by the three scopes' one lifecycle.
import { CONFIGURATION_SCOPES, type Configuration, type ConfigurationScope } from "../../api/configurations";
import type { ConfigurationOutputs, AnySyncConfigurationModel } from "./model";

export type SettingValues = Record<string, boolean | number>;

export function settingNames(scope: ConfigurationScope): string[] {
  return Object.keys(CONFIGURATION_SCOPES[scope].settings);
}

/** The scope's settings among `values` (declared inputs, or an answer's `settings`): those with a value. */
export function settingsOf(scope: ConfigurationScope, values: Record<string, unknown> | undefined): SettingValues {
  const settings: SettingValues = {};
  for (const name of settingNames(scope)) {
    const value = values?.[name];
    if (value !== undefined && value !== null) settings[name] = value as boolean | number;
  }
  return settings;
}

export function sameSettings(a: SettingValues, b: SettingValues): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

export interface SettingsPlan {
  /** Declared settings the configuration lacks or has with another value: one PATCH sets them. */
  set: SettingValues;
  /** Settings the configuration has and the declaration does not: the API cannot unset one by PATCH. */
  unset: string[];
}

export function planSettings(live: SettingValues, declared: SettingValues): SettingsPlan {
  const set = Object.fromEntries(Object.entries(declared).filter(([name, value]) => live[name] !== value));
  const unset = Object.keys(live).filter((name) => !Object.hasOwn(declared, name));
  return { set, unset };
}

export function planIsEmpty(plan: SettingsPlan): boolean {
  return Object.keys(plan.set).length === 0 && plan.unset.length === 0;
}

/** The resource's outputs for a configuration: its scope id as declared (the API may change a GUID's case), each
 * setting it sets as that input's value, `settings` and `resolvedSettings`, and the provider-only input. */
export function outputsOf(
  model: AnySyncConfigurationModel,
  scopeId: string,
  configuration: Configuration,
  providerInputs: Record<string, unknown>,
): ConfigurationOutputs {
  const settings = configuration.settings as SettingValues;
  return {
    [model.scopeIdInput]: scopeId,
    ...settingsOf(model.scope, settings),
    settings,
    resolvedSettings: configuration.resolvedSettings as SettingValues,
    ...(providerInputs.adoptOnConflict !== undefined && { adoptOnConflict: providerInputs.adoptOnConflict }),
  };
}

/** A configuration's settings in a sentence, e.g. `{"uploadDgnRealityData":false}` or "no setting". */
export function describeSettings(settings: SettingValues): string {
  return Object.keys(settings).length === 0 ? "no setting" : JSON.stringify(settings);
}
