import type { FileSample, Report } from '../../types';
import { calendarYear } from '../../../time/periods';
import { EIA_KEY, PRICE_SERIES, STORAGE_SERIES, type EiaSeries } from './market';
import { eiaParser } from './parse';
import { eiaRequest, nextEiaPage } from './requests';

/** One EIA route's series, a calendar year per request (paged by offset), recognized by its series ids. */
function eiaReport(
  route: string,
  frequency: 'daily' | 'weekly',
  series: EiaSeries[],
  report: Pick<Report, 'id' | 'description' | 'runs' | 'products' | 'validFrom'>,
): Report {
  return {
    keys: [EIA_KEY],
    scope: 'market',
    periodOf: calendarYear,
    request: (ctx) => eiaRequest(route, frequency, series, ctx),
    nextPage: nextEiaPage,
    parse: eiaParser(series),
    detect: (file) => isEiaJsonOf(file, series),
    ...report,
  };
}

/** Henry Hub spot and futures 1-4 in one request per calendar year (about 1,260 rows, one page). */
export const priceReport = eiaReport('natural-gas/pri/fut', 'daily', PRICE_SERIES, {
  id: 'gas.eia_pri_fut',
  description: 'EIA natural-gas/pri/fut: Henry Hub spot (RNGWHHD) and NYMEX futures RNGC1-RNGC4, daily',
  runs: ['DAILY'],
  products: PRICE_SERIES.map((s) => s.product),
});

/** Weekly working gas in storage, six regions in one request per calendar year (about 312 rows). */
export const storageReport = eiaReport('natural-gas/stor/wkly', 'weekly', STORAGE_SERIES, {
  id: 'gas.eia_stor_wkly',
  description: 'EIA natural-gas/stor/wkly: working gas in underground storage, Lower 48 and regions, weekly',
  runs: ['WEEKLY'],
  products: ['STORAGE'],
  validFrom: '2010-01-01',
});

function isEiaJsonOf(file: FileSample, series: EiaSeries[]): boolean {
  const head = file.head.trimStart();
  if (!head.startsWith('{') || !/"response"\s*:/.test(head)) return false;
  return series.some((s) => new RegExp(`"series"\\s*:\\s*"${s.id}"`).test(head));
}
