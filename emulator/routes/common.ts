// Steps most operations share: the connection id of the path, the iModel of a list's query, paged list answers and
// the run operations of both connection kinds.
import { DETAIL, ERROR, isGuid } from "../../api/contract";
import type { ErrorDetail, ManifestRun, Run, RunSummary } from "../../api/types";
import { ServiceError, requireValid } from "../errors";
import { paged, prefersRepresentation, readPage, type Page, type Reply } from "../http";
import { runAt, type RunRecord } from "../runs";
import type { RunStart } from "../store";
import { connectionHref, runHref, type Collection } from "../views";
import { isConnectionId } from "../ids";
import type { RequestContext } from "../router";

/** `:connectionId`, or a 422 when it is malformed (joined with the `problems` found before). */
export function connectionIdOf(ctx: RequestContext, problems: ErrorDetail[] = []): string {
  const id = ctx.params.connectionId;
  requireValid(isConnectionId(id) ? problems : [...problems, DETAIL.invalidConnectionId]);
  return id;
}

/** A 200 list answer `{ [key]: page, _links }`. */
export function listReply<T>(
  key: string,
  items: T[],
  page: Page,
  url: string,
  query?: string,
): Reply {
  const { items: slice, links } = paged(items, page, url, query);
  return { status: 200, body: { [key]: slice, _links: links } };
}

/** `?imodelId=` (any spelling) and the page of a list of an iModel's connections, or a 422 with every problem. */
export function iModelListQuery(ctx: RequestContext): { iModelId: string; page: Page } {
  const iModelId = ctx.query.get("iModelId") ?? "";
  const problems: ErrorDetail[] = [];
  if (iModelId === "") problems.push(DETAIL.missingIModelId);
  else if (!isGuid(iModelId)) problems.push(DETAIL.invalidIModelId);
  const { page, problems: pageProblems } = readPage(ctx.query);
  requireValid([...problems, ...pageProblems]);
  return { iModelId, page };
}

/** A list of an iModel's connections; the links spell the parameter as the operation's page does (`iModelId` on the
 * storage and manifest lists, `imodelId` on Get Connections; any spelling is accepted). */
export function iModelListReply<T>(items: T[], page: Page, url: string, iModelId: string, name = "iModelId"): Reply {
  return listReply("connections", items, page, url, `${name}=${encodeURIComponent(iModelId)}`);
}

/** A run start's answer: 202 with the new run's Location, 303 to the iModel's active run (of either kind), 409 when a
 * conflict is armed; `start` asks the store for the run on behalf of the token's user. */
export function runStartReply(ctx: RequestContext, start: (user: string | undefined, now: number) => RunStart): Reply {
  if (ctx.emulator.faults.takeRunConflict()) throw new ServiceError(409, ERROR.runConflict);
  const { started, kind, connectionId, runId } = start(ctx.emulator.auth.subject(ctx.headers.authorization), ctx.emulator.now());
  return { status: started ? 202 : 303, headers: { location: runHref(ctx.origin, `${kind}connections`, connectionId, runId) } };
}

function summary({ id, state, result }: Run | ManifestRun): RunSummary {
  return { id, state, result };
}

/** A connection's runs as they stand now: summaries by default, full runs with `Prefer: return=representation`. */
export function runListReply(ctx: RequestContext, collection: Collection, connection: { id: string; runs: ReadonlyArray<RunRecord> }, page: Page): Reply {
  const now = ctx.emulator.now();
  const runs = connection.runs.map((run) => runAt(run, now));
  const url = `${connectionHref(ctx.origin, collection, connection.id)}/runs`;
  return listReply("runs", prefersRepresentation(ctx.headers) ? runs : runs.map(summary), page, url);
}
