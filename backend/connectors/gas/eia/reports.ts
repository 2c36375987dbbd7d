import type { FileSample, Report } from '../../types';
import { calendarYear } from '../../../time/periods';
import { EIA_KEY, PRICE_SERIES, STORAGE_SERIES, type EiaSeries } from './market';
import { parseEiaPage } from './parse';
import { eiaRequest, nextEiaPage } from './requests';

/** Henry Hub spot and futures 1-4 in one request per calendar year (about 1,260 rows, one page). */
export const priceReport: Report = {
  id: 'gas.eia_pri_fut',
  description: 'EIA natural-gas/pri/fut: Henry Hub spot (RNGWHHD) and NYMEX futures RNGC1-RNGC4, daily',
  runs: ['DAILY'],
  products: PRICE_SERIES.map((s) => s.product),
  keys: [EIA_KEY],
  scope: 'market',
  periodOf: calendarYear,
  request: (ctx) => eiaRequest('natural-gas/pri/fut', 'daily', PRICE_SERIES, ctx),
  nextPage: nextEiaPage,
  parse: (body, ctx) => parseEiaPage(body, ctx, PRICE_SERIES),
  detect: (file) => isEiaJsonOf(file, PRICE_SERIES),
};

/** Weekly working gas in storage, six regions in one request per calendar year (about 312 rows). */
export const storageReport: Report = {
  id: 'gas.eia_stor_wkly',
  description: 'EIA natural-gas/stor/wkly: working gas in underground storage, Lower 48 and regions, weekly',
  runs: ['WEEKLY'],
  products: ['STORAGE'],
  keys: [EIA_KEY],
  scope: 'market',
  validFrom: '2010-01-01',
  periodOf: calendarYear,
  request: (ctx) => eiaRequest('natural-gas/stor/wkly', 'weekly', STORAGE_SERIES, ctx),
  nextPage: nextEiaPage,
  parse: (body, ctx) => parseEiaPage(body, ctx, STORAGE_SERIES),
  detect: (file) => isEiaJsonOf(file, STORAGE_SERIES),
};

function isEiaJsonOf(file: FileSample, series: EiaSeries[]): boolean {
  const head = file.head.trimStart();
  if (!head.startsWith('{') || !/"response"\s*:/.test(head)) return false;
  return series.some((s) => new RegExp(`"series"\\s*:\\s*"${s.id}"`).test(head));
}
