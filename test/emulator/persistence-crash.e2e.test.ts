// --data under crashes, failed saves and a second emulator, with the emulator as its own process (the built CLI):
// what was acknowledged is on disk when the answer goes out, and the file has one owner.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { errorBody } from "../../api/contract";
import { killHard, killLeftovers, startEmulatorProcess, stop } from "../harness/emulator-process";
import { Api, CONNECTIONS, newConnection } from "./helpers";

function newDataFile(): string {
  return join(mkdtempSync(join(tmpdir(), "itwin-emulator-crash-")), "data.db");
}

/** `fixtures` as an object, or as JSON text. */
async function postFixtures(url: string, fixtures: unknown): Promise<Response> {
  const body = typeof fixtures === "string" ? fixtures : JSON.stringify(fixtures);
  return fetch(`${url}/__emulator/fixtures`, { method: "POST", headers: { "content-type": "application/json" }, body });
}

/** `size` fixture connections with one source file each, for a store of some size. */
function manyConnections(size: number): unknown[] {
  return Array.from({ length: size }, (_, i) => ({
    ...newConnection(),
    id: `${String(i).padStart(6, "0")}${"c".repeat(37)}`,
    sourceFiles: [{ storageFileId: `file-${i}`, connectorType: "MSTN" }],
  }));
}

/** Bytes the process has handed to write(2) so far (Linux). */
function bytesWritten(pid: number): number {
  return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"))![1]);
}

afterEach(killLeftovers);

describe("the data file under a crash", () => {
  it("loses no acknowledged create when the emulator is killed (SIGKILL) in the middle of a burst", async () => {
    const dataFile = newDataFile();
    const emulator = await startEmulatorProcess(["--data", dataFile]);
    // A store of some size, as a shared sandbox's: a save that rewrote it all would take long enough to be cut off.
    expect((await postFixtures(emulator.url, { storageConnections: manyConnections(2000) })).status).toBe(204);
    const api = new Api(emulator.url);
    const acknowledged: string[] = [];
    const total = 300;
    const killAfter = 150;
    let next = 0;
    let killed: Promise<void> | undefined;
    // 20 clients at a time; the kill lands while some creates are on the wire, and their clients see an error.
    const client = async () => {
      while (next < total && !killed) {
        next++;
        try {
          const answer = await api.post(CONNECTIONS, newConnection(), { signal: AbortSignal.timeout(20_000) });
          if (answer.status === 201) acknowledged.push(answer.body.connection.id);
        } catch {
          // Cut off by the kill: never acknowledged.
        }
        if (acknowledged.length >= killAfter) killed ??= killHard(emulator);
      }
    };
    await Promise.all(Array.from({ length: 20 }, client));
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    const restarted = await startEmulatorProcess(["--data", dataFile]);
    try {
      const again = new Api(restarted.url);
      const lost: string[] = [];
      for (const id of acknowledged) if ((await again.get(`${CONNECTIONS}/${id}`)).status !== 200) lost.push(id);
      expect(lost).toEqual([]);
    } finally {
      await stop(restarted);
    }
  });

  it("answers 500 in the API's error shape when a change cannot be saved, undoes it and keeps serving", async () => {
    const dataFile = newDataFile();
    const emulator = await startEmulatorProcess(["--data", dataFile]);
    const api = new Api(emulator.url);
    // A fixture run nested 8,000 deep: read and checked fine, but too deep to serialize (hence written by hand).
    const run = { id: "deep-run", state: "Completed", deep: "DEEP" };
    const connection = { id: "D".repeat(43), displayName: "deep", iModelId: "12345678-1234-4234-8234-123456789012", authenticationType: "Service", sourceFiles: [], runs: [run] };
    const text = JSON.stringify({ storageConnections: [connection] }).replace('"DEEP"', `${"[".repeat(8000)}${"]".repeat(8000)}`);
    const answer = await postFixtures(emulator.url, text);
    expect(answer.status).toBe(500);
    const body = await answer.json();
    expect(body).toEqual(errorBody({ code: "InternalServerError", message: expect.stringContaining("could not save this change to its data file") }));
    // Undone: not served, and the emulator takes the next change.
    expect((await api.get(`${CONNECTIONS}/${connection.id}`)).status).toBe(404);
    const created = await api.post(CONNECTIONS, newConnection());
    expect(created.status).toBe(201);

    const { code } = await stop(emulator);
    expect(code).toBe(0);
    const restarted = await startEmulatorProcess(["--data", dataFile]);
    const again = new Api(restarted.url);
    expect((await again.get(`${CONNECTIONS}/${created.body.connection.id}`)).status).toBe(200);
    expect((await again.get(`${CONNECTIONS}/${connection.id}`)).status).toBe(404);
    await stop(restarted);
  });

  it("refuses a second emulator on the same file with a clear message, and a killed one leaves no stale lock", async () => {
    const dataFile = newDataFile();
    const first = await startEmulatorProcess(["--data", dataFile]);
    const id = (await new Api(first.url).post(CONNECTIONS, newConnection())).body.connection.id;
    await expect(startEmulatorProcess(["--data", dataFile])).rejects.toThrow(
      `the emulator exited 1 before listening: emulator: ${dataFile} is in use by another emulator (its data file is locked): stop that one, or give this one another --data file\n`,
    );
    // The first one is unharmed.
    expect((await new Api(first.url).get(`${CONNECTIONS}/${id}`)).status).toBe(200);
    await killHard(first);

    const next = await startEmulatorProcess(["--data", dataFile]);
    try {
      expect((await new Api(next.url).get(`${CONNECTIONS}/${id}`)).status).toBe(200);
    } finally {
      await stop(next);
    }
  });
});

describe("the cost of a save", () => {
  /** Bytes written per create, averaged over `writes`, once the store holds `size` more connections. */
  async function bytesPerCreate(size: number, writes: number): Promise<number> {
    const emulator = await startEmulatorProcess(["--data", newDataFile(), "--no-seed"]);
    try {
      expect((await postFixtures(emulator.url, { storageConnections: manyConnections(size) })).status).toBe(204);
      const api = new Api(emulator.url);
      const before = bytesWritten(emulator.child.pid!);
      for (let i = 0; i < writes; i++) expect((await api.post(CONNECTIONS, newConnection())).status).toBe(201);
      return (bytesWritten(emulator.child.pid!) - before) / writes;
    } finally {
      await stop(emulator);
    }
  }

  it("does not grow with the store: a create writes about as much among 4,000 connections as among 100", async () => {
    const small = await bytesPerCreate(100, 20);
    const large = await bytesPerCreate(4000, 20);
    // The whole store is some 40 times larger; a save that rewrote it would write that much more.
    expect(large).toBeLessThan(small * 2);
  });
});
