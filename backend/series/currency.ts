import { GridError } from '../errors';
import type { Conversion } from '../api/contract';
import type { StoredPoint } from '../store/series-store';
import { marketDay, type Clock } from '../time/clock';

/** A cross rate between two currencies for a market date, from the ECB reference rates. */
export type CrossRate = (from: string, to: string, day: string, offline: boolean) => Promise<{ rateDate: string; rate: number }>;

export interface CurrencyConverter {
  convert(points: StoredPoint[], from: string, to: string | undefined, clock: Clock, offline: boolean): Promise<{ points: StoredPoint[]; currency: string; conversion?: Conversion }>;
}

/**
 * Converts each point at the ECB rate of its market-clock date (the last fixing on or before
 * it), and says which rate date served each date.
 */
export class EcbConverter implements CurrencyConverter {
  constructor(private readonly cross: CrossRate) {}

  async convert(points: StoredPoint[], from: string, to: string | undefined, clock: Clock, offline: boolean) {
    const target = to?.trim().toUpperCase();
    if (!target || target === from.toUpperCase()) return { points, currency: from };
    if (!/^[A-Z]{3}$/.test(target)) throw new GridError('BAD_REQUEST', `currency=${to} is not a currency code; use three letters such as EUR, USD, JPY.`);
    const rates = new Map<string, { rateDate: string; rate: number }>();
    for (const p of points) {
      const day = marketDay(p.start, clock);
      if (!rates.has(day)) rates.set(day, await this.cross(from, target, day, offline));
    }
    return {
      points: points.map((p) => ({ ...p, value: p.value * rates.get(marketDay(p.start, clock))!.rate })),
      currency: target,
      conversion: { from, to: target, rates: [...rates.entries()].map(([date, r]) => ({ date, rateDate: r.rateDate, rate: r.rate })) },
    };
  }
}
