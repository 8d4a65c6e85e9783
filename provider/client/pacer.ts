// One pace for every request of a client (the provider process has one, shared by all its resources): an optional
// ceiling of requests per sliding minute, for subscriptions with a known limit, and one shared pause when the API
// says how long to wait (429 or 503 with `retry-after`), so that every request waits out the same window instead of
// each finding it by its own 429.

/** The API counts requests per sliding minute (as the emulator's --rate-limit does). */
const WINDOW_MS = 60_000;
/** Our send times are earlier than the API's arrival times: keep this much clear of the window's edge. */
const EDGE_MS = 1_000;

export class Pacer {
  /** Send times granted within the last window, oldest first (some may lie ahead: requests waiting for them). */
  private granted: number[] = [];
  private pausedUntil = 0;

  constructor(
    /** Requests per sliding minute; undefined for no ceiling of our own. */
    private readonly maxRequestsPerMinute: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request may go: at its turn under the ceiling, and not before the shared pause ends. */
  async turn(sleep: (ms: number) => Promise<void>): Promise<void> {
    const wait = this.reserve() - this.now();
    if (wait > 0) await sleep(wait);
    // A pause that began while this request waited for its turn holds it too.
    const paused = this.pausedUntil - this.now();
    if (paused > 0) await sleep(paused);
  }

  /** The API asked for `ms` of quiet: no request of the process goes before it ends. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Books the earliest send time that keeps every sliding minute within the ceiling (first come, first served). */
  private reserve(): number {
    const now = this.now();
    const limit = this.maxRequestsPerMinute;
    if (!limit) return now;
    while (this.granted.length > 0 && this.granted[0] <= now - WINDOW_MS - EDGE_MS) this.granted.shift();
    let at = Math.max(now, this.granted[this.granted.length - 1] ?? now);
    if (this.granted.length >= limit) at = Math.max(at, this.granted[this.granted.length - limit] + WINDOW_MS + EDGE_MS);
    this.granted.push(at);
    return at;
  }
}
