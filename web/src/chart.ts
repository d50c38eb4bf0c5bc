// Small inline SVG charts: bars (optionally with a line of a second series) over labelled days.

import { esc } from "./api";

export interface Series {
  label: string;
  values: number[];
  color: string;
  kind: "bar" | "line";
}

export function chart(id: string, title: string, labels: string[], series: Series[], opts: { height?: number; marks?: boolean[] } = {}): string {
  const W = 640,
    H = opts.height || 200,
    L = 56,
    B = 28,
    T = 24;
  const n = Math.max(1, labels.length);
  const max = Math.max(1e-12, ...series.flatMap((s) => s.values.filter((v) => Number.isFinite(v))));
  const x = (i: number) => L + ((W - L - 8) * (i + 0.5)) / n;
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const bw = Math.min(48, Math.max(2, ((W - L - 8) / n) * 0.7));
  let body = "";
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    body += `<line x1="${L}" x2="${W - 8}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${L - 4}" y="${y(v) + 4}" text-anchor="end" class="tick">${fmt(v)}</text>`;
  }
  const bars = series.filter((s) => s.kind === "bar");
  bars.forEach((s, j) => {
    const w = bw / bars.length;
    s.values.forEach((v, i) => {
      const h = Math.max(0, H - B - y(v));
      body += `<rect x="${x(i) - bw / 2 + j * w}" y="${y(v)}" width="${w}" height="${h}" fill="${s.color}"><title>${esc(labels[i])}: ${fmt(v)} ${esc(s.label)}</title></rect>`;
    });
  });
  for (const s of series.filter((s) => s.kind === "line")) {
    const pts = s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
    body += `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
    s.values.forEach((v, i) => (body += `<circle cx="${x(i)}" cy="${y(v)}" r="2.5" fill="${s.color}"><title>${esc(labels[i])}: ${fmt(v)} ${esc(s.label)}</title></circle>`));
  }
  (opts.marks || []).forEach((m, i) => {
    if (m) body += `<text x="${x(i)}" y="${H - B - 4}" text-anchor="middle" class="miss">✕</text>`;
  });
  const step = Math.ceil(n / 12);
  labels.forEach((l, i) => {
    if (i % step === 0) body += `<text x="${x(i)}" y="${H - 8}" text-anchor="middle" class="tick">${esc(l)}</text>`;
  });
  const legend = series.map((s) => `<span class="key"><i style="background:${s.color}"></i>${esc(s.label)}</span>`).join("");
  const empty = labels.length === 0 ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="tick">no data yet</text>` : "";
  return `<figure class="chart" id="${esc(id)}"><figcaption>${esc(title)} ${legend}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${body}${empty}</svg></figure>`;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + "G";
  if (a >= 1e6) return (v / 1e6).toFixed(2) + "M";
  if (a >= 1e3) return (v / 1e3).toFixed(2) + "k";
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}
