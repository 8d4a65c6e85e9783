// The StorageConnection resource as Pulumi programs declare it: its Args and outputs are derived from the model
// (model.ts), where each property's description lives (docs/resources/storage-connection.md lists them).
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "../dynamic-provider";
import type { Args, ArgsOf, OutputPropertiesOf } from "../model/define";
import { storageConnectionModel, type SourceFile, type StorageConnectionModel } from "./model";

/** The arguments of a StorageConnection: each property of the model's inputs, any of them an Output. */
export type StorageConnectionArgs = ArgsOf<StorageConnectionModel>;
/** One entry of `sourceFiles`. */
export type SourceFileInput = Args<typeof SourceFile.fields>;

/** The type a StorageConnection has in state: a Node.js dynamic resource (`pulumi-nodejs` hosts its provider). */
export const STORAGE_CONNECTION_TYPE = "pulumi-nodejs:dynamic/itwin:StorageConnection";

// The outputs, from the model, merged into the class.
export interface StorageConnection extends OutputPropertiesOf<StorageConnectionModel> {}

export class StorageConnection extends DynamicResource {
  constructor(name: string, args: StorageConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(storageConnectionModel, name, args, opts);
  }
}
