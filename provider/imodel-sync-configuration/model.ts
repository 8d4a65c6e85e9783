// The IModelSyncConfiguration contract: the iModel-scope settings (api/configurations.ts) in the configurations' one
// model (sync-configuration/model.ts). Its types, the dynamic class, the plugin schema and
// docs/resources/imodel-sync-configuration.md are derived from it.
import { syncConfigurationModel, type CheckedOf, type InputsOf, type OutputsOf } from "../sync-configuration/model";

export const iModelSyncConfigurationModel = syncConfigurationModel("imodel");

export type IModelSyncConfigurationModel = typeof iModelSyncConfigurationModel;
export type IModelSyncConfigurationInputs = InputsOf<IModelSyncConfigurationModel>;
export type CheckedIModelSyncConfigurationInputs = CheckedOf<IModelSyncConfigurationModel>;
export type IModelSyncConfigurationOutputs = OutputsOf<IModelSyncConfigurationModel>;
