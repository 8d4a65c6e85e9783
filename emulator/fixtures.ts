// Fixture files: the seed (fixtures/seed.json, the documented examples) and any more given by --fixtures or
// POST /__emulator/fixtures, all in one format. They are checked before anything is loaded, so a bad file changes
// nothing.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AUTHENTICATION_TYPES, isGuid } from "../api/contract";
import type { AuthenticationType, ManifestRun, ManifestSourceFile, Run, SourceFileInput } from "../api/types";
import { sourceFileProblems } from "../api/validation";
import { fixedRun } from "./runs";
import type { Store } from "./store";

export interface FixtureConnection<F, R> {
  id: string;
  displayName: string;
  iModelId: string;
  authenticationType: AuthenticationType;
  sourceFiles: F[];
  /** Full run bodies, oldest first: the last one is the connection's lastRun. */
  runs?: R[];
}

/** An iModel of the iModels API given by fixtures: its iTwin, and optionally its name (default: its id), description
 * and creation time. */
export interface FixtureIModel {
  iTwinId: string;
  name?: string;
  description?: string;
  createdDateTime?: string;
}

export interface Fixtures {
  /** iModel id → the iTwin it belongs to (its id), or the iModel's fields. Each exists in the iModels API. */
  iModels?: Record<string, string | FixtureIModel>;
  /** Storage file id → file name (a source file's lastKnownFileName). */
  storageFiles?: Record<string, string>;
  manifestConnections?: Array<FixtureConnection<ManifestSourceFile, ManifestRun>>;
  storageConnections?: Array<FixtureConnection<SourceFileInput & { id?: string }, Run>>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invalid fixtures: ${what}`);
}

function checkStringMap(value: unknown, name: string, keyIsGuid: boolean): void {
  if (value === undefined) return;
  check(isObject(value), `${name} must be an object`);
  for (const [key, entry] of Object.entries(value as object)) {
    check(!keyIsGuid || isGuid(key), `${name} key "${key}" must be a GUID`);
    check(typeof entry === "string" && entry !== "", `${name}["${key}"] must be a non-empty string`);
  }
}

function checkIModels(value: unknown): void {
  if (value === undefined) return;
  check(isObject(value), "iModels must be an object");
  for (const [key, entry] of Object.entries(value as object)) {
    check(isGuid(key), `iModels key "${key}" must be a GUID`);
    if (typeof entry === "string") {
      check(isGuid(entry), `iModels["${key}"] must be an iTwin id (a GUID) or an object with iTwinId`);
      continue;
    }
    check(isObject(entry) && isGuid(entry.iTwinId), `iModels["${key}"].iTwinId must be a GUID`);
    for (const field of ["name", "description", "createdDateTime"]) {
      const v = (entry as Record<string, unknown>)[field];
      check(v === undefined || (typeof v === "string" && v !== ""), `iModels["${key}"].${field} must be a non-empty string`);
    }
  }
}

function checkConnections(value: unknown, name: string, checkFile: (file: unknown, at: string) => void): void {
  if (value === undefined) return;
  check(Array.isArray(value), `${name} must be an array`);
  (value as unknown[]).forEach((connection, i) => {
    const at = `${name}[${i}]`;
    check(isObject(connection), `${at} must be an object`);
    const c = connection as Record<string, unknown>;
    check(typeof c.id === "string" && c.id !== "", `${at}.id must be a non-empty string`);
    check(typeof c.displayName === "string", `${at}.displayName must be a string`);
    check(isGuid(c.iModelId), `${at}.iModelId must be a GUID`);
    check((AUTHENTICATION_TYPES as readonly unknown[]).includes(c.authenticationType), `${at}.authenticationType must be User or Service`);
    check(Array.isArray(c.sourceFiles), `${at}.sourceFiles must be an array`);
    (c.sourceFiles as unknown[]).forEach((file, j) => checkFile(file, `${at}.sourceFiles[${j}]`));
    check(c.runs === undefined || Array.isArray(c.runs), `${at}.runs must be an array`);
    ((c.runs ?? []) as unknown[]).forEach((run, j) => {
      check(isObject(run) && typeof run.id === "string" && typeof run.state === "string", `${at}.runs[${j}] must be a run with id and state`);
    });
  });
}

/** The fixtures in `value`, or an Error saying what is wrong with them. */
export function parseFixtures(value: unknown): Fixtures {
  check(isObject(value), "the fixtures must be a JSON object");
  const f = value as Record<string, unknown>;
  checkIModels(f.iModels);
  checkStringMap(f.storageFiles, "storageFiles", false);
  checkConnections(f.manifestConnections, "manifestConnections", (file, at) => {
    check(isObject(file) && typeof file.id === "string" && typeof file.sourceFileId === "string", `${at} needs id and sourceFileId`);
  });
  checkConnections(f.storageConnections, "storageConnections", (file, at) => {
    const problem = sourceFileProblems(file)[0];
    check(problem === undefined, `${at}: ${problem?.detail.message}`);
  });
  return value as Fixtures;
}

export function readFixtureFile(path: string): Fixtures {
  const text = readFileSync(path, "utf8");
  try {
    return parseFixtures(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/** The folder holding package.json: seed.json is read from the sources both when run from them (tests) and from
 * dist/ (tsc does not copy JSON). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the emulator");
    dir = parent;
  }
  return dir;
}

export function seedFile(): string {
  return join(packageRoot(), "emulator", "fixtures", "seed.json");
}

export function loadFixtures(store: Store, fixtures: Fixtures): void {
  for (const [id, entry] of Object.entries(fixtures.iModels ?? {})) {
    store.restoreIModel(typeof entry === "string" ? { id, iTwinId: entry } : { id, ...entry });
  }
  for (const [storageFileId, name] of Object.entries(fixtures.storageFiles ?? {})) store.setFileName(storageFileId, name);
  for (const { runs, ...connection } of fixtures.manifestConnections ?? []) {
    store.addManifestConnection({
      ...connection,
      sourceFiles: connection.sourceFiles.map((file) => ({ ...file })),
      runs: (runs ?? []).map(fixedRun),
    });
  }
  for (const { runs, ...connection } of fixtures.storageConnections ?? []) {
    store.restoreStorageConnection({ ...connection, runs: (runs ?? []).map(fixedRun) });
  }
}
