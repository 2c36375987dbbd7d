import { GridError, type LocationInfo } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { addDays } from '../../../time/clock';
import { compactDay } from '../../shared/dates';
import { numericAlias, requiredLocation } from '../../shared/locations';
import { ISONE_EXPRESS_HOST, ISONE_PASSWORD_ENV, ISONE_USERNAME_ENV, ISONE_WS_HOST } from './market';

const WS_BASE = `https://${ISONE_WS_HOST}/api/v1.1`;
const EXPRESS_BASE = `https://${ISONE_EXPRESS_HOST}/static-transform/csv/histRpts`;
/** The ISO Express charts' data endpoint (no login), asked by form fields. */
export const WSCLIENT_URL = `https://${ISONE_EXPRESS_HOST}/ws/wsclient`;

export type Settlement = 'final' | 'prelim';

/** The numeric web-services location id of a location (its LocId alias). */
function locationIdOf(location: LocationInfo): string {
  const id = numericAlias(location);
  if (!id) {
    throw new GridError(
      'UNKNOWN_LOCATION',
      `ISO-NE location ${location.name} has no numeric location id; the web services API is asked by id (e.g. 4000 for .H.INTERNAL_HUB).`,
    );
  }
  return id;
}

function firstDay(ctx: RequestContext): string {
  return ctx.period.days[0];
}

/** A web-services GET with HTTP basic auth; the Authorization header is a secret. */
function webServices(path: string, ctx: RequestContext): HttpRequest {
  const user = ctx.keys[ISONE_USERNAME_ENV];
  const password = ctx.keys[ISONE_PASSWORD_ENV];
  if (!user || !password) {
    throw new GridError(
      'MISSING_KEY',
      `The ISO-NE web services need ${ISONE_USERNAME_ENV} and ${ISONE_PASSWORD_ENV} (an ISO Express account); without them gridcell uses the ISO Express CSV files.`,
    );
  }
  return {
    url: `${WS_BASE}${path}.json`,
    headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    secrets: ['Authorization'],
  };
}

/** Hourly LMPs of one day: one location when asked for, else every location. */
export function hourlyLmpRequest(market: 'da' | 'rt', settlement: Settlement, ctx: RequestContext): HttpRequest {
  const id = ctx.location && locationIdOf(ctx.location);
  return webServices(`/hourlylmp/${market}/${settlement}/day/${compactDay(firstDay(ctx))}${id ? `/location/${id}` : ''}`, ctx);
}

/** Five-minute LMPs of one day; the API serves a whole day only per location. */
export function fiveMinuteLmpRequest(ctx: RequestContext): HttpRequest {
  const id = locationIdOf(requiredLocation(ctx, 'ISO-NE five-minute prices', '.H.INTERNAL_HUB'));
  return webServices(`/fiveminutelmp/day/${compactDay(firstDay(ctx))}/location/${id}`, ctx);
}

export function expressDayAheadRequest(ctx: RequestContext): HttpRequest {
  return { url: `${EXPRESS_BASE}/da-lmp/WW_DALMP_ISO_${compactDay(firstDay(ctx))}.csv` };
}

export function expressRealTimeRequest(settlement: Settlement, ctx: RequestContext): HttpRequest {
  return { url: `${EXPRESS_BASE}/rt-lmp/lmp_rt_${settlement}_${compactDay(firstDay(ctx))}.csv` };
}

/** Actual hourly system load of one day (NEPOOL AREA). */
export function hourlySystemLoadRequest(ctx: RequestContext): HttpRequest {
  return webServices(`/hourlysysload/day/${compactDay(firstDay(ctx))}`, ctx);
}

/** Every hourly load forecast issued for one day (`all`: each issue, by CreationDate). */
export function hourlyLoadForecastRequest(ctx: RequestContext): HttpRequest {
  return webServices(`/hourlyloadforecast/all/day/${compactDay(firstDay(ctx))}`, ctx);
}

/** Generation by fuel of one day, as the readings were taken. */
export function genFuelMixRequest(ctx: RequestContext): HttpRequest {
  return webServices(`/genfuelmix/day/${compactDay(firstDay(ctx))}`, ctx);
}

/** `MM/DD/YYYY`, as the ISO Express forms take a date. */
function formDate(day: string): string {
  const [year, month, d] = day.split('-');
  return `${month}/${d}/${year}`;
}

/**
 * The system-load chart of ISO Express for a day and the next (actual five-minute load, the hourly
 * forecast, the day-ahead cleared load): a form POST. The page's own `_nstmp_formDate` field is a
 * cache-buster (the time of the click) and is not sent, so that the request is the same each time.
 */
export function wsclientSystemLoadRequest(ctx: RequestContext): HttpRequest {
  const day = firstDay(ctx);
  const form = new URLSearchParams({
    _nstmp_startDate: formDate(day),
    _nstmp_endDate: formDate(addDays(day, 1)),
    _nstmp_twodays: 'false',
    _nstmp_showtwodays: 'false',
    _nstmp_requestType: 'systemload',
  });
  return {
    method: 'POST',
    url: WSCLIENT_URL,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
  };
}
