// Every resource the provider serves, once: both front doors (the dynamic runtime and the plugin) and the plugin's
// schema iterate this list. A new resource is its model and lifecycle under provider/<resource>/ and one line here
// (docs/architecture.md, "Adding a resource").
import type { AnyLifecycle, Context } from "./core/verbs";
import type { ResourceModel } from "./model/define";
import { StorageConnectionLifecycle } from "./storage-connection/lifecycle";
import { storageConnectionModel } from "./storage-connection/model";

interface Registration {
  model: ResourceModel;
  lifecycle(context: Context): AnyLifecycle;
}

export const RESOURCES: readonly Registration[] = [
  { model: storageConnectionModel, lifecycle: (context) => new StorageConnectionLifecycle(context) },
];

/** Each resource's lifecycle over `context`, by type token. */
export function lifecycles(context: Context): Map<string, AnyLifecycle> {
  return new Map(RESOURCES.map((r) => [r.model.token, r.lifecycle(context)]));
}
