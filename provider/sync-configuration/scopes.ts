// What differs between the three configuration resources besides their settings (api/configurations.ts): the
// resource's name and the input naming its scope.
import { CONFIGURATION_SCOPES, type ConfigurationScope } from "../../api/configurations";

export const SYNC_CONFIGURATION_SCOPES = {
  itwin: {
    resource: "ITwinSyncConfiguration",
    scopeIdInput: "iTwinId",
    scopeIdDescription: "The iTwin the configuration applies to (a GUID).",
    appliesTo: "the files of every iModel of the iTwin",
  },
  imodel: {
    resource: "IModelSyncConfiguration",
    scopeIdInput: "iModelId",
    scopeIdDescription: "The iModel the configuration applies to (a GUID).",
    appliesTo: "the files synchronized into the iModel, by any of its connections",
  },
  connection: {
    resource: "ConnectionSyncConfiguration",
    scopeIdInput: "connectionId",
    scopeIdDescription: "The StorageConnection or ManifestConnection the configuration applies to (its id).",
    appliesTo: "the connection's files",
  },
} as const satisfies Record<ConfigurationScope, { resource: string; scopeIdInput: string; scopeIdDescription: string; appliesTo: string }>;

export type ScopeIdInput<S extends ConfigurationScope> = (typeof SYNC_CONFIGURATION_SCOPES)[S]["scopeIdInput"];

/** The scope in a sentence: "iTwin", "iModel", "connection". */
export function scopeLabel(scope: ConfigurationScope): string {
  return CONFIGURATION_SCOPES[scope].label;
}
