import { AS_PREFIX, GEN_PREFIX } from '../../../../contract';
import type { LocationInfo } from '../../../domain';
import type { FileSample, Parser, Report } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { headerCells, namesAll } from '../../shared/headers';
import { fetchApiRangePages, fetchMisDocuments } from './fetchers';
import { ERCOT_API_KEYS, ERCOT_SYSTEM, ercotMarket, FORECAST_ZONES, WEATHER_ZONES } from './market';
import { dailyDocument, damDocument, forecastDocument, intervalDocuments, type MisDocument } from './mis';
import {
  ACTUAL_LOAD_TABLE,
  asPricesParser,
  FORECAST_ZONE_FORECAST_TABLE,
  loadParser,
  misHeaderLine,
  parseFuelMix,
  parseLoadDashboard,
  WEATHER_ZONE_FORECAST_TABLE,
} from './parse-fundamentals';
import {
  ACTUAL_LOAD_API,
  DAM_AS_API,
  DASHBOARD_FUEL_MIX,
  DASHBOARD_LOAD,
  dashboardRequest,
  MIS_ACTUAL_LOAD,
  MIS_DAM_AS,
  MIS_LOAD_FORECAST_FZ,
  MIS_LOAD_FORECAST_WZ,
  MIS_RT_AS,
  PAGE_SIZE,
  type RangeEndpoint,
} from './requests';

const AS_PRODUCTS = productsOf(ercotMarket, AS_PREFIX);
/** How many days after it is posted a seven-day load forecast still covers (the posting day and seven more). */
const FORECAST_HORIZON_DAYS = 7;

/** Which locations a report serves: the system and the named zones. */
function servesOnly(zones: LocationInfo[]): (location: LocationInfo) => boolean {
  const names = new Set([ERCOT_SYSTEM, ...zones.map((z) => z.name)]);
  return (location) => names.has(location.name);
}
const systemOnly = servesOnly([]);

/** The report a Public API answer names (`reportEMIL`), to tell which report a saved answer is. */
export const apiReportOf = (file: FileSample): string | undefined => /"reportEMIL"\s*:\s*"([^"]+)"/.exec(file.head)?.[1];

/** Header cells of an MIS CSV (bare or zipped), trimmed. */
const misCells = (file: FileSample): string[] => headerCells(misHeaderLine(file));

interface ApiFundamental {
  id: string;
  description: string;
  run: string;
  products: string[];
  endpoint: RangeEndpoint;
  parse: Parser;
  serves: (location: LocationInfo) => boolean;
}

/** A system-wide Public API report (keyed), asked by a range of days; every zone or service comes in each row. */
function apiFundamental({ id, description, run, products, endpoint, parse, serves }: ApiFundamental): Report {
  return {
    id,
    description,
    runs: [run],
    products,
    keys: ERCOT_API_KEYS,
    scope: 'market',
    serves,
    // A year of hourly rows (24 a day, or 24 x 5 services) fits in one or two pages of PAGE_SIZE.
    limits: { maxDays: 366, rowsPerPage: PAGE_SIZE },
    fetch: (ctx, get) => fetchApiRangePages(endpoint, ctx, get),
    parse,
    detect: (file) => apiReportOf(file) === endpoint.emil,
  };
}

interface MisFundamental {
  id: string;
  description: string;
  runs: string[];
  products: string[];
  reportTypeId: number;
  pick: (docs: MisDocument[], day: string) => MisDocument[];
  parse: Parser;
  serves: (location: LocationInfo) => boolean;
  provisional?: boolean;
  validFrom?: string;
  /** Does the CSV's header (bare, or the zip's member) say it is this report? */
  detect: (cells: string[]) => boolean;
}

/** Keyless MIS documents (recent days only), every zone or service in each. */
function misFundamental(spec: MisFundamental): Report {
  const { reportTypeId, pick, detect, runs, ...rest } = spec;
  return {
    ...rest,
    runs,
    scope: 'market',
    fetch: (ctx, get) => fetchMisDocuments(reportTypeId, pick, ctx, get),
    detect: (file) => detect(misCells(file)),
  };
}

/**
 * Load, load forecast, generation by fuel and AS clearing prices. Within each kind the keyed Public
 * API comes first, then the MIS (recent days), then the dashboards (yesterday and today).
 */
