import type { FillMode, Interval } from '../../contract';
import { GridError, type Clock, type StoredPoint } from '../domain';
import { dayBounds, marketDay, offsetMinutes, wallFields } from '../time/clock';
import { shortestInterval } from './statistics';

/** Fixed interval lengths; a month's length is its own. */
const INTERVAL_MINUTES: Record<Exclude<Interval, 'month'>, number> = { '5min': 5, '15min': 15, '30min': 30, hour: 60, day: 1440 };

/** Start of the interval (on the clock's wall time) holding the instant. */
export function bucketStart(ms: number, interval: Interval, clock: Clock): number {
  if (interval === 'day') return dayBounds(marketDay(ms, clock), clock).start;
  if (interval === 'month') {
    const f = wallFields(ms, clock);
    return dayBounds(`${f.year}-${String(f.month).padStart(2, '0')}-01`, clock).start;
  }
  const size = INTERVAL_MINUTES[interval] * 60_000;
  const local = ms + offsetMinutes(clock, ms) * 60_000;
  return ms - (((local % size) + size) % size);
}

function bucketEnd(start: number, interval: Interval, clock: Clock): number {
  if (interval === 'day') return dayBounds(marketDay(start, clock), clock).end;
  if (interval === 'month') {
    const f = wallFields(start, clock);
    const next = f.month === 12 ? `${f.year + 1}-01-01` : `${f.year}-${String(f.month + 1).padStart(2, '0')}-01`;
    return dayBounds(next, clock).start;
  }
  return start + INTERVAL_MINUTES[interval] * 60_000;
}

/** Time-weighted means over wall-clock intervals of `clock`. Never finer than the data itself. */
export function averageBy(points: StoredPoint[], interval: Interval, clock: Clock): StoredPoint[] {
  const finest = shortestInterval(points);
  if (interval !== 'month' && INTERVAL_MINUTES[interval] * 60_000 < finest && points.length) {
    throw new GridError(
      'BAD_REQUEST',
      `interval=${interval} is finer than this series' ${Math.round(finest / 60_000)}-minute intervals; gridcell averages, it does not interpolate.`,
    );
  }
  const buckets = new Map<number, { sum: number; weight: number }>();
  for (const p of points) {
    const b = bucketStart(p.start, interval, clock);
    const w = (p.end - p.start) / 60_000;
    const acc = buckets.get(b) ?? { sum: 0, weight: 0 };
    acc.sum += p.value * w;
    acc.weight += w;
    buckets.set(b, acc);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, acc]) => ({ start, end: bucketEnd(start, interval, clock), value: acc.sum / acc.weight }));
}

/** The regular grid of a range at a step, each interval with its value or the fill asked for. */
export function fillGrid(
  points: StoredPoint[],
  from: number,
  to: number,
  stepMs: number,
  fill: FillMode,
): { start: number; end: number; value: number | null }[] {
  const byStart = new Map(points.map((p) => [p.start, p.value]));
  const out: { start: number; end: number; value: number | null }[] = [];
  let last: number | null = null;
  for (let t = from; t < to; t += stepMs) {
    const v = byStart.get(t);
    if (v !== undefined) last = v;
    out.push({ start: t, end: t + stepMs, value: v ?? (fill === 'prev' ? last : null) });
  }
  return fill === 'linear' ? interpolated(out) : out;
}

/** Runs of nulls between two values, filled on the straight line between them. */
function interpolated(grid: { start: number; end: number; value: number | null }[]): typeof grid {
  let before = -1;
  for (let i = 0; i < grid.length; i++) {
    if (grid[i].value === null) continue;
    if (before >= 0 && i - before > 1) {
      const [a, b] = [grid[before].value!, grid[i].value!];
      for (let k = before + 1; k < i; k++) grid[k].value = a + ((b - a) * (k - before)) / (i - before);
    }
    before = i;
  }
  return grid;
}

/** The usual interval length of a series (the median), or the fallback when it has no points. */
export function typicalStep(points: StoredPoint[], fallbackMs: number): number {
  if (!points.length) return fallbackMs;
  const durations = points.map((p) => p.end - p.start).sort((a, b) => a - b);
  return durations[Math.floor(durations.length / 2)];
}
