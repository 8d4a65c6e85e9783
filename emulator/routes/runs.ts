// A StorageConnection's runs: start one, list them (Prefer minimal/representation), get one.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { ManifestRun, Run, RunSummary } from "../../api/types";
import { HttpError, errorReply, prefersRepresentation, readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { startRun } from "../runs";
import { connectionHref, runHref } from "../views";
import { found, listReply } from "./common";
import { storageConnectionOf } from "./storage-connections";

const CONNECTION = `${SYNC_PATH}/storageconnections/:connectionId`;

/** 202 with the new run's Location; 303 to the active run when the iModel has one; 409 when a conflict is armed. */
function start(ctx: RequestContext): Reply {
  const connection = storageConnectionOf(ctx);
  const { store, faults, baseUrl, runSettings } = ctx.emulator;
  if (faults.takeRunConflict()) throw new HttpError(errorReply(409, ERROR.runConflict));
  const now = ctx.emulator.now();
  const active = store.activeRun(connection.iModelId, now);
  if (active) {
    return { status: 303, headers: { location: runHref(baseUrl, "storageconnections", active.connection.id, active.run.id) } };
  }
  const run = startRun(connection, runSettings, now);
  connection.runs.push(run);
  return { status: 202, headers: { location: runHref(baseUrl, "storageconnections", connection.id, run.id) } };
}

function summary({ id, state, result }: Run | ManifestRun): RunSummary {
  return { id, state, result };
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = storageConnectionOf(ctx, problems);
  const now = ctx.emulator.now();
  const runs = connection.runs.map((run) => run.at(now));
  const url = `${connectionHref(ctx.emulator.baseUrl, "storageconnections", connection.id)}/runs`;
  return listReply("runs", prefersRepresentation(ctx.headers) ? runs : runs.map(summary), page, url);
}

function get(ctx: RequestContext): Reply {
  const connection = storageConnectionOf(ctx);
  const run = found(connection.runs, ctx.params.runId, ERROR.storageConnectionRunNotFound);
  return { status: 200, body: { run: run.at(ctx.emulator.now()) } };
}

export const runRoutes: Route[] = [
  { method: "POST", path: `${CONNECTION}/run`, invalidCode: INVALID_REQUEST.storageConnectionRun, handle: start },
  { method: "GET", path: `${CONNECTION}/runs`, invalidCode: INVALID_REQUEST.storageConnectionRuns, handle: list },
  { method: "GET", path: `${CONNECTION}/runs/:runId`, invalidCode: INVALID_REQUEST.storageConnectionRun, handle: get },
];
