// ManifestConnections, read-only (seeded from fixtures): get one, its source files, one of its runs.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import { readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import { runAt } from "../runs";
import { connectionBody, connectionHref, manifestSourceFileBody } from "../views";
import { connectionIdOf, listReply } from "./common";

const ONE = `${SYNC_PATH}/manifestconnections/:connectionId`;

function get(ctx: RequestContext): Reply {
  const record = ctx.emulator.store.manifestConnection(connectionIdOf(ctx));
  return { status: 200, body: { connection: connectionBody(ctx.origin, "manifestconnections", record) } };
}

/** Both Prefer forms carry the same two documented fields. */
function sourceFiles(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = ctx.emulator.store.manifestConnection(connectionIdOf(ctx, problems));
  const url = `${connectionHref(ctx.origin, "manifestconnections", connection.id)}/sourcefiles`;
  return listReply("sourceFiles", connection.sourceFiles.map(manifestSourceFileBody), page, url);
}

function run(ctx: RequestContext): Reply {
  const record = ctx.emulator.store.manifestConnectionRun(connectionIdOf(ctx), ctx.params.runId);
  return { status: 200, body: { run: runAt(record, ctx.emulator.now()) } };
}

export const manifestConnectionRoutes: Route[] = [
  { scope: "api", method: "GET", path: ONE, invalidCode: INVALID_REQUEST.manifestConnection, handle: get },
  {
    scope: "api",
    method: "GET",
    path: `${ONE}/sourcefiles`,
    invalidCode: INVALID_REQUEST.manifestConnectionSourceFiles,
    handle: sourceFiles,
  },
  {
    scope: "api",
    method: "GET",
    path: `${ONE}/runs/:runId`,
    invalidCode: INVALID_REQUEST.manifestConnectionRun,
    tooManyRequests: ERROR.rateLimitExceeded,
    handle: run,
  },
];
