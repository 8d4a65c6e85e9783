// The client's pacer: a ceiling of requests per sliding minute (itwin:maxRequestsPerMinute) and one shared pause
// when the API answers with retry-after. Counted against the real emulator's rate limit: what reaches the API and
// how many 429s it answers, never how long anything took.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Pacer } from "../../provider/client/pacer";
import { TestEmulator } from "../harness/emulator";

const MANIFEST = "MWplZe9Uf0iR1IDMqyOMLry641hUCa9JjxI3cYz8uCg";

describe("Pacer (its own clock)", () => {
  it("books sends so that no sliding minute holds more than the ceiling, first come first served", async () => {
    const now = 1_000_000;
    const sleeps: number[] = [];
    const pacer = new Pacer(3, () => now);
    for (let i = 0; i < 7; i++) await pacer.turn(async (ms) => void sleeps.push(ms));
    // Three go at once; the next three a minute (and a second's margin) after them; the seventh a minute later.
    expect(sleeps).toEqual([61_000, 61_000, 61_000, 122_000]);
  });

  it("without a ceiling lets every request go, until the API asks for a pause", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const pacer = new Pacer(undefined, () => now);
    const sleep = async (ms: number) => void sleeps.push(ms);
    await pacer.turn(sleep);
    await pacer.turn(sleep);
    pacer.pause(5_000);
    pacer.pause(2_000); // a shorter answer does not cut the pause short
    now = 1_000;
    await pacer.turn(sleep);
    now = 5_000;
    await pacer.turn(sleep);
    expect(sleeps).toEqual([4_000]);
  });
});

describe("HttpClient pacing against the emulator's rate limit", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await TestEmulator.start();
  });
  afterAll(() => emulator.close());
  // A fresh rate-limit window for each test.
  beforeEach(() => emulator.running.reset());

  /** A sleep that records its delay and returns when the test opens the gate (the minute "has passed"). */
  function gatedSleep() {
    const sleeps: number[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    return { sleeps, open, sleep: async (ms: number) => void (sleeps.push(ms), await gate) };
  }

  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  }

  const tooMany = async () => (await emulator.requests()).filter((r) => r.status === 429).length;

  it("holds every request of the client for a 429's retry-after: one 429, not one per request", async () => {
    const { sleeps, open, sleep } = gatedSleep();
    const c = emulator.client({ sleep });
    await emulator.faults({ rateLimit: 2 });
    await emulator.clearRequests();
    await c.getManifestConnection(MANIFEST);
    await c.getManifestConnection(MANIFEST);
    const first = c.getManifestConnection(MANIFEST); // answered 429, retry-after up to 60 s
    await until(() => sleeps.length === 1);
    expect(sleeps[0]).toBeGreaterThan(50_000);
    const others = [c.getManifestConnection(MANIFEST), c.listManifestSourceFiles(MANIFEST)];
    await until(() => sleeps.length === 3);
    // The two later requests wait out the same window without asking the API.
    expect((await emulator.requests()).map((r) => r.status)).toEqual([200, 200, 429]);
    await emulator.faults({ rateLimit: 0 });
    open();
    await Promise.all([first, ...others]);
    expect(await tooMany()).toBe(1);
  });

  it("with maxRequestsPerMinute, keeps under the limit by itself: no 429 at all", async () => {
    const { sleeps, open, sleep } = gatedSleep();
    const c = emulator.client({ sleep, maxRequestsPerMinute: 3 });
    await emulator.faults({ rateLimit: 3 });
    await emulator.clearRequests();
    const all = Array.from({ length: 5 }, () => c.getManifestConnection(MANIFEST));
    await until(() => sleeps.length === 2);
    expect(sleeps.every((ms) => ms > 60_000)).toBe(true);
    expect((await emulator.requests()).map((r) => r.status)).toEqual([200, 200, 200]);
    await emulator.faults({ rateLimit: 0 });
    open();
    await Promise.all(all);
    expect((await emulator.requests()).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await tooMany()).toBe(0);
  });
});
