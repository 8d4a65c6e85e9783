// Live progress: whole lines in CI logs, lines redrawn in place on a terminal.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { PlainProgress, TerminalProgress } from "../../fleet/progress";
import type { StackReport } from "../../fleet/report";

const done = (name: string, extra: Partial<StackReport> = {}): StackReport => ({
  name,
  status: "changed",
  changes: { create: 2, update: 0, delete: 1, replace: 0, same: 1 },
  durationMs: 61_000,
  ...extra,
});

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk) => (text += chunk));
  return { stream, text: () => text };
}

describe("PlainProgress", () => {
  it("writes a line when a stack starts and one with its outcome, never rewriting", () => {
    const out = capture();
    const view = new PlainProgress(out.stream, "up");
    view.start("plant-a");
    view.update("plant-a", { phase: "refresh", done: 3, total: 10 });
    view.finish(done("plant-a"));
    view.start("plant-b");
    view.finish(done("plant-b", { status: "failed", error: "error: the stack is currently locked by 1 lock(s)\n  more" }));
    view.close();
    expect(out.text().split("\n")).toEqual([
      "[itwin-fleet] up plant-a  starting  0:00",
      "[itwin-fleet] up plant-a  changed (2 create, 1 delete)  1:01",
      "[itwin-fleet] up plant-b  starting  0:00",
      "[itwin-fleet] up plant-b  failed: error: the stack is currently locked by 1 lock(s)  1:01",
      "",
    ]);
    expect(out.text()).not.toContain("\x1b");
  });
});

describe("TerminalProgress", () => {
  it("draws one line per stack (operation, done/total, elapsed) and redraws them in place", () => {
    const out = capture();
    const view = new TerminalProgress(Object.assign(out.stream, { columns: 80 }) as unknown as NodeJS.WriteStream, "preview");
    view.start("plant-a");
    view.start("plant-b");
    view.update("plant-a", { phase: "refresh", done: 4, total: 12 });
    view.finish(done("plant-b", { status: "ok", changes: { create: 0, update: 0, delete: 0, replace: 0, same: 3 } }));
    view.close();
    expect(out.text()).toContain("\x1b[2Kpreview plant-a  refresh 4/12  0:00\n\x1b[2Kpreview plant-b  ok  1:01\n");
    view.update("plant-a", { phase: "preview", done: 12, total: 12 });
    (view as unknown as { draw(): void }).draw();
    // Back up over the two lines drawn, then both again.
    expect(out.text()).toContain("\x1b[2F\x1b[2Kpreview plant-a  preview 12/12  0:00\n");
  });
});
