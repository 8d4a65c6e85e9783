// The subscription's rate limit shared by the stacks of a fleet. Each stack's provider paces itself (its own sliding
// minute) under ITWIN_MAX_REQUESTS_PER_MINUTE, so the fleet gives each running stack an equal share, and starts a
// stack only when its share is free: the share of a stack that ended less than a window ago still counts, since its
// last requests are still inside the API's sliding minute while the next stack's pacer starts from an empty one.

/** The API's window, plus the margin the provider's pacer keeps (provider/client/pacer.ts). */
export const SHARE_HELD_MS = 61_000;

/** Requests per minute for each of `running` stacks at once: the limit ÷ stacks, rounded down, at least 1. */
export function sharePerStack(limit: number, running: number): number {
  const share = Math.floor(limit / Math.max(1, running));
  if (share < 1) throw new Error(`--max-requests-per-minute ${limit} is less than one request per minute for each of ${running} stacks at once; lower --parallel or raise the limit`);
  return share;
}

/** Shares granted to stacks, each held from its start until SHARE_HELD_MS after its end. */
export class RateLedger {
  private readonly held: Array<{ share: number; until: number }> = [];

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `share` fits under the limit (0: now). */
  waitFor(share: number): number {
    const now = this.now();
    // Running stacks hold theirs until they end (until: Infinity); ended ones until their window has passed.
    const live = this.held.filter((h) => h.until > now).sort((a, b) => a.until - b.until);
    let total = live.reduce((sum, h) => sum + h.share, 0);
    for (const h of live) {
      if (total + share <= this.limit) break;
      total -= h.share;
      if (total + share <= this.limit) return h.until - now;
    }
    return total + share <= this.limit ? 0 : Infinity;
  }

  /** Takes a share now; the returned function gives it back when the stack ends (held SHARE_HELD_MS more). */
  take(share: number): () => void {
    const entry = { share, until: Infinity };
    this.held.push(entry);
    return () => {
      entry.until = this.now() + SHARE_HELD_MS;
    };
  }
}
