// The one model of a synchronization configuration, for any of its three scopes: the scope's id (replacing), each
// documented setting of the scope as an optional input (its type, and its description with its default, from
// api/configurations.ts), adoptOnConflict, and the outputs `settings` and `resolvedSettings`. Each scope's model file
// (provider/<scope>-sync-configuration/model.ts) makes its model here from the scope's facts (scopes.ts).
import { CONFIGURATION_SCOPES, type ConfigurationScope, type SettingSpec } from "../../api/configurations";
import {
  defineResource,
  objectType,
  type CheckedOf,
  type Field,
  type Fields,
  type InputsOf,
  type ObjectType,
  type OutputsOf,
  type ResourceModel,
} from "../model/define";
import { scopeLabel, SYNC_CONFIGURATION_SCOPES, type ScopeIdInput } from "./scopes";

type Settings = Record<string, SettingSpec>;

/** A setting as a field: optional, its default only described. Check does not fill it in: an undeclared setting is
 * one the configuration does not set (the API's default, or a wider scope's value, then applies). */
type SettingFields<T extends Settings> = { readonly [K in keyof T]: { readonly type: T[K]["type"]; readonly optional: true; readonly description: string } };

type ScopeSettingsOf<S extends ConfigurationScope> = (typeof CONFIGURATION_SCOPES)[S]["settings"];
type ScopesUpTo<S extends ConfigurationScope> = S extends "itwin" ? "itwin" : S extends "imodel" ? "itwin" | "imodel" : ConfigurationScope;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The settings `resolvedSettings` merges at scope S: its own and those of the wider scopes. */
type ResolvedSettingsOf<S extends ConfigurationScope> = UnionToIntersection<ScopeSettingsOf<ScopesUpTo<S>>> & Settings;

const SCOPE_ORDER = Object.keys(CONFIGURATION_SCOPES) as ConfigurationScope[];

function settingFields(settings: Settings): Fields {
  return Object.fromEntries(
    Object.entries(settings).map(([name, spec]) => [name, { type: spec.type, optional: true, description: spec.description }]),
  );
}

function resolvedSettings(scope: ConfigurationScope): Settings {
  const wider = SCOPE_ORDER.slice(0, SCOPE_ORDER.indexOf(scope) + 1);
  return Object.assign({}, ...wider.map((s) => CONFIGURATION_SCOPES[s].settings));
}

const adoptOnConflict = {
  type: "boolean",
  optional: true,
  providerOnly: true,
  description:
    "When a configuration already exists at the scope (the create answers 409), take it over and set it to the " +
    "declared settings instead of failing.",
} as const satisfies Field;

type IdField = { readonly type: "string"; readonly replaces: true; readonly description: string };
type AdoptOnConflictField = typeof adoptOnConflict;
type AsFields<T> = T extends Fields ? T : never;
type InputFields<S extends ConfigurationScope, K extends string> = AsFields<
  { readonly [P in K]: IdField } & SettingFields<ScopeSettingsOf<S>> & { readonly adoptOnConflict: AdoptOnConflictField }
>;
type OutputFields<S extends ConfigurationScope> = {
  readonly settings: { readonly type: ObjectType<AsFields<SettingFields<ScopeSettingsOf<S>>>>; readonly description: string };
  readonly resolvedSettings: { readonly type: ObjectType<AsFields<SettingFields<ResolvedSettingsOf<S>>>>; readonly description: string };
};

/** A configuration model, with what its lifecycle needs to know of its scope. */
export type SyncConfigurationModel<S extends ConfigurationScope = ConfigurationScope, K extends string = string> = ResourceModel<
  InputFields<S, K>,
  OutputFields<S>
> & { readonly scope: S; readonly scopeIdInput: K; readonly label: string };

/** Any of the three, as the one lifecycle holds it. */
export type AnySyncConfigurationModel = ResourceModel & { readonly scope: ConfigurationScope; readonly scopeIdInput: string; readonly label: string };

export function syncConfigurationModel<const S extends ConfigurationScope>(scope: S): SyncConfigurationModel<S, ScopeIdInput<S>> {
  const spec = { scope, label: scopeLabel(scope), ...SYNC_CONFIGURATION_SCOPES[scope] };
  const own: Fields = settingFields(CONFIGURATION_SCOPES[scope].settings);
  const idField: IdField = { type: "string", replaces: true, description: spec.scopeIdDescription };
  const model: ResourceModel = defineResource({
    token: `itwin:index:${spec.resource}`,
    description:
      `The synchronization configuration of one ${spec.label} (technology preview): how ${spec.appliesTo} are ` +
      "processed. The declared settings are the whole configuration; an undeclared setting is not set at this scope.",
    inputs: { [spec.scopeIdInput]: idField, ...own, adoptOnConflict },
    outputs: {
      settings: {
        type: objectType(`${spec.resource}Settings`, own, `The settings set at the ${spec.label} scope, as the API reports them.`),
        description: "What the configuration sets at this scope, as the API reports it.",
      },
      resolvedSettings: {
        type: objectType(
          `${spec.resource}ResolvedSettings`,
          settingFields(resolvedSettings(spec.scope)),
          `Every setting as it applies at the ${spec.label} scope: its default, overridden by the configurations of the ` +
            "wider scopes and this one.",
        ),
        description: "The settings that apply: the defaults, overridden by the configurations of the wider scopes and this one.",
      },
    },
  });
  return Object.assign(model, { scope, scopeIdInput: spec.scopeIdInput, label: spec.label }) as unknown as SyncConfigurationModel<
    S,
    ScopeIdInput<S>
  >;
}

/** A configuration's inputs after check, its outputs and its inputs as declared, plainly keyed (the lifecycle is one
 * for the three scopes; each model file gives the precise types). */
export type ConfigurationInputs = Record<string, unknown> & { adoptOnConflict?: boolean };
export type ConfigurationOutputs = Record<string, unknown> & {
  settings: Record<string, boolean | number>;
  resolvedSettings: Record<string, boolean | number>;
};

export type { CheckedOf, InputsOf, OutputsOf };
