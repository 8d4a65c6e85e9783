// Every resource the provider serves, once: both front doors (the dynamic runtime and the plugin) and the plugin's
// schema iterate this list. A new resource is its model and lifecycle under provider/<resource>/ and one line here
// (docs/architecture.md, "Adding a resource").
import { connectionSyncConfigurationModel } from "./connection-sync-configuration/model";
import type { AnyLifecycle, Context } from "./core/verbs";
import { IModelLifecycle } from "./imodel/lifecycle";
import { iModelModel } from "./imodel/model";
import { ManifestConnectionLifecycle } from "./manifest-connection/lifecycle";
import { manifestConnectionModel } from "./manifest-connection/model";
import { iModelSyncConfigurationModel } from "./imodel-sync-configuration/model";
import { iTwinSyncConfigurationModel } from "./itwin-sync-configuration/model";
import type { ResourceModel } from "./model/define";
import { StorageConnectionLifecycle } from "./storage-connection/lifecycle";
import { storageConnectionModel } from "./storage-connection/model";
import { SyncConfigurationLifecycle } from "./sync-configuration/lifecycle";

interface Registration {
  model: ResourceModel;
  lifecycle(context: Context): AnyLifecycle;
}

export const RESOURCES: readonly Registration[] = [
  { model: storageConnectionModel, lifecycle: (context) => new StorageConnectionLifecycle(context) },
  { model: iModelModel, lifecycle: (context) => new IModelLifecycle(context) },
  { model: manifestConnectionModel, lifecycle: (context) => new ManifestConnectionLifecycle(context) },
  { model: iTwinSyncConfigurationModel, lifecycle: (context) => new SyncConfigurationLifecycle(iTwinSyncConfigurationModel, context) },
  { model: iModelSyncConfigurationModel, lifecycle: (context) => new SyncConfigurationLifecycle(iModelSyncConfigurationModel, context) },
  { model: connectionSyncConfigurationModel, lifecycle: (context) => new SyncConfigurationLifecycle(connectionSyncConfigurationModel, context) },
];

/** Each resource's lifecycle over `context`, by type token. */
export function lifecycles(context: Context): Map<string, AnyLifecycle> {
  return new Map(RESOURCES.map((r) => [r.model.token, r.lifecycle(context)]));
}
