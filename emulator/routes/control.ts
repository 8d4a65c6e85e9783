// The emulator's own endpoints under /__emulator: health, the request log, faults, reset and fixture loading. They
// need no token and no fault or rate limit touches them.
import { loadFixtures, parseFixtures } from "../fixtures";
import { parseFaults } from "../faults";
import { MAX_PAGE_SIZE } from "../../api/contract";
import { ServiceError, requireValid } from "../errors";
import { paged, readPage, type Reply } from "../http";
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

/** The request log, oldest first, paged like the API's lists: `$skip`/`$top` (default and most 1000) and
 * `_links.next` while more follow. `$skip` counts from the oldest entry still kept; `dropped` says how many entries
 * the bounds let go since the log was last emptied. */
function requests(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query, MAX_PAGE_SIZE);
  requireValid(problems);
  const { log } = ctx.emulator;
  const { items, links } = paged(log.json, page, `${ctx.origin}${CONTROL_PREFIX}/requests`);
  // The entries are kept as JSON: joined as they are, a 16 MiB log is not parsed and serialized again.
  const text = `{"requests":[${items.join(",")}],"dropped":${log.dropped},"_links":${JSON.stringify(links)}}`;
  return { status: 200, text, headers: { "content-type": "application/json" } };
}

export const controlRoutes: Route[] = [
  {
    scope: "control",
    method: "GET",
    path: `${CONTROL_PREFIX}/health`,
    handle: (ctx) => ({ status: 200, body: { status: "ok", url: ctx.origin } }),
  },
  { scope: "control", method: "GET", path: `${CONTROL_PREFIX}/requests`, handle: requests },
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
