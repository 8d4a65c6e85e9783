// `itwin-sync-pulumi/internal`: the pieces under the public API, for dynamic resources of other iTwin APIs that call
// through this package's client (`loadRuntime().apiClient()`), tests and benchmarks. No compatibility promise: they
// change with the implementation.
export { SyncClient } from "./client/sync-client";
export { HttpClient, type RequestSpec } from "./client/http";
/** Answer shapes for requests through `loadRuntime().apiClient().http` (e.g. `shapes.iModelResponse`). */
export * as shapes from "../api/shapes";
export type * from "../api/types";
