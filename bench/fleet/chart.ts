// The fleet benchmark's chart, as hand-written SVG: one panel per operation, a group of bars per backend, a bar per
// layout (one stack, stacks one after another, stacks side by side), seconds on the axis.
import { esc, niceMax } from "../scale/chart";
import { LAYOUTS, measuredOps, type FleetBenchResult, type Layout } from "./report";

export interface BarGroup {
  label: string;
  bars: Array<{ label: string; color: string; seconds: number }>;
}

export interface BarPanel {
  title: string;
  groups: BarGroup[];
}

const W = 300;
const H = 210;
const M = { left: 40, right: 10, top: 26, bottom: 30 };

function panel(p: BarPanel, x0: number): string {
  const maxY = niceMax(Math.max(0.1, ...p.groups.flatMap((g) => g.bars.map((b) => b.seconds))));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sy = (y: number) => M.top + ph - (y / maxY) * ph;
  const out = [`<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`];
  for (const t of [0, 0.25, 0.5, 0.75, 1].map((k) => k * maxY)) {
    out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x0 + M.left - 4}" y="${sy(t) + 4}" text-anchor="end">${Number(t.toFixed(1))}</text>`);
  }
  const groupWidth = pw / Math.max(1, p.groups.length);
  p.groups.forEach((g, gi) => {
    const barWidth = (groupWidth * 0.8) / Math.max(1, g.bars.length);
    const gx = x0 + M.left + gi * groupWidth + groupWidth * 0.1;
    g.bars.forEach((b, bi) => {
      const x = gx + bi * barWidth;
      out.push(`<rect x="${x.toFixed(1)}" y="${sy(b.seconds).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(sy(0) - sy(b.seconds)).toFixed(1)}" fill="${b.color}"/>`);
      out.push(`<text x="${(x + barWidth / 2 - 1).toFixed(1)}" y="${(sy(b.seconds) - 3).toFixed(1)}" text-anchor="middle" font-size="9">${b.seconds.toFixed(1)}</text>`);
    });
    out.push(`<text x="${(gx + groupWidth * 0.4).toFixed(1)}" y="${H - M.bottom + 14}" text-anchor="middle">${esc(g.label)}</text>`);
  });
  out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left}" y1="${sy(0)}" y2="${sy(maxY)}" stroke="#999"/>`);
  out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${sy(0)}" y2="${sy(0)}" stroke="#999"/>`);
  return out.join("\n");
}

/** Panels side by side, the legend (from the first group's bars) and a caption under them. */
export function barChartSvg(panels: BarPanel[], caption: string): string {
  const width = W * panels.length;
  const legend = panels[0]?.groups[0]?.bars ?? [];
  const height = H + 22 * legend.length + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((p, i) => panel(p, i * W)),
    ...legend.map((b, i) => `<rect x="20" y="${H + i * 22}" width="12" height="12" fill="${b.color}"/><text x="38" y="${H + i * 22 + 10}">${esc(b.label)}</text>`),
    `<text x="10" y="${height - 8}" fill="#555">${esc(caption)}</text>`,
    `</svg>`,
    "",
  ].join("\n");
}

/** The benchmark's chart: up and preview (and destroy when measured), a group per backend, a bar per layout. */
export function fleetChart(result: FleetBenchResult): string {
  const colors: Record<Layout, string> = { one: "#8c8c8c", sequential: "#1f6fb4", "side-by-side": "#2ca02c" };
  const { total, stacks } = result.settings;
  const names: Record<Layout, string> = { one: `1 stack of ${total}`, sequential: `${stacks} stacks of ${total / stacks}, one after another`, "side-by-side": `${stacks} stacks of ${total / stacks}, side by side` };
  const seconds = (backend: string, layout: string, op: string) => (result.timings.find((t) => t.backend === backend && t.layout === layout && t.op === op)?.medianMs ?? 0) / 1000;
  const backends = [...new Set(result.timings.map((t) => t.backend))];
  const panels = measuredOps(result).map((op) => ({
    title: `${op === "preview" ? "preview (refreshes first)" : op}, s`,
    groups: backends.map((backend) => ({ label: backend === "azblob" ? "Azure Blob (Azurite)" : "file", bars: LAYOUTS.map((layout) => ({ label: names[layout], color: colors[layout], seconds: seconds(backend, layout, op) })) })),
  }));
  const m = result.machine;
  return barChartSvg(panels, `Median of ${result.settings.runs} run(s); API latency ${result.settings.latencyMs} ms; ${m.cpu}; load ${m.loadAverageAtStart.join(" / ")}; ${result.measuredAt.slice(0, 10)}`);
}
