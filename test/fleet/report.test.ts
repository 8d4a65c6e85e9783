// The fleet's report: statuses, exit codes, the markdown table and details, and merging the reports of split jobs.
import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, exitCode, mergeReports, parseReport, renderMarkdown, statusOf, type FleetReport, type StackReport } from "../../fleet/report";

const changes = (c: Partial<StackReport["changes"]> = {}) => ({ create: 0, update: 0, delete: 0, replace: 0, same: 3, ...c });
const stack = (name: string, status: StackReport["status"], extra: Partial<StackReport> = {}): StackReport => ({ name, status, changes: changes(), durationMs: 1500, ...extra });
const report = (operation: FleetReport["operation"], stacks: StackReport[], startedAt = "2026-12-03T10:00:00.000Z", durationMs = 5000): FleetReport => ({ operation, startedAt, durationMs, stacks });

describe("statusOf", () => {
  it("is ok without changes, drift for a drift check that found one, changed otherwise", () => {
    expect(statusOf("preview", changes())).toBe("ok");
    expect(statusOf("drift", changes({ update: 1 }))).toBe("drift");
    expect(statusOf("preview", changes({ create: 2 }))).toBe("changed");
    expect(statusOf("destroy", changes({ delete: 1 }))).toBe("changed");
    expect(statusOf("up", changes({ replace: 1 }))).toBe("changed");
  });
});

describe("exitCode", () => {
  it("is 1 when any stack failed, whatever else happened", () => {
    expect(exitCode(report("drift", [stack("a", "drift"), stack("b", "failed")]), false)).toBe(1);
  });
  it("is 2 when drift found a difference", () => {
    expect(exitCode(report("drift", [stack("a", "ok"), stack("b", "drift")]), false)).toBe(2);
  });
  it("is 2 for a preview or up that changes something only with --expect-no-changes", () => {
    expect(exitCode(report("preview", [stack("a", "changed")]), false)).toBe(0);
    expect(exitCode(report("preview", [stack("a", "changed")]), true)).toBe(2);
    expect(exitCode(report("up", [stack("a", "changed")]), true)).toBe(2);
    expect(exitCode(report("destroy", [stack("a", "changed")]), true)).toBe(0);
  });
  it("is 0 when everything is ok", () => {
    expect(exitCode(report("drift", [stack("a", "ok")]), true)).toBe(0);
  });
});

describe("renderMarkdown", () => {
  const drifted = report("drift", [
    stack("plant-a", "drift", { changes: changes({ update: 1 }), diffs: [{ resource: "site", op: "update", properties: ["displayName", "sourceFiles"] }] }),
    stack("plant-b", "failed", { error: "error: the stack is currently locked by 1 lock(s)\n  plant-b/lock.json | more" }),
    stack("plant-c", "ok", { durationMs: 65_000 }),
  ]);
  const text = renderMarkdown(drifted);

  it("starts with the marker the workflow finds its comment by, then a headline counting statuses", () => {
    expect(text.split("\n").slice(0, 2)).toEqual([COMMENT_MARKER, "### itwin-fleet drift check: 3 stack(s), 1 failed, 1 drift, 1 ok"]);
  });

  it("has a table row per stack: status, the four change counts, drifted properties, the error's first line, duration", () => {
    expect(text).toContain("| stack | status | create | update | delete | replace | drifted properties | error | duration |");
    expect(text).toContain("| plant-a | drift | 0 | 1 | 0 | 0 | site: displayName, sourceFiles |  | 1.5 s |");
    expect(text).toContain("| plant-b | failed | 0 | 0 | 0 | 0 |  | error: the stack is currently locked by 1 lock(s) | 1.5 s |");
    expect(text).toContain("| plant-c | ok | 0 | 0 | 0 | 0 |  |  | 1 min 5 s |");
  });

  it("collapses each stack's details: its changed resources and its whole error", () => {
    expect(text).toContain("<details><summary>plant-a: drift</summary>\n\n- `site` update: displayName, sourceFiles\n\n</details>");
    expect(text).toContain("<details><summary>plant-b: failed</summary>\n\n\n```\nerror: the stack is currently locked by 1 lock(s)\n  plant-b/lock.json | more\n```");
    expect(text).not.toContain("<summary>plant-c");
  });

  it("says so when no stack was selected", () => {
    expect(renderMarkdown(report("preview", []))).toContain("No stack was selected.");
  });
});

describe("mergeReports", () => {
  it("joins the stacks of one operation's reports, from the first start to the last end", () => {
    const merged = mergeReports([
      report("drift", [stack("c", "ok"), stack("a", "ok")], "2026-12-03T10:00:10.000Z", 20_000),
      report("drift", [stack("b", "drift")], "2026-12-03T10:00:00.000Z", 5_000),
    ]);
    expect(merged).toEqual({ operation: "drift", startedAt: "2026-12-03T10:00:00.000Z", durationMs: 30_000, stacks: [stack("a", "ok"), stack("b", "drift"), stack("c", "ok")] });
    expect(exitCode(merged, false)).toBe(2);
  });

  it("refuses reports of different operations, and a stack reported twice", () => {
    expect(() => mergeReports([report("drift", []), report("up", [])])).toThrow("report --merge: the reports are of different operations (drift, up)");
    expect(() => mergeReports([report("up", [stack("a", "ok")]), report("up", [stack("a", "ok")])])).toThrow('stack "a" is in more than one report');
  });
});

describe("parseReport", () => {
  it("takes what --json wrote, and names the file and field of anything else", () => {
    const good = report("up", [stack("a", "changed")]);
    expect(parseReport(JSON.stringify(good), "a.json")).toEqual(good);
    expect(() => parseReport("{", "a.json")).toThrow(/^a\.json: not JSON/);
    expect(() => parseReport(JSON.stringify({ ...good, operation: "apply" }), "b.json")).toThrow('b.json: "operation" must be one of preview, up, refresh, drift, destroy');
    expect(() => parseReport(JSON.stringify({ ...good, stacks: [{ name: "x", status: "fine" }] }), "c.json")).toThrow('c.json: "stacks[0].status" must be ok, changed, drift or failed');
  });
});
