// The StorageConnection lifecycle as the front doors call it, over a test's client: declarations go through check
// first, as the engine's do, so every verb gets the Checked inputs it is typed for.
import type { SyncClient } from "../../provider/client/sync-client";
import { checkInputs } from "../../provider/storage-connection/check";
import { StorageConnectionLifecycle } from "../../provider/storage-connection/lifecycle";
import type { CheckedStorageConnectionInputs } from "../../provider/storage-connection/model";

export interface CoreOptions {
  runPollMs?: number;
  allowUnknownConnectorTypes?: boolean;
  adoptIdenticalOnConflict?: boolean;
}

export function lifecycleOver(client: () => SyncClient, options: CoreOptions = {}): StorageConnectionLifecycle {
  return new StorageConnectionLifecycle({
    client,
    runPollMs: options.runPollMs ?? 20,
    allowUnknownConnectorTypes: () => options.allowUnknownConnectorTypes ?? false,
    adoptIdenticalOnConflict: () => options.adoptIdenticalOnConflict ?? false,
  });
}

/** `declared` after check; a declaration check refuses fails the test here, naming why. */
export function checked(declared: object): CheckedStorageConnectionInputs {
  const { inputs, failures } = checkInputs(declared as Record<string, unknown>);
  if (failures.length > 0) throw new Error(`test declaration fails check: ${failures.map((f) => f.reason).join("; ")}`);
  return inputs;
}
