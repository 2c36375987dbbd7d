import type { RunSeries } from './backfill';

/** The preview chart: one SVG line per run (DA vs RT), drawn by hand; no chart library. */

export const CHART_SIZE = { width: 300, height: 170 };
const PAD = { left: 40, right: 8, top: 8, bottom: 34 };

export function chartSvg(lines: RunSeries[], size = CHART_SIZE): string {
  const drawn = lines.map((line) => ({
    run: line.run,
    xy: line.points.filter((p) => p.value !== null).map((p) => [Date.parse(p.start), p.value as number] as const),
  }));
  const all = drawn.flatMap((line) => line.xy);
  if (all.length === 0) return `<svg viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="No prices to show"></svg>`;
  const [xMin, xMax] = extent(all.map(([x]) => x));
  const [yMin, yMax] = niceExtent(all.map(([, y]) => y));
  const innerW = size.width - PAD.left - PAD.right;
  const innerH = size.height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (xMax === xMin ? innerW / 2 : ((x - xMin) / (xMax - xMin)) * innerW);
  const sy = (y: number) => PAD.top + innerH - ((y - yMin) / (yMax - yMin)) * innerH;
  const grid = [0, 1, 2, 3, 4].map((i) => {
    const y = yMin + ((yMax - yMin) * i) / 4;
    return (
      `<line class="grid" x1="${PAD.left}" x2="${size.width - PAD.right}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}"/>` +
      `<text class="axis" x="${PAD.left - 4}" y="${(sy(y) + 3).toFixed(1)}" text-anchor="end">${formatNumber(y)}</text>`
    );
  });
  const paths = drawn.map(
    (line, i) =>
      `<path class="line line-${i}" fill="none" d="${line.xy.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('')}"/>`,
  );
  const bottom = size.height - PAD.bottom + 12;
  const dates =
    `<text class="axis" x="${PAD.left}" y="${bottom}">${lines[0].points[0]?.start.slice(0, 10) ?? ''}</text>` +
    `<text class="axis" x="${size.width - PAD.right}" y="${bottom}" text-anchor="end">${lastStart(lines).slice(0, 10)}</text>`;
  const legend = drawn.map(
    (line, i) =>
      `<rect class="swatch line-${i}" x="${PAD.left + i * 70}" y="${size.height - 12}" width="10" height="4"/>` +
      `<text class="legend" x="${PAD.left + i * 70 + 14}" y="${size.height - 8}">${escapeXml(line.run)}</text>`,
  );
  const label = `${lines.map((l) => l.run).join(' and ')} prices from ${formatNumber(yMin)} to ${formatNumber(yMax)}`;
  return `<svg viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="${escapeXml(label)}">${grid.join('')}${paths.join('')}${dates}${legend.join('')}</svg>`;
}

/** Min and max by a loop: spreading the values into Math.min overflows the call stack past ~125,000 of them. */
function extent(values: number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** The value range widened a little so lines do not touch the frame. */
function niceExtent(values: number[]): [number, number] {
  const [min, max] = extent(values);
  const pad = max === min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.05;
  return [min - pad, max + pad];
}

function lastStart(lines: RunSeries[]): string {
  return lines.flatMap((l) => l.points.map((p) => p.start)).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);
}
