import type { FillMode, Interval } from '../../contract';
import { GridError, type Clock, type StoredPoint } from '../domain';
import { addDays, DAY_MS, dayBounds, formatInstant, marketDay, offsetMinutes, pad, wallFields } from '../time/clock';
import { shortestInterval } from './statistics';

type FixedInterval = '5min' | '15min' | '30min' | 'hour';
/** Fixed interval lengths; days, weeks, months, quarters and years follow the calendar of the clock. */
const INTERVAL_MINUTES: Record<FixedInterval, number> = { '5min': 5, '15min': 15, '30min': 30, hour: 60 };
/** The shortest each interval can be (a calendar one losing an hour to daylight saving), to refuse averaging finer than the data. */
const SHORTEST_MINUTES: Record<Interval, number> = {
  ...INTERVAL_MINUTES,
  day: 23 * 60,
  week: 7 * 1440 - 60,
  month: 28 * 1440 - 60,
  quarter: 90 * 1440 - 60,
  year: 365 * 1440 - 60,
};

function isFixed(interval: Interval): interval is FixedInterval {
  return interval in INTERVAL_MINUTES;
}

/** The first day of the calendar period (day, ISO week from Monday, month, quarter, year) holding the instant. */
function periodFirstDay(ms: number, interval: Exclude<Interval, FixedInterval>, clock: Clock): string {
  const f = wallFields(ms, clock);
  const day = `${f.year}-${pad(f.month)}-${pad(f.day)}`;
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, 1 - f.weekday);
    case 'month':
      return `${f.year}-${pad(f.month)}-01`;
    case 'quarter':
      return `${f.year}-${pad(f.month - ((f.month - 1) % 3))}-01`;
    case 'year':
      return `${f.year}-01-01`;
  }
}

/** The first day of the next period. */
function nextPeriodDay(first: string, interval: Exclude<Interval, FixedInterval>): string {
  if (interval === 'day' || interval === 'week') return addDays(first, interval === 'day' ? 1 : 7);
  const months = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  const index = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}-01`;
}

/** Start of the interval (on the clock's wall time) holding the instant. */
export function bucketStart(ms: number, interval: Interval, clock: Clock): number {
  if (!isFixed(interval)) return dayBounds(periodFirstDay(ms, interval, clock), clock).start;
  const size = INTERVAL_MINUTES[interval] * 60_000;
  const local = ms + offsetMinutes(clock, ms) * 60_000;
  return ms - (((local % size) + size) % size);
}

function bucketEnd(start: number, interval: Interval, clock: Clock): number {
  if (!isFixed(interval)) return dayBounds(nextPeriodDay(marketDay(start, clock), interval), clock).start;
  return start + INTERVAL_MINUTES[interval] * 60_000;
}

/** An averaged interval; null when the data covers it only in part. */
export interface Averaged {
  start: number;
  end: number;
  value: number | null;
}

/**
 * Time-weighted means over wall-clock intervals of `clock`, never finer than the data itself.
 * Given the asked range, only the intervals wholly inside it are answered (a "July" row is never
 * the mean of two July days), each one: null when the points cover it only in part. Daily or sparser
 * series (gas, carbon, FX) have no values on days without trading: their periods are the mean of
 * the values published.
 */
export function averageBy(
  points: readonly StoredPoint[],
  interval: Interval,
  clock: Clock,
  range?: { from: number; to: number },
): Averaged[] {
  const finest = shortestInterval(points);
  if (SHORTEST_MINUTES[interval] * 60_000 < finest && points.length) {
    throw new GridError(
      'BAD_REQUEST',
      `interval=${interval} is finer than this series' ${Math.round(finest / 60_000)}-minute intervals; gridcell averages, it does not interpolate.`,
    );
  }
  const buckets = new Map<number, { end: number; sum: number; weight: number }>();
  if (range) for (const b of wholeIntervals(range, interval, clock)) buckets.set(b.start, { end: b.end, sum: 0, weight: 0 });
  for (const p of points) {
    const start = bucketStart(p.start, interval, clock);
    let acc = buckets.get(start);
    if (!acc) {
      if (range) continue; // in a period the range cuts
      acc = { end: bucketEnd(start, interval, clock), sum: 0, weight: 0 };
      buckets.set(start, acc);
    }
    acc.sum += p.value * (p.end - p.start);
    acc.weight += p.end - p.start;
  }
  const sparse = finest >= DAY_MS;
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, acc]) => ({
      start,
      end: acc.end,
      value: acc.weight > 0 && (sparse || acc.weight >= acc.end - start) ? acc.sum / acc.weight : null,
    }));
}

/** The intervals lying wholly inside the range; an error saying so when there is none. */
function wholeIntervals(range: { from: number; to: number }, interval: Interval, clock: Clock): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = bucketStart(range.from, interval, clock);
  if (start < range.from) start = bucketEnd(start, interval, clock);
  for (let end = bucketEnd(start, interval, clock); end <= range.to; start = end, end = bucketEnd(start, interval, clock))
    out.push({ start, end });
  if (!out.length) {
    throw new GridError(
      'BAD_REQUEST',
      `interval=${interval}: ${formatInstant(range.from, clock)} to ${formatInstant(range.to, clock)} holds no whole ${interval} on the ${clock} clock; ask for whole periods (e.g. start=2026-07 for a month, CAL-2026 for a year) or a shorter interval.`,
    );
  }
  return out;
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
  const first = points[0].end - points[0].start;
  let same = 1;
  while (same < points.length && points[same].end - points[same].start === first) same++;
  if (same === points.length) return first; // one duration throughout, as nearly every read
  const durations = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) durations[i] = points[i].end - points[i].start;
  return durations.sort()[Math.floor(durations.length / 2)];
}
