// Everything one running emulator holds, shared by the server and the routes.
import type { Auth } from "./auth";
import type { Faults } from "./faults";
import type { IncomingHttpHeaders } from "node:http";
import { loadFixtures, type Fixtures } from "./fixtures";
import { requestOrigin } from "./origin";
import type { RequestLog } from "./request-log";
import type { RunSettings } from "./runs";
import { Store } from "./store";

export class EmulatorState {
  /** `http://127.0.0.1:<port>`, once listening: the origin of links for requests that name no host. */
  baseUrl = "";
  readonly store: Store;

  constructor(
    runSettings: RunSettings,
    readonly faults: Faults,
    readonly auth: Auth,
    readonly log: RequestLog,
    /** Loaded at start and again on every reset. */
    private readonly fixtures: Fixtures[],
    /** `--public-url`: every link's origin, whatever the request says. */
    private readonly publicUrl?: string,
  ) {
    this.store = new Store(runSettings);
    this.reset();
  }

  /** Where the links of an answer to a request with these headers point (origin.ts). */
  originOf(headers: IncomingHttpHeaders): string {
    return this.publicUrl ?? requestOrigin(headers, this.baseUrl);
  }

  now(): number {
    return Date.now();
  }

  /** An empty store loaded with the start-up fixtures again, and the start-up faults. */
  reset(): void {
    this.store.clear();
    for (const fixtures of this.fixtures) loadFixtures(this.store, fixtures);
    this.faults.reset();
  }
}
