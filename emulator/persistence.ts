// --data: the store's whole state in a SQLite database, one row per record of each of its tables (tables.ts). A
// request's changes are saved (in one transaction with those of the other requests of the same event-loop turn,
// state.ts) before it is answered, so an acknowledged write survives a crash (kill -9) and a failed save is never
// acknowledged. A save writes only the records that changed, whatever the size of the store. SQLite is Node's own `node:sqlite`: no dependency to build for each Node version, atomic commits, a
// write-ahead log that needs no hand-written compaction, and an exclusive lock the kernel releases when the process
// dies, so a second emulator on the same file refuses to start and a crashed one leaves no stale lock behind.
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Changes, Dump } from "./tables";

/** PRAGMA user_version of a data file this emulator wrote; 0 is a new, empty file. */
const FORMAT_VERSION = 1;
/** SQLite's primary result codes (node:sqlite's `errcode` may carry an extended one). */
const SQLITE_BUSY = 5;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

function sqlite(): typeof import("node:sqlite") {
  try {
    return require("node:sqlite") as typeof import("node:sqlite");
  } catch {
    throw new Error(`--data needs node:sqlite (Node.js 22.13 or later); this is Node.js ${process.versions.node}`);
  }
}

/** The reason an open failed, in words that say what to do. */
function openError(path: string, error: unknown): Error {
  const code = ((error as { errcode?: number }).errcode ?? 0) & 0xff;
  if (code === SQLITE_BUSY) {
    return new Error(`${path} is in use by another emulator (its data file is locked): stop that one, or give this one another --data file`);
  }
  if (code === SQLITE_NOTADB) {
    return new Error(
      `${path} is not an emulator data file (they are SQLite databases); a JSON data file of an earlier emulator loads as fixtures: --fixtures ${path} --data <new file>`,
    );
  }
  if (code === SQLITE_CANTOPEN) {
    const why = !existsSync(dirname(path)) ? "its folder does not exist" : existsSync(path) && statSync(path).isDirectory() ? "it is a folder" : "no access";
    return new Error(`${path}: cannot open it as a data file (${why}); --data takes the path of a file in a folder this process can write`);
  }
  return new Error(`${path}: ${(error as Error).message}`);
}

/** What one save writes, in order: every record removed, or one record as JSON (`undefined`: deleted). */
export const CLEAR = "clear";
export type Row = typeof CLEAR | { table: string; key: string; json: string | undefined };

/** The changes as rows; throws when a record cannot be serialized (e.g. nested too deep). */
export function rowsOf(changes: Changes): Row[] {
  const records = changes.records.map(({ table, key, value }) => ({ table, key, json: value === undefined ? undefined : JSON.stringify(value) }));
  return changes.cleared ? [CLEAR, ...records] : records;
}

export class DataFile {
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly removeAll: StatementSync;
  private readonly selectAll: StatementSync;
  private isNew: boolean;

  private constructor(private readonly db: DatabaseSync) {
    db.exec("CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))");
    // An update keeps its row (and so its rowid, the order records load in).
    this.upsert = db.prepare("INSERT INTO records (kind, key, value) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value");
    this.remove = db.prepare("DELETE FROM records WHERE kind = ? AND key = ?");
    this.removeAll = db.prepare("DELETE FROM records");
    this.selectAll = db.prepare("SELECT kind, key, value FROM records ORDER BY rowid");
    const version = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
    if (version > FORMAT_VERSION) throw new Error(`written by a newer emulator (format ${version}; this one reads ${FORMAT_VERSION})`);
    this.isNew = version === 0;
  }

  /** Opens (or creates) the file and locks it for this process until `close`; throws when another holds it. */
  static open(path: string): DataFile {
    let db: DatabaseSync | undefined;
    try {
      db = new (sqlite().DatabaseSync)(path);
      // Exclusive mode holds the lock from the first access on; in WAL mode it also keeps the log's index in memory
      // (no -shm file). FULL syncs the log on each commit: a saved change survives a power cut too, not only a crash.
      db.exec("PRAGMA locking_mode = EXCLUSIVE");
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = FULL");
      db.exec("BEGIN EXCLUSIVE");
      db.exec("COMMIT");
      return new DataFile(db);
    } catch (error) {
      db?.close();
      throw openError(path, error);
    }
  }

  /** The saved state, or undefined when the file is new (nothing was ever saved to it). */
  load(): Dump | undefined {
    if (this.isNew) return undefined;
    const dump: Dump = {};
    for (const row of this.selectAll.iterate() as Iterable<{ kind: string; key: string; value: string }>) {
      (dump[row.kind] ??= []).push([row.key, JSON.parse(row.value)]);
    }
    return dump;
  }

  /** Writes the rows (in order) in one transaction: all of them or, when it throws, none. */
  write(rows: Row[]): void {
    if (rows.length === 0 && !this.isNew) return;
    this.db.exec("BEGIN");
    try {
      for (const row of rows) {
        if (row === CLEAR) this.removeAll.run();
        else if (row.json === undefined) this.remove.run(row.table, row.key);
        else this.upsert.run(row.table, row.key, row.json);
      }
      if (this.isNew) this.db.exec(`PRAGMA user_version = ${FORMAT_VERSION}`);
      this.db.exec("COMMIT");
      this.isNew = false;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Releases the lock. */
  close(): void {
    this.db.close();
  }
}
