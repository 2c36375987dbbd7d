import { isGridError, type Clock, type CurrencyPair, type MarketDay, type StoredPoint } from '../../domain';
import { dayBounds } from '../../time/clock';
import type { ExchangeRates } from './exchange-rates';

/**
 * One point per fixing day in the range: units of `to` per 1 `from` through the euro. Days
 * without a fixing (weekends, TARGET holidays) have no point; a day is never given a later rate.
 */
export async function pairPoints(
  rates: ExchangeRates,
  pair: CurrencyPair,
  days: MarketDay[],
  clock: Clock,
  offline: boolean,
): Promise<StoredPoint[]> {
  const points: StoredPoint[] = [];
  for (const day of days) {
    let r;
    try {
      r = await rates.cross(pair.from, pair.to, day, offline);
    } catch (e) {
      // Before the first fixing of a range there is simply nothing yet; other errors stand.
      if (isGridError(e, 'NO_DATA') && points.length === 0 && day !== days[days.length - 1]) continue;
      throw e;
    }
    if (r.rateDate !== day) continue;
    const { start, end } = dayBounds(day, clock);
    points.push({ start, end, value: r.rate });
  }
  return points;
}
