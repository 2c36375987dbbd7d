import { GEN_PREFIX, LOAD_PRODUCT } from '../../../../contract';
import type { Report } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { AESO_API_KEY_ENV, aesoMarket } from './market';
import { parseActualForecastApi, parseCurrentSupplyDemand, parseHistoricalPoolPriceCsv, parsePoolPriceApi } from './parse';
import { actualForecastApiRequest, currentSupplyDemandRequest, historicalPoolPriceCsvRequest, poolPriceApiRequest } from './requests';
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

/**
 * The same CSV and parser for LOAD ACTUAL (its AIL column): a report of its own so that the price
 * report is not asked for ACTUAL prices, nor this one for RT. A downloaded file is recognized by the
 * price report, whose parser stores LOAD ACTUAL too.
 */
export const historicalLoadCsv: Report = {
  ...historicalPoolPriceCsv,
  id: 'aeso.historical_load_csv',
  description: 'ETS Historical Pool Price CSV for Alberta internal load as LOAD ACTUAL (hourly), a month per request, no key',
  runs: ['ACTUAL'],
  products: [LOAD_PRODUCT],
  detect: undefined,
};

export const actualForecastApi: Report = {
  id: 'aeso.actual_forecast_api',
  description:
    'AESO actual/forecast API v1: hourly Alberta internal load (LOAD ACTUAL) and its forecast (LOAD FORECAST, latest only), a month per request',
  runs: ['ACTUAL', 'FORECAST'],
  products: [LOAD_PRODUCT],
  keys: [AESO_API_KEY_ENV],
  scope: 'market',
  // Today's load and every forecast change until the hour has passed.
  provisional: true,
  // The API takes a startDate/endDate range (one market); gridcell asks a calendar month, as for pool prices.
  periodOf: calendarMonth,
  request: actualForecastApiRequest,
  parse: parseActualForecastApi,
  detect: (file) => /^\s*\{/.test(file.head) && file.head.includes('"Actual Forecast Report"'),
};

export const currentSupplyDemand: Report = {
  id: 'aeso.current_supply_demand',
  description: 'ETS Current Supply Demand report as CSV: a live snapshot of total net generation by fuel type and Alberta internal load',
  runs: ['ACTUAL'],
  products: [LOAD_PRODUCT, ...productsOf(aesoMarket, GEN_PREFIX)],
  scope: 'market',
  // A snapshot of the current minute: only today can be fetched (keeps no past day); it changes every minute.
  limits: { maxDays: 1, keepsDays: 0 },
  provisional: true,
  request: currentSupplyDemandRequest,
  parse: parseCurrentSupplyDemand,
  detect: (file) => /^Current Supply Demand Report\s*$/m.test(file.head) && file.head.includes('"Alberta Internal Load (AIL)"'),
};

/**
 * Keyed APIs first: the read path uses the first report whose keys are all set. LOAD ACTUAL is read
 * hourly (the API, else the CSV); the supply and demand snapshot serves the fuel mix (and its AIL minute).
 */
export const aesoReports: Report[] = [poolPriceApi, historicalPoolPriceCsv, actualForecastApi, historicalLoadCsv, currentSupplyDemand];
