// Everything one running emulator holds, shared by the server and the routes.
import type { Auth } from "./auth";
import { ERROR } from "../api/contract";
import { ServiceError } from "./errors";
import type { Faults } from "./faults";
import type { IncomingHttpHeaders } from "node:http";
import { loadFixtures, type Fixtures } from "./fixtures";
import { requestOrigin } from "./origin";
import { rowsOf, type DataFile, type Row } from "./persistence";
import type { RequestLog } from "./request-log";
import { Store, type StoreSettings } from "./store";
import type { Changes } from "./tables";

function saveFailed(error: unknown): ServiceError {
  return new ServiceError(500, {
    code: ERROR.internalError.code,
    message: `The emulator could not save this change to its data file (${(error as Error).message}), so it did not make it.`,
  });
}

export class EmulatorState {
  /** `http://127.0.0.1:<port>`, once listening: the origin of links for requests that name no host. */
  baseUrl = "";
  readonly store: Store;
  /** Changes taken from the store and not yet in the data file, and who waits for them to be. */
  private staged: { rows: Row[]; changes: Changes[]; waiting: Array<(error?: ServiceError) => void> } = { rows: [], changes: [], waiting: [] };

  /** With a data file that holds a state, that state; else the start-up fixtures (saved to the data file). */
  constructor(
    runSettings: StoreSettings,
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
   * Takes the store's changes (the server calls this after each request's handler) for the next save. Changes that
   * cannot be serialized are undone at once, this request's only, and raise a 500 saying so.
   */
  stage(): void {
    const changes = this.store.takeChanges();
    if (!this.dataFile || (!changes.cleared && changes.records.length === 0)) return;
    try {
      this.staged.rows.push(...rowsOf(changes));
      this.staged.changes.push(changes);
    } catch (error) {
      this.undo(error);
      throw saveFailed(error);
    }
  }

  /**
   * Resolves once what is staged is in the data file: the server answers after it, so nothing unsaved is
   * acknowledged or served. One commit (one sync to disk) saves every request handled in the same turn of the event
   * loop. When it fails, all of them are undone (the store goes back to what the file holds) and it rejects with a 500.
   */
  saved(): Promise<void> {
    if (this.staged.changes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (this.staged.waiting.length === 0) setImmediate(() => this.trySave());
      this.staged.waiting.push((error) => (error ? reject(error) : resolve()));
    });
  }

  /** Stages and saves now; throws the 500 when the save fails. */
  save(): void {
    this.stage();
    const error = this.trySave();
    if (error) throw error;
  }

  /** Saves what is left and releases the data file's lock. */
  close(): void {
    try {
      this.save();
    } finally {
      this.dataFile?.close();
    }
  }

  /** Writes what is staged and settles who waits for it; the 500 when that failed. */
  private trySave(): ServiceError | undefined {
    const { rows, waiting } = this.staged;
    this.staged = { rows: [], changes: [], waiting: [] };
    let failure: ServiceError | undefined;
    try {
      this.dataFile?.write(rows);
    } catch (error) {
      this.undo(error);
      failure = saveFailed(error);
    }
    for (const settle of waiting) settle(failure);
    return failure;
  }

  /** Back to what the data file holds, then what is still staged for it. */
  private undo(error: unknown): void {
    console.error("emulator: could not save to the data file:", error);
    try {
      this.store.restore(this.dataFile?.load() ?? {});
      for (const changes of this.staged.changes) this.store.apply(changes);
    } catch (readError) {
      console.error("emulator: could not read the data file back either; the store keeps the unsaved changes:", readError);
    }
  }

  private loadFixtures(): void {
    for (const fixtures of this.fixtures) loadFixtures(this.store, fixtures);
  }
}
