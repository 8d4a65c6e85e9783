// What the serialized provider loads inside Pulumi's dynamic-provider process. Settings arrive through
// `configure` (the stack's config, secrets decrypted) and live only in this process's memory.
import type * as pulumi from "@pulumi/pulumi";
import type { SyncClient } from "./client/sync-client";
import { createClient, tuningFromEnv, type ConfigGetter } from "./config";
import { StorageConnectionLifecycle } from "./storage-connection/lifecycle";

let getConfig: ConfigGetter = () => undefined;
let client: SyncClient | undefined;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  getConfig = (name) => req.config.get(`itwin:${name}`);
  client = undefined;
}

export const storageConnection = new StorageConnectionLifecycle(
  () => (client ??= createClient(getConfig, tuningFromEnv())),
  { runPollMs: Number(process.env.ITWIN_RUN_POLL_INTERVAL_MS ?? 5000) },
);
