// customTimeouts (the engine's `timeout` on Create, Update and Delete) and Cancel, as the one AbortSignal a step's
// API calls get (client/stop.ts says what the client does with it): no call starts once it aborted; at the deadline
// a call in flight is abandoned, except a POST, which is awaited; Cancel lets the call in flight finish.
import { StepStopped, type StopReason } from "../client/stop";

export type Verb = "create" | "update" | "delete";

class Cancelled implements StopReason {
  readonly abandonsPending = false;
  constructor(private readonly verb: Verb) {}

  stopped(operation: string): StepStopped {
    return new StepStopped(
      `the ${this.verb} was cancelled (Ctrl-C) before "${operation}"; run the command again to finish it: ` +
        "it continues from what exists.",
    );
  }
}

class TimedOut implements StopReason {
  readonly abandonsPending = true;
  constructor(
    private readonly verb: Verb,
    private readonly seconds: number,
  ) {}

  stopped(operation: string, pending: boolean): StepStopped {
    const when = pending ? `while "${operation}" was pending` : `before "${operation}"`;
    return new StepStopped(
      `the ${this.verb} ran past its timeout of ${formatSeconds(this.seconds)} (customTimeouts.${this.verb}) ${when}. ` +
        `Fix: raise customTimeouts.${this.verb} (e.g. "20m"), then run the command again; ` +
        (this.verb === "delete" ? "the connection stays in state until it is deleted." : "it continues from what exists."),
    );
  }
}

function formatSeconds(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** One step's signal: aborted by `cancel` (the provider's Cancel) or at `timeoutSeconds` (0: none); `end` it when
 * the step is over. */
export class Step {
  private readonly controller = new AbortController();
  private readonly timer?: NodeJS.Timeout;
  private readonly onCancel = () => this.controller.abort(new Cancelled(this.verb));

  constructor(
    private readonly verb: Verb,
    timeoutSeconds: number,
    private readonly cancel: AbortSignal,
  ) {
    if (cancel.aborted) this.onCancel();
    cancel.addEventListener("abort", this.onCancel, { once: true });
    if (timeoutSeconds > 0) {
      this.timer = setTimeout(() => this.controller.abort(new TimedOut(verb, timeoutSeconds)), timeoutSeconds * 1000);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  end(): void {
    clearTimeout(this.timer);
    this.cancel.removeEventListener("abort", this.onCancel);
  }
}
