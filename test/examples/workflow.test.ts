// The GitOps workflows (.github/workflows/itwin-sync.yml for examples/reviewed-data, itwin-sync-yaml.yml for
// examples/yaml), checked without a YAML library (none is installed): indentation YAML accepts, the triggers,
// credentials from secrets, the build before any pulumi command, and under each trigger exactly the command that the
// example's test runs against the emulator; the YAML one also posts its plan on the pull request.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../harness/pulumi";
import { WORKFLOWS } from "./gitops";

const YAML_WORKFLOW = WORKFLOWS.find((w) => w.program === "examples/yaml")!;

const pulumi = (args: readonly string[]) => `pulumi ${args.join(" ")}`;

function read(file: string): { text: string; steps: string[] } {
  const text = readFileSync(join(REPO_ROOT, file), "utf8");
  /** The job's steps, each from its `- ` line to the next. */
  return { text, steps: text.slice(text.indexOf("    steps:\n")).split(/\n(?= {6}- )/).slice(1) };
}

describe.each(WORKFLOWS)("$file", ({ file, program, commands }) => {
  const { text, steps } = read(file);

  it("is indented with spaces, two at a time, as YAML wants", () => {
    expect(text).not.toContain("\t");
    for (const line of text.split("\n")) expect(line.match(/^ */)![0].length % 2, JSON.stringify(line)).toBe(0);
  });

  it("runs on pull requests, on pushes to main, hourly, and by hand", () => {
    expect(text).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(text).toMatch(/^ {2}push:\n {4}branches: \[main\]\n/m);
    expect(text).toMatch(/^ {2}schedule:\n( {4}#.*\n)* {4}- cron: "\d{1,2} \* \* \* \*"\n/m);
    expect(text).toMatch(/^ {2}workflow_dispatch:\n/m);
  });

  it("takes the credentials from secrets, as environment variables", () => {
    for (const name of ["ITWIN_CLIENT_ID", "ITWIN_CLIENT_SECRET", "PULUMI_ACCESS_TOKEN"]) {
      expect(text).toMatch(new RegExp(`^env:\\n(.*\\n)* {2}${name}: \\$\\{\\{ secrets\\.${name} \\}\\}\\n`, "m"));
    }
  });

  it("sets up Node 24, then npm ci and npm run build, before any pulumi command", () => {
    const at = (needle: string) => text.indexOf(needle);
    const order = ["uses: actions/setup-node@", "node-version: 24", "npm ci", "npm run build", "run: pulumi "].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it(`runs in ${program}, each GitOps command under its own trigger`, () => {
    expect(text).toMatch(new RegExp(` {4}defaults:\\n {6}run:\\n {8}working-directory: ${program}\\n`));
    const runs = steps
      .filter((step) => / run: pulumi /.test(step))
      // A command piped into tee (to keep the plan for the comment) is that command.
      .map((step) => ({ if: step.match(/ if: (.*)/)?.[1], run: step.match(/ run: (pulumi .*?)(?: 2>&1 \| tee .*)?\n/)![1] }));
    expect(runs).toEqual([
      { if: undefined, run: 'pulumi stack select "$PULUMI_STACK"' },
      { if: "github.event_name == 'pull_request'", run: pulumi(commands.pullRequest) },
      { if: expect.stringMatching(/^github\.event_name == 'push' \|\|/), run: pulumi(commands.deploy) },
      { if: "github.event_name == 'schedule'", run: pulumi(commands.driftCheck) },
    ]);
  });

});

describe(`${YAML_WORKFLOW.file}, on pull requests`, () => {
  const { text, steps } = read(YAML_WORKFLOW.file);

  it("posts the plan as a comment, also when the preview failed", () => {
    const preview = steps.find((step) => step.includes(`run: ${pulumi(YAML_WORKFLOW.commands.pullRequest)}`))!;
    // `shell: bash` runs with pipefail: a failed preview fails the job although tee succeeds.
    expect(preview).toMatch(/ shell: bash\n/);
    expect(preview).toMatch(/ id: preview\n/);
    expect(preview).toContain('| tee "$RUNNER_TEMP/plan.txt"');
    const comment = steps.find((step) => step.includes("gh pr comment"))!;
    expect(comment).toMatch(/ if: always\(\) && github\.event_name == 'pull_request'\n/);
    expect(comment).toContain("GH_TOKEN: ${{ github.token }}");
    expect(comment).toContain('"$RUNNER_TEMP/plan.txt"');
    expect(comment).toMatch(/gh pr comment "\$PR" --body-file "\$RUNNER_TEMP\/comment\.md"\n/);
    expect(steps.indexOf(comment)).toBe(steps.indexOf(preview) + 1);
    expect(text).toMatch(/^permissions:\n(.*\n)* {2}pull-requests: write\n/m);
  });
});
