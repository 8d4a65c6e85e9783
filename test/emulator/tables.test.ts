// The store's tables and the data file, below the HTTP layer: any table is saved and restored with no code of its own,
// in insertion order, and a save writes only what changed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFile, rowsOf } from "../../emulator/persistence";
import { Tables } from "../../emulator/tables";

function newDataFile(): DataFile {
  return DataFile.open(join(mkdtempSync(join(tmpdir(), "itwin-emulator-tables-")), "data.db"));
}

/** A store's state with a kind of record no persistence code knows of. */
function widgetState() {
  const tables = new Tables();
  return { tables, widgets: tables.table<{ name: string; parts: string[] }>("widgets"), counts: tables.table<number>("counts") };
}

describe("tables in a data file", () => {
  it("saves and restores a table added to the state, records in insertion order, updates in place", () => {
    const file = newDataFile();
    try {
      const first = widgetState();
      first.widgets.set("b", { name: "bee", parts: ["x"] });
      first.widgets.set("a", { name: "ay", parts: [] });
      first.counts.set("n", 1);
      file.write(rowsOf(first.tables.takeChanges()));
      // Changed in place, set again; one deleted; one added.
      const bee = first.widgets.get("b")!;
      bee.parts.push("y");
      first.widgets.set("b", bee);
      first.counts.delete("n");
      first.widgets.set("c", { name: "sea", parts: [] });
      const changes = first.tables.takeChanges();
      expect(changes.records.map(({ table, key }) => `${table}/${key}`).sort()).toEqual(["counts/n", "widgets/b", "widgets/c"]);
      file.write(rowsOf(changes));

      const second = widgetState();
      second.tables.restore(file.load()!);
      expect(second.tables.dump()).toEqual(first.tables.dump());
      expect([...second.widgets.entries()].map(([key]) => key)).toEqual(["b", "a", "c"]);
      expect(second.tables.takeChanges()).toEqual({ cleared: false, records: [] });
    } finally {
      file.close();
    }
  });

  it("saves a clear as the removal of every record, before what follows it", () => {
    const file = newDataFile();
    try {
      const state = widgetState();
      state.widgets.set("old", { name: "old", parts: [] });
      file.write(rowsOf(state.tables.takeChanges()));
      state.tables.clear();
      state.counts.set("fresh", 2);
      file.write(rowsOf(state.tables.takeChanges()));
      expect(file.load()).toEqual({ counts: [["fresh", 2]] });
    } finally {
      file.close();
    }
  });
});
