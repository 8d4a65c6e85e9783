// The HTTP server. Every request takes one pipeline: routing → (control scope only: Host, Origin, JSON, control
// token) → request log (unless control) → CORS (a browser's preflight is answered here) → (API scope only:
// dropped connection → injected failure → rate limit → auth) → 404/405 → body (413, malformed JSON) → (API scope
// only: latency) → the route's handler → its changes saved (state.ts) → (API scope only: lost answer). Each route
// declares its scope (router.ts).
// Whatever a handler throws becomes a JSON answer, so the server keeps serving.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { DETAIL, ERROR } from "../api/contract";
import type { ControlGuard } from "./control-guard";
import { allowOrigin, isPreflight, preflightReply } from "./cors";
import { InvalidRequest, ServiceError } from "./errors";
import { answerClientError, type ClientError } from "./protocol-errors";
import { Query, errorReply, invalidReply, readBody, send, type Reply } from "./http";
import { loggedBody, loggedHeaders, loggedPath } from "./request-log";
import type { Match, RequestContext, Route, Router } from "./router";
import type { EmulatorState } from "./state";

export interface ServerSettings {
  /** Sockets silent this long are closed. */
  idleTimeoutMs: number;
  /** A request's headers and body must arrive within this (408 after). */
  requestTimeoutMs: number;
  /** Who may use the control endpoint, besides its token. */
  control: ControlGuard;
}

export function createEmulatorServer(state: EmulatorState, router: Router, settings: ServerSettings): Server {
  const { idleTimeoutMs, requestTimeoutMs } = settings;
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // Node checks those timeouts this often (30 s by default, which would double a 30 s bound).
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs / 4),
    },
    (req, res) => {
      handle(state, router, settings, req, res).catch((error: unknown) => answerFailure(req, res, error));
    },
  );
  // Node closes idle sockets only after a first answer (keepAliveTimeout): one that never sends would stay forever.
  server.setTimeout(idleTimeoutMs);
  // Unparseable or late HTTP: 431, 414, 400 or 408 in the API's error shape, instead of Node's empty 400.
  server.on("clientError", (error: ClientError, socket) => answerClientError(socket, error, requestTimeoutMs));
  return server;
}

async function handle(state: EmulatorState, router: Router, settings: ServerSettings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const match = router.match(req.method ?? "", url.pathname);
  const { scope } = match;
  if (scope === "control") {
    const refusal = controlRefusal(state, settings.control, match, req);
    if (refusal) return send(res, refusal);
  }
  const logged = scope === "control" ? undefined : logWhenDone(state, req, res, `${url.pathname}${url.search}`);
  allowOrigin(req, res);
  // A browser's preflight carries no token: it is answered before any check.
  if (isPreflight(req)) return send(res, preflightReply(req));
  if (scope === "api") {
    if (state.faults.shouldDrop()) {
      req.socket.destroy();
      return;
    }
    const refusal = injectedFailure(state, match) ?? rateLimited(state, match) ?? unauthorized(state, req);
    if (refusal) return send(res, refusal);
  }
  if (match.kind === "none") return send(res, errorReply(404, ERROR.notFound));
  if (match.kind === "method") {
    return send(res, errorReply(405, ERROR.methodNotAllowed, { allow: match.allow.join(", ") }));
  }
  const raw = await readBody(req);
  if (raw === undefined) return send(res, errorReply(413, ERROR.payloadTooLarge));
  if (logged) logged.raw = raw;
  // The whole request is in: a client that gives up during the latency does not stop it (it takes effect late, and
  // its client never learns so), as on a slow real service.
  if (scope === "api") await state.faults.delay();
  const reply = await saved(state, respond(state, match.route, match.params, new Query(url.searchParams), req, raw));
  // The request took effect; only its answer is lost, as when a network drops mid-response.
  if (scope === "api" && state.faults.takeDroppedAnswer(req.method ?? "", `${match.route.method} ${match.route.path}`)) {
    req.socket.destroy();
    return;
  }
  send(res, reply);
}

