// HTTP plumbing shared by the server and the routes: replies, errors, body reading, paging and the Prefer header.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_PAGE_SIZE, DETAIL, MAX_PAGE_SIZE, errorBody, invalidRequestBody } from "../api/contract";
import type { ErrorDetail, PageLinks } from "../api/types";

/** What a handler answers: `body` as JSON, or `text` as it is (its content-type in `headers`); neither, an empty one. */
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export function errorReply(status: number, error: { code: string; message: string }, headers?: Record<string, string>): Reply {
  return { status, body: errorBody(error), headers };
}

export function invalidReply(code: string, details: ErrorDetail[]): Reply {
  return { status: 422, body: invalidRequestBody(code, details) };
}

export function send(res: ServerResponse, reply: Reply): void {
  const text = reply.text ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    ...(reply.body !== undefined && { "content-type": "application/json" }),
    "content-length": Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

/** A socket silent this long is closed, whether it never sent a request, sits idle between requests or waits on a
 * latency fault this long; real gateways close idle connections too. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** A request (its headers and body) must arrive within this, however steadily its bytes trickle in: the idle timeout
 * alone let a body sent a byte at a time hold a socket for Node's 300 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Bodies over this are answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body, or undefined when it is over MAX_BODY_BYTES (read to the end all the same, so the client gets
 * the 413 instead of a broken pipe). */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
    // A request cut off (a timeout, a client gone) may end with neither: the handler must not wait forever.
    req.on("close", () => {
      if (!ended) reject(new Error("the request was closed before its body was complete"));
    });
  });
}

export interface Page {
  skip: number;
  top: number;
}

/** Query parameters, their names matched ignoring case as the service does: `iModelId` (as Bentley's own links write
 * it) and `imodelId`, `$top` and `$TOP`. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** The first value of the parameter, under any spelling of its name. */
  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of this.params) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }
}

const NON_NEGATIVE_INTEGER = /^\d+$/;

/** `$skip`/`$top` of the query, with the problems that make them a 422; `defaultTop` when `$top` is absent. */
export function readPage(query: Query, defaultTop = DEFAULT_PAGE_SIZE): { page: Page; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const skip = query.get("$skip") ?? "0";
  const top = query.get("$top") ?? String(defaultTop);
  if (!NON_NEGATIVE_INTEGER.test(top) || Number(top) === 0) {
    problems.push(DETAIL.invalidTop);
  } else if (Number(top) > MAX_PAGE_SIZE) {
    problems.push(DETAIL.pageTooLarge);
  }
  // 400 digits are a number (Infinity) but no position: links would say `$skip=Infinity`.
  if (!NON_NEGATIVE_INTEGER.test(skip) || !Number.isSafeInteger(Number(skip))) problems.push(DETAIL.invalidSkip);
  return { page: { skip: Number(skip), top: Number(top) }, problems };
}

/** What can be paged: an array, or a list that materializes only the page asked for (the request log). */
export interface Sliceable<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

/** One page of `items` and its links, in the documented form `<url>?$skip=200&$top=100`; `query` goes before the
 * paging parameters (e.g. `imodelId=…`). */
export function paged<T>(items: Sliceable<T>, page: Page, url: string, query = ""): { items: T[]; links: PageLinks } {
  const href = (skip: number) => ({ href: `${url}?${query ? `${query}&` : ""}$skip=${skip}&$top=${page.top}` });
  return {
    items: items.slice(page.skip, page.skip + page.top),
    links: {
      self: href(page.skip),
      ...(page.skip > 0 && { prev: href(Math.max(0, page.skip - page.top)) }),
      ...(page.skip + page.top < items.length && { next: href(page.skip + page.top) }),
    },
  };
}

/** `Prefer: return=representation`; `return=minimal` is the default. */
export function prefersRepresentation(headers: IncomingHttpHeaders): boolean {
  return /\breturn\s*=\s*representation\b/i.test(String(headers.prefer ?? ""));
}

/** A percent-decoded path segment; a malformed escape stays as sent (ids with it are then invalid, not a 500). */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
