import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // `npm run bench`: figures are written down in bench/RESULTS.md, never asserted in a test.
    benchmark: { include: ["bench/**/*.bench.ts"] },
    // Files that drive the Pulumi CLI spend minutes in real `up`/`refresh`/`destroy` runs: these bound a hang,
    // they do not measure speed (bench/ does).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Two cores: more parallel CLI runs only queue behind each other.
    maxWorkers: 2,
  },
});
