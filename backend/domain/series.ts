import type { SeriesIdentity } from '../../contract';

/** What one stored series is: the answer's identity without its unit (a series has one unit). */
export type SeriesKey = Pick<SeriesIdentity, 'market' | 'location' | 'run' | 'product' | 'currency'>;

/** A market day on its market's clock, `YYYY-MM-DD`. */
export type MarketDay = string;

/** The natural unit a report is downloaded in. `key` names it; `days` are the market days it covers. */
export interface Period {
  key: string;
  days: MarketDay[];
}
