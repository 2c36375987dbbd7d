import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import { addDays } from '../../../time/clock';
import type { RequestContext } from '../../types';
import { firstAndLastDay, periodBounds } from '../../shared/period';
import { requiredLocation } from '../../shared/locations';
import { ENERGY_CHARTS_HOST, ENTSOE_API_KEY_ENV, ENTSOE_HOST, EPEX_CLOCK, eicOf, energyChartsZoneOf } from './market';

/** ENTSO-E A44 (day-ahead prices) for one zone over the period's market days, UTC `yyyyMMddHHmm` bounds. */
export function entsoeA44Request(ctx: RequestContext): HttpRequest {
  const zone = requireZone(ctx);
  const eic = eicOf(zone);
  if (!eic) throw new GridError('UNKNOWN_LOCATION', `ENTSO-E has no bidding zone "${zone}".`);
  const { start, end } = periodBounds(ctx.period, EPEX_CLOCK);
  const params = new URLSearchParams({
    securityToken: ctx.keys[ENTSOE_API_KEY_ENV] ?? '',
    documentType: 'A44',
    in_Domain: eic,
    out_Domain: eic,
    periodStart: utcStamp(start),
    periodEnd: utcStamp(end),
  });
  // ENTSO-E answers a query it cannot serve (no data yet, a bad parameter) with a 400 whose body
  // is an acknowledgement document saying why: the parser reads it.
  return { url: `https://${ENTSOE_HOST}/api?${params}`, secrets: ['securityToken'], answersIn: [400] };
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

function requireZone(ctx: RequestContext): string {
  return requiredLocation(ctx, 'EPEX day-ahead prices', 'DE-LU').name;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
