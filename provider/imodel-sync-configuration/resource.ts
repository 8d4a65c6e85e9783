// The IModelSyncConfiguration resource as Pulumi programs declare it: its Args and outputs are derived from the model (model.ts).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { ArgsOf, OutputPropertiesOf } from "../model/define";
import { iModelSyncConfigurationModel, type IModelSyncConfigurationModel } from "./model";

export type IModelSyncConfigurationArgs = ArgsOf<IModelSyncConfigurationModel>;

export interface IModelSyncConfiguration extends OutputPropertiesOf<IModelSyncConfigurationModel> {}

export class IModelSyncConfiguration extends DynamicResource {
  constructor(name: string, args: IModelSyncConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(iModelSyncConfigurationModel, name, args, opts);
  }
}
