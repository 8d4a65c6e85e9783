// The IModel resource as Pulumi programs declare it: Args and outputs derived from the model (model.ts). Declare it
// with `protect: true`: deleting it deletes the iModel and all its data (docs/resources/imodel.md).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { ArgsOf, OutputPropertiesOf } from "../model/define";
import { iModelModel, type IModelModel } from "./model";

export type IModelArgs = ArgsOf<IModelModel>;

export interface IModel extends OutputPropertiesOf<IModelModel> {}

export class IModel extends DynamicResource {
  constructor(name: string, args: IModelArgs, opts?: pulumi.CustomResourceOptions) {
    super(iModelModel, name, args, opts);
  }
}
