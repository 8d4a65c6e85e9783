import { defineConfig } from "vitest/config";

// `npm run test:faults`: the fault suite (test/faults/), apart from `npm test`. One scenario at a time: each drives
// the CLI through a whole lifecycle, and two at once would only measure the machine.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.faults.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
