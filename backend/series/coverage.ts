import { dayBounds, marketDay, type Clock } from '../time/clock';
import type { ParsedPoint } from '../connectors/types';
import type { SeriesKey } from '../store/series-store';

const SLACK_MS = 60_000;

/**
 * The (series, day) pairs a set of points fills, and whether each day is whole: the points'
 * intervals cover the full market day (23, 24 or 25 hours; a daily value covers its day).
 */
export function coveredDays(points: ParsedPoint[], market: string, clock: Clock, currency: string): { series: SeriesKey; day: string; whole: boolean }[] {
  const covered = new Map<string, { series: SeriesKey; day: string; ms: number }>();
  const bounds = new Map<string, { start: number; end: number }>();
  const dayOfStart = new Map<number, string>(); // a file repeats the same few hundred interval starts
  for (const p of points) {
    let day = dayOfStart.get(p.start);
    if (day === undefined) {
      day = marketDay(p.start, clock);
      dayOfStart.set(p.start, day);
    }
    const series: SeriesKey = { market, location: p.location, run: p.run, product: p.product, currency: p.currency ?? currency };
    const key = `${series.location}\u0000${series.run}\u0000${series.product}\u0000${series.currency}\u0000${day}`;
    let b = bounds.get(day);
    if (!b) {
      b = dayBounds(day, clock);
      bounds.set(day, b);
    }
    const entry = covered.get(key) ?? { series, day, ms: 0 };
    entry.ms += Math.min(p.end, b.end) - Math.max(p.start, b.start);
    covered.set(key, entry);
  }
  return [...covered.values()].map((c) => {
    const b = bounds.get(c.day)!;
    return { series: c.series, day: c.day, whole: c.ms >= b.end - b.start - SLACK_MS };
  });
}
