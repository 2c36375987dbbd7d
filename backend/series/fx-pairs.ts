import { GridError } from '../errors';
import { ECB_CURRENCIES } from '../fx/currencies';
import type { StoredPoint } from '../store/series-store';
import { dayBounds } from '../time/clock';
import type { CrossRate } from './currency';

const KNOWN = new Set<string>([...ECB_CURRENCIES, 'EUR']);

/** `EURUSD`, `USD/JPY`: a pair of ECB currencies asked for as an FX location, or undefined. */
export function fxPair(name: string | undefined): { from: string; to: string } | undefined {
  const m = /^\s*([A-Za-z]{3})\s*[/\-]?\s*([A-Za-z]{3})\s*$/.exec(name ?? '');
  if (!m) return undefined;
  const [from, to] = [m[1].toUpperCase(), m[2].toUpperCase()];
  return KNOWN.has(from) && KNOWN.has(to) && from !== to ? { from, to } : undefined;
}

/**
 * One point per ECB fixing day in the range: units of `to` per 1 `from` through the euro. Days
 * without a fixing (weekends, TARGET holidays) have no point; a day is never given a later rate.
 */
export async function pairPoints(cross: CrossRate, pair: { from: string; to: string }, days: string[], clock: string, offline: boolean): Promise<StoredPoint[]> {
  const points: StoredPoint[] = [];
  for (const day of days) {
    let r;
    try {
      r = await cross(pair.from, pair.to, day, offline);
    } catch (e) {
      // Before the first fixing of a range there is simply nothing yet; other errors stand.
      if (e instanceof GridError && e.code === 'NO_DATA' && points.length === 0 && day !== days[days.length - 1]) continue;
      throw e;
    }
    if (r.rateDate !== day) continue;
    const { start, end } = dayBounds(day, clock);
    points.push({ start, end, value: r.rate });
  }
  return points;
}
