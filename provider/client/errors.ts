// Errors the client raises, each readable as one sentence that says what failed and what to do. Their messages quote
// what answered and where, so each goes through redactText: no Bearer token, JWT or URL password is ever shown.
import { ERROR } from "../../api/contract";
import { redactText } from "../../api/redaction";
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
      redactText(
        `${init.operation} failed: HTTP ${init.status} ${init.code}: ${init.apiMessage}` +
          (init.target ? ` [target: ${init.target}]` : "") +
          (detailText ? ` Details: ${detailText}` : "") +
          (init.hint ? ` ${init.hint}` : ""),
      ),
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

/** The first step of every fix for an unknown outcome; callers that know more about their step add to it. */
export const RERUN_WHEN_ANSWERING = "check that the API at itwin:baseUrl answers, then run `pulumi up` again";

/**
 * A request that changes state (POST) got no answer: it may or may not have been carried out, so it is not
 * repeated blindly. Callers look the outcome up instead.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    readonly operation: string,
    readonly reason: unknown,
    fix = `${RERUN_WHEN_ANSWERING}: it reads what the API holds before it writes, so nothing is done twice.`,
  ) {
    super(redactText(`${operation}: no answer came back (${describeCause(reason)}), so whether the API carried it out is unknown. Fix: ${fix}`));
    this.name = "OutcomeUnknownError";
  }

  /** The same error with the fix that fits the caller's step. */
  withFix(fix: string): OutcomeUnknownError {
    return new OutcomeUnknownError(this.operation, this.reason, fix);
  }
}

/** As many tries as the client gives an idempotent request by default. */
const UNKNOWN_OUTCOME_ATTEMPTS = 6;

/**
 * For a POST that a repeat cannot duplicate (its repeat meets a 409 or a 303 that names what the lost one did):
 * sends it again while its answer is lost. `work` learns whether an earlier try's outcome is unknown, so it can read
 * the API afresh when the repeat says "already there".
 */
export async function repeatWhileOutcomeUnknown<T>(work: (afterLostAnswer: boolean) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt > 1);
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError) || attempt >= UNKNOWN_OUTCOME_ATTEMPTS) throw error;
    }
  }
}

/** The API could not be reached, or kept failing, within the retry budget. */
export class TransportError extends Error {
  constructor(operation: string, attempts: number, cause: unknown, note = "") {
    super(redactText(`${operation} failed after ${attempts} attempt(s): ${describeCause(cause)}${note}`));
    this.name = "TransportError";
  }
}

/** An attempt got no answer within the client's per-attempt deadline (node-fetch only says "The user aborted a request."). */
export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `no answer within ${timeoutMs} ms, the deadline of each attempt (ITWIN_HTTP_TIMEOUT_MS, default 30000); ` +
        `for a slow link or proxy raise it in the environment of the pulumi command, e.g. ITWIN_HTTP_TIMEOUT_MS=${Math.max(2 * timeoutMs, 60_000)}`,
    );
    this.name = "AttemptTimeoutError";
  }
}

/**
 * Something answered, but not as the API does: not the expected status with a body of the expected shape, nor one
 * of the API's error bodies. A sign-in page, a proxy or a gateway at `itwin:baseUrl` answers like this. Never read
 * as "gone" or "empty": the step fails and nothing is dropped from state.
 */
export class UnexpectedAnswerError extends Error {
  readonly status: number;

  constructor(init: {
    operation: string;
    method: string;
    url: string;
    status: number;
    contentType: string | null;
    location?: string | null;
    text: string;
    expected: string;
  }) {
    const body = init.text.trim();
    const excerpt = body ? `body begins ${JSON.stringify(body.slice(0, 120))}${body.length > 120 ? "…" : ""}` : "empty body";
    super(
      redactText(
        `${init.operation} failed: the answer to ${init.method} ${init.url} is not the iTwin API's ` +
          `(HTTP ${init.status}, content-type ${init.contentType ?? "none"}${init.location ? `, location ${init.location}` : ""}, ${excerpt}; ` +
          `expected ${init.expected}). Check itwin:baseUrl (ITWIN_BASE_URL): it must be ` +
          "the API root, e.g. https://api.bentley.com, and nothing (a proxy, a gateway, a sign-in page) may answer in its place.",
      ),
    );
    this.name = "UnexpectedAnswerError";
    this.status = init.status;
  }
}

/** The identity service refused the client credentials (400/401 from the token endpoint): final, never retried. */
export class CredentialsError extends Error {
  constructor(init: { url: string; status: number; code: string; description: string; describedBy: string }) {
    super(
      redactText(
        `The identity service at ${init.url} refused the client credentials: HTTP ${init.status} ${init.code}: ` +
          `${init.description.replace(/\.$/, "")}. Check the client id and client secret (${init.describedBy}), and itwin:authorityUrl ` +
          "(ITWIN_AUTHORITY_URL) and itwin:scope (ITWIN_SCOPE). Not retried: repeated refusals can lock the client out.",
      ),
    );
    this.name = "CredentialsError";
  }
}

/** One line for a failure's cause (retry notices print it too), redacted. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return redactText(code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message);
  }
  return redactText(String(cause));
}

/** The API's own 404 codes for a thing that does not exist (the catch-all `ResourceNotFound` of a wrong path is not one). */
const GONE_CODES: ReadonlySet<string> = new Set(
  Object.values(ERROR)
    .map((e) => e.code)
    .filter((code) => code.endsWith("NotFound") && code !== ERROR.notFound.code),
);

/** Only the API's own 404, with its documented code, says that something is gone. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && GONE_CODES.has(error.code);
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
