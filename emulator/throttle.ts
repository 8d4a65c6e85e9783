// Failed client authentications counted per client id, so the token endpoint cannot be brute-forced (500 wrong secrets
// took 1.2 s, then the right one still worked): past the limit within a window, every attempt for that client id is
// answered 429 with Retry-After until the window ends, the right secret included, as an identity service does.

/** Failed authentications of one client id allowed per window. */
export const MAX_FAILED_AUTHENTICATIONS = 10;
export const FAILED_AUTHENTICATION_WINDOW_MS = 60_000;
/** Client ids tracked at most: the ids are the caller's to choose, the memory is not. */
const MAX_TRACKED = 10_000;

export class FailedAuthenticationThrottle {
  /** Per client id: failures since `since` (the first failure of the window). Insertion order is oldest first. */
  private readonly failures = new Map<string, { count: number; since: number }>();

  /** Seconds until `clientId` may try again, or undefined when it may now. */
  wait(clientId: string, now: number): number | undefined {
    const entry = this.failures.get(clientId);
    if (entry === undefined) return undefined;
    const ends = entry.since + FAILED_AUTHENTICATION_WINDOW_MS;
    if (now >= ends) {
      this.failures.delete(clientId);
      return undefined;
    }
    return entry.count >= MAX_FAILED_AUTHENTICATIONS ? Math.max(1, Math.ceil((ends - now) / 1000)) : undefined;
  }

  failed(clientId: string, now: number): void {
    const entry = this.failures.get(clientId);
    if (entry !== undefined) {
      entry.count++;
      return;
    }
    if (this.failures.size >= MAX_TRACKED) this.forgetEnded(now);
    this.failures.set(clientId, { count: 1, since: now });
  }

  succeeded(clientId: string): void {
    this.failures.delete(clientId);
  }

  /** Drops ended windows, and then the oldest ones while the map is full. */
  private forgetEnded(now: number): void {
    for (const [id, { since }] of this.failures) {
      if (now >= since + FAILED_AUTHENTICATION_WINDOW_MS || this.failures.size >= MAX_TRACKED) this.failures.delete(id);
      else break;
    }
  }
}
