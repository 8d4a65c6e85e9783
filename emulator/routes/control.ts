// The emulator's own endpoints under /__emulator: health, the request log, faults, reset and fixture loading. They
// need no token and no fault or rate limit touches them.
import { loadFixtures, parseFixtures } from "../fixtures";
import { parseFaults } from "../faults";
import { ServiceError } from "../errors";
import type { Reply } from "../http";
import type { RequestContext, Route } from "../router";

const CONTROL_PREFIX = "/__emulator";

/** Runs `parse` on the body; what it throws becomes a 400 with its message. */
function parsed<T>(ctx: RequestContext, parse: (body: unknown) => T): T {
  try {
    return parse(ctx.body);
  } catch (error) {
    throw new ServiceError(400, { code: "InvalidValue", message: (error as Error).message });
  }
}

function faultsReply(ctx: RequestContext): Reply {
  return { status: 200, body: ctx.emulator.faults.settings };
}

export const controlRoutes: Route[] = [
  {
    scope: "control",
    method: "GET",
    path: `${CONTROL_PREFIX}/health`,
    handle: (ctx) => ({ status: 200, body: { status: "ok", url: ctx.emulator.baseUrl } }),
  },
  { scope: "control", method: "GET", path: `${CONTROL_PREFIX}/requests`, handle: (ctx) => ({ status: 200, body: { requests: ctx.emulator.log.list() } }) },
  {
    scope: "control",
    method: "DELETE",
    path: `${CONTROL_PREFIX}/requests`,
    handle: (ctx) => {
      ctx.emulator.log.clear();
      return { status: 204 };
    },
  },
  { scope: "control", method: "GET", path: `${CONTROL_PREFIX}/faults`, handle: faultsReply },
  {
    scope: "control",
    method: "PUT",
    path: `${CONTROL_PREFIX}/faults`,
    body: "json",
    handle: (ctx) => {
      ctx.emulator.faults.update(parsed(ctx, parseFaults));
      return faultsReply(ctx);
    },
  },
  {
    scope: "control",
    method: "POST",
    path: `${CONTROL_PREFIX}/reset`,
    handle: (ctx) => {
      ctx.emulator.reset();
      return { status: 204 };
    },
  },
  {
    scope: "control",
    method: "POST",
    path: `${CONTROL_PREFIX}/fixtures`,
    body: "json",
    handle: (ctx) => {
      loadFixtures(ctx.emulator.store, parsed(ctx, parseFixtures));
      return { status: 204 };
    },
  },
];
