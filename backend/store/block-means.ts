import type { StoredPoint } from '../domain';
import type { BlockHours, BlockMean } from './series-store';

/** Minutes every zone's offset is a multiple of: a wall clock is read once per quarter hour. */
const QUARTER_HOUR_MS = 900_000;

/**
 * Monthly time-weighted block means of one series' points, read in Node: what an engine without
 * time zones (SQLite) answers for `blockMeans`. An interval is in the block when the hour its start
 * falls in on the block's wall clock is set in that day's mask.
 */
export function monthlyBlockMeans(seriesId: number, points: readonly StoredPoint[], block: BlockHours): BlockMean[] {
  const wall = wallClock(block.zone);
  const months = new Map<string, { weighted: number; weight: number; count: number }>();
  for (const p of points) {
    const { day, hour } = wall(p.start);
    const mask = block.days.get(day) ?? 0;
    if (((mask >>> hour) & 1) === 0) continue;
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

/** The wall-clock day and hour of an instant in a zone, remembered per quarter hour. */
function wallClock(zone: string): (ms: number) => { day: string; hour: number } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const seen = new Map<number, { day: string; hour: number }>();
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let found = seen.get(quarter);
    if (!found) {
      const parts = Object.fromEntries(format.formatToParts(quarter * QUARTER_HOUR_MS).map((p) => [p.type, p.value]));
      found = { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
      seen.set(quarter, found);
    }
    return found;
  };
}
