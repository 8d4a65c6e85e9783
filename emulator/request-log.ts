// The log of API and token requests that GET /__emulator/requests pages through, newest last, so tests can assert
// what a client sent (Prefer, Accept, bodies). It keeps the newest `limit` entries within `byteLimit` bytes. Secrets
// stay out (api/redaction.ts): the Authorization header is kept as present or absent only, Proxy-Authorization and
// Cookie not at all, and every secret-named field of a query, a header or a body, whatever its content type, is
// redacted, as are Bearer credentials and JWTs wherever they appear.
import type { IncomingHttpHeaders } from "node:http";
import { redactHeader, redactJson, redactText } from "../api/redaction";
import type { Sliceable } from "./http";

export interface LoggedRequest {
  time: string;
  method: string;
  /** Path with query (secret parameters redacted). */
  path: string;
  /** null when the connection was dropped without an answer (reset faults, lost answers). */
  status: number | null;
  /** Whether an Authorization header came; its value is never kept. */
  authorization: boolean;
  /** The other headers as received (lower-case names), secrets redacted. */
  headers: Record<string, string>;
  /** The body: parsed JSON, form fields, or text (a JSON body nested deeper than LOGGED_JSON_DEPTH too); absent when
   * there was none or when the request was refused before it was read (401, 429, …). */
  body?: unknown;
  /** The body's size when one was read. */
  bodyBytes?: number;
  /** Set when the body was over LOGGED_BODY_BYTES: `body` is then its first LOGGED_BODY_BYTES, as text. */
  bodyTruncated?: true;
}

/** The default number of entries kept. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;
/** The default bound of the entries kept, as the JSON GET /__emulator/requests answers them. */
export const DEFAULT_REQUEST_LOG_BYTES = 16 * 1024 * 1024;
/** Bodies up to this size are kept whole (a create with ~500 files); larger ones truncated to it. */
export const LOGGED_BODY_BYTES = 64 * 1024;
/** The API's bodies are a few levels deep; one deeper is kept as text, so that the log can always be serialized. */
export const LOGGED_JSON_DEPTH = 64;

const UNLOGGED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

export function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !UNLOGGED_HEADERS.has(name)) {
      kept[name] = redactHeader(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  return kept;
}

/** The path and query as the log shows them: `?access_token=…`, `?client_secret=…` redacted. */
export function loggedPath(pathWithQuery: string): string {
  return redactText(pathWithQuery);
}

function isForm(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(contentType ?? "");
}

/** The body as the log shows it (see LoggedRequest.body). */
export function loggedBody(raw: string, contentType: string | undefined): Pick<LoggedRequest, "body" | "bodyBytes" | "bodyTruncated"> {
  const bodyBytes = Buffer.byteLength(raw);
  if (bodyBytes === 0) return {};
  if (bodyBytes > LOGGED_BODY_BYTES) {
    // Cut, then redacted (redacting up to 1 MiB of a client's text would cost each request up to a second): a value
    // the cut ends keeps its name, and is redacted by it.
    const text = redactText(Buffer.from(raw).subarray(0, LOGGED_BODY_BYTES).toString("utf8"));
    return { body: text, bodyBytes, bodyTruncated: true };
  }
  if (isForm(contentType)) return { body: redactJson(Object.fromEntries(new URLSearchParams(raw)), 1), bodyBytes };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { body: redactText(raw), bodyBytes };
  }
  return { body: redactJson(parsed, LOGGED_JSON_DEPTH) ?? redactText(raw), bodyBytes };
}

export class RequestLog {
  /** Each entry as JSON: its size is what is bounded, and what a page answers is always serializable. */
  private entries: string[] = [];
  /** Index of the oldest entry kept (evicting from the front of a large array one by one would copy it each time). */
  private start = 0;
  private bytes = 0;
  private evicted = 0;

  /** Keeps the newest `limit` entries, together at most `byteLimit` bytes; 0 keeps none. */
  constructor(
    private readonly limit = DEFAULT_REQUEST_LOG_SIZE,
    private readonly byteLimit = DEFAULT_REQUEST_LOG_BYTES,
  ) {}

  record(entry: LoggedRequest): void {
    const text = JSON.stringify(entry);
    this.entries.push(text);
    this.bytes += Buffer.byteLength(text);
    while (this.entries.length - this.start > this.limit || (this.bytes > this.byteLimit && this.start < this.entries.length)) {
      this.bytes -= Buffer.byteLength(this.entries[this.start]);
      // Emptied, so that the memory goes with the entry, not at the next compaction.
      this.entries[this.start] = "";
      this.start++;
      this.evicted++;
    }
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  /** How many entries are kept. */
  get length(): number {
    return this.entries.length - this.start;
  }

  /** Entries let go since the last clear to stay within the bounds: a reader that needs every request checks it is 0. */
  get dropped(): number {
    return this.evicted;
  }

  /** Entries `from` (0: the oldest kept) up to `to`, oldest first. */
  slice(from = 0, to = this.length): LoggedRequest[] {
    return this.json.slice(from, to).map((text) => JSON.parse(text) as LoggedRequest);
  }

  /** The entries as the JSON they are kept in: a page of the log is answered without parsing them again. */
  get json(): Sliceable<string> {
    return { length: this.length, slice: (from, to) => this.entries.slice(this.start + from, this.start + Math.min(to, this.length)) };
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    return this.slice();
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
    this.bytes = 0;
    this.evicted = 0;
  }
}
