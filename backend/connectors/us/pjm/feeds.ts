import type { RequestLimits } from '../../types';

/** The Data Miner 2 price columns, by product, in PJM's column order; each carries a `_da` or `_rt` suffix. */
export const PRICE_COLUMNS = {
  ENERGY: 'system_energy_price',
  LMP: 'total_lmp',
  CONGESTION: 'congestion_price',
  LOSS: 'marginal_loss_price',
} as const;

export type PjmProduct = keyof typeof PRICE_COLUMNS;
export const ALL_PRODUCTS = Object.keys(PRICE_COLUMNS) as PjmProduct[];

export type PriceSuffix = 'da' | 'rt';

/** One Data Miner 2 LMP feed: `https://api.pjm.com/api/v1/<name>`. */
export interface PjmFeed {
  name: string;
  run: 'DA' | 'RTH' | 'RT5';
  suffix: PriceSuffix;
  intervalMinutes: number;
  products: PjmProduct[];
  /** Descriptive columns asked for besides the time and the prices. */
  fields: string[];
  limits: RequestLimits;
}

/** The most rows Data Miner 2 returns in one page. */
export const PAGE_ROWS = 50_000;

/**
 * Data Miner 2 takes a date range within one calendar year and several pnode ids (`a;b;c`). Days
 * older than the feed's archive cut-off can be filtered by date only: the archive answers every
 * pnode, about 11,000 rows an hour, so its windows are a month at most (gridstatus' pjm.py and
 * decorators.py follow the same rules).
 */
function dataMinerLimits(archiveAfterDays: number | undefined): RequestLimits {
  return { maxDays: 366, within: 'year', maxLocations: 20, rowsPerPage: PAGE_ROWS, archiveAfterDays, archiveMaxDays: 31 };
}

const VERSIONED_FIELDS = ['pnode_id', 'pnode_name', 'type', 'row_is_current'];

export const DA_HOURLY: PjmFeed = {
  name: 'da_hrl_lmps',
  run: 'DA',
  suffix: 'da',
  intervalMinutes: 60,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
  limits: dataMinerLimits(731),
};
export const RT_HOURLY: PjmFeed = {
  name: 'rt_hrl_lmps',
  run: 'RTH',
  suffix: 'rt',
  intervalMinutes: 60,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
  limits: dataMinerLimits(731),
};
export const RT_FIVE_MIN: PjmFeed = {
  name: 'rt_fivemin_hrl_lmps',
  run: 'RT5',
  suffix: 'rt',
  intervalMinutes: 5,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
  limits: dataMinerLimits(186),
};
/**
 * Near-real-time, not versioned. Only the columns of the recorded real request are asked for
 * (`total_lmp_rt`): no capture shows which component columns this feed accepts.
 */
export const RT_UNVERIFIED_FIVE_MIN: PjmFeed = {
  name: 'rt_unverified_fivemin_lmps',
  run: 'RT5',
  suffix: 'rt',
  intervalMinutes: 5,
  products: ['LMP'],
  fields: ['pnode_id', 'pnode_name'],
  // Kept about two weeks, never archived.
  limits: dataMinerLimits(undefined),
};

export function priceColumn(product: PjmProduct, suffix: PriceSuffix): string {
  return `${PRICE_COLUMNS[product]}_${suffix}`;
}
