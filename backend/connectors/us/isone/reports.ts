import { GEN_PREFIX, LOAD_PRODUCT, PRICE_COMPONENTS } from '../../../../contract';
import { GridError } from '../../../domain';
import type { HttpGet, HttpRequest, HttpResponse } from '../../../http/types';
import type { FileSample, Report } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { firstLine } from '../../shared/headers';
import { ifPublished } from '../../shared/not-published';
import { ISONE_PASSWORD_ENV, ISONE_USERNAME_ENV, isoneMarket } from './market';
import { isoExpressParser, webServicesIsEmpty, webServicesParser, type WebServicesShape } from './parse';
import {
  isContainerJson,
  isWsclientSystemLoad,
  parseGenFuelMix,
  parseHourlyLoadForecast,
  parseHourlySystemLoad,
  parseWsclientSystemLoad,
} from './parse-fundamentals';
import {
  expressDayAheadRequest,
  expressRealTimeRequest,
  fiveMinuteLmpRequest,
  genFuelMixRequest,
  hourlyLmpRequest,
  hourlyLoadForecastRequest,
  hourlySystemLoadRequest,
  type Settlement,
  wsclientSystemLoadRequest,
} from './requests';

const PRODUCTS: string[] = [...PRICE_COMPONENTS];
const KEYS = [ISONE_USERNAME_ENV, ISONE_PASSWORD_ENV];

/** What differs between the reports of one kind. */
type Fields = Pick<Report, 'id' | 'description' | 'request' | 'fetch' | 'detect'>;

/**
 * Keyed web services JSON, one location per request. The API is asked by one day (`/day/{YYYYMMDD}`,
 * no range form) and one location (`/location/{id}`) or all: no limits.
 */
function webServicesReport(run: string, shape: WebServicesShape, report: Fields): Report {
  return { runs: [run], products: PRODUCTS, keys: KEYS, scope: 'location', parse: webServicesParser(run, shape), ...report };
}

/** Keyless ISO Express CSV, every location in one file, one file per market day: no limits. */
function expressReport(run: string, report: Fields): Report {
  return { runs: [run], products: PRODUCTS, scope: 'market', parse: isoExpressParser(run), ...report };
}

/**
 * Real-time hourly prices are final after a few days; until then only the preliminary ones exist.
 * Ask for the final and fall back to the preliminary when the final is missing (404) or empty.
 */
async function finalElsePrelim(
  get: HttpGet,
  request: (s: Settlement) => HttpRequest,
  isEmpty: (body: Buffer) => boolean,
): Promise<Buffer[]> {
  const final = await ifPublished(get(request('final')));
  if (final && !isEmpty(final.body)) return [final.body];
  return [(await get(request('prelim'))).body];
}

/** ISO Express's answer is an HTML page (its site, status 200) by content type or by its first bytes. */
function isHtmlPage(answer: HttpResponse): boolean {
  if (/text\/html/i.test(answer.headers['content-type'] ?? '')) return true;
  return /^\s*<(!doctype\s+html|html)[\s>]/i.test(answer.body.subarray(0, 1024).toString('latin1'));
}

/**
 * ISO Express sends its HTML site with status 200 for a report file it does not have (yet): that is
 * "not this file" (NOT_PUBLISHED), so a final file falls back to the preliminary one.
 */
function expressGet(get: HttpGet): HttpGet {
  return async (request) => {
    const answer = await get(request);
    if (!isHtmlPage(answer)) return answer;
    const file = new URL(request.url).pathname.split('/').pop();
    throw new GridError(
      'NOT_PUBLISHED',
      `ISO Express answered ${file} with an HTML page instead of the CSV: that file is not published for the day (yet). Try again later, or import the file if you have it.`,
    );
  };
}

