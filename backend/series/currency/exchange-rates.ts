import type { MarketDay } from '../../domain';

/** Reference rates between two currencies for a market date. */
export interface ExchangeRates {
  /** Units of `to` per unit of `from` on a date, and the fixing date it rests on (never a later one). */
  cross(from: string, to: string, day: MarketDay, offline: boolean): Promise<{ rateDate: MarketDay; rate: number }>;
}
