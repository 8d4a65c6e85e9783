// The log of API and token requests that GET /__emulator/requests pages through, newest last, so tests can assert
// what a client sent (Prefer, Accept, bodies). It keeps the newest `limit` entries. Secrets stay out: the
// Authorization header is kept as present or absent only, Proxy-Authorization and Cookie not at all, and form fields
// that carry secrets (the token endpoint's client_secret) are redacted.
import type { IncomingHttpHeaders } from "node:http";

export interface LoggedRequest {
  time: string;
  method: string;
  /** Path with query. */
  path: string;
  /** null when the connection was dropped without an answer (reset faults, lost answers). */
  status: number | null;
  /** Whether an Authorization header came; its value is never kept. */
  authorization: boolean;
  /** The other headers as received (lower-case names). */
  headers: Record<string, string>;
  /** The body: parsed JSON, form fields, or text; absent when there was none, when the request was refused before it
   * was read (401, 429, …) or when it is over LOGGED_BODY_BYTES. */
  body?: unknown;
  /** The body's size when one was read. */
  bodyBytes?: number;
}

/** The default number of entries kept. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;
/** Bodies up to this size are kept in the log (a create with ~500 files); larger ones only as bodyBytes. */
export const LOGGED_BODY_BYTES = 64 * 1024;

const UNLOGGED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);
const SECRET_FIELDS = new Set(["client_secret", "client_assertion", "password", "refresh_token"]);

export function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !UNLOGGED_HEADERS.has(name)) kept[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}

/** The body as the log shows it (see LoggedRequest.body). */
export function loggedBody(raw: string, contentType: string | undefined): Pick<LoggedRequest, "body" | "bodyBytes"> {
  const bodyBytes = Buffer.byteLength(raw);
  if (bodyBytes === 0) return {};
  if (bodyBytes > LOGGED_BODY_BYTES) return { bodyBytes };
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? "")) {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(raw)) fields[name] = SECRET_FIELDS.has(name) ? "(redacted)" : value;
    return { body: fields, bodyBytes };
  }
  try {
    return { body: JSON.parse(raw) as unknown, bodyBytes };
  } catch {
    return { body: raw, bodyBytes };
  }
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** Keeps the newest `limit` entries; 0 keeps none. */
  constructor(private readonly limit = DEFAULT_REQUEST_LOG_SIZE) {}

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Oldest first. */
  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
