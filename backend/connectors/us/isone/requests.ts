import { GridError, type LocationInfo } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { compactDay } from '../../shared/dates';
import { numericAlias, requiredLocation } from '../../shared/locations';
import { ISONE_EXPRESS_HOST, ISONE_PASSWORD_ENV, ISONE_USERNAME_ENV, ISONE_WS_HOST } from './market';

const WS_BASE = `https://${ISONE_WS_HOST}/api/v1.1`;
const EXPRESS_BASE = `https://${ISONE_EXPRESS_HOST}/static-transform/csv/histRpts`;

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
