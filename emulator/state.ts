// Everything one running emulator holds, shared by the server and the routes.
import type { Auth } from "./auth";
import type { Faults } from "./faults";
import { loadFixtures, type Fixtures } from "./fixtures";
import { RequestLog } from "./request-log";
import type { RunSettings } from "./runs";
import { Store } from "./store";

export class EmulatorState {
  /** `http://127.0.0.1:<port>`, once listening: every href starts with it. */
  baseUrl = "";
  readonly store: Store;
  readonly log = new RequestLog();

  constructor(
    runSettings: RunSettings,
    readonly faults: Faults,
    readonly auth: Auth,
    /** Loaded at start and again on every reset. */
    private readonly fixtures: Fixtures[],
  ) {
    this.store = new Store(runSettings);
    this.reset();
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