function respond(
  state: EmulatorState,
  route: Route,
  params: Record<string, string>,
  query: Query,
  req: IncomingMessage,
  raw: string,
): Reply {
  try {
    const ctx: RequestContext = {
      emulator: state,
      params,
      query,
      origin: state.originOf(req.headers),
      headers: req.headers,
      body: parseBody(route, raw),
    };
    const reply = route.handle(ctx);
    state.stage();
    return reply;
  } catch (error) {
    if (error instanceof ServiceError) return errorReply(error.status, error.error);
    // The API's operations answer with their 422; the control endpoints have no such code and answer 400 with the
    // first problem (and its target).
    if (error instanceof InvalidRequest) {
      return route.invalidCode ? invalidReply(route.invalidCode, error.details) : { status: 400, body: { error: { ...error.details[0] } } };
    }
    throw error;
  }
}

/** The reply once every change made so far is saved (what is acknowledged or served is on disk); a 500 when the save
 * failed. */
async function saved(state: EmulatorState, reply: Reply): Promise<Reply> {
  try {
    await state.saved();
    return reply;
  } catch (error) {
    if (error instanceof ServiceError) return errorReply(error.status, error.error);
    throw error;
  }
}

function parseBody(route: Route, raw: string): unknown {
  if (route.body === "form") return new URLSearchParams(raw);
  if (route.body !== "json" || (route.bodyOptional && raw.trim() === "")) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidRequest([DETAIL.malformedJson]);
  }
}

function tooManyRequests(match: Match): { code: string; message: string } {
  return (match.kind === "route" && match.route.tooManyRequests) || ERROR.tooManyRequests;
}

function injectedFailure(state: EmulatorState, match: Match): Reply | undefined {
  const status = state.faults.failure();
  if (status === 503) return errorReply(503, ERROR.serviceUnavailable);
  return status === 429 ? errorReply(429, tooManyRequests(match), { "retry-after": "1" }) : undefined;
}

function rateLimited(state: EmulatorState, match: Match): Reply | undefined {
  const wait = state.faults.rateLimitWait(state.now());
  return wait === undefined ? undefined : errorReply(429, tooManyRequests(match), { "retry-after": String(wait) });
}

/** Foreign Origin, foreign Host, a body that is not JSON (control-guard.ts), then the control token (auth.ts). */
function controlRefusal(state: EmulatorState, guard: ControlGuard, match: Match, req: IncomingMessage): Reply | undefined {
  const refusal = guard.refusal(req.headers, match.kind === "route" && match.route.body === "json");
  if (refusal) return refusal;
  const denied = state.auth.checkControl(req.headers.authorization, state.now());
  return denied && errorReply(denied.status, denied.error);
}

function unauthorized(state: EmulatorState, req: IncomingMessage): Reply | undefined {
  const error = state.auth.check(req.headers.authorization, state.now());
  return error && errorReply(401, error);
}

/** Records the request once its answer is sent or dropped; the caller hands over the body once read. */
function logWhenDone(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string): { raw?: string } {
  const time = new Date().toISOString();
  const logged: { raw?: string } = {};
  res.once("close", () => {
    state.log.record({
      time,
      method: req.method ?? "",
      path: loggedPath(path),
      status: res.headersSent ? res.statusCode : null,
      authorization: req.headers.authorization !== undefined,
      headers: loggedHeaders(req.headers),
      ...(logged.raw !== undefined && loggedBody(logged.raw, req.headers["content-type"])),
    });
  });
  return logged;
}

function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  // A client that went away (e.g. in the middle of its body), or one already answered 408, has no one to answer and is
  // no fault of ours.
  if (req.socket.destroyed || !req.socket.writable) return;
  console.error("emulator: request failed:", error);
  if (res.headersSent) res.destroy();
  else send(res, errorReply(500, ERROR.internalError));
}
