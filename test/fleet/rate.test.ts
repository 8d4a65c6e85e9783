// The rate limit shared by a fleet: each running stack's share, and when a stack may start so that the shares of the
// stacks whose requests are still inside the API's sliding minute never add up past the limit.
import { describe, expect, it } from "vitest";
import { RateLedger, SHARE_HELD_MS, sharePerStack } from "../../fleet/rate";

describe("sharePerStack", () => {
  it("is the limit ÷ the stacks running at once, rounded down", () => {
    expect(sharePerStack(500, 2)).toBe(250);
    expect(sharePerStack(500, 3)).toBe(166);
    expect(sharePerStack(500, 1)).toBe(500);
  });
  it("refuses a limit too small to give each stack one request per minute", () => {
    expect(() => sharePerStack(3, 4)).toThrow("--max-requests-per-minute 3 is less than one request per minute for each of 4 stacks at once");
  });
});

describe("RateLedger", () => {
  it("lets as many shares start as fit, then waits for a running stack to end (Infinity: no time is known)", () => {
    let now = 0;
    const ledger = new RateLedger(500, () => now);
    expect(ledger.waitFor(250)).toBe(0);
    const first = ledger.take(250);
    expect(ledger.waitFor(250)).toBe(0);
    ledger.take(250);
    expect(ledger.waitFor(250)).toBe(Infinity);
    now = 10_000;
    first();
    // The first stack's requests stay in the sliding minute until SHARE_HELD_MS after it ended.
    expect(ledger.waitFor(250)).toBe(SHARE_HELD_MS);
    now += SHARE_HELD_MS;
    expect(ledger.waitFor(250)).toBe(0);
  });

  it("never holds more than the limit in any window, whatever the order stacks start and end in", () => {
    let now = 0;
    const limit = 300;
    const share = 100;
    const ledger = new RateLedger(limit, () => now);
    const held: Array<{ from: number; to: number }> = [];
    const running: Array<{ end: () => void; entry: { from: number; to: number }; until: number }> = [];
    for (let step = 0; step < 2000; step++) {
      now += 1000 + ((step * 7919) % 5000);
      for (const r of running.filter((r) => r.until <= now)) {
        r.end();
        r.entry.to = now + SHARE_HELD_MS;
        running.splice(running.indexOf(r), 1);
      }
      if (ledger.waitFor(share) === 0) {
        const entry = { from: now, to: Infinity };
        held.push(entry);
        running.push({ end: ledger.take(share), entry, until: now + ((step * 104729) % 90_000) });
      }
      const inForce = held.filter((h) => h.from <= now && h.to > now).length * share;
      expect(inForce).toBeLessThanOrEqual(limit);
    }
    expect(held.length).toBeGreaterThan(50);
  });
});
