// The one place a provider process keeps its settings and its client: the dynamic runtime, the plugin and the
// program's lookups each hold one. The client is made on first use from the settings `configure` gave last.
import type { SyncClient } from "./client/sync-client";
import { adoptOnConflict, allowUnknownConnectorTypes, createClient, tuningFromEnv, type ConfigGetter } from "./config";
import type { Context } from "./core/verbs";

export class ProviderContext implements Context {
  private get: ConfigGetter;
  private shared?: SyncClient;
  readonly runPollMs: number;

  constructor(get: ConfigGetter = () => undefined, env: NodeJS.ProcessEnv = process.env) {
    this.get = get;
    this.runPollMs = Number(env.ITWIN_RUN_POLL_INTERVAL_MS ?? 5000);
  }

  /** New settings: the next call makes a new client from them. */
  configure(get: ConfigGetter): void {
    this.get = get;
    this.shared = undefined;
  }

  /** `itwin:<name>`, or undefined. */
  config(name: string): string | undefined {
    return this.get(name);
  }

  client(signal?: AbortSignal): SyncClient {
    const client = (this.shared ??= createClient(this.get, tuningFromEnv()));
    return signal ? client.withSignal(signal) : client;
  }

  allowUnknownConnectorTypes(): boolean {
    return allowUnknownConnectorTypes(this.get);
  }

  adoptIdenticalOnConflict(): boolean {
    return adoptOnConflict(this.get) === "exact";
  }
}
