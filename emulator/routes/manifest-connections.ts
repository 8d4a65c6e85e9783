// ManifestConnections, read-only (seeded from fixtures): get one, its source files, one of its runs.
import { ERROR, INVALID_REQUEST, SYNC_PATH } from "../../api/contract";
import type { ErrorDetail } from "../../api/types";
import { readPage, type Reply } from "../http";
import type { RequestContext, Route } from "../router";
import type { ManifestConnectionRecord } from "../store";
import { connectionBody, connectionHref, manifestSourceFileBody } from "../views";
import { connectionOf, found, listReply } from "./common";

const ONE = `${SYNC_PATH}/manifestconnections/:connectionId`;

function manifestConnectionOf(ctx: RequestContext, problems?: ErrorDetail[]): ManifestConnectionRecord {
  return connectionOf(ctx, ctx.emulator.store.manifestConnections, ERROR.manifestConnectionNotFound, problems);
}

function get(ctx: RequestContext): Reply {
  const connection = connectionBody(ctx.emulator.baseUrl, "manifestconnections", manifestConnectionOf(ctx));
  return { status: 200, body: { connection } };
}

/** Both Prefer forms carry the same two documented fields. */
function sourceFiles(ctx: RequestContext): Reply {
  const { page, problems } = readPage(ctx.query);
  const connection = manifestConnectionOf(ctx, problems);
  const url = `${connectionHref(ctx.emulator.baseUrl, "manifestconnections", connection.id)}/sourcefiles`;
  return listReply("sourceFiles", connection.sourceFiles.map(manifestSourceFileBody), page, url);
}

function run(ctx: RequestContext): Reply {
  const connection = manifestConnectionOf(ctx);
  const record = found(connection.runs, ctx.params.runId, ERROR.manifestConnectionRunNotFound);
  return { status: 200, body: { run: record.at(ctx.emulator.now()) } };
}

export const manifestConnectionRoutes: Route[] = [
  { method: "GET", path: ONE, invalidCode: INVALID_REQUEST.manifestConnection, handle: get },
  {
    method: "GET",
    path: `${ONE}/sourcefiles`,
    invalidCode: INVALID_REQUEST.manifestConnectionSourceFiles,
    handle: sourceFiles,
  },
  {
    method: "GET",
    path: `${ONE}/runs/:runId`,
    invalidCode: INVALID_REQUEST.manifestConnectionRun,
    tooManyRequests: ERROR.rateLimitExceeded,
    handle: run,
  },
];
