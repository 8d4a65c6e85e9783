// Stopping a step's API calls through one AbortSignal (customTimeouts and Cancel, both front doors): the signal's
// reason says why, and for the operation where the client stopped, makes the error the step fails with.

export class StepStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepStopped";
  }
}

/** An abort reason that names, for the operation it stopped, why and what to do. */
export interface StopReason {
  /** A deadline abandons a call in flight (GET, PUT, DELETE: the next run repeats them); Cancel lets it finish. */
  readonly abandonsPending: boolean;
  stopped(operation: string, pending: boolean): StepStopped;
}

function isStopReason(reason: unknown): reason is StopReason {
  return typeof (reason as StopReason)?.stopped === "function";
}

/** The error a call fails with when `signal` stopped its step: before `operation` started, or while it was pending. */
export function stopError(signal: AbortSignal, operation: string, pending: boolean): Error {
  const { reason } = signal;
  if (isStopReason(reason)) return reason.stopped(operation, pending);
  return reason instanceof Error ? reason : new StepStopped(`the step was stopped before "${operation}"`);
}

/** Whether the abort of `signal` abandons a call in flight. */
export function abandonsPending(signal: AbortSignal): boolean {
  return signal.aborted && (!isStopReason(signal.reason) || signal.reason.abandonsPending);
}

/** A signal that aborts, with `reason`, whenever `signal` aborts in a way that abandons a call in flight; `release`
 * when the call settled. */
export function abandoning(signal: AbortSignal | undefined): { signal?: AbortSignal; release(): void } {
  if (!signal) return { release: () => undefined };
  const controller = new AbortController();
  const forward = () => {
    if (abandonsPending(signal)) controller.abort(signal.reason);
  };
  forward();
  signal.addEventListener("abort", forward, { once: true });
  return { signal: controller.signal, release: () => signal.removeEventListener("abort", forward) };
}
