import { GEN_PREFIX, LOAD_PRODUCT } from '../../../../contract';
import type { FileSample, Report } from '../../types';
import { serviceProduct } from '../../shared/fundamentals';
import { headerCells } from '../../shared/headers';
import {
  DA_RESERVES,
  forecastAreaOf,
  FUNDAMENTAL_LIMITS,
  GEN_BY_FUEL,
  LOAD_AREAS,
  LOAD_FORECAST,
  LOAD_METERED,
  PJM_FUELS,
  PJM_SYSTEM,
  RESERVE_SUBZONE,
  RESERVE_ZONE,
  RT_RESERVES,
  type FundamentalFeed,
} from './fundamentals';
import { parseGenByFuel, parseLoadForecast, parseLoadMetered, reserveResultsParser } from './fundamentals-parse';
import { gzipHead } from '../../../formats/gzip';
import { PJM_API_KEY_ENV } from './market';
import { fundamentalRequest, loadForecastRequest, nextPageRequest } from './requests';

/** A saved API answer names its feed in its `self` link: `"href": "https://api.pjm.com/api/v1/<feed>?...`. */
export function isApiAnswerOf(head: string, feed: string): boolean {
  const start = head.trimStart();
  return (
    start.startsWith('{') &&
    /"items"\s*:/.test(start) &&
    new RegExp(`"href"\\s*:\\s*"https://api\\.pjm\\.com/api/v1/${feed}\\?`).test(start)
  );
}

/** A Data Miner 2 export whose header names these columns (and a beginning time, UTC or EPT). */
function isExportWith(file: FileSample, columns: string[]): boolean {
  const cells = new Set(headerCells(file.head).map((c) => c.toLowerCase()));
  return (cells.has('datetime_beginning_utc') || cells.has('datetime_beginning_ept')) && columns.every((c) => cells.has(c));
}

/** An API answer of the feed, or its CSV export with these columns. */
function feedDetector(feed: FundamentalFeed, exportColumns: string[]): (file: FileSample) => boolean {
  return (file) => isApiAnswerOf(file.head, feed.name) || isExportWith(file, exportColumns);
}

/**
 * The seven-day forecast as PJM gives it: the `download=True` answer (a bare JSON array, gzip on
 * disk as it came), an API answer, or an export; told by its columns, not its name.
 */
