// The configuration lookups (getITwinSyncConfiguration, …): one GET of the scope's configuration, answered as
// `{ <scope id>, settings, resolvedSettings }`. A scope with no configuration fails with the API's 404, as the pages
// give nothing to answer in its place (its resolved settings would need the wider scopes' configurations).
import type { SyncClient } from "../client/sync-client";
import { outputFields, type Fields } from "../model/define";
import type { AnySyncConfigurationModel, SyncConfigurationModel } from "./model";
import type { SettingValues } from "./settings";
import type { ConfigurationScope } from "../../api/configurations";

export type ConfigurationLookupArgs<K extends string> = { [P in K]: string };
export type ConfigurationLookupResult<K extends string> = { [P in K]: string } & {
  settings: SettingValues;
  resolvedSettings: SettingValues;
};

export function configurationLookup<S extends ConfigurationScope, K extends string>(model: SyncConfigurationModel<S, K>) {
  return async (client: SyncClient, args: ConfigurationLookupArgs<K>): Promise<ConfigurationLookupResult<K>> => {
    const scopeId = args[model.scopeIdInput];
    const { settings, resolvedSettings } = await client.configurations.get(model.scope, scopeId);
    return { [model.scopeIdInput]: scopeId, settings, resolvedSettings } as ConfigurationLookupResult<K>;
  };
}

/** The lookup's arguments and result as model fields, for the plugin's schema. */
export function configurationLookupFields(model: AnySyncConfigurationModel): { args: Fields; result: Fields } {
  const fields = outputFields(model);
  const id = { [model.scopeIdInput]: { ...model.inputs[model.scopeIdInput], replaces: false } };
  return { args: id, result: { ...id, settings: fields.settings, resolvedSettings: fields.resolvedSettings } };
}
