// What the serialized provider loads inside Pulumi's dynamic-provider process. Settings arrive through
// `configure` (the stack's config, secrets decrypted) and live only in this process's memory.
import type * as pulumi from "@pulumi/pulumi";
import type { SyncClient } from "./client/sync-client";
import { createClient, lifecycleOptions, tuningFromEnv, type ConfigGetter } from "./config";
import { StorageConnectionLifecycle } from "./storage-connection/lifecycle";

let getConfig: ConfigGetter = () => undefined;
let client: SyncClient | undefined;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  getConfig = (name) => req.config.get(`itwin:${name}`);
  client = undefined;
}

/** The client the stack's settings make. Besides StorageConnections, dynamic resources of other iTwin platform APIs
 * call through it (examples/platform's IModel), so one set of settings, retries and token cache serves them all. */
export function apiClient(): SyncClient {
  return (client ??= createClient(getConfig, tuningFromEnv()));
}

export const storageConnection = new StorageConnectionLifecycle(apiClient, lifecycleOptions((name) => getConfig(name)));

/** What the serialized provider's `handler()` returns to the dynamic-provider host. */
export const storageConnectionProvider: pulumi.dynamic.ResourceProvider = {
  configure,
  check: (olds, news) => oneLine(storageConnection.check(olds, news)),
  diff: (id, olds, news) => oneLine(storageConnection.diff(id, olds, news)),
  create: (inputs) => oneLine(storageConnection.create(inputs)),
  read: (id, props) => oneLine(storageConnection.read(id, props)),
  update: (id, olds, news) => oneLine(storageConnection.update(id, olds, news)),
  delete: (id) => oneLine(storageConnection.delete(id)),
};

/**
 * The dynamic-provider host reports a failed check, diff, read or delete with the error's message and also prints
 * `${error}: ${error.stack}` to the stack's diagnostics. Our messages say all there is to say: make that print the
 * one line `Name: message`, with no JavaScript frames.
 */
async function oneLine<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Error) {
      error.stack = error.message;
      Object.defineProperty(error, "toString", { value: () => error.name });
    }
    throw error;
  }
}
