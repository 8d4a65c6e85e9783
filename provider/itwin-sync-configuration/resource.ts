// The ITwinSyncConfiguration resource as Pulumi programs declare it: its Args and outputs are derived from the model (model.ts).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { ArgsOf, OutputPropertiesOf } from "../model/define";
import { iTwinSyncConfigurationModel, type ITwinSyncConfigurationModel } from "./model";

export type ITwinSyncConfigurationArgs = ArgsOf<ITwinSyncConfigurationModel>;

export interface ITwinSyncConfiguration extends OutputPropertiesOf<ITwinSyncConfigurationModel> {}

export class ITwinSyncConfiguration extends DynamicResource {
  constructor(name: string, args: ITwinSyncConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(iTwinSyncConfigurationModel, name, args, opts);
  }
}
