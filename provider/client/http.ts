// The one request function every API operation goes through: URL building, bearer auth, a deadline on each
// attempt, retries with exponential backoff and jitter, and errors that read as one sentence.
import http from "node:http";
import https from "node:https";
import fetch, { type Headers } from "node-fetch";
import { MEDIA_TYPE } from "../../api/contract";
import { apiErrorBody, type Shape } from "../../api/shapes";
import type { TokenSource } from "./auth";
import {
  ApiError,
  AttemptTimeoutError,
  CredentialsError,
  describeCause,
  OutcomeUnknownError,
  TransportError,
  UnexpectedAnswerError,
} from "./errors";
import { Pacer } from "./pacer";
import { abandoning, stopError } from "./stop";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestSpec<T = unknown> {
  /** Names the operation in errors, e.g. "Create StorageConnection". */
  operation: string;
  method: Method;
  /** A path under the base URL, or an absolute href the API returned (re-based onto the base URL). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  prefer?: "return=minimal" | "return=representation";
  /** The Accept media type when not the Synchronization API's (the iModels API recommends its v2 one). */
  accept?: string;
  /** Statuses that count as success; anything else raises ApiError (or UnexpectedAnswerError when not the API's body). */
  expect: number[];
  /** The shape a success body must have; without one the answer is its status and headers (204, 202/303 + Location). */
  answer?: Shape<T>;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RetryInfo {
  operation: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpOptions {
  baseUrl: string;
  tokens: TokenSource;
  /** Deadline of one attempt. Dynamic providers ignore customTimeouts, so the client bounds every call itself. */
  timeoutMs?: number;
  /** Deadline of one attempt of a request that learns what a POST with a lost answer did (see `patient`); default
   * four times timeoutMs, at least 30 s. */
  outcomeTimeoutMs?: number;
  /** Budget for one operation, retries and waits included. */
  deadlineMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: RetryInfo) => void;
  /** Requests per sliding minute this client never exceeds (itwin:maxRequestsPerMinute); unset: no ceiling. */
  maxRequestsPerMinute?: number;
}

/** PATCH too: the API's PATCHes (configurations, iModels) set values, so sending one twice leaves the same result. */
const IDEMPOTENT: ReadonlySet<Method> = new Set(["GET", "PUT", "PATCH", "DELETE"]);
/** Gateway answers that say nothing was done (503) or may hide a done request (502/504). */
const RETRIABLE_STATUSES = new Set([429, 502, 503, 504]);
/** For POST only answers that guarantee the request was not carried out are retried. */
const POST_RETRIABLE_STATUSES = new Set([429, 503]);
/** Answers after which a POST's outcome is unknown. */
const MAYBE_DONE_STATUSES = new Set([502, 504]);
/** Errors raised before the request left this machine: safe to repeat for any method. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** What every view of one client shares (withSignal): the pacing and what it learnt of the API's reachability. */
interface Shared {
  pacer: Pacer;
  /** Set when an operation ran out of attempts without reaching the API; cleared by any answer. */
  unreachable: boolean;
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly options: Required<Omit<HttpOptions, "onRetry" | "maxRequestsPerMinute" | "outcomeTimeoutMs">> &
    Pick<HttpOptions, "onRetry" | "outcomeTimeoutMs">;
  private readonly shared: Shared;

  /** `signal`: a step's (customTimeouts, Cancel); see withSignal. */
  constructor(
    options: HttpOptions,
    private readonly signal?: AbortSignal,
    shared?: Shared,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.shared = shared ?? { pacer: new Pacer(options.maxRequestsPerMinute), unreachable: false };
    this.options = {
      timeoutMs: 30_000,
      deadlineMs: 300_000,
      maxAttempts: 6,
      retryBaseMs: 500,
      retryMaxMs: 30_000,
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options,
      baseUrl: this.baseUrl,
    };
  }

  /**
   * This client (same settings, pacing and tokens) with its requests bound to `signal`: once it aborts, no request
   * starts, and one in flight is abandoned when the abort reason says so (a deadline), except a POST, whose effect
   * (a connection, a file, a run) must be learnt: it is awaited, and the next request stops.
   */
  withSignal(signal: AbortSignal): HttpClient {
    return new HttpClient(this.options, signal, this.shared);
  }

  /**
   * This client with a longer deadline per attempt, for the requests that learn what a POST whose answer was lost
   * did: an API slow enough to outlast the POST's attempt likely outlasts a lookup's too, and a lookup given up is a
   * resource the API made and the state never learns of. Still bounded, and retried as any request.
   */
  patient(): HttpClient {
    const { timeoutMs, outcomeTimeoutMs = Math.max(4 * timeoutMs, 30_000) } = this.options;
    return new HttpClient({ ...this.options, timeoutMs: Math.max(timeoutMs, outcomeTimeoutMs) }, this.signal, this.shared);
  }

  /** A bearer token from the configured source, cached and renewed as for this client's own requests: for Bentley's
   * clients of other iTwin APIs (examples/platform's IModel hands it to @itwin/imodels-client-management). */
  token(): Promise<string> {
    return this.options.tokens.token();
  }

  url(path: string, query?: RequestSpec["query"]): string {
    let url: URL;
    if (/^https?:\/\//i.test(path)) {
      // Hrefs from the API are followed on the configured origin only, so the token never goes elsewhere.
      const href = new URL(path);
      const base = new URL(this.baseUrl);
      url = href.origin === base.origin ? href : new URL(href.pathname + href.search, base.origin);
    } else {
      url = new URL(this.baseUrl + path);
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    // URLSearchParams encodes `$` as %24; the API documents `$top`/`$skip` literally.
    return url.toString().replace(/%24(top|skip)=/g, "$$$1=");
  }

  /** A request whose answer is its status and headers (204; 202/303 with a Location). */
  request(spec: RequestSpec & { answer?: undefined }): Promise<HttpResponse<undefined>>;
  /** A request whose answer body must have the given shape: a body is never read unchecked. */
  request<T>(spec: RequestSpec<T> & { answer: Shape<T> }): Promise<HttpResponse<T>>;
  async request<T>(spec: RequestSpec<T>): Promise<HttpResponse<T | undefined>> {
    const { maxAttempts, deadlineMs } = this.options;
    const url = this.url(spec.path, spec.query);
    const started = Date.now();
    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      let answer: Answer;
      this.stopIfAborted(spec);
      await this.shared.pacer.turn(this.options.sleep);
      this.stopIfAborted(spec);
      try {
        answer = await this.send(spec, url);
      } catch (caught) {
        if (caught instanceof CredentialsError) throw caught;
        if (caught instanceof Stopped) throw caught.error;
        const cause = (caught as Error)?.name === "AbortError" ? new AttemptTimeoutError(this.options.timeoutMs) : caught;
        // A failed token exchange means the API request never left: as safe to repeat as a refused connection.
        const notSent = caught instanceof TokenUnavailable || NOT_SENT_CODES.has((caught as { code?: string }).code ?? "");
        if (!IDEMPOTENT.has(spec.method) && !notSent) {
          throw new OutcomeUnknownError(spec.operation, cause);
        }
        const delay = this.backoff(attempt);
        // Once an operation found the API unreachable, later ones in this process fail at their first refusal
        // instead of each waiting out its own backoff (a 50-connection refresh fails in seconds, not minutes).
        const giveUp = attempt >= maxAttempts || Date.now() - started + delay > deadlineMs || (notSent && this.shared.unreachable);
        if (giveUp) {
          if (notSent) this.shared.unreachable = true;
          const where =
            caught instanceof TokenUnavailable
              ? "itwin:authorityUrl (ITWIN_AUTHORITY_URL)"
              : `itwin:baseUrl (ITWIN_BASE_URL, now ${this.baseUrl})`;
          const note = notSent
            ? `${attempt < maxAttempts ? " (not retried: the API was unreachable for an earlier request of this run)" : ""}. ` +
              `Check ${where} and the network or proxy between here and it`
            : "";
          throw new TransportError(`${spec.operation} (${spec.method} ${url})`, attempt, cause, note);
        }
        await this.wait(spec, attempt, delay, describeCause(cause));
        continue;
      }
      this.shared.unreachable = false;

      if (spec.expect.includes(answer.status)) {
        if (!spec.answer) return { status: answer.status, headers: answer.headers, body: undefined };
        const body = parseJson(answer.text);
        if (spec.answer.test(body)) return { status: answer.status, headers: answer.headers, body };
        throw this.unexpected(spec, url, answer, expectedAnswer(spec));
      }
      if (!IDEMPOTENT.has(spec.method) && MAYBE_DONE_STATUSES.has(answer.status)) {
        // A gateway's 502/504 to a POST: the API may have carried it out, so the caller looks it up, as for no answer.
        throw new OutcomeUnknownError(spec.operation, new Error(`HTTP ${answer.status} from a gateway`));
      }
      const retriable = IDEMPOTENT.has(spec.method) ? RETRIABLE_STATUSES : POST_RETRIABLE_STATUSES;
      if (retriable.has(answer.status)) {
        const retryAfter = retryAfterMs(answer.headers.get("retry-after"));
        const delay = retryAfter ?? this.backoff(attempt);
        if (attempt < maxAttempts && Date.now() - started + delay <= deadlineMs) {
          await this.wait(spec, attempt, delay, `HTTP ${answer.status}`, retryAfter !== undefined);
          continue;
        }
      } else if (answer.status === 401 && !renewedToken) {
        // A cached client-credentials token may have been revoked early: ask for a new one once.
        renewedToken = true;
        if (this.options.tokens.renewable) {
          this.options.tokens.invalidate();
          continue;
        }
      }
      throw this.apiError(spec, url, answer);
    }
  }

  private stopIfAborted(spec: RequestSpec<unknown>): void {
    if (this.signal?.aborted) throw stopError(this.signal, spec.operation, false);
  }

  /** One attempt: a token (its own request has the same deadline), then the request and its whole body within it;
   * a request other than a POST is abandoned when the step's signal says so. */
  private async send(spec: RequestSpec<unknown>, url: string): Promise<Answer> {
    const step = abandoning(spec.method === "POST" ? undefined : this.signal);
    const attempt = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await this.attempt(spec, url, step.signal ? AbortSignal.any([attempt, step.signal]) : attempt);
    } catch (error) {
      if (step.signal?.aborted) throw new Stopped(stopError(this.signal!, spec.operation, true));
      throw error;
    } finally {
      step.release();
    }
  }

  private async attempt(spec: RequestSpec<unknown>, url: string, signal: AbortSignal): Promise<Answer> {
    let token: string;
    try {
      token = await this.options.tokens.token();
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      throw new TokenUnavailable(error);
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: spec.accept ?? MEDIA_TYPE };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    if (spec.prefer) headers.Prefer = spec.prefer;
    const response = await fetch(url, {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      // The run endpoint answers 303 with the active run: the caller wants that Location, not the run body.
      redirect: "manual",
      agent: (parsed: URL) => (parsed.protocol === "http:" ? httpAgent : httpsAgent),
      signal,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  private backoff(attempt: number): number {
    const { retryBaseMs, retryMaxMs, random } = this.options;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the exponential step, so retries spread out yet still back off.
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  /** Before the next attempt: a wait the API asked for (`shared`) holds every request of this client, at its turn.
   * A deadline of the step cuts the wait short. */
  private async wait(spec: RequestSpec, attempt: number, delayMs: number, reason: string, shared = false): Promise<void> {
    this.options.onRetry?.({ operation: spec.operation, attempt, delayMs, reason });
    if (shared) return this.shared.pacer.pause(delayMs);
    const step = abandoning(this.signal);
    try {
      await new Promise<void>((resolve, reject) => {
        const stop = () => reject(stopError(this.signal!, spec.operation, true));
        if (step.signal?.aborted) return stop();
        step.signal?.addEventListener("abort", stop, { once: true });
        this.options.sleep(delayMs).then(resolve, reject);
      });
    } finally {
      step.release();
    }
  }

  /** The API's own error body becomes an ApiError; any other answer is not the API speaking. */
  private apiError(spec: RequestSpec<unknown>, url: string, answer: Answer): Error {
    const body = parseJson(answer.text);
    if (!apiErrorBody.test(body)) {
      return this.unexpected(spec, url, answer, `${expectedAnswer(spec)}, or an error body {"error":{"code","message"}}`);
    }
    const { error } = body;
    return new ApiError({
      operation: spec.operation,
      status: answer.status,
      code: error.code,
      apiMessage: error.message,
      details: error.details,
      target: error.target,
      hint:
        answer.status === 401
          ? `The credentials came from ${this.options.tokens.describedBy}; check that they are valid for ${this.baseUrl}. ` +
            "Changed them since the last `pulumi up`? refresh and destroy configure the provider from the state " +
            "unless run with --run-program."
          : answer.status === 429
            ? "The API's rate limit was still exceeded after the retries; try again later or lower the parallelism (pulumi up --parallel)."
            : RETRIABLE_STATUSES.has(answer.status)
              ? "The API stayed unavailable through the retries; try again later (re-run the command: it continues from the recorded state)."
              : undefined,
    });
  }

  private unexpected(spec: RequestSpec<unknown>, url: string, answer: Answer, expected: string): UnexpectedAnswerError {
    return new UnexpectedAnswerError({
      operation: spec.operation,
      method: spec.method,
      url,
      status: answer.status,
      contentType: answer.headers.get("content-type"),
      location: answer.headers.get("location"),
      text: answer.text,
      expected,
    });
  }
}

function expectedAnswer(spec: RequestSpec<unknown>): string {
  return `HTTP ${spec.expect.join(" or ")}${spec.answer ? ` with a JSON ${spec.answer.name}` : ""}`;
}

/** One attempt's answer, body read in full. */
interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** A step's signal stopped the attempt: `error` says why, and it is not retried. */
class Stopped extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** The token could not be had for a reason other than refused credentials (the identity service was unreachable, …). */
class TokenUnavailable extends Error {
  constructor(cause: unknown) {
    super(describeCause(cause), { cause });
    this.name = "TokenUnavailable";
  }
}

/** The parsed body, or undefined when it is empty or not JSON (no shape accepts undefined). */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** `retry-after` in seconds or as an HTTP date. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
