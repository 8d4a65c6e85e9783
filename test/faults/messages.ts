// What a failed CLI run told its user, judged by the bar: every error names the operation, the cause and the
// fix, and nothing prints a stack trace, a TypeError or `[object Object]`.

/** The error texts of the run's Diagnostics, one per error, continuation lines joined; the engine's closing
 * `update failed` (and the like) is not a message of its own. */
export function errorsOf(output: string): string[] {
  const start = output.indexOf("Diagnostics:");
  if (start < 0) return [];
  const errors: string[] = [];
  let current: string[] | undefined;
  for (const line of output.slice(start).split("\n").slice(1)) {
    const opened = /^\s+(error|warning|info): (.*)$/.exec(line);
    if (opened) {
      if (current) errors.push(current.join(" "));
      current = opened[1] === "error" ? [opened[2]] : undefined;
    } else if (/^\s{4,}\S/.test(line) && current) {
      current.push(line.trim());
    } else if (/^\S/.test(line)) {
      break; // the next section (Resources:, Outputs:, Duration:)
    } else if (current) {
      errors.push(current.join(" "));
      current = undefined;
    }
  }
  if (current) errors.push(current.join(" "));
  return errors.filter((e) => !/^(update|refresh|destroy|preview) failed$/.test(e.trim()));
}

const OPERATION =
  /\b(Create|Get|List|Update|Delete|Add|Remove|Start|Read|Refresh)\b[^.:]*\b(StorageConnections?|source files?|runs?)\b/i;
const CAUSE =
  /HTTP \d{3}|attempt\(s\)|connection was lost|timed out|timeout|deadline|ECONNRESET|socket hang up|ECONNREFUSED|content[- ]type|not JSON|ended in Error|identical to this declaration|answered|no answer/i;
const FIX = /\bFix\b|\bto take it over\b|\brun:? `?pulumi|`pulumi |\bcheck\b|\bset\b|\braise\b|\blower\b|\btry again\b|\bre-?run\b|\bremove\b/i;

/** What each error of the output lacks, as "what: message" lines; empty when every message is clear. */
export function unclearMessages(output: string): string[] {
  const problems: string[] = [];
  if (/^\s+at .+:\d+:\d+\)?$/m.test(output)) problems.push(`stack trace printed: ${firstMatch(output, /^\s+at .+:\d+:\d+\)?$/m)}`);
  for (const bad of ["[object Object]", "Cannot read properties of", "TypeError", "is not a function", "undefined (reading"]) {
    if (output.includes(bad)) problems.push(`"${bad}" printed`);
  }
  for (const error of errorsOf(output)) {
    const lacks = [
      !OPERATION.test(error) && "the operation",
      !CAUSE.test(error) && "the cause",
      !FIX.test(error) && "the fix",
    ].filter(Boolean);
    if (lacks.length > 0) problems.push(`names not ${lacks.join(", ")}: ${error.slice(0, 400)}`);
  }
  return problems;
}

function firstMatch(text: string, pattern: RegExp): string {
  return (pattern.exec(text)?.[0] ?? "").trim();
}
