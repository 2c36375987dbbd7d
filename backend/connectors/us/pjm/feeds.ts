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
}

const VERSIONED_FIELDS = ['pnode_id', 'pnode_name', 'type', 'row_is_current'];

export const DA_HOURLY: PjmFeed = {
  name: 'da_hrl_lmps',
  run: 'DA',
  suffix: 'da',
  intervalMinutes: 60,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
};
export const RT_HOURLY: PjmFeed = {
  name: 'rt_hrl_lmps',
  run: 'RTH',
  suffix: 'rt',
  intervalMinutes: 60,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
};
export const RT_FIVE_MIN: PjmFeed = {
  name: 'rt_fivemin_hrl_lmps',
  run: 'RT5',
  suffix: 'rt',
  intervalMinutes: 5,
  products: ALL_PRODUCTS,
  fields: VERSIONED_FIELDS,
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
};

export function priceColumn(product: PjmProduct, suffix: PriceSuffix): string {
  return `${PRICE_COLUMNS[product]}_${suffix}`;
}
