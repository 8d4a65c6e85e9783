// What the API emulator's request log says about a rate limit: the most requests any sliding minute held.

/** The most timestamps (ms) inside any window of `windowMs`, and where that window starts. */
export function busiestWindow(times: number[], windowMs = 60_000): { count: number; startMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, startMs: sorted[0] ?? 0 };
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    if (last - first + 1 > best.count) best = { count: last - first + 1, startMs: sorted[first] };
  }
  return best;
}