const isJson = (file: FileSample, container: string) => /^\s*\{/.test(file.head) && file.head.includes(`"${container}"`);
const isExpress = (file: FileSample, title: RegExp) =>
  /^"C",/.test(file.head) && /"H","Date","Hour Ending"/.test(file.head) && title.test(firstLine(file.head));

export const wsDayAheadHourly = webServicesReport('DA', 'hourly', {
  id: 'isone.ws_da_hourly',
  description: 'Day-ahead hourly LMPs from the ISO-NE web services (hourlylmp/da/final), per location',
  request: (ctx) => hourlyLmpRequest('da', 'final', ctx),
  // Day-ahead and real-time hourly JSON look the same; an imported HourlyLmps file is read as day-ahead
  // unless `--report isone.ws_rt_hourly` says otherwise.
  detect: (file) => isJson(file, 'HourlyLmps'),
});

export const wsRealTimeHourly = webServicesReport('RTH', 'hourly', {
  id: 'isone.ws_rt_hourly',
  description: 'Real-time hourly LMPs from the ISO-NE web services (final, else preliminary), per location',
  fetch: (ctx, get) =>
    finalElsePrelim(
      get,
      (s) => hourlyLmpRequest('rt', s, ctx),
      (body) => webServicesIsEmpty(body, 'hourly'),
    ),
});

export const wsRealTimeFiveMinute = webServicesReport('RT5', 'fiveMinute', {
  id: 'isone.ws_rt_5min',
  description: 'Real-time five-minute LMPs from the ISO-NE web services (fiveminutelmp), per location',
  request: fiveMinuteLmpRequest,
  detect: (file) => isJson(file, 'FiveMinLmps'),
});

export const expressDayAheadHourly = expressReport('DA', {
  id: 'isone.express_da_hourly',
  description: 'ISO Express Day-Ahead Energy Market Hourly LMP Report (WW_DALMP_ISO CSV), all locations, no key',
  request: expressDayAheadRequest,
  fetch: async (ctx, get) => [(await expressGet(get)(expressDayAheadRequest(ctx))).body],
  detect: (file) => isExpress(file, /Day-Ahead/i),
});

export const expressRealTimeHourly = expressReport('RTH', {
  id: 'isone.express_rt_hourly',
  description: 'ISO Express Real-Time hourly LMP report (lmp_rt_final CSV, else lmp_rt_prelim), all locations, no key',
  fetch: (ctx, get) =>
    finalElsePrelim(
      expressGet(get),
      (s) => expressRealTimeRequest(s, ctx),
      () => false,
    ),
  detect: (file) => isExpress(file, /Real-Time/i),
});

/** System load and the fuel mix of one day from the keyed web services: the whole system in one answer. */
function wsSystemReport(
  report: Pick<Report, 'id' | 'description' | 'runs' | 'products' | 'request' | 'parse' | 'detect' | 'provisional'>,
): Report {
  return { keys: KEYS, scope: 'market', ...report };
}

export const wsHourlySystemLoad = wsSystemReport({
  id: 'isone.ws_hourly_sysload',
  description: 'Actual hourly system load, NEPOOL AREA, from the ISO-NE web services (hourlysysload)',
  runs: ['RTH'],
  products: [LOAD_PRODUCT],
  request: hourlySystemLoadRequest,
  parse: parseHourlySystemLoad,
  detect: (file) => isContainerJson(file, 'HourlySystemLoads'),
});

export const wsHourlyLoadForecast = wsSystemReport({
  id: 'isone.ws_hourly_load_forecast',
  description: 'Hourly system load forecast, every issue of the day, from the ISO-NE web services (hourlyloadforecast/all)',
  runs: ['FORECAST'],
  products: [LOAD_PRODUCT],
  provisional: true,
  request: hourlyLoadForecastRequest,
  parse: parseHourlyLoadForecast,
  detect: (file) => isContainerJson(file, 'HourlyLoadForecasts'),
});

export const wsGenFuelMix = wsSystemReport({
  id: 'isone.ws_genfuelmix',
  description: 'Generation by fuel from the ISO-NE web services (genfuelmix), its readings averaged over five-minute intervals',
  runs: ['ACTUAL'],
  products: productsOf(isoneMarket, GEN_PREFIX),
  request: genFuelMixRequest,
  parse: parseGenFuelMix,
  detect: (file) => isContainerJson(file, 'GenFuelMixes'),
});

/** Keyless: the chart feed behind ISO Express's system-load graph, asked with a form POST for a day and the next. */
export const wsclientSystemLoad: Report = {
  id: 'isone.express_systemload',
  description:
    'ISO Express system-load chart (wsclient, no key): five-minute actual load, the hourly forecast by issue, the day-ahead cleared load; NEPOOL AREA',
  runs: ['ACTUAL', 'FORECAST', 'DA'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  provisional: true,
  request: wsclientSystemLoadRequest,
  parse: parseWsclientSystemLoad,
  detect: isWsclientSystemLoad,
};

/**
 * Keyed web services first: the read path uses the first report whose keys are all set. The price
 * reports keep their order; the fundamentals come after them, keyed before keyless.
 */
export const isoneReports: Report[] = [
  wsDayAheadHourly,
  wsRealTimeHourly,
  wsRealTimeFiveMinute,
  expressDayAheadHourly,
  expressRealTimeHourly,
  wsHourlySystemLoad,
  wsHourlyLoadForecast,
  wsGenFuelMix,
  wsclientSystemLoad,
];
