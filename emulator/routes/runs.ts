// A StorageConnection's runs: start one, list them (Prefer minimal/representation), get one.
import { INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import { readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { runAt } from "../runs";
import { connectionIdOf, runListReply, runStartReply } from "./common";

const CONNECTION = `${SYNC_PATH}/storageconnections/:connectionId`;

function start(ctx: RequestContext): Reply {
  const id = ctx.emulator.store.storageConnection(connectionIdOf(ctx)).id;
  return runStartReply(ctx, (user, now) => ctx.emulator.store.startRun(id, now, user));
}

function list(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  return runListReply(ctx, "storageconnections", ctx.emulator.store.storageConnection(connectionIdOf(ctx, problems)), page);
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
