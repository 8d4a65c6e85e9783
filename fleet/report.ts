// The fleet's report: the JSON a later job merges and the markdown a pull-request comment or a job summary shows,
// and the exit code both lead to.

export const OPERATIONS = ["preview", "up", "refresh", "drift", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export type StackStatus = "ok" | "changed" | "drift" | "failed";

export interface Changes {
  create: number;
  update: number;
  delete: number;
  replace: number;
  same: number;
}

/** One resource the operation changed (or, for a preview, would change): what drift found, or what a PR changes. */
export interface ResourceDiff {
  resource: string;
  op: string;
  properties: string[];
}

export interface StackReport {
  name: string;
  status: StackStatus;
  changes: Changes;
  durationMs: number;
  error?: string;
  /** The resources behind `changes`, for the markdown's details (absent when none). */
  diffs?: ResourceDiff[];
}

export interface FleetReport {
  operation: Operation;
  startedAt: string;
  durationMs: number;
  stacks: StackReport[];
}

export const NO_CHANGES: Changes = { create: 0, update: 0, delete: 0, replace: 0, same: 0 };

/** Marks the fleet's PR comment, so the workflow finds and updates it instead of adding another. */
export const COMMENT_MARKER = "<!-- itwin-fleet-report -->";

export function changed(changes: Changes): boolean {
  return changes.create + changes.update + changes.delete + changes.replace > 0;
}

/** A finished stack's status: `drift` for a drift check that found a difference, `changed` for any other change. */
export function statusOf(operation: Operation, changes: Changes): StackStatus {
  if (!changed(changes)) return "ok";
  return operation === "drift" ? "drift" : "changed";
}

/** 1 when a stack failed; else 2 when drift found a difference, or a preview or up given --expect-no-changes
 * changed (or would change) something; else 0. */
export function exitCode(report: FleetReport, expectNoChanges: boolean): 0 | 1 | 2 {
  if (report.stacks.some((s) => s.status === "failed")) return 1;
  if (report.stacks.some((s) => s.status === "drift")) return 2;
  const changeFails = expectNoChanges && (report.operation === "preview" || report.operation === "up");
  return changeFails && report.stacks.some((s) => s.status === "changed") ? 2 : 0;
}

/** Reports of one operation from several jobs (a split fleet) as one: the stacks of all, from the first start to the
 * last end. */
export function mergeReports(reports: FleetReport[]): FleetReport {
  if (reports.length === 0) throw new Error("report --merge needs at least one JSON report");
  const operations = [...new Set(reports.map((r) => r.operation))];
  if (operations.length > 1) throw new Error(`report --merge: the reports are of different operations (${operations.join(", ")}); merge reports of one run`);
  const start = Math.min(...reports.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...reports.map((r) => Date.parse(r.startedAt) + r.durationMs));
  const stacks = reports.flatMap((r) => r.stacks).sort((a, b) => a.name.localeCompare(b.name));
  const twice = stacks.find((s, i) => i > 0 && stacks[i - 1].name === s.name);
  if (twice) throw new Error(`report --merge: stack "${twice.name}" is in more than one report; each job must run its own stacks`);
  return { operation: operations[0], startedAt: new Date(start).toISOString(), durationMs: end - start, stacks };
}

/** Checks a parsed JSON report's shape, naming the file and the field that is wrong. */
export function parseReport(text: string, file: string): FleetReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const r = value as Partial<FleetReport>;
  const bad = (field: string, expected: string) => new Error(`${file}: "${field}" must be ${expected}; is this an itwin-fleet --json report?`);
  if (typeof r !== "object" || r === null) throw bad("(top level)", "an object");
  if (!OPERATIONS.includes(r.operation as Operation)) throw bad("operation", `one of ${OPERATIONS.join(", ")}`);
  if (typeof r.startedAt !== "string" || Number.isNaN(Date.parse(r.startedAt))) throw bad("startedAt", "an ISO date");
  if (typeof r.durationMs !== "number") throw bad("durationMs", "a number");
  if (!Array.isArray(r.stacks)) throw bad("stacks", "a list");
  r.stacks.forEach((s, i) => {
    if (typeof s?.name !== "string") throw bad(`stacks[${i}].name`, "a string");
    if (!["ok", "changed", "drift", "failed"].includes(s.status)) throw bad(`stacks[${i}].status`, "ok, changed, drift or failed");
  });
  return r as FleetReport;
}

/** An error's most telling line: the first that does not only introduce the next ("…failed with an exception:"). */
export function errorHeadline(error: string): string {
  const lines = error.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return lines.find((l) => !l.endsWith(":")) ?? lines[0] ?? "";
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A table cell: one line, no pipes. */
function cell(text: string, max = 120): string {
  const line = text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  const short = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return short.replace(/\|/g, "\\|");
}

function driftedProperties(stack: StackReport): string {
  if (stack.status !== "drift") return "";
  return (stack.diffs ?? []).map((d) => `${d.resource}: ${d.properties.length ? d.properties.join(", ") : d.op}`).join("; ");
}

const TITLES: Record<Operation, string> = {
  preview: "preview",
  up: "up",
  refresh: "refresh",
  drift: "drift check",
  destroy: "destroy",
};

/** The markdown report: a headline, the table of stacks, then collapsed details for each stack that has any. */
export function renderMarkdown(report: FleetReport): string {
  const counts = (["failed", "drift", "changed", "ok"] as const)
    .map((status) => [status, report.stacks.filter((s) => s.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const lines = [
    COMMENT_MARKER,
    `### itwin-fleet ${TITLES[report.operation]}: ${report.stacks.length} stack(s)${counts.length ? `, ${counts.join(", ")}` : ""}`,
    "",
    `Started ${report.startedAt}, took ${seconds(report.durationMs)}.`,
    "",
  ];
  if (report.stacks.length === 0) {
    lines.push("No stack was selected.", "");
    return lines.join("\n");
  }
  lines.push(
    "| stack | status | create | update | delete | replace | drifted properties | error | duration |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  for (const s of report.stacks) {
    const c = s.changes;
    lines.push(`| ${cell(s.name)} | ${s.status} | ${c.create} | ${c.update} | ${c.delete} | ${c.replace} | ${cell(driftedProperties(s), 200)} | ${cell(errorHeadline(s.error ?? ""))} | ${seconds(s.durationMs)} |`);
  }
  for (const s of report.stacks) {
    if (!s.diffs?.length && !s.error) continue;
    lines.push("", `<details><summary>${s.name}: ${s.status}</summary>`, "");
    for (const d of s.diffs ?? []) lines.push(`- \`${d.resource}\` ${d.op}${d.properties.length ? `: ${d.properties.join(", ")}` : ""}`);
    if (s.error) lines.push("", "```", s.error.replace(/```/g, "'''"), "```");
    lines.push("", "</details>");
  }
  lines.push("");
  return lines.join("\n");
}
