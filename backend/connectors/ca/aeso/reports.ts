import type { Report } from '../../types';
import { AESO_API_KEY_ENV } from './market';
import { parseHistoricalPoolPriceCsv, parsePoolPriceApi } from './parse';
import { historicalPoolPriceCsvRequest, poolPriceApiRequest } from './requests';
import { calendarMonth } from '../../../time/periods';

export const poolPriceApi: Report = {
  id: 'aeso.pool_price_api',
  description: 'AESO pool price API v1.1 (pool price, forecast pool price, 30-day rolling average), a month per request',
  runs: ['RT'],
  products: ['LMP', 'FORECAST', 'ROLLING30'],
  keys: [AESO_API_KEY_ENV],
  scope: 'market',
  // The API takes a startDate/endDate range (one market, no locations); gridcell asks a calendar month (about 744 rows).
  periodOf: calendarMonth,
  request: poolPriceApiRequest,
  parse: parsePoolPriceApi,
  detect: (file) => /^\s*\{/.test(file.head) && file.head.includes('"Pool Price Report"'),
};

export const historicalPoolPriceCsv: Report = {
  id: 'aeso.historical_pool_price_csv',
  description: 'ETS Historical Pool Price report as CSV (pool price, 30-day average, Alberta internal load), a month per request, no key',
  runs: ['RT'],
  products: ['LMP', 'ROLLING30', 'AIL'],
  scope: 'market',
  // The ETS servlet takes a beginDate/endDate range (one market, no locations); gridcell asks a calendar month.
  periodOf: calendarMonth,
  request: historicalPoolPriceCsvRequest,
  parse: parseHistoricalPoolPriceCsv,
  detect: (file) => /^"?Date \(HE\)"?,"?Price \(\$\)"?/m.test(file.head),
};

/** Keyed API first: the read path uses the first report whose keys are all set. */
export const aesoReports: Report[] = [poolPriceApi, historicalPoolPriceCsv];
