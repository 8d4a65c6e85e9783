// The commands .github/workflows/itwin-fleet.yml runs, kept in one place: the workflow test checks that the workflow
// runs exactly these, and the workflow's e2e test runs them against the API emulator and Azurite. Each is a shell
// line run in examples/fleet with the job's environment: SHARD (this job's group), SHARDS (how many groups),
// RATE_LIMIT (the subscription's requests per minute, shared by the groups), BASE_REF and RUNNER_TEMP.

/** Every shard job's share of the limit: the groups run at the same time, each a fleet of its own. */
const SHARED = '--shard "$SHARD/$SHARDS" --max-requests-per-minute "$((RATE_LIMIT / SHARDS))" --json "$RUNNER_TEMP/reports/fleet-$SHARD.json"';

export const FLEET_WORKFLOW = {
  file: ".github/workflows/itwin-fleet.yml",
  program: "examples/fleet",
  /** Pull request: what merging would change, in the stacks it touches (BASE_REF: the base branch). */
  pullRequest: `itwin-fleet preview --changed-since "$BASE_REF" ${SHARED}`,
  /** Push to main: deploy the stacks the push touched (BASE_REF: the commit before the push). */
  deploy: `itwin-fleet up --yes --changed-since "$BASE_REF" ${SHARED}`,
  /** Nightly: every stack, failing on drift. */
  driftCheck: `itwin-fleet drift ${SHARED}`,
  /** After the shard jobs: one report (the PR comment, the job summary) and the exit code of the whole fleet. */
  merge: 'itwin-fleet report --merge "$RUNNER_TEMP"/reports/fleet-*.json --report "$RUNNER_TEMP/fleet.md" --json "$RUNNER_TEMP/fleet.json"',
} as const;
