// How a StorageConnection reaches Pulumi's dynamic-provider host. The host keeps the provider's serialized text in
// every resource's state, twice (inputs and outputs), so ours is the least it accepts: one line that loads
// `itwin-sync-pulumi/runtime` by package name from the program's directory. The state stays small, carries no code,
// settings or secrets, and keeps working when the package is upgraded or the checkout moves.
import type * as Runtime from "./runtime";

/**
 * The package's runtime (`itwin-sync-pulumi/runtime`) as the dynamic-provider process has it, resolved from the
 * program directory (a dependency in node_modules, or this package itself). Exported (as `loadRuntime`) for dynamic
 * resources of other iTwin APIs: called inside their provider's methods it lends them the stack's settings and client
 * (`configure`, `apiClient`) without putting either in their serialized code.
 */
export function runtime(): typeof Runtime {
  const { createRequire } = require("node:module");
  const { join } = require("node:path");
  return createRequire(join(process.cwd(), "__pulumi_program__.js"))("itwin-sync-pulumi/runtime");
}

/**
 * The `__provider` text of every StorageConnection: the host runs it as a module and calls `handler()`, which here is
 * the loader above (its own source, as one line) handing back the runtime's provider.
 */
export const SERIALIZED_PROVIDER = `exports.handler=()=>(${runtime.toString().replace(/\s*\n\s*/g, "")})().storageConnectionProvider;`;
