import type { StoredPoint } from '../domain';
import { inBlockHours } from '../time/blocks';
import { marketDay } from '../time/clock';
import type { BlockHours, BlockMean } from './series-store';

/**
 * Monthly time-weighted block means of one series' points, read in Node: what an engine without
 * time zones (SQLite) answers for `blockMeans`, by the rule `blockFilter` uses.
 */
export function monthlyBlockMeans(seriesId: number, points: readonly StoredPoint[], block: BlockHours): BlockMean[] {
  const maskOf = (day: string) => block.days.get(day) ?? 0;
  const months = new Map<string, { weighted: number; weight: number; count: number }>();
  for (const p of points) {
    const day = marketDay(p.start, block.zone);
    if (!inBlockHours(block.zone, maskOf, p.start, day)) continue;
    const month = day.slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { weighted: 0, weight: 0, count: 0 }));
    m.weighted += p.value * (p.end - p.start);
    m.weight += p.end - p.start;
    m.count++;
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({ seriesId, month, mean: m.weighted / m.weight, count: m.count }));
}
