// The commands the GitOps workflows run, kept in one place: the workflow test checks that each workflow runs exactly
// these, and the example tests run them against the emulator.

export interface GitOpsCommands {
  /** On pull requests: what merging would change. */
  pullRequest: readonly string[];
  /** On push to main: apply the reviewed declaration. `--refresh` reads the live connections first: without it, up
   * compares the declaration with the recorded state only, and leaves a change made by hand in place. */
  deploy: readonly string[];
  /** Hourly: fail when the live connections differ from the declaration. */
  driftCheck: readonly string[];
}

export const GITOPS = {
  pullRequest: ["preview", "--diff"],
  deploy: ["up", "--yes", "--refresh"],
  driftCheck: ["preview", "--refresh", "--expect-no-changes"],
} as const satisfies GitOpsCommands;

/** examples/yaml's: the same, with the plan uncoloured, as it goes into a pull-request comment. */
export const YAML_GITOPS = { ...GITOPS, pullRequest: [...GITOPS.pullRequest, "--color", "never"] } as const satisfies GitOpsCommands;

export const WORKFLOWS = [
  { file: ".github/workflows/itwin-sync.yml", program: "examples/reviewed-data", commands: GITOPS },
  { file: ".github/workflows/itwin-sync-yaml.yml", program: "examples/yaml", commands: YAML_GITOPS },
] as const;
