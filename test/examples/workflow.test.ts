// .github/workflows/itwin-sync.yml, checked without a YAML library (none is installed): indentation YAML accepts,
// the triggers, credentials from secrets, the build before any pulumi command, and under each trigger exactly the
// command that the reviewed-data test runs against the emulator.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../harness/pulumi";
import { GITOPS, WORKFLOW } from "./gitops";

const text = readFileSync(join(REPO_ROOT, WORKFLOW), "utf8");
/** The job's steps, each from its `- ` line to the next. */
const steps = text.slice(text.indexOf("    steps:\n")).split(/\n(?= {6}- )/).slice(1);
const pulumi = (args: readonly string[]) => `pulumi ${args.join(" ")}`;

describe(WORKFLOW, () => {
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

  it("runs in examples/reviewed-data, each GitOps command under its own trigger", () => {
    expect(text).toMatch(/ {4}defaults:\n {6}run:\n {8}working-directory: examples\/reviewed-data\n/);
    const runs = steps
      .filter((step) => / run: pulumi /.test(step))
      .map((step) => ({ if: step.match(/ if: (.*)/)?.[1], run: step.match(/ run: (pulumi .*)/)![1] }));
    expect(runs).toEqual([
      { if: undefined, run: 'pulumi stack select "$PULUMI_STACK"' },
      { if: "github.event_name == 'pull_request'", run: pulumi(GITOPS.pullRequest) },
      { if: expect.stringMatching(/^github\.event_name == 'push' \|\|/), run: pulumi(GITOPS.deploy) },
      { if: "github.event_name == 'schedule'", run: pulumi(GITOPS.driftCheck) },
    ]);
  });
});
