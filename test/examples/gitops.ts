// The commands .github/workflows/itwin-sync.yml runs on the reviewed-data stack, kept in one place: the workflow test
// checks that the workflow runs exactly these, and the reviewed-data test runs them against the emulator.
export const WORKFLOW = ".github/workflows/itwin-sync.yml";

export const GITOPS = {
  /** On pull requests: what merging would change. */
  pullRequest: ["preview", "--diff"],
  /** On push to main: apply the reviewed file. `--refresh` reads the live connections first: without it, up compares
   * the file with the recorded state only, and leaves a change made by hand in place. */
  deploy: ["up", "--yes", "--refresh"],
  /** Hourly: fail when the live connections differ from the file. */
  driftCheck: ["preview", "--refresh", "--expect-no-changes"],
} as const;
