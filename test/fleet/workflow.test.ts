// .github/workflows/itwin-fleet.yml, checked without a YAML library (none is installed): its triggers, the credentials
// and state backend from secrets and variables, the matrix of shard jobs and the report job after them, and under each
// trigger exactly the command that test/fleet/workflow.e2e.test.ts runs against the emulators.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../fleet/report";
import { REPO_ROOT } from "../harness/pulumi";
import { FLEET_WORKFLOW } from "./workflow-commands";

const text = readFileSync(join(REPO_ROOT, FLEET_WORKFLOW.file), "utf8");
/** A job's text, from its name to the next job. */
const job = (name: string) => text.slice(text.indexOf(`\n  ${name}:\n`) + 1).split(/\n(?= {2}\w[\w-]*:\n)/)[0];
/** A job's steps, each from its `- ` line to the next. */
const steps = (jobText: string) => jobText.slice(jobText.indexOf("    steps:\n")).split(/\n(?= {6}- )/).slice(1);
const runOf = (step: string) => step.match(/ run: (.*)\n?/)?.[1];

describe(FLEET_WORKFLOW.file, () => {
  it("is indented with spaces, two at a time, as YAML wants", () => {
    expect(text).not.toContain("\t");
    for (const line of text.split("\n")) expect(line.match(/^ */)![0].length % 2, JSON.stringify(line)).toBe(0);
  });

  it("runs on pull requests, pushes to main, nightly, and by hand", () => {
    expect(text).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(text).toMatch(/^ {2}push:\n {4}branches: \[main\]\n/m);
    expect(text).toMatch(/^ {2}schedule:\n( {4}#.*\n)* {4}- cron: "\d{1,2} \d{1,2} \* \* \*"\n/m);
    expect(text).toMatch(/^ {2}workflow_dispatch:\n/m);
  });

  it("takes credentials, the Azure Blob backend's key and the passphrase from secrets", () => {
    for (const name of ["ITWIN_CLIENT_ID", "ITWIN_CLIENT_SECRET", "AZURE_STORAGE_KEY", "PULUMI_CONFIG_PASSPHRASE"]) {
      expect(text).toMatch(new RegExp(`^env:\\n(.*\\n)* {2}${name}: \\$\\{\\{ secrets\\.${name} \\}\\}\\n`, "m"));
    }
    expect(text).toMatch(/^ {2}PULUMI_BACKEND_URL: azblob:\/\/\$\{\{ vars\.FLEET_STATE_CONTAINER \}\}\n/m);
  });

  it("splits the fleet over a matrix of as many shard jobs as SHARDS says, none stopping the others", () => {
    const shards = text.match(/ {8}shard: \[([\d, ]+)\]\n/)![1].split(", ").map(Number);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(text).toContain(`\n  SHARDS: ${shards.length}\n`);
    expect(job("fleet")).toContain("      fail-fast: false\n");
    expect(job("fleet")).toContain("      SHARD: ${{ matrix.shard }}\n");
    expect(job("fleet")).toMatch(/ {4}defaults:\n {6}run:\n {8}working-directory: examples\/fleet\n/);
    expect(job("fleet")).toMatch(/uses: actions\/checkout@v4\n {8}with:\n {10}fetch-depth: 0\n/);
  });

  it("builds the package and puts itwin-fleet on PATH before any itwin-fleet command", () => {
    for (const name of ["fleet", "report"]) {
      const order = ["uses: actions/setup-node@", "node-version: 24", "\n          npm ci\n", "\n          npm run build\n", "\n          npm link\n", "run: itwin-fleet "].map((n) => job(name).indexOf(n));
      expect(order.every((i) => i > 0), name).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });

  it("runs each fleet command under its own trigger, and uploads each shard's JSON report whatever happened", () => {
    const runs = steps(job("fleet"))
      .filter((step) => / run: itwin-fleet /.test(step))
      .map((step) => ({ if: step.match(/ if: (.*)/)?.[1], base: step.match(/ BASE_REF: (.*)/)?.[1], run: runOf(step) }));
    expect(runs).toEqual([
      { if: "github.event_name == 'pull_request'", base: "origin/${{ github.base_ref }}", run: FLEET_WORKFLOW.pullRequest },
      { if: "github.event_name == 'push'", base: "${{ github.event.before }}", run: FLEET_WORKFLOW.deploy },
      { if: "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'", base: undefined, run: FLEET_WORKFLOW.driftCheck },
    ]);
    const upload = steps(job("fleet")).find((step) => step.includes("actions/upload-artifact@"))!;
    expect(upload).toContain("if: always()");
    expect(upload).toContain("path: ${{ runner.temp }}/reports/fleet-${{ matrix.shard }}.json");
  });

  it("merges the shards' reports after them (also when they failed), into the job summary and ONE updated PR comment", () => {
    const report = job("report");
    expect(report).toContain("    needs: fleet\n    if: always()\n");
    const all = steps(report);
    const download = all.find((step) => step.includes("actions/download-artifact@"))!;
    expect(download).toContain("pattern: fleet-report-*");
    expect(download).toContain("path: ${{ runner.temp }}/reports");
    expect(download).toContain("merge-multiple: true");
    const merge = all.findIndex((step) => runOf(step) === FLEET_WORKFLOW.merge);
    expect(merge).toBeGreaterThan(all.indexOf(download));
    const summary = all[merge + 1];
    expect(summary).toContain("if: always()");
    expect(summary).toContain('cat "$RUNNER_TEMP/fleet.md" >> "$GITHUB_STEP_SUMMARY"');
    const comment = all[merge + 2];
    expect(comment).toContain("if: always() && github.event_name == 'pull_request'");
    expect(comment).toContain("GH_TOKEN: ${{ github.token }}");
    // The report's first line is the marker that finds the earlier comment, which is edited rather than repeated.
    expect(COMMENT_MARKER.startsWith("<!--")).toBe(true);
    expect(comment).toContain('marker="$(head -n 1 "$RUNNER_TEMP/comment.md")"');
    expect(comment).toContain('gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id"');
    expect(comment).toContain('gh pr comment "$PR" --body-file "$RUNNER_TEMP/comment.md"');
    expect(text).toMatch(/^permissions:\n(.*\n)* {2}pull-requests: write\n/m);
  });
});
