// Steps most operations share: the connection id of the path, the iModel of a list's query and paged list answers.
import { DETAIL, isGuid } from "../../api/contract";
import type { ErrorDetail } from "../../api/types";
import { requireValid } from "../errors";
import { paged, readPage, type Page, type Reply } from "../http";
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
