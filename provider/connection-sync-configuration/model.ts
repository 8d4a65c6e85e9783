// The ConnectionSyncConfiguration contract: the connection-scope settings (api/configurations.ts) in the
// configurations' one model (sync-configuration/model.ts). Its types, the dynamic class, the plugin schema and
// docs/resources/connection-sync-configuration.md are derived from it.
import { syncConfigurationModel, type CheckedOf, type InputsOf, type OutputsOf } from "../sync-configuration/model";

export const connectionSyncConfigurationModel = syncConfigurationModel("connection");

export type ConnectionSyncConfigurationModel = typeof connectionSyncConfigurationModel;
export type ConnectionSyncConfigurationInputs = InputsOf<ConnectionSyncConfigurationModel>;
export type CheckedConnectionSyncConfigurationInputs = CheckedOf<ConnectionSyncConfigurationModel>;
export type ConnectionSyncConfigurationOutputs = OutputsOf<ConnectionSyncConfigurationModel>;
