// Fault injection for API requests: latency, random 429/503 answers, dropped connections, lost answers, a per-minute
// rate limit and armed run conflicts. All off by default; set by flags at start and changed through
// PUT /__emulator/faults.
import { setTimeout as sleep } from "node:timers/promises";

export interface FaultSettings {
  /** Time an API request takes before it is carried out and answered. A client that gives up meanwhile does not stop
   * it: the request still takes effect, late, as on a slow real service. */
  latencyMs: number;
  /** Share (0..1) of API requests that take latencyMs; 1 (the default) delays them all. */
  latencyRate: number;
  /** Share (0..1) of API requests answered 429 or 503, alternately. */
  failRate: number;
  /** Share (0..1) of API requests whose connection is destroyed with no answer. */
  resetRate: number;
  /** API requests allowed per sliding minute; 0 means no limit. */
  rateLimit: number;
  /** How many of the next run requests are answered 409. */
  runConflict: number;
  /** How many of the next API requests are carried out but lose their answer (the connection drops after it). */
  dropAnswers: number;
  /** The answer of every n-th write (POST, PUT, PATCH, DELETE) of each operation is lost the same way, counted per
   * operation so that every kind of write loses some; 0 is off. */
  dropAnswerEvery: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  latencyRate: 1,
  failRate: 0,
  resetRate: 0,
  rateLimit: 0,
  runConflict: 0,
  dropAnswers: 0,
  dropAnswerEvery: 0,
};

const WINDOW_MS = 60_000;
/** The requests whose answers dropAnswerEvery loses. */
const WRITES: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const RULES: Record<keyof FaultSettings, { test(value: number): boolean; expected: string }> = {
  latencyMs: { test: (v) => v >= 0, expected: "a number of milliseconds >= 0" },
  latencyRate: { test: (v) => v >= 0 && v <= 1, expected: "a number from 0 to 1" },
  failRate: { test: (v) => v >= 0 && v <= 1, expected: "a number from 0 to 1" },
  resetRate: { test: (v) => v >= 0 && v <= 1, expected: "a number from 0 to 1" },
  rateLimit: { test: (v) => Number.isInteger(v) && v >= 0, expected: "an integer >= 0" },
  runConflict: { test: (v) => Number.isInteger(v) && v >= 0, expected: "an integer >= 0 (or a boolean)" },
  dropAnswers: { test: (v) => Number.isInteger(v) && v >= 0, expected: "an integer >= 0" },
  dropAnswerEvery: { test: (v) => Number.isInteger(v) && v >= 0, expected: "an integer >= 0" },
};

/** Checks a partial update; `runConflict: true` arms one conflict. Throws with a readable message when invalid. */
export function parseFaults(patch: unknown): Partial<FaultSettings> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    throw new Error("faults must be a JSON object");
  }
  const parsed: Partial<FaultSettings> = {};
  for (const [key, raw] of Object.entries(patch)) {
    // Own keys only: `toString` and the like are no faults.
    const rule = Object.hasOwn(RULES, key) ? RULES[key as keyof FaultSettings] : undefined;
    if (!rule) throw new Error(`unknown fault "${key}"; known: ${Object.keys(RULES).join(", ")}`);
    const value = key === "runConflict" && typeof raw === "boolean" ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isFinite(value) || !rule.test(value)) {
      throw new Error(`${key} must be ${rule.expected}`);
    }
    parsed[key as keyof FaultSettings] = value;
  }
  return parsed;
}

export class Faults {
  private current: FaultSettings;
  /** Times of the requests let through in the last minute, oldest first. */
  private window: number[] = [];
  private failures = 0;
  /** Writes seen per operation, for dropAnswerEvery. */
  private writes = new Map<string, number>();

  constructor(private readonly initial: FaultSettings) {
    this.current = { ...initial };
  }

  get settings(): FaultSettings {
    return { ...this.current };
  }

  update(patch: Partial<FaultSettings>): void {
    this.current = { ...this.current, ...patch };
  }

  /** Back to the settings the emulator started with, with a fresh rate-limit window. */
  reset(): void {
    this.current = { ...this.initial };
    this.window = [];
    this.failures = 0;
    this.writes.clear();
  }

  shouldDrop(): boolean {
    return Math.random() < this.current.resetRate;
  }

  /** Waits out the latency, if this request draws it. */
  async delay(): Promise<void> {
    const { latencyMs, latencyRate } = this.current;
    if (latencyMs > 0 && Math.random() < latencyRate) await sleep(latencyMs);
  }

  /** Whether this request's answer is to be lost after it took effect: the next of dropAnswers, or the n-th write of
   * its operation (`operation`: the route, e.g. "POST /storageconnections/:id/sourcefiles"). */
  takeDroppedAnswer(method: string, operation: string): boolean {
    if (this.current.dropAnswers > 0) {
      this.current.dropAnswers--;
      return true;
    }
    const every = this.current.dropAnswerEvery;
    if (every <= 0 || !WRITES.has(method)) return false;
    const count = (this.writes.get(operation) ?? 0) + 1;
    this.writes.set(operation, count);
    return count % every === 0;
  }

  /** The status of an injected failure (429 and 503 in turn), or undefined when this request is spared. */
  failure(): 429 | 503 | undefined {
    if (!(Math.random() < this.current.failRate)) return undefined;
    return this.failures++ % 2 === 0 ? 429 : 503;
  }

  /** Seconds until a slot frees when the limit is reached; otherwise counts the request and returns undefined. */
  rateLimitWait(now: number): number | undefined {
    if (this.current.rateLimit <= 0) return undefined;
    while (this.window.length > 0 && this.window[0] <= now - WINDOW_MS) this.window.shift();
    if (this.window.length >= this.current.rateLimit) {
      const oldest = this.window[this.window.length - this.current.rateLimit];
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    this.window.push(now);
    return undefined;
  }

  /** Uses up one armed run conflict, if any. */
  takeRunConflict(): boolean {
    if (this.current.runConflict <= 0) return false;
    this.current.runConflict -= 1;
    return true;
  }
}
