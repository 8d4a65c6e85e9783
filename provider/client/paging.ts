// Every page of a list operation: the largest page size first, then `_links.next` until it is absent.
import { MAX_PAGE_SIZE } from "../../api/contract";
import type { Shape } from "../../api/shapes";
import type { PageLinks } from "../../api/types";
import type { HttpClient, RequestSpec } from "./http";

export interface FirstPage {
  operation: string;
  path: string;
  query?: RequestSpec["query"];
  /** Summaries instead of the full representation (the default). */
  prefer?: "minimal";
  accept?: string;
}

export async function allPages<P extends { _links?: PageLinks }, T>(
  http: HttpClient,
  first: FirstPage,
  answer: Shape<P>,
  items: (page: P) => T[],
): Promise<T[]> {
  const all: T[] = [];
  let path: string | undefined = first.path;
  let query: RequestSpec["query"] = { ...first.query, $top: MAX_PAGE_SIZE };
  const seen = new Set<string>();
  while (path) {
    const res: { body: P } = await http.request({
      operation: first.operation,
      method: "GET",
      path,
      query,
      prefer: first.prefer === "minimal" ? "return=minimal" : "return=representation",
      accept: first.accept,
      expect: [200],
      answer,
    });
    all.push(...items(res.body));
    const next = res.body._links?.next?.href;
    // A server that hands back a page it already gave would loop forever; stop instead.
    path = next && !seen.has(next) ? next : undefined;
    if (next) seen.add(next);
    query = undefined;
  }
  return all;
}
