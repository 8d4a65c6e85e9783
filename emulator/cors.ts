// Browser access (CORS): Bentley's sample app is a browser app that calls the API from its own origin, so the browser
// first sends a preflight (OPTIONS with Access-Control-Request-Method, never a token) and then reads an answer only
// when it allows that origin. Tokens travel in the Authorization header, not cookies, so any origin may call.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Reply } from "./http";

/** How long a browser may reuse a preflight's answer (seconds). */
const MAX_AGE_SECONDS = 600;
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
/** What a page may read besides the simple headers: a run's Location, a 429's Retry-After. */
const EXPOSED_HEADERS = "Location, Retry-After";

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
}

/** 204 allowing the method and headers the browser asks for. */
export function preflightReply(req: IncomingMessage): Reply {
  const requested = req.headers["access-control-request-headers"];
  return {
    status: 204,
    headers: {
      "access-control-allow-methods": ALLOWED_METHODS,
      ...(requested && { "access-control-allow-headers": requested }),
      "access-control-max-age": String(MAX_AGE_SECONDS),
    },
  };
}

/** Lets a page of any origin read the answer (set before the answer is written, whatever it is). */
export function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.origin === undefined) return;
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
}
