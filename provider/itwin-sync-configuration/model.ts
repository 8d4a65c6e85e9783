// The ITwinSyncConfiguration contract: the iTwin-scope settings (api/configurations.ts) in the configurations' one
// model (sync-configuration/model.ts). Its types, the dynamic class, the plugin schema and
// docs/resources/itwin-sync-configuration.md are derived from it.
import { syncConfigurationModel, type CheckedOf, type InputsOf, type OutputsOf } from "../sync-configuration/model";

export const iTwinSyncConfigurationModel = syncConfigurationModel("itwin");

export type ITwinSyncConfigurationModel = typeof iTwinSyncConfigurationModel;
export type ITwinSyncConfigurationInputs = InputsOf<ITwinSyncConfigurationModel>;
export type CheckedITwinSyncConfigurationInputs = CheckedOf<ITwinSyncConfigurationModel>;
export type ITwinSyncConfigurationOutputs = OutputsOf<ITwinSyncConfigurationModel>;
