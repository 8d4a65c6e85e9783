// A ManifestConnection's runs: start one with a manifest of file URLs, list them (Prefer minimal/representation),
// get one.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import { readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { runAt } from "../runs";
import { connectionIdOf, runListReply, runStartReply } from "./common";

const CONNECTION = `${SYNC_PATH}/manifestconnections/:connectionId`;
// The create-manifest-connection-run page's 429 is not captured; get-manifest-connection-run documents RateLimitExceeded.
const tooManyRequests = ERROR.rateLimitExceeded;

function start(ctx: RequestContext): Reply {
  const id = ctx.emulator.store.manifestConnection(connectionIdOf(ctx)).id;
  return runStartReply(ctx, (user, now) => ctx.emulator.store.startManifestRun(id, ctx.body, now, user));
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  return runListReply(ctx, "manifestconnections", ctx.emulator.store.manifestConnection(connectionIdOf(ctx, problems)), page);
}

function get(ctx: RequestContext): Reply {
  const record = ctx.emulator.store.manifestConnectionRun(connectionIdOf(ctx), ctx.params.runId);
  return { status: 200, body: { run: runAt(record, ctx.emulator.now()) } };
}

export const manifestRunRoutes: Route[] = [
  { scope: "api", method: "POST", path: `${CONNECTION}/runs`, body: "json", bodyOptional: true, invalidCode: INVALID_REQUEST.manifestConnectionRun, tooManyRequests, handle: start },
  { scope: "api", method: "GET", path: `${CONNECTION}/runs`, invalidCode: INVALID_REQUEST.manifestConnectionRuns, handle: list },
  { scope: "api", method: "GET", path: `${CONNECTION}/runs/:runId`, invalidCode: INVALID_REQUEST.manifestConnectionRun, tooManyRequests, handle: get },
];
