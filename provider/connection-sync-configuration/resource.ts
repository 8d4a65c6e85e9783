// The ConnectionSyncConfiguration resource as Pulumi programs declare it: its Args and outputs are derived from the model (model.ts).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { ArgsOf, OutputPropertiesOf } from "../model/define";
import { connectionSyncConfigurationModel, type ConnectionSyncConfigurationModel } from "./model";

export type ConnectionSyncConfigurationArgs = ArgsOf<ConnectionSyncConfigurationModel>;

export interface ConnectionSyncConfiguration extends OutputPropertiesOf<ConnectionSyncConfigurationModel> {}

export class ConnectionSyncConfiguration extends DynamicResource {
  constructor(name: string, args: ConnectionSyncConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(connectionSyncConfigurationModel, name, args, opts);
  }
}
