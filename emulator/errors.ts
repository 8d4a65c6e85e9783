// What the store and the routes raise when a request cannot be carried out. They carry the API's documented error,
// not an HTTP answer: the server turns them into one (a 422 gets the operation's own code from its route).
import type { ErrorDetail } from "../api/types";
import type { Problem } from "../api/validation";

/** An answer with the API's error body: `404 StorageConnectionNotFound`, `409 FileMappingToTheIModelAlreadyExists`… */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly error: { code: string; message: string },
  ) {
    super(`${status} ${error.code}`);
  }
}

/** A 422 with these `details`, under the code of the operation that was called. */
export class InvalidRequest extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super(`422 ${details.map((detail) => detail.code).join(", ")}`);
  }
}

/** Raises the 422 when there are details. */
export function requireValid(details: ErrorDetail[]): void {
  if (details.length > 0) throw new InvalidRequest(details);
}

/** One `details` entry per problem, in the order the rules found them. */
export function detailsOf(problems: Problem[]): ErrorDetail[] {
  return problems.map((problem) => problem.detail);
}
