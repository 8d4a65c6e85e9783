// Steps most operations share: the connection id of the path and paged list answers.
import { DETAIL } from "../../api/contract";
import type { ErrorDetail } from "../../api/types";
import { requireValid } from "../errors";
import { paged, type Page, type Reply } from "../http";
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
