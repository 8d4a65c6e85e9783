// A ManifestConnection's runs: start one with a manifest of file URLs, list them (Prefer minimal/representation),
// get one.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { ManifestRun, RunSummary } from "../../api/types";
import { ServiceError } from "../errors";
import { prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { runAt } from "../runs";
import { connectionHref, runHref } from "../views";
import { connectionIdOf, listReply } from "./common";

const CONNECTION = `${SYNC_PATH}/manifestconnections/:connectionId`;
// The create-manifest-connection-run page's 429 is not captured; get-manifest-connection-run documents RateLimitExceeded.
const tooManyRequests = ERROR.rateLimitExceeded;

/** 202 with the new run's Location; 303 to the iModel's active run (of either kind); 409 when a conflict is armed. */
function start(ctx: RequestContext): Reply {
  const { store, faults } = ctx.emulator;
  const id = store.manifestConnection(connectionIdOf(ctx)).id;
  if (faults.takeRunConflict()) throw new ServiceError(409, ERROR.runConflict);
  const user = ctx.emulator.auth.subject(ctx.headers.authorization);
  const { started, kind, connectionId, runId } = store.startManifestRun(id, ctx.body, ctx.emulator.now(), user);
  return { status: started ? 202 : 303, headers: { location: runHref(ctx.origin, `${kind}connections`, connectionId, runId) } };
}

function summary({ id, state, result }: ManifestRun): RunSummary {
  return { id, state, result };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = ctx.emulator.store.manifestConnection(connectionIdOf(ctx, problems));
  const now = ctx.emulator.now();
  const runs = connection.runs.map((run) => runAt(run, now));
  const url = `${connectionHref(ctx.origin, "manifestconnections", connection.id)}/runs`;
  return listReply("runs", prefersRepresentation(ctx.headers) ? runs : runs.map(summary), page, url);
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
