/**
 * Every value list a caller may send, defined once: the API validates against these, the custom
 * functions and the taskpane offer them. Browser-safe: constants and types only.
 */

/**
 * Runs: `DA` day-ahead; `RT` a market's main real-time price (an alias it resolves to one of its
 * own); `RT5`, `RT15`, `RTH` real-time at 5 minutes, 15 minutes, hourly. `EXAA` is the Austrian
 * auction beside SDAC; `DAILY`, `WEEKLY`, `AUCTION`, `REF` are the one run of gas, EU ETS and FX.
 * `ID1`..`ID3` are the European intraday auctions (IDA1-3), `ID` a continuous intraday market.
 * Fundamentals: `ACTUAL` what was measured (load, generation), `FORECAST` the operator's latest
 * forecast (each issue is kept too: see `asof`), `DA`/`RT` the day-ahead and real-time clearing of
 * an ancillary service or of load.
 */
export const RUNS = [
  'DA',
  'RT',
  'RT5',
  'RT15',
  'RTH',
  'EXAA',
  'ID1',
  'ID2',
  'ID3',
  'ID',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'AUCTION',
  'REF',
  'ACTUAL',
  'FORECAST',
] as const;
export type Run = (typeof RUNS)[number];
/** The run name that means "the market's main real-time price". */
export const REAL_TIME_RUN: Run = 'RT';

/** Price components every power market is asked for by; markets add their own products (FCAS, SPOT, ...). */
export const PRICE_COMPONENTS = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS'] as const;
export const DEFAULT_PRODUCT = 'LMP';
/** Other names of a product that mean the same thing in every market. */
export const PRODUCT_ALIASES: Readonly<Record<string, string>> = { PRICE: 'LMP', RRP: 'LMP' };

/**
 * Fundamentals are products beside the prices, in MW (an average over the interval): `LOAD`, and
 * `GEN_<FUEL>` per fuel of one vocabulary. Ancillary-service clearing prices are `AS_<SERVICE>`, in
 * the market's currency per MWh like any price.
 */
export const LOAD_PRODUCT = 'LOAD';
export const GEN_PREFIX = 'GEN_';
export const AS_PREFIX = 'AS_';
/** The unit of load and generation: MW averaged over the interval (never MWh). */
export const POWER_UNIT = 'MW';

/** The unit an answer's values are written in: MW for load and generation, else currency per unit (USD/MWh). */
export function unitText(answer: { currency: string; unit: string }): string {
  return answer.unit === POWER_UNIT ? answer.unit : `${answer.currency}/${answer.unit}`;
}

/** One fuel vocabulary for every market's generation mix; each market's own names are aliases (`FUEL_ALIASES`). */
export const FUELS = [
  'COAL',
  'GAS',
  'OIL',
  'NUCLEAR',
  'HYDRO',
  'PUMPED_STORAGE',
  'WIND',
  'SOLAR',
  'BIOMASS',
  'GEOTHERMAL',
  'WASTE',
  'STORAGE',
  'IMPORTS',
  'OTHER_FOSSIL',
  'OTHER_RENEWABLES',
  'MULTIPLE',
  'OTHER',
] as const;
export type Fuel = (typeof FUELS)[number];

/**
 * Markets' own fuel names (upper case, spaces single) and the fuel each means. Where a market splits
 * a fuel in two (CAISO large and small hydro, NYISO natural gas and dual fuel) both count as it, summed.
 */
export const FUEL_ALIASES: Readonly<Record<string, Fuel>> = {
  'COAL AND LIGNITE': 'COAL',
  LIGNITE: 'COAL',
  'HARD COAL': 'COAL',
  'BROWN COAL': 'COAL',
  'BROWN COAL/LIGNITE': 'COAL',
  'NATURAL GAS': 'GAS',
  NG: 'GAS',
  'DUAL FUEL': 'GAS',
  'FOSSIL GAS': 'GAS',
  LNG: 'GAS',
  'FOSSIL OIL': 'OIL',
  PETROLEUM: 'OIL',
  'LARGE HYDRO': 'HYDRO',
  'SMALL HYDRO': 'HYDRO',
  WATER: 'HYDRO',
  'HYDRO PUMPED STORAGE': 'PUMPED_STORAGE',
  'PUMPED HYDRO': 'PUMPED_STORAGE',
  'WIND ONSHORE': 'WIND',
  'WIND OFFSHORE': 'WIND',
  BIOGAS: 'BIOMASS',
  BIOFUEL: 'BIOMASS',
  WOOD: 'BIOMASS',
  'LANDFILL GAS': 'BIOMASS',
  REFUSE: 'WASTE',
  BATTERIES: 'STORAGE',
  BATTERY: 'STORAGE',
  'BATTERY STORAGE': 'STORAGE',
  'POWER STORAGE': 'STORAGE',
  'ENERGY STORAGE': 'STORAGE',
  IMPORT: 'IMPORTS',
  'NET IMPORTS': 'IMPORTS',
  'OTHER FOSSIL FUELS': 'OTHER_FOSSIL',
  'OTHER RENEWABLES': 'OTHER_RENEWABLES',
  'OTHER RENEWABLE': 'OTHER_RENEWABLES',
  'MULTIPLE FUELS': 'MULTIPLE',
};

/** The vocabulary fuel a market's name means, or undefined: `Natural Gas`, `gas`, `GEN_NG` -> GAS. */
export function fuelOf(name: string): Fuel | undefined {
  const text = name
    .trim()
    .toUpperCase()
    .replace(/^GEN_/, '')
    .replace(/[\s_]+/g, ' ');
  return FUEL_ALIASES[text] ?? oneOf(FUELS, text.replace(/ /g, '_'));
}

/**
 * Ancillary services, one vocabulary: regulation (`REG` where a market clears one symmetric product),
 * spinning (10-minute synchronized), non-spinning (10-minute non-synchronized), `SUPP` supplemental
 * (MISO, SPP), `RES30` 30-minute reserve, ramp capability, MISO's short-term reserve, ERCOT's ECRS.
 * Each market maps its own names to these in its connector.
 */
export const AS_SERVICES = [
  'REG',
  'REG_UP',
  'REG_DOWN',
  'SPIN',
  'NONSPIN',
  'SUPP',
  'RES30',
  'RAMP_UP',
  'RAMP_DOWN',
  'STR',
  'ECRS',
] as const;
export type AncillaryService = (typeof AS_SERVICES)[number];

/** What kind of data a product is: the taskpane lists a market's datasets by it. */
export type Dataset = 'price' | 'load' | 'generation' | 'ancillary';

export function datasetOf(product: string): Dataset {
  if (product === LOAD_PRODUCT) return 'load';
  if (product.startsWith(GEN_PREFIX)) return 'generation';
  if (product.startsWith(AS_PREFIX)) return 'ancillary';
  return 'price';
}

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
