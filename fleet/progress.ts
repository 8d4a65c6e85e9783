// Live progress, one line per stack: redrawn in place on a terminal, plain lines in CI logs (a start, a line every
// HEARTBEAT_MS while it runs, and its outcome).
import type { Progress } from "./runner";
import { errorHeadline, type StackReport } from "./report";

export interface ProgressView {
  start(name: string): void;
  update(name: string, progress: Progress): void;
  finish(report: StackReport): void;
  close(): void;
}

const HEARTBEAT_MS = 30_000;
const REDRAW_MS = 200;

const elapsed = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, "0")}`;

function outcome(r: StackReport): string {
  const c = r.changes;
  const counts = [`${c.create} to create`, `${c.update} to update`, `${c.delete} to delete`, `${c.replace} to replace`].filter((s) => !s.startsWith("0 "));
  const detail = r.status === "failed" ? `: ${errorHeadline(r.error ?? "")}` : counts.length ? ` (${counts.join(", ").replace(/ to /g, " ")})` : "";
  return `${r.status}${detail}`;
}

interface Line {
  name: string;
  started: number;
  progress?: Progress;
  finished?: StackReport;
}

function describe(line: Line, now: number): string {
  if (line.finished) return `${line.name}  ${outcome(line.finished)}  ${elapsed(line.finished.durationMs)}`;
  const p = line.progress;
  const work = p ? `${p.phase} ${p.done}/${p.total}` : "starting";
  return `${line.name}  ${work}  ${elapsed(now - line.started)}`;
}

/** For a terminal: the lines of the running and finished stacks, rewritten in place. */
export class TerminalProgress implements ProgressView {
  private readonly lines: Line[] = [];
  private drawn = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly operation: string,
  ) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
  }

  start(name: string): void {
    this.lines.push({ name, started: Date.now() });
  }

  update(name: string, progress: Progress): void {
    const line = this.lines.find((l) => l.name === name);
    if (line) line.progress = progress;
  }

  finish(report: StackReport): void {
    const line = this.lines.find((l) => l.name === report.name);
    if (line) line.finished = report;
  }

  private draw(): void {
    const width = Math.max(20, (this.out.columns ?? 120) - 1);
    const now = Date.now();
    const text = this.lines.map((l) => `${this.operation} ${describe(l, now)}`.slice(0, width));
    // Back to the first line drawn, then each line cleared and rewritten.
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}F`);
    this.out.write(text.map((t) => `\x1b[2K${t}\n`).join(""));
    this.drawn = text.length;
  }

  close(): void {
    clearInterval(this.timer);
    this.draw();
  }
}

/** For CI logs: whole lines only, never rewritten. */
export class PlainProgress implements ProgressView {
  private readonly lines = new Map<string, Line & { said: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly operation: string,
  ) {
    this.timer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  private say(line: Line): void {
    this.out.write(`[itwin-fleet] ${this.operation} ${describe(line, Date.now())}\n`);
  }

  start(name: string): void {
    const line = { name, started: Date.now(), said: Date.now() };
    this.lines.set(name, line);
    this.say(line);
  }

  update(name: string, progress: Progress): void {
    const line = this.lines.get(name);
    if (line) line.progress = progress;
  }

  finish(report: StackReport): void {
    const line = this.lines.get(report.name);
    if (!line) return;
    line.finished = report;
    this.say(line);
    this.lines.delete(report.name);
  }

  private heartbeat(): void {
    for (const line of this.lines.values()) this.say(line);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
