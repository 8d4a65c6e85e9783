// Errors the client raises, each readable as one sentence that says what failed and what to do.
import type { ErrorDetail } from "../../api/types";

/** The API answered with an error status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly apiMessage: string;
  readonly details: ErrorDetail[];
  readonly target?: string;
  readonly operation: string;

  constructor(init: {
    operation: string;
    status: number;
    code: string;
    apiMessage: string;
    details?: ErrorDetail[];
    target?: string;
    hint?: string;
  }) {
    const details = init.details ?? [];
    const detailText = details
      .map((d) => `${d.code}${d.target ? ` (${d.target})` : ""}: ${d.message}`)
      .join("; ");
    super(
      `${init.operation} failed: HTTP ${init.status} ${init.code}: ${init.apiMessage}` +
        (init.target ? ` [target: ${init.target}]` : "") +
        (detailText ? ` Details: ${detailText}` : "") +
        (init.hint ? ` ${init.hint}` : ""),
    );
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.details = details;
    this.target = init.target;
    this.operation = init.operation;
  }
}

/**
 * A request that changes state (POST) got no answer: it may or may not have been carried out, so it is not
 * repeated blindly. Callers look the outcome up instead.
 */
export class OutcomeUnknownError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`${operation}: the connection was lost before the API answered (${describeCause(cause)})`);
    this.name = "OutcomeUnknownError";
  }
}

/** The API could not be reached, or kept failing, within the retry budget. */
export class TransportError extends Error {
  constructor(operation: string, attempts: number, cause: unknown) {
    super(`${operation} failed after ${attempts} attempt(s): ${describeCause(cause)}`);
    this.name = "TransportError";
  }
}

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The result of `work`, or undefined when the API answers 404: for reads and deletes where "gone" is an answer. */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
