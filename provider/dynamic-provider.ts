// The provider object Pulumi serializes into every StorageConnection's state. It holds no code of its own and no
// settings: each method loads `itwin-sync-pulumi/runtime` by package name from the program's directory, so state
// stays small, carries no secrets, and keeps working when the package is upgraded or the checkout moves.
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "./runtime";

/**
 * The package's runtime (`itwin-sync-pulumi/runtime`) as the dynamic-provider process has it. Exported (as
 * `loadRuntime`) for dynamic resources of other iTwin APIs: called inside their provider's methods, as here, it lends
 * them the stack's settings and client (`configure`, `apiClient`) without putting either in their serialized code.
 */
export function runtime(): typeof Runtime {
  // Resolved from the program directory: a dependency in node_modules, or this package itself (self-reference).
  const { createRequire } = require("node:module");
  const { join } = require("node:path");
  return createRequire(join(process.cwd(), "__pulumi_program__.js"))("itwin-sync-pulumi/runtime");
}

export const storageConnectionProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => runtime().configure(req),
  check: (olds, news) => runtime().storageConnection.check(olds, news),
  diff: (id, olds, news) => runtime().storageConnection.diff(id, olds, news),
  create: (inputs) => runtime().storageConnection.create(inputs),
  read: (id, props) => runtime().storageConnection.read(id, props),
  update: (id, olds, news) => runtime().storageConnection.update(id, olds, news),
  delete: (id) => runtime().storageConnection.delete(id),
};
