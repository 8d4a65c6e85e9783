// An emulator per test file, with helpers for its control endpoint.
import { startEmulator, type EmulatorOptions, type FaultSettings, type LoggedRequest, type RunningEmulator } from "../../emulator";
import { StaticToken } from "../../provider/client/auth";
import { HttpClient, type HttpOptions } from "../../provider/client/http";
import { SyncClient } from "../../provider/client/sync-client";

export const TOKEN = "test-token-not-a-secret";

export class TestEmulator {
  private constructor(readonly running: RunningEmulator) {}

  static async start(options: EmulatorOptions = {}): Promise<TestEmulator> {
    return new TestEmulator(await startEmulator({ runStepMs: 20, ...options }));
  }

  get url(): string {
    return this.running.url;
  }

  /** A client with fast retries; `tuning` overrides (e.g. an injected sleep). */
  client(tuning: Partial<HttpOptions> = {}, token = TOKEN): SyncClient {
    return new SyncClient(
      new HttpClient({ baseUrl: this.url, tokens: new StaticToken(token, "itwin:accessToken"), retryBaseMs: 5, ...tuning }),
    );
  }

  async faults(patch: Partial<FaultSettings>): Promise<void> {
    const res = await fetch(`${this.url}/__emulator/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
    if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
  }

  /** The whole request log, oldest first, following its pages. */
  async requests(): Promise<LoggedRequest[]> {
    const all: LoggedRequest[] = [];
    let next: string | undefined = `${this.url}/__emulator/requests`;
    while (next) {
      const page = (await (await fetch(next)).json()) as { requests: LoggedRequest[]; _links: { next?: { href: string } } };
      all.push(...page.requests);
      next = page._links.next?.href;
    }
    return all;
  }

  /** The API calls `step` makes, as `METHOD /path` (no query, no control calls), each path through `normalize`
   * (e.g. ids as {id}): what a test compares with the calls an operation should make. */
  async calls(step: () => Promise<unknown>, normalize: (path: string) => string = (path) => path): Promise<string[]> {
    await this.clearRequests();
    await step();
    return (await this.requests()).filter((r) => !r.path.startsWith("/__")).map((r) => `${r.method} ${normalize(r.path.split("?")[0])}`);
  }

  async clearRequests(): Promise<void> {
    await fetch(`${this.url}/__emulator/requests`, { method: "DELETE" });
  }

  close(): Promise<void> {
    return this.running.close();
  }
}
