// What a run start's answer points at: the `Location` of a 202 (the new run) or a 303 (the iModel's active run, which
// may belong to another connection of either kind, since runs of one iModel are serialized).
import { UnexpectedAnswerError } from "./errors";
import type { HttpClient, HttpResponse, RequestSpec } from "./http";

/** `…/{storage|manifest}connections/{id}/runs/{runId}`: what a run start's Location must point at. */
const RUN_HREF = /\/(storage|manifest)connections\/([^/]+)\/runs\/([^/]+)\/?$/;

export interface StartedRun {
  runId: string;
  /** The connection the run belongs to: with a 303, possibly another connection of the iModel. */
  connectionId: string;
  /** That connection's kind. */
  kind: "storage" | "manifest";
  /** The run's href (the `Location` header). */
  location: string;
  /** 303: a run was already active for the iModel, and this is that run. */
  alreadyActive: boolean;
}

/** The run a 202/303 answer to a run start of `of` ("StorageConnection <id>") points at; any other Location (a
 * sign-in page's, none) is no run. */
export function startedRun(http: HttpClient, spec: RequestSpec, res: HttpResponse<undefined>, of: string): StartedRun {
  const location = res.headers.get("location");
  const match = location ? RUN_HREF.exec(new URL(location, http.baseUrl).pathname) : null;
  if (!location || !match) {
    throw new UnexpectedAnswerError({
      ...spec,
      url: http.url(spec.path),
      status: res.status,
      contentType: res.headers.get("content-type"),
      location,
      text: "",
      expected: `HTTP 202 or 303 with the Location of a run of ${of}`,
    });
  }
  return {
    kind: match[1] as StartedRun["kind"],
    connectionId: decodeURIComponent(match[2]),
    runId: decodeURIComponent(match[3]),
    location,
    alreadyActive: res.status === 303,
  };
}
