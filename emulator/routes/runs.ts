// A StorageConnection's runs: start one, list them (Prefer minimal/representation), get one.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { Run, RunSummary } from "../../api/types";
import { ServiceError } from "../errors";
import { prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { runAt } from "../runs";
import { connectionHref, runHref } from "../views";
import { connectionIdOf, listReply } from "./common";

const CONNECTION = `${SYNC_PATH}/storageconnections/:connectionId`;

/** 202 with the new run's Location; 303 to the active run when the iModel has one; 409 when a conflict is armed. */
function start(ctx: RequestContext): Reply {
  const { store, faults } = ctx.emulator;
  const id = store.storageConnection(connectionIdOf(ctx)).id;
  if (faults.takeRunConflict()) throw new ServiceError(409, ERROR.runConflict);
  const user = ctx.emulator.auth.subject(ctx.headers.authorization);
  const { started, connectionId, runId } = store.startRun(id, ctx.emulator.now(), user);
  return { status: started ? 202 : 303, headers: { location: runHref(ctx.origin, "storageconnections", connectionId, runId) } };
}

function summary({ id, state, result }: Run): RunSummary {
  return { id, state, result };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = ctx.emulator.store.storageConnection(connectionIdOf(ctx, problems));
  const now = ctx.emulator.now();
  const runs = connection.runs.map((run) => runAt(run, now));
  const url = `${connectionHref(ctx.origin, "storageconnections", connection.id)}/runs`;
  return listReply("runs", prefersRepresentation(ctx.headers) ? runs : runs.map(summary), page, url);
}

function get(ctx: RequestContext): Reply {
  const run = ctx.emulator.store.storageConnectionRun(connectionIdOf(ctx), ctx.params.runId);
  return { status: 200, body: { run: runAt(run, ctx.emulator.now()) } };
}

export const runRoutes: Route[] = [
  { scope: "api", method: "POST", path: `${CONNECTION}/run`, invalidCode: INVALID_REQUEST.storageConnectionRun, handle: start },
  { scope: "api", method: "GET", path: `${CONNECTION}/runs`, invalidCode: INVALID_REQUEST.storageConnectionRuns, handle: list },
  { scope: "api", method: "GET", path: `${CONNECTION}/runs/:runId`, invalidCode: INVALID_REQUEST.storageConnectionRun, handle: get },
];
