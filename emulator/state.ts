// Everything one running emulator holds, shared by the server and the routes.
import type { Auth } from "./auth";
import { ERROR } from "../api/contract";
import { ServiceError } from "./errors";
import type { Faults } from "./faults";
import type { IncomingHttpHeaders } from "node:http";
import { loadFixtures, type Fixtures } from "./fixtures";
import { requestOrigin } from "./origin";
import type { DataFile } from "./persistence";
import type { RequestLog } from "./request-log";
import type { RunSettings } from "./runs";
import { Store } from "./store";

export class EmulatorState {
  /** `http://127.0.0.1:<port>`, once listening: the origin of links for requests that name no host. */
  baseUrl = "";
  readonly store: Store;

  /** With a data file that holds a state, that state; else the start-up fixtures (saved to the data file). */
  constructor(
    runSettings: RunSettings,
    readonly faults: Faults,
    readonly auth: Auth,
    readonly log: RequestLog,
    /** Loaded at start (unless the data file has a state) and again on every reset. */
    private readonly fixtures: Fixtures[],
    /** `--public-url`: every link's origin, whatever the request says. */
    private readonly publicUrl?: string,
    /** `--data`: where every change is saved. */
    private readonly dataFile?: DataFile,
  ) {
    this.store = new Store(runSettings);
    const saved = dataFile?.load();
    if (saved) this.store.restore(saved);
    else this.loadFixtures();
    this.save();
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
    this.loadFixtures();
    this.faults.reset();
    this.save();
  }

  /**
   * Saves the store's changes to the data file, if any (the server calls this before it answers a request). A save
   * that fails undoes them (the store goes back to what the file holds) and raises a 500 saying so, so nothing
   * unsaved is acknowledged or served.
   */
  save(): void {
    const changes = this.store.takeChanges();
    if (!this.dataFile) return;
    try {
      this.dataFile.save(changes);
    } catch (error) {
      console.error("emulator: could not save to the data file:", error);
      this.store.restore(this.dataFile.load() ?? {});
      throw new ServiceError(500, {
        code: ERROR.internalError.code,
        message: `The emulator could not save this change to its data file (${(error as Error).message}), so it did not make it.`,
      });
    }
  }

  /** Saves what is left and releases the data file's lock. */
  close(): void {
    try {
      this.save();
    } finally {
      this.dataFile?.close();
    }
  }

  private loadFixtures(): void {
    for (const fixtures of this.fixtures) loadFixtures(this.store, fixtures);
  }
}
