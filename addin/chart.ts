import { unitText } from '../contract';
import uPlot from 'uplot';
import type { RunSeries } from './backfill';
import { alignSeries, stackSeries } from './chart-data';
import { el } from './dom';
import { formatInstant, tickLabels, timeTicks, type TickUnit } from './time-axis';

/**
 * The preview chart, drawn by uPlot: one line per run (DA vs RT), prices held over their
 * intervals, breaks where data is missing, the unit on the value axis and the market clock on the
 * time axis (ticks at round wall times of that clock, so a 25-hour day shows its repeated hour),
 * and the values under the cursor in the legend. Colors come from the theme's CSS variables.
 */

const HEIGHT = 220;
const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
/** Line colors past the theme's two (`--line-0`, `--line-1`): a fuel mix has a dozen. */
const PALETTE = [
  '#126856',
  '#d97706',
  '#2563eb',
  '#7c3aed',
  '#dc2626',
  '#0891b2',
  '#65a30d',
  '#db2777',
  '#92400e',
  '#475569',
  '#ca8a04',
  '#0f766e',
  '#9333ea',
  '#b91c1c',
  '#1d4ed8',
  '#4d7c0f',
  '#a16207',
];
/** Room a time label needs, in CSS pixels. */
const TICK_SPACE = 62;

let current: { plot: uPlot; observer: ResizeObserver } | undefined;

/** Removes the chart (and its resize watch). */
export function clearChart(container: HTMLElement, message?: string, kind: 'note' | 'error' = 'note'): void {
  current?.observer.disconnect();
  current?.plot.destroy();
  current = undefined;
  container.replaceChildren(...(message ? [el('p', { class: `chart-message ${kind}` }, message)] : []));
  container.removeAttribute('aria-label');
  container.removeAttribute('role');
}

/**
 * The runs as a chart in `container`; `empty` is said in the chart's place when there is nothing
 * to draw. `stacked` draws the lines as areas on top of each other (a fuel mix), the legend still
 * giving each line's own value. Whether a chart was drawn.
 */
export function renderChart(container: HTMLElement, lines: RunSeries[], empty = 'No prices for this range.', stacked = false): boolean {
  const { xs, ys: own, counts } = alignSeries(lines);
  const ys = stacked ? stackSeries(own) : own;
  if (counts.every((n) => n === 0)) {
    clearChart(container, empty, 'error');
    return false;
  }
  clearChart(container);
  const tz = lines[0].tz;
  const unit = unitText(lines[0]);
  const css = getComputedStyle(container);
  const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const fg = color('--muted', '#5c5c5c');
  const grid = color('--grid', '#e1e1e1');
  let tickUnit: TickUnit = 'hour';

  const axisStyle = {
    stroke: fg,
    font: FONT,
    labelFont: FONT,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1, size: 4 },
  };
  const options: uPlot.Options = {
    width: Math.max(200, container.clientWidth),
    height: HEIGHT,
    scales: { x: { time: true } },
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    series: [
      { label: tz, value: (_u, v) => (v === null || v === undefined ? '—' : formatInstant(v * 1000, tz)) },
      ...lines.map((line, i) => {
        const stroke = color(`--line-${i}`, PALETTE[i % PALETTE.length]);
        return {
          label: line.label,
          stroke,
          ...(stacked ? { fill: `${stroke}99` } : {}),
          width: stacked ? 1 : 1.5,
          spanGaps: false,
          paths: uPlot.paths.stepped!({ align: 1 }),
          points: { show: false },
          // Stacked, the legend says the line's own value, not the running sum it is drawn at.
          value: (_u: uPlot, v: number | null, _s: number, at: number | null) => {
            const shown = stacked && at !== null ? own[i][at] : v;
            return shown === null || shown === undefined ? '—' : `${shown.toFixed(2)} ${unit}`;
          },
        };
      }),
    ],
    // Each area fills down to the one below it, not to zero.
    ...(stacked ? { bands: lines.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number] })) } : {}),
    axes: [
      {
        ...axisStyle,
        label: tz,
        labelSize: 16,
        labelGap: 0,
        size: 38,
        splits: (u, _axis, min, max) => {
          const plan = timeTicks(min * 1000, max * 1000, tz, Math.floor(u.bbox.width / uPlot.pxRatio / TICK_SPACE));
          tickUnit = plan.unit;
          return plan.ticks.map((t) => t / 1000);
        },
        values: (_u, splits) =>
          tickLabels(
            splits.map((s) => s * 1000),
            tickUnit,
            tz,
          ),
      },
      {
        ...axisStyle,
        label: unit,
        labelSize: 16,
        labelGap: 0,
        size: (_u, values) => 12 + 7 * Math.max(2, ...(values ?? []).map((v) => String(v).length)),
      },
    ],
  };
  const plot = new uPlot(options, [xs, ...ys], container);
  const observer = new ResizeObserver(() => {
    const width = Math.max(200, container.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  });
  observer.observe(container);
  current = { plot, observer };
  container.setAttribute('role', 'figure');
  container.setAttribute(
    'aria-label',
    `${lines.map((l, i) => `${l.label} ${counts[i]} values`).join(', ')}; ${stacked ? 'stacked, ' : ''}values in ${unit}; times on the ${tz} clock`,
  );
  container.dataset.points = counts.join(',');
  return true;
}
