// How a resource reaches Pulumi's dynamic-provider host. The host keeps the provider's serialized text in every
// resource's state, twice (inputs and outputs), so ours is the least it accepts: one line that loads
// `itwin-sync-pulumi/runtime` by package name from the program's directory and picks the resource's provider there.
// The state stays small, carries no code, settings or secrets, and keeps working when the package is upgraded or the
// checkout moves.
import * as pulumi from "@pulumi/pulumi";
import { outputNames, resourceName, type ResourceModel } from "./model/define";
import type * as Runtime from "./runtime";

/**
 * The package's runtime (`itwin-sync-pulumi/runtime`) as the dynamic-provider process has it, resolved from the
 * program directory (a dependency in node_modules, or this package itself). Public for dynamic resources of other
 * iTwin APIs: called inside their provider's methods it lends them the stack's settings and client
 * (`configure`, `apiClient`) without putting either in their serialized code.
 */
export function loadRuntime(): typeof Runtime {
  const { createRequire } = require("node:module");
  const { join } = require("node:path");
  return createRequire(join(process.cwd(), "__pulumi_program__.js"))("itwin-sync-pulumi/runtime");
}

const loader = loadRuntime.toString().replace(/\s*\n\s*/g, "");

/**
 * The `__provider` text of a resource: the host runs it as a module and calls `handler()`, which here is the loader
 * above (its own source, as one line) handing back the runtime's provider for the resource. StorageConnection's text
 * is the one every existing state already records.
 */
export function serializedProvider(resource: string): string {
  const provider = resource === "StorageConnection" ? "storageConnectionProvider" : `dynamicProviders.${resource}`;
  return `exports.handler=()=>(${loader})().${provider};`;
}

export const SERIALIZED_PROVIDER = serializedProvider("StorageConnection");

/** A model's resource as a program declares it, served by the dynamic-provider host: a subclass gives it its Args
 * type, and an interface of the same name its outputs (see storage-connection/resource.ts). */
export abstract class DynamicResource extends pulumi.CustomResource {
  constructor(model: ResourceModel, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    // Every output is listed (undefined unless given) so that the engine exposes it on the resource.
    const outputs = Object.fromEntries(outputNames(model).map((key) => [key, undefined]));
    // What pulumi.dynamic.Resource does, minus serializing a provider object: the text is fixed (above).
    const resource = resourceName(model);
    super(`pulumi-nodejs:dynamic/itwin:${resource}`, name, { ...outputs, ...args, __provider: serializedProvider(resource) }, opts);
  }
}
