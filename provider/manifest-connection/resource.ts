// The ManifestConnection resource as Pulumi programs declare it: Args and outputs derived from the model (model.ts).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { ArgsOf, OutputPropertiesOf } from "../model/define";
import { manifestConnectionModel, type ManifestConnectionModel } from "./model";

export type ManifestConnectionArgs = ArgsOf<ManifestConnectionModel>;

export interface ManifestConnection extends OutputPropertiesOf<ManifestConnectionModel> {}

export class ManifestConnection extends DynamicResource {
  constructor(name: string, args: ManifestConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(manifestConnectionModel, name, args, opts);
  }
}
