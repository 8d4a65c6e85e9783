// Shared by the emulator tests: one emulator per file, a small HTTP client, the documented examples and builders.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { MEDIA_TYPE, SYNC_PATH } from "../../api/contract";
import type { CreateStorageConnectionRequest, Run } from "../../api/types";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export const CONNECTIONS = `${SYNC_PATH}/storageconnections`;
export const MANIFEST_ID = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";
export const MANIFEST = `${SYNC_PATH}/manifestconnections/${MANIFEST_ID}`;
export const IMODEL_ID = "7dbd531d-6967-47b2-8945-a722a437ad7a";
export const ITWIN_ID = "5fb9aa98-9874-4697-b942-d19728840f19";
/** Well-formed (43 base64url characters) but unknown. */
export const UNKNOWN_CONNECTION_ID = "A".repeat(43);

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const CONNECTION_ID = /^[A-Za-z0-9_-]{43}$/;
/** The documented timestamp form, `2020-10-24T02:44:13.4109666Z`. */
export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;

/** Parsed JSON, indexed freely by the tests that compare it with the documented examples. */
export type Json = any;

/** The examples of one reference page (test/fixtures/api-docs), with https://api.bentley.com replaced by `base`. */
export function docs(page: string, base: string): Json {
  const text = readFileSync(join(__dirname, "..", "fixtures", "api-docs", `${page}.json`), "utf8");
  return JSON.parse(text.split("https://api.bentley.com").join(base));
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

export interface CallOptions {
  /** An object is sent as JSON, a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the client's token; null sends no Authorization header. */
  token?: string | null;
  /** To give up on the answer, e.g. AbortSignal.timeout(ms). */
  signal?: AbortSignal;
}

export class Api {
  constructor(
    readonly url: string,
    public token: string | null = "test-token",
  ) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? this.token : options.token;
    const body = typeof options.body === "string" || options.body === undefined ? options.body : JSON.stringify(options.body);
    const response = await fetch(`${this.url}${path}`, {
      method,
      redirect: "manual",
      headers: {
        accept: MEDIA_TYPE,
        ...(body !== undefined && { "content-type": "application/json" }),
        ...(token !== null && { authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      body,
      signal: options.signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
  }

  get(path: string, options?: CallOptions): Promise<Answer> {
    return this.call("GET", path, options);
  }

  post(path: string, body?: unknown, options?: CallOptions): Promise<Answer> {
    return this.call("POST", path, { ...options, body });
  }

  put(path: string, body?: unknown, options?: CallOptions): Promise<Answer> {
    return this.call("PUT", path, { ...options, body });
  }

  delete(path: string, options?: CallOptions): Promise<Answer> {
    return this.call("DELETE", path, options);
  }

  /** The path part of an absolute href the emulator gave. */
  pathOf(href: string): string {
    if (!href.startsWith(this.url)) throw new Error(`${href} is not on ${this.url}`);
    return href.slice(this.url.length);
  }
}

/** Starts an emulator (fast runs) for the test file and closes it after; read the fields inside tests. */
export function useEmulator(options: EmulatorOptions = {}): { emulator: RunningEmulator; api: Api } {
  const context = {} as { emulator: RunningEmulator; api: Api };
  beforeAll(async () => {
    context.emulator = await startEmulator({ port: 0, runStepMs: 10, ...options });
    context.api = new Api(context.emulator.url);
  });
  afterAll(() => context.emulator.close());
  return context;
}

/** A storage file id no other test uses; `tag` ("fail", "warn") picks the run outcome. */
export function storageFileId(tag = "file"): string {
  return `${tag}-${randomBytes(12).toString("base64url")}`;
}

/** A valid create body for a fresh iModel, with one MSTN file unless told otherwise. */
export function newConnection(overrides: Partial<CreateStorageConnectionRequest> = {}): CreateStorageConnectionRequest {
  return {
    displayName: "test",
    iModelId: randomUUID(),
    authenticationType: "Service",
    sourceFiles: [{ storageFileId: storageFileId(), connectorType: "MSTN" }],
    ...overrides,
  };
}

/** Creates a connection and returns its id. */
export async function createConnection(api: Api, overrides?: Partial<CreateStorageConnectionRequest>): Promise<string> {
  const answer = await api.post(CONNECTIONS, newConnection(overrides));
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.connection.id;
}

/** Polls a run until it completes and returns its final body; `states` collects every state seen on the way. */
export async function waitForRun(api: Api, runPath: string, states: string[] = []): Promise<Run> {
  for (;;) {
    const { body } = await api.get(runPath);
    if (states.at(-1) !== body.run.state) states.push(body.run.state);
    if (body.run.state === "Completed") return body.run;
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
}
