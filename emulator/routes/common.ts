// Steps most operations share: 422s with the operation's code, finding the connection in the path, object bodies
// and paged list answers.
import { DETAIL } from "../../api/contract";
import type { ErrorDetail } from "../../api/types";
import type { Problem } from "../../api/validation";
import { HttpError, errorReply, invalidReply, paged, type Page, type Reply } from "../http";
import { isConnectionId } from "../ids";
import type { RequestContext } from "../router";

/** Answers 422 with the operation's code when there are details. */
export function requireValid(ctx: RequestContext, details: ErrorDetail[]): void {
  if (details.length > 0) throw new HttpError(invalidReply(ctx.invalidCode, details));
}

/** One `details` entry per problem, in the order the rules found them. */
export function detailsOf(problems: Problem[]): ErrorDetail[] {
  return problems.map((problem) => problem.detail);
}

/** The JSON body as an object; any other JSON value is as malformed as broken JSON. */
export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) requireValid(ctx, [DETAIL.malformedJson]);
  return body as Record<string, unknown>;
}

/** The record named by `:connectionId`: 422 when the id is malformed (joined with the `problems` found before),
 * 404 when it is unknown. */
export function connectionOf<T>(
  ctx: RequestContext,
  records: Map<string, T>,
  notFound: { code: string; message: string },
  problems: ErrorDetail[] = [],
): T {
  const id = ctx.params.connectionId;
  requireValid(ctx, isConnectionId(id) ? problems : [...problems, DETAIL.invalidConnectionId]);
  const record = records.get(id);
  if (record === undefined) throw new HttpError(errorReply(404, notFound));
  return record;
}

/** The one record in `items` with this id, or a 404. */
export function found<T extends { id: string }>(items: T[], id: string, notFound: { code: string; message: string }): T {
  const item = items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new HttpError(errorReply(404, notFound));
  return item;
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
