import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import { addDays } from '../../../time/clock';
import type { RequestContext } from '../../types';
import { firstAndLastDay } from '../../shared/period';
import { requiredLocation } from '../../shared/locations';
import { entsoeA44IntradayRequest as entsoeA44IntradayZoneRequest, entsoeA44Request as entsoeA44ZoneRequest } from '../entsoe-request';
import { ENTSOE_API_KEY_ENV } from '../entsoe-zones';
import { ENERGY_CHARTS_HOST, energyChartsZoneOf } from './market';

/** ENTSO-E A44 (day-ahead prices) for one zone over the period's market days, UTC `yyyyMMddHHmm` bounds. */
export function entsoeA44Request(ctx: RequestContext): HttpRequest {
  return entsoeA44ZoneRequest(ctx, requireZone(ctx));
}

/** ENTSO-E A44 intraday auction prices (contract A07) for one zone over the period's market days. */
export function entsoeA44IntradayRequest(ctx: RequestContext): HttpRequest {
  return entsoeA44IntradayZoneRequest(ctx, requireZone(ctx));
}

/**
 * Energy-Charts /price for one zone. It cuts date-only bounds in the zone's own local time (EET zones
 * are an hour ahead of CET), so the request asks a day either side and the parser keeps the period.
 */
export function energyChartsRequest(ctx: RequestContext): HttpRequest {
  const zone = requireZone(ctx);
  const bzn = energyChartsZoneOf(zone);
  if (!bzn) {
    throw new GridError(
      'MISSING_KEY',
      `Energy-Charts has no day-ahead prices for ${zone}; set ${ENTSOE_API_KEY_ENV} to fetch them from ENTSO-E.`,
    );
  }
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({ bzn, start: addDays(first, -1), end: addDays(last, 1) });
  return { url: `https://${ENERGY_CHARTS_HOST}/price?${params}` };
}

/** The bidding zone asked for, by its canonical name. */
export function requireZone(ctx: RequestContext): string {
  return requiredLocation(ctx, 'EPEX (ENTSO-E) data', 'DE-LU').name;
}
