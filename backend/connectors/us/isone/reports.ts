import { GridError } from '../../../domain';
import type { HttpGet, HttpRequest } from '../../../http/types';
import type { FileSample, Report, RequestContext } from '../../types';
import { ISONE_PASSWORD_ENV, ISONE_USERNAME_ENV } from './market';
import { parseIsoExpress, parseWebServices, webServicesIsEmpty } from './parse';
import { expressDayAheadRequest, expressRealTimeRequest, fiveMinuteLmpRequest, hourlyLmpRequest, type Settlement } from './requests';

const PRODUCTS = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS'];
const KEYS = [ISONE_USERNAME_ENV, ISONE_PASSWORD_ENV];

/**
 * Real-time hourly prices are final after a few days; until then only the preliminary ones exist.
 * Ask for the final and fall back to the preliminary when the final is missing (404) or empty.
 */
async function finalElsePrelim(get: HttpGet, request: (s: Settlement) => HttpRequest, isEmpty: (body: Buffer) => boolean): Promise<Buffer[]> {
  try {
    const final = await get(request('final'));
    if (!isEmpty(final.body)) return [final.body];
  } catch (e) {
    if (!(e instanceof GridError && e.code === 'NOT_PUBLISHED')) throw e;
  }
  return [(await get(request('prelim'))).body];
}

const isJson = (file: FileSample, container: string) => /^\s*\{/.test(file.head) && file.head.includes(`"${container}"`);
const isExpress = (file: FileSample, title: RegExp) =>
  /^"C",/.test(file.head) && /"H","Date","Hour Ending"/.test(file.head) && title.test(file.head.split(/\r?\n/, 1)[0]);

export const wsDayAheadHourly: Report = {
  id: 'isone.ws_da_hourly',
  description: 'Day-ahead hourly LMPs from the ISO-NE web services (hourlylmp/da/final), per location',
  runs: ['DA'],
  products: PRODUCTS,
  keys: KEYS,
  scope: 'location',
  request: (ctx) => hourlyLmpRequest('da', 'final', ctx),
  parse: (body, ctx) => parseWebServices(body, ctx.source, 'DA', 'hourly'),
  // Day-ahead and real-time hourly JSON look the same; an imported HourlyLmps file is read as day-ahead
  // unless `--report isone.ws_rt_hourly` says otherwise.
  detect: (file) => isJson(file, 'HourlyLmps'),
};

export const wsRealTimeHourly: Report = {
  id: 'isone.ws_rt_hourly',
  description: 'Real-time hourly LMPs from the ISO-NE web services (final, else preliminary), per location',
  runs: ['RTH'],
  products: PRODUCTS,
  keys: KEYS,
  scope: 'location',
  fetch: (ctx: RequestContext, get: HttpGet) =>
    finalElsePrelim(get, (s) => hourlyLmpRequest('rt', s, ctx), (body) => webServicesIsEmpty(body, 'hourly')),
  parse: (body, ctx) => parseWebServices(body, ctx.source, 'RTH', 'hourly'),
};

export const wsRealTimeFiveMinute: Report = {
  id: 'isone.ws_rt_5min',
  description: 'Real-time five-minute LMPs from the ISO-NE web services (fiveminutelmp), per location',
  runs: ['RT5'],
  products: PRODUCTS,
  keys: KEYS,
  scope: 'location',
  request: fiveMinuteLmpRequest,
  parse: (body, ctx) => parseWebServices(body, ctx.source, 'RT5', 'fiveMinute'),
  detect: (file) => isJson(file, 'FiveMinLmps'),
};

export const expressDayAheadHourly: Report = {
  id: 'isone.express_da_hourly',
  description: 'ISO Express Day-Ahead Energy Market Hourly LMP Report (WW_DALMP_ISO CSV), all locations, no key',
  runs: ['DA'],
  products: PRODUCTS,
  scope: 'market',
  request: expressDayAheadRequest,
  parse: (body, ctx) => parseIsoExpress(body, ctx.source, 'DA'),
  detect: (file) => isExpress(file, /Day-Ahead/i),
};

export const expressRealTimeHourly: Report = {
  id: 'isone.express_rt_hourly',
  description: 'ISO Express Real-Time hourly LMP report (lmp_rt_final CSV, else lmp_rt_prelim), all locations, no key',
  runs: ['RTH'],
  products: PRODUCTS,
  scope: 'market',
  fetch: (ctx, get) => finalElsePrelim(get, (s) => expressRealTimeRequest(s, ctx), () => false),
  parse: (body, ctx) => parseIsoExpress(body, ctx.source, 'RTH'),
  detect: (file) => isExpress(file, /Real-Time/i),
};

/** Keyed web services first: the read path uses the first report whose keys are all set. */
export const isoneReports: Report[] = [wsDayAheadHourly, wsRealTimeHourly, wsRealTimeFiveMinute, expressDayAheadHourly, expressRealTimeHourly];
