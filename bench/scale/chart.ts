// The chart of the scale benchmark, as hand-written SVG: one panel per operation, time against N, a line per variant.

export interface Series {
  label: string;
  color: string;
  /** [N, seconds] in increasing N. */
  points: Array<[number, number]>;
}

export interface Panel {
  title: string;
  series: Series[];
}

const W = 250;
const H = 190;
const M = { left: 44, right: 10, top: 26, bottom: 34 };

export function niceMax(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value || 1));
  return [1, 2, 2.5, 5, 10].map((k) => k * step).find((v) => v >= value) ?? 10 * step;
}

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const fmt = (v: number) => String(Number(v.toFixed(2)));

function panel(p: Panel, x0: number, y0: number): string {
  const ns = [...new Set(p.series.flatMap((s) => s.points.map(([n]) => n)))].sort((a, b) => a - b);
  const maxN = ns[ns.length - 1] ?? 1;
  const maxY = niceMax(Math.max(...p.series.flatMap((s) => s.points.map(([, y]) => y)), 0.1));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (n: number) => x0 + M.left + (n / maxN) * pw;
  const sy = (y: number) => y0 + M.top + ph - (y / maxY) * ph;
  const out: string[] = [`<text x="${x0 + W / 2}" y="${y0 + 16}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`];
  for (const t of [0, 0.25, 0.5, 0.75, 1].map((k) => k * maxY)) {
    out.push(`<line x1="${sx(0)}" x2="${sx(maxN)}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${sx(0) - 4}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  }
  for (const n of ns) out.push(`<text x="${sx(n)}" y="${y0 + H - M.bottom + 14}" text-anchor="middle">${n}</text>`);
  out.push(`<text x="${x0 + M.left + pw / 2}" y="${y0 + H - 4}" text-anchor="middle" fill="#555">connections (N)</text>`);
  out.push(`<line x1="${sx(0)}" x2="${sx(0)}" y1="${sy(0)}" y2="${sy(maxY)}" stroke="#999"/>`);
  out.push(`<line x1="${sx(0)}" x2="${sx(maxN)}" y1="${sy(0)}" y2="${sy(0)}" stroke="#999"/>`);
  for (const s of p.series) {
    const pts = s.points.map(([n, y]) => `${sx(n).toFixed(1)},${sy(y).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.join(" ")}"/>`);
    for (const pt of pts) out.push(`<circle cx="${pt.split(",")[0]}" cy="${pt.split(",")[1]}" r="2.5" fill="${s.color}"/>`);
  }
  return out.join("\n");
}

/** Panels in rows of `perRow`, the legend in the slot after the last panel, and a caption line under them. */
export function chartSvg(panels: Panel[], caption: string, perRow = 3): string {
  const rows = Math.ceil((panels.length + 1) / perRow);
  const width = W * perRow;
  const height = H * rows + 24;
  const body = panels.map((p, i) => panel(p, (i % perRow) * W, Math.floor(i / perRow) * H));
  const [lx, ly] = [(panels.length % perRow) * W + 20, Math.floor(panels.length / perRow) * H + M.top + 10];
  const legend = (panels[0]?.series ?? []).map(
    (s, i) => `<rect x="${lx}" y="${ly + i * 22}" width="12" height="12" fill="${s.color}"/>` +
      `<text x="${lx + 18}" y="${ly + i * 22 + 10}">${esc(s.label)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    ...legend,
    `<text x="10" y="${H * rows + 14}" fill="#555">${esc(caption)}</text>`,
    `</svg>`,
    "",
  ].join("\n");
}
