import { defineConfig } from "vitest/config";

// Two projects (`npm test` runs both; `--project unit` or `--project e2e` one of them):
// - unit: the provider's core, the client, the plugin served in process and the emulator over HTTP, straight from the
//   TypeScript sources: Node only, no build, no Pulumi CLI (`npm run test:unit`).
// - e2e (`*.e2e.test.ts`): whatever runs the real `pulumi` CLI or a built program (dist/, the plugin, the emulator's
//   command line, the packed package). Its global setup builds dist/ once, before any of its tests starts; the npm
//   scripts those tests run then find the build up to date and leave dist/ alone (`tsc -b`).
export default defineConfig({
  test: {
    pool: "forks",
    // Two cores: more parallel CLI runs only queue behind each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.e2e.test.ts"],
          // In-process work against a local emulator: a test that needs longer belongs in e2e.
          testTimeout: 5_000,
          // Nothing here spawns a process or changes the working directory: threads start faster than forks.
          pool: "threads",
          benchmark: { include: [] },
          // First, so that its short timeouts never share the two cores with CLI runs.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          globalSetup: ["test/setup/build.ts"],
          // `npm run bench` (bench/cli.bench.ts drives the CLI): figures are written down in bench/RESULTS.md, never
          // asserted in a test.
          benchmark: { include: ["bench/**/*.bench.ts"] },
          // Real `up`/`refresh`/`destroy` runs take minutes: these bound a hang, they do not measure speed (bench/ does).
          testTimeout: 300_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