function isLoadForecast(file: FileSample): boolean {
  const head = gzipHead(file.bytes) ?? file.head;
  const start = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (start.startsWith('[')) return /^\[\s*\{/.test(start) && /"forecast_load_mw"\s*:/.test(start) && /"forecast_area"\s*:/.test(start);
  if (isApiAnswerOf(start, LOAD_FORECAST.name)) return true;
  const cells = new Set(headerCells(start).map((c) => c.toLowerCase()));
  return cells.has('forecast_area') && cells.has('forecast_load_mw') && cells.has('forecast_datetime_beginning_utc');
}

const keyed: Pick<Report, 'keys' | 'nextPage'> = { keys: [PJM_API_KEY_ENV], nextPage: nextPageRequest };

const FUEL_PRODUCTS = PJM_FUELS.map((f) => GEN_PREFIX + f);
const RT_SERVICE_PRODUCTS = (['REG', 'SPIN', 'NONSPIN', 'RES30'] as const).map(serviceProduct);
const DA_SERVICE_PRODUCTS = (['SPIN', 'NONSPIN', 'RES30'] as const).map(serviceProduct);
const isReserveZone = (name: string): boolean => name === RESERVE_ZONE || name === RESERVE_SUBZONE;
const loadAreas = new Set<string>(LOAD_AREAS);

/**
 * The fundamentals, after the price reports: metered load, the load forecast, generation by fuel
 * and the reserve market clearing prices, each from its Data Miner 2 feed (or a saved answer or
 * export of it, on import).
 */
export const fundamentalReports: Report[] = [
  {
    id: `pjm.${LOAD_METERED.name}`,
    description: 'Hourly metered load by load area and for the RTO, MW (Data Miner 2 hrl_load_metered)',
    runs: ['ACTUAL'],
    products: [LOAD_PRODUCT],
    ...keyed,
    scope: 'market',
    serves: (location) => loadAreas.has(location.name),
    // Rows PJM has not verified yet (is_verified False) change when it verifies them.
    provisional: true,
    limits: FUNDAMENTAL_LIMITS,
    request: (ctx) => fundamentalRequest(LOAD_METERED, ctx),
    parse: parseLoadMetered,
    detect: feedDetector(LOAD_METERED, ['load_area', 'mw']),
  },
  {
    id: `pjm.${LOAD_FORECAST.name}`,
    description: "PJM's seven-day hourly load forecast by forecast area (RTO_COMBINED is the RTO), MW (Data Miner 2 load_frcstd_7_day)",
    runs: ['FORECAST'],
    products: [LOAD_PRODUCT],
    keys: [PJM_API_KEY_ENV],
    scope: 'location',
    serves: (location) => forecastAreaOf(location) !== undefined,
    provisional: true,
    // The feed holds only the latest issue: today and the next seven days, in one answer.
    limits: { maxDays: 8, keepsDays: 0 },
    request: loadForecastRequest,
    parse: parseLoadForecast,
    detect: isLoadForecast,
  },
  {
    id: `pjm.${GEN_BY_FUEL.name}`,
    description: 'Hourly generation by fuel type for the RTO, MW (Data Miner 2 gen_by_fuel)',
    runs: ['ACTUAL'],
    products: FUEL_PRODUCTS,
    ...keyed,
    scope: 'market',
    serves: (location) => location.name === PJM_SYSTEM,
    // Today's hours are posted as they pass.
    provisional: true,
    limits: FUNDAMENTAL_LIMITS,
    request: (ctx) => fundamentalRequest(GEN_BY_FUEL, ctx),
    parse: parseGenByFuel,
    detect: feedDetector(GEN_BY_FUEL, ['fuel_type', 'mw']),
  },
  {
    id: `pjm.${DA_RESERVES.name}`,
    description:
      'Day-ahead reserve market clearing prices by reserve zone: synchronized, primary and thirty-minute reserve (Data Miner 2 da_reserve_market_results)',
    runs: ['DA'],
    products: DA_SERVICE_PRODUCTS,
    ...keyed,
    scope: 'market',
    serves: (location) => isReserveZone(location.name),
    validFrom: '2022-10-01',
    limits: FUNDAMENTAL_LIMITS,
    request: (ctx) => fundamentalRequest(DA_RESERVES, ctx),
    parse: reserveResultsParser('DA'),
    detect: (file) => isApiAnswerOf(file.head, DA_RESERVES.name),
  },
  {
    id: `pjm.${RT_RESERVES.name}`,
    description:
      'Real-time ancillary service market clearing prices by reserve zone, five-minute: regulation (RMCP), synchronized, primary and thirty-minute reserve (Data Miner 2 reserve_market_results)',
    runs: ['RT5'],
    products: RT_SERVICE_PRODUCTS,
    ...keyed,
    scope: 'market',
    serves: (location) => isReserveZone(location.name),
    validFrom: '2022-09-01',
    limits: FUNDAMENTAL_LIMITS,
    request: (ctx) => fundamentalRequest(RT_RESERVES, ctx),
    // Reads the hourly rows before 2022-09-01 too (as RTH), so one saved answer of any date imports.
    parse: reserveResultsParser('RT'),
    detect: (file) => isApiAnswerOf(file.head, RT_RESERVES.name),
  },
  {
    id: `pjm.${RT_RESERVES.name}_hourly`,
    description:
      'Real-time ancillary service market clearing prices by reserve zone, hourly, until 2022-08-31 (Data Miner 2 reserve_market_results)',
    runs: ['RTH'],
    products: RT_SERVICE_PRODUCTS,
    ...keyed,
    scope: 'market',
    serves: (location) => isReserveZone(location.name),
    validFrom: '2013-06-14',
    validUntil: '2022-08-31',
    endedNote: 'PJM publishes real-time reserve market results by five minutes since 2022-09-01: ask run RT5.',
    limits: FUNDAMENTAL_LIMITS,
    request: (ctx) => fundamentalRequest(RT_RESERVES, ctx),
    parse: reserveResultsParser('RT'),
    // A saved answer is recognized as pjm.reserve_market_results, whose parser reads either interval.
  },
];
