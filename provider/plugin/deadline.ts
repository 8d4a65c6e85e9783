// customTimeouts (the engine's `timeout` on Create, Update and Delete) and Cancel, applied to the API calls a step
// makes: no call starts past the deadline, and a call in flight at the deadline is abandoned, except a POST, whose
// effect (a connection, a file, a run) must be recorded, so it is awaited and the step stops right after it.
import type { HttpClient, HttpResponse, RequestSpec } from "../client/http";
import { SyncClient } from "../client/sync-client";

export type Verb = "create" | "update" | "delete";

export class StepStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepStopped";
  }
}

export class StepBound {
  private readonly deadline: number;

  /** `timeoutSeconds` 0 means none (no customTimeouts and no engine default). */
  constructor(
    private readonly verb: Verb,
    private readonly timeoutSeconds: number,
    private readonly cancelled: () => boolean,
    now = Date.now(),
  ) {
    this.deadline = timeoutSeconds > 0 ? now + timeoutSeconds * 1000 : Infinity;
  }

  /** Throws when the step must not start `operation`. */
  check(operation: string): void {
    if (this.cancelled()) {
      throw new StepStopped(
        `the ${this.verb} was cancelled (Ctrl-C) before "${operation}"; run the command again to finish it: ` +
          "it continues from what exists.",
      );
    }
    if (Date.now() >= this.deadline) throw this.timeout(`before "${operation}"`);
  }

  /** `call`, or a timeout error at the deadline if it has not settled by then (the call is left to finish). */
  async race<T>(call: Promise<T>, operation: string): Promise<T> {
    if (this.deadline === Infinity) return call;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeout(`while "${operation}" was pending`)), this.deadline - Date.now());
    });
    try {
      return await Promise.race([call, expired]);
    } finally {
      clearTimeout(timer);
      call.catch(() => undefined);
    }
  }

  private timeout(when: string): StepStopped {
    return new StepStopped(
      `the ${this.verb} ran past its timeout of ${formatSeconds(this.timeoutSeconds)} (customTimeouts.${this.verb}) ${when}. ` +
        `Fix: raise customTimeouts.${this.verb} (e.g. "20m"), then run the command again; ` +
        (this.verb === "delete" ? "the connection stays in state until it is deleted." : "it continues from what exists."),
    );
  }
}

function formatSeconds(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** `client` with every API call subject to `bound`. */
export function boundClient(client: SyncClient, bound: StepBound): SyncClient {
  const inner = client.http;
  const http: HttpClient = Object.create(inner);
  // One implementation behind both of request's overloads, as HttpClient's own is.
  const request = <T>(spec: RequestSpec<T>): Promise<HttpResponse<T | undefined>> => {
    bound.check(spec.operation);
    const call = (inner.request as (s: RequestSpec<T>) => Promise<HttpResponse<T | undefined>>).call(inner, spec);
    return spec.method === "POST" ? call : bound.race(call, spec.operation);
  };
  http.request = request as HttpClient["request"];
  return new SyncClient(http);
}
