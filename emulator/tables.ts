// The store's state as named tables of JSON-able records, each keyed by a string and kept in insertion order. Every
// set and delete is noted as a change, so persistence saves only what changed (its cost does not grow with the
// store) and dump/restore cover every table: a record kind added later as one more table is persisted with no
// other code.

/** Every table's records, in insertion order: what a data file holds and `restore` takes back. */
export type Dump = Record<string, Array<[key: string, value: unknown]>>;

/** What changed since the last `takeChanges`: every table emptied first when `cleared`, then each key's record as it
 * stands now (`undefined`: deleted). */
export interface Changes {
  cleared: boolean;
  records: Array<{ table: string; key: string; value: unknown }>;
}

export class Table<T> {
  private readonly rows = new Map<string, T>();

  constructor(private readonly noteChange: (key: string) => void) {}

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  /** A record changed in place must be set again: that is what marks it changed. */
  set(key: string, value: T): void {
    this.rows.set(key, value);
    this.noteChange(key);
  }

  delete(key: string): void {
    if (this.rows.delete(key)) this.noteChange(key);
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.rows.entries();
  }

  /** Without noting changes: for `Tables`, which notes a clear once. */
  clearRows(): void {
    this.rows.clear();
  }

  /** Without noting changes. */
  deleteRow(key: string): void {
    this.rows.delete(key);
  }

  /** Without noting changes: the record as a data file gives it. */
  restoreRow(key: string, value: T): void {
    this.rows.set(key, value);
  }
}

export class Tables {
  private readonly tables = new Map<string, Table<unknown>>();
  private readonly dirty = new Map<string, Set<string>>();
  private cleared = false;

  /** The table of this name; one per name. */
  table<T>(name: string): Table<T> {
    if (this.tables.has(name)) throw new Error(`table ${name} is defined twice`);
    const keys = new Set<string>();
    this.dirty.set(name, keys);
    const table = new Table<T>((key) => keys.add(key));
    this.tables.set(name, table as Table<unknown>);
    return table;
  }

  /** Every table emptied. */
  clear(): void {
    for (const table of this.tables.values()) table.clearRows();
    for (const keys of this.dirty.values()) keys.clear();
    this.cleared = true;
  }

  dump(): Dump {
    const dump: Dump = {};
    for (const [name, table] of this.tables) dump[name] = [...table.entries()];
    return dump;
  }

  /** Every table as `dump` gives it (tables it does not name end empty; names no table has are ignored), with no
   * change pending. */
  restore(dump: Dump): void {
    for (const [name, table] of this.tables) {
      table.clearRows();
      for (const [key, value] of dump[name] ?? []) table.restoreRow(key, value);
    }
    this.discardChanges();
  }

  /** Makes these changes again without noting them (they are noted already, elsewhere). */
  apply(changes: Changes): void {
    if (changes.cleared) for (const table of this.tables.values()) table.clearRows();
    for (const { table, key, value } of changes.records) {
      const target = this.tables.get(table)!;
      if (value === undefined) target.deleteRow(key);
      else target.restoreRow(key, value);
    }
  }

  /** The changes since the last call, which are then no longer pending. */
  takeChanges(): Changes {
    const records: Changes["records"] = [];
    for (const [name, keys] of this.dirty) {
      const table = this.tables.get(name)!;
      for (const key of keys) records.push({ table: name, key, value: table.get(key) });
      keys.clear();
    }
    const changes = { cleared: this.cleared, records };
    this.cleared = false;
    return changes;
  }

  private discardChanges(): void {
    for (const keys of this.dirty.values()) keys.clear();
    this.cleared = false;
  }
}
