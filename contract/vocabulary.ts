/**
 * Every value list a caller may send, defined once: the API validates against these, the custom
 * functions and the taskpane offer them. Browser-safe: constants and types only.
 */

/**
 * Runs: `DA` day-ahead; `RT` a market's main real-time price (an alias it resolves to one of its
 * own); `RT5`, `RT15`, `RTH` real-time at 5 minutes, 15 minutes, hourly. `EXAA` is the Austrian
 * auction beside SDAC; `DAILY`, `WEEKLY`, `AUCTION`, `REF` are the one run of gas, EU ETS and FX.
 */
export const RUNS = ['DA', 'RT', 'RT5', 'RT15', 'RTH', 'EXAA', 'DAILY', 'WEEKLY', 'AUCTION', 'REF'] as const;
export type Run = (typeof RUNS)[number];
/** The run name that means "the market's main real-time price". */
export const REAL_TIME_RUN: Run = 'RT';

/** Price components every power market is asked for by; markets add their own products (FCAS, SPOT, ...). */
export const PRICE_COMPONENTS = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS'] as const;
export const DEFAULT_PRODUCT = 'LMP';
/** Other names of a product that mean the same thing in every market. */
export const PRODUCT_ALIASES: Readonly<Record<string, string>> = { PRICE: 'LMP', RRP: 'LMP' };

/**
 * Averaging intervals of a series answer, on the answer's clock (`week`: ISO weeks from Monday). Only
 * periods wholly inside the asked range are answered; one the data covers only in part is null.
 */
export const INTERVALS = ['5min', '15min', '30min', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Peak blocks; each market defines the ones it supports (GET /markets lists them per market). */
export const BLOCKS = ['ATC', 'ONPEAK', 'OFFPEAK', '5X16', '6X16', '2X16', '7X8', 'BASE', 'PEAK'] as const;
export type Block = (typeof BLOCKS)[number];
export const DEFAULT_BLOCK: Block = 'ATC';

/** `first` and `last`: the value of the earliest and the latest interval. */
export const STATS = ['mean', 'min', 'max', 'sum', 'count', 'first', 'last'] as const;
export type Stat = (typeof STATS)[number];
export const DEFAULT_STAT: Stat = 'mean';

/**
 * Relative dates and periods any date of a query may be written as, besides YYYY-MM-DD and a
 * date-time; resolved on the market clock (backend/time/relative-dates.ts). As a start with no
 * end a period means all its days; as an end, its last day.
 */
export const DATE_WORD_FORMS = [
  'T',
  'T-1',
  'T+1',
  '-1D',
  '-1W',
  '-1M',
  'MTD',
  'YTD',
  'BOM',
  'EOM',
  '2026-07',
  'Q3-2026',
  'CAL-2027',
] as const;
export const DATE_WORDS = {
  /** Today on the market clock, or N days from it. */
  today: /^T(?:([+-])(\d{1,5}))?$/i,
  /** N days, weeks, months or years from today. */
  offset: /^([+-])(\d{1,5})([DWMY])$/i,
  /** Month and year to date, the first and the last day of this month. */
  toDate: /^(MTD|YTD|BOM|EOM)$/i,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^Q([1-4])-(\d{4})$/i,
  year: /^CAL-(\d{4})$/i,
} as const;

/** Whether the text is a relative date or a period (the API resolves it; a caller sends it as it is). */
export function isDateWord(text: string): boolean {
  const t = text.trim();
  return Object.values(DATE_WORDS).some((re) => re.test(t));
}

/**
 * How a series answer fills expected intervals that have no value, only when asked (never silently):
 * `none` keeps them as null, `prev` repeats the last value, `linear` interpolates between the values
 * on either side (null where one side has none).
 */
export const FILL_MODES = ['none', 'prev', 'linear'] as const;
export type FillMode = (typeof FILL_MODES)[number];

/** What a quality check can find in the cache (GET /quality, `gridcell check`, GRID.QUALITY). */
export const QUALITY_KINDS = ['gap', 'revised', 'outside-limits', 'outlier', 'components', 'spread', 'peers'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** Energy units a price may be expressed per. */
export const ENERGY_UNITS = ['MWh', 'kWh'] as const;
export type EnergyUnit = (typeof ENERGY_UNITS)[number];

/** `tz=` words besides IANA names and fixed offsets: the market's own clock, or UTC. */
export const MARKET_TZ = 'market';
export const UTC_TZ = 'UTC';

/** A currency code: three letters (ISO 4217), as the ECB writes them. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/** The one value of a list that equals `text` ignoring case, or undefined. */
export function oneOf<T extends string>(list: readonly T[], text: string): T | undefined {
  const wanted = text.trim().toLowerCase();
  return list.find((v) => v.toLowerCase() === wanted);
}
