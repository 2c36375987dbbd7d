import type { FileSample, Report } from '../../types';
import { calendarYear } from '../../../time/periods';
import { headerCells } from '../../shared/headers';
import {
  EIA_KEY,
  EXPORT_PROCESSES,
  FRED_SPOT_SERIES,
  FUTURES_ENDED,
  FUTURES_LAST_DAY,
  FUTURES_SERIES,
  PRICE_SERIES,
  SPOT_SERIES,
  STORAGE_SERIES,
  type EiaSeries,
} from './market';
import { eiaParser, fredParser, parseEiaExports } from './parse';
import { eiaExportsRequest, eiaRequest, fredCsvRequest, nextEiaPage } from './requests';

/**
 * One EIA route's series, a calendar year per request (paged by offset), recognized by its series ids.
 * The API v2 takes any `start`/`end` range and every series of the route as `facets[series][]` in one
 * request, `length` rows a page up to 5,000: gridcell asks a calendar year (`periodOf`, at most
 * 5 series x 262 trading days = 1,310 rows, one page), so any day asked brings its whole year.
 */
function eiaReport(
  route: string,
  frequency: 'daily' | 'weekly',
  series: EiaSeries[],
  report: Pick<Report, 'id' | 'description' | 'runs' | 'products'> &
    Partial<Pick<Report, 'validFrom' | 'validUntil' | 'endedNote' | 'detect'>>,
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

/** Henry Hub spot from the EIA API (RNGWHHD), a calendar year per request. */
export const spotReport = eiaReport('natural-gas/pri/fut', 'daily', SPOT_SERIES, {
  id: 'gas.eia_pri_spot',
  description: 'EIA natural-gas/pri/fut: Henry Hub spot (RNGWHHD), daily',
  runs: ['DAILY'],
  products: ['SPOT'],
  // A downloaded pri/fut file is imported by gas.eia_pri_fut, which reads spot and futures alike.
  detect: undefined,
});

/**
 * Henry Hub spot from FRED (DHHNGSP, the same EIA series), used when EIA_API_KEY is not set (or when
 * EIA has not published the day yet). A calendar year per download.
 */
export const fredSpotReport: Report = {
  id: 'gas.fred_dhhngsp',
  description: `FRED ${FRED_SPOT_SERIES}: Henry Hub spot (EIA's RNGWHHD as FRED republishes it), daily CSV, no key`,
  runs: ['DAILY'],
  products: ['SPOT'],
  scope: 'market',
  periodOf: calendarYear,
  request: (ctx) => fredCsvRequest(FRED_SPOT_SERIES, ctx),
  parse: fredParser(FRED_SPOT_SERIES, SPOT_SERIES[0]),
  detect: (file) => {
    const [date, value] = headerCells(file.head).map((c) => c.trim().toLowerCase());
    return (date === 'observation_date' || date === 'date') && value === FRED_SPOT_SERIES.toLowerCase();
  },
};

/**
 * NYMEX futures 1-4 (and spot, which rides along) in one request per calendar year, about 1,260 rows
 * on one page. EIA stopped publishing the futures on 2024-04-05.
 */
export const futuresReport = eiaReport('natural-gas/pri/fut', 'daily', PRICE_SERIES, {
  id: 'gas.eia_pri_fut',
  description: `EIA natural-gas/pri/fut: NYMEX futures RNGC1-RNGC4 (until ${FUTURES_LAST_DAY}) with Henry Hub spot (RNGWHHD), daily`,
  runs: ['DAILY'],
  products: FUTURES_SERIES.map((s) => s.product),
  validUntil: FUTURES_LAST_DAY,
  endedNote: `${FUTURES_ENDED} Ask for a day up to ${FUTURES_LAST_DAY}, or use SPOT (Henry Hub spot) for later days.`,
});

/** Weekly working gas in storage, six regions in one request per calendar year (about 312 rows). */
export const storageReport = eiaReport('natural-gas/stor/wkly', 'weekly', STORAGE_SERIES, {
  id: 'gas.eia_stor_wkly',
  description: 'EIA natural-gas/stor/wkly: working gas in underground storage, Lower 48 and regions, weekly',
  runs: ['WEEKLY'],
  products: ['STORAGE'],
  validFrom: '2010-01-01',
});

/**
 * Monthly LNG and pipeline exports by point of exit and destination (natural-gas/move/poe2), a calendar
 * year per request (both processes in one, `facets[process][]`), paged by 5,000 rows. EIA revises recent
 * months, so they are fetched again.
 */
export const exportsReport: Report = {
  id: 'gas.eia_move_poe2',
  description: 'EIA natural-gas/move/poe2: LNG and pipeline exports by point of exit and destination country, monthly (MMcf)',
  runs: ['MONTHLY'],
  products: Object.values(EXPORT_PROCESSES).map((p) => p.product),
  keys: [EIA_KEY],
  scope: 'market',
  provisional: true,
  periodOf: calendarYear,
  request: (ctx) => eiaExportsRequest(Object.keys(EXPORT_PROCESSES), ctx),
  nextPage: nextEiaPage,
  parse: parseEiaExports,
  detect: (file) => {
    const head = file.head.trimStart();
    return (
      head.startsWith('{') &&
      /"response"\s*:/.test(head) &&
      /"process"\s*:\s*"EN[GP]"/.test(head) &&
      /"series-description"\s*:\s*"[^"]*Exports/.test(head)
    );
  },
};

function isEiaJsonOf(file: FileSample, series: EiaSeries[]): boolean {
  const head = file.head.trimStart();
  if (!head.startsWith('{') || !/"response"\s*:/.test(head)) return false;
  return series.some((s) => new RegExp(`"series"\\s*:\\s*"${s.id}"`).test(head));
}
