import type { Conversion } from '../../../contract';
import type { Clock, StoredPoint } from '../../domain';
import { marketDay } from '../../time/clock';
import type { ExchangeRates } from './exchange-rates';

/**
 * Converts each point at the reference rate of its market-clock date (the last fixing on or
 * before it), and says which rate date served each date.
 */
export async function convertCurrency(
  rates: ExchangeRates,
  points: StoredPoint[],
  from: string,
  to: string | undefined,
  clock: Clock,
  offline: boolean,
): Promise<{ points: StoredPoint[]; currency: string; conversion?: Conversion }> {
  if (!to || to === from) return { points, currency: from };
  const byDay = new Map<string, { rateDate: string; rate: number }>();
  const converted = new Array<StoredPoint>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const day = marketDay(p.start, clock);
    let r = byDay.get(day);
    if (!r) {
      r = await rates.cross(from, to, day, offline);
      byDay.set(day, r);
    }
    converted[i] = { start: p.start, end: p.end, value: p.value * r.rate };
  }
  return {
    points: converted,
    currency: to,
    conversion: { from, to, rates: [...byDay.entries()].map(([date, r]) => ({ date, rateDate: r.rateDate, rate: r.rate })) },
  };
}