export const ercotFundamentalReports: Report[] = [
  apiFundamental({
    id: 'ercot.api_load_actual',
    description: 'NP6-345-CD actual system load by weather zone and system total, hourly, from the ERCOT Public API (keyed)',
    run: 'ACTUAL',
    products: ['LOAD'],
    endpoint: ACTUAL_LOAD_API,
    parse: loadParser(ACTUAL_LOAD_TABLE, 'ACTUAL'),
    serves: servesOnly(WEATHER_ZONES),
  }),
  misFundamental({
    id: 'ercot.mis_load_actual',
    description: 'NP6-345-CD actual system load by weather zone and system total, hourly, from the MIS (posted the morning after)',
    runs: ['ACTUAL'],
    products: ['LOAD'],
    reportTypeId: MIS_ACTUAL_LOAD,
    pick: (docs, day) => [dailyDocument(docs, day, 1, 'actual load')],
    parse: loadParser(ACTUAL_LOAD_TABLE, 'ACTUAL'),
    serves: servesOnly(WEATHER_ZONES),
    detect: (cells) => cells[0] === 'OperDay' && namesAll(cells, ['HourEnding', 'FAR_WEST', 'NORTH_C', 'SOUTH_C', 'TOTAL', 'DSTFlag']),
  }),
  misFundamental({
    id: 'ercot.mis_load_forecast_wz',
    description: 'NP3-561-CD seven-day load forecast by weather zone and system total, hourly, the latest posting (each kept as a vintage)',
    runs: ['FORECAST'],
    products: ['LOAD'],
    reportTypeId: MIS_LOAD_FORECAST_WZ,
    pick: (docs, day) => [forecastDocument(docs, day, FORECAST_HORIZON_DAYS, 'a load forecast by weather zone')],
    parse: loadParser(WEATHER_ZONE_FORECAST_TABLE, 'FORECAST'),
    serves: servesOnly(WEATHER_ZONES),
    provisional: true,
    detect: (cells) =>
      cells[0] === 'DeliveryDate' && namesAll(cells, ['HourEnding', 'FarWest', 'NorthCentral', 'SouthCentral', 'SystemTotal']),
  }),
  misFundamental({
    id: 'ercot.mis_load_forecast_fz',
    description:
      'NP3-560-CD seven-day load forecast by forecast zone (FZ_NORTH, FZ_SOUTH, FZ_WEST, FZ_HOUSTON) and system total, the latest posting',
    runs: ['FORECAST'],
    products: ['LOAD'],
    reportTypeId: MIS_LOAD_FORECAST_FZ,
    pick: (docs, day) => [forecastDocument(docs, day, FORECAST_HORIZON_DAYS, 'a load forecast by forecast zone')],
    parse: loadParser(FORECAST_ZONE_FORECAST_TABLE, 'FORECAST'),
    serves: servesOnly(FORECAST_ZONES),
    provisional: true,
    detect: (cells) =>
      cells[0] === 'DeliveryDate' &&
      namesAll(cells, ['HourEnding', 'North', 'South', 'West', 'Houston', 'SystemTotal']) &&
      !namesAll(cells, ['FarWest']),
  }),
  {
    id: 'ercot.dashboard_load',
    description: "ERCOT's load dashboard: system load (hourly, yesterday and today so far) and the current load forecast to tomorrow",
    runs: ['ACTUAL', 'FORECAST'],
    products: ['LOAD'],
    scope: 'market',
    serves: systemOnly,
    provisional: true,
    // The dashboard shows yesterday, today and tomorrow; older days go to the next report (none).
    limits: { maxDays: 3, keepsDays: 1 },
    request: () => dashboardRequest(DASHBOARD_LOAD),
    parse: parseLoadDashboard,
    detect: (file) =>
      /"previousDay"\s*:/.test(file.head) && /"currentDay"\s*:/.test(file.head) && /"(systemLoad|currentLoadForecast)"\s*:/.test(file.head),
  },
  {
    id: 'ercot.dashboard_fuel_mix',
    description: "ERCOT's fuel-mix dashboard: generation by fuel, five-minute, system-wide, yesterday and today so far",
    runs: ['ACTUAL'],
    products: productsOf(ercotMarket, GEN_PREFIX),
    scope: 'market',
    serves: systemOnly,
    provisional: true,
    limits: { maxDays: 2, keepsDays: 1 },
    request: () => dashboardRequest(DASHBOARD_FUEL_MIX),
    parse: parseFuelMix,
    detect: (file) => /"types"\s*:\s*\[/.test(file.head) && /"data"\s*:\s*\{/.test(file.head) && /"gen"\s*:/.test(file.head),
  },
  apiFundamental({
    id: 'ercot.api_as_dam',
    description: 'NP4-188-CD DAM clearing prices for capacity (AS MCPC), hourly, from the ERCOT Public API (keyed)',
    run: 'DA',
    products: AS_PRODUCTS,
    endpoint: DAM_AS_API,
    parse: asPricesParser('DAM'),
    serves: systemOnly,
  }),
  misFundamental({
    id: 'ercot.mis_as_dam',
    description: 'NP4-188-CD DAM clearing prices for capacity (AS MCPC), hourly, from the MIS (recent days)',
    runs: ['DA'],
    products: AS_PRODUCTS,
    reportTypeId: MIS_DAM_AS,
    pick: (docs, day) => [damDocument(docs, day, 'day-ahead AS prices')],
    parse: asPricesParser('DAM'),
    serves: systemOnly,
    detect: (cells) => cells.join(',') === 'DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag',
  }),
  misFundamental({
    id: 'ercot.mis_as_rt',
    description:
      'NP6-331-CD real-time clearing prices for capacity (AS MCPC) per 15-minute settlement interval, from the MIS (recent days; since RTC+B)',
    runs: ['RT15'],
    products: AS_PRODUCTS,
    reportTypeId: MIS_RT_AS,
    pick: (docs, day) => intervalDocuments(docs, day, 'real-time AS prices'),
    parse: asPricesParser('RT'),
    serves: systemOnly,
    // Real-time co-optimization (RTC+B) went live on 2025-12-05; NP6-331-CD's first run.
    validFrom: '2025-12-05',
    detect: (cells) => cells[0] === 'DeliveryDate' && namesAll(cells, ['DeliveryHour', 'DeliveryInterval', 'ASType', 'MCPC']),
  }),
];
