import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import { addDays, dayBounds } from '../../../time/clock';
import type { RequestContext } from '../../types';
import { ENERGY_CHARTS_HOST, ENTSOE_API_KEY_ENV, ENTSOE_HOST, EPEX_CLOCK, eicOf, energyChartsZoneOf } from './market';

/** ENTSO-E A44 (day-ahead prices) for one zone over the period's market days, UTC `yyyyMMddHHmm` bounds. */
export function entsoeA44Request(ctx: RequestContext): HttpRequest {
  const zone = requireZone(ctx);
  const eic = eicOf(zone);
  if (!eic) throw new GridError('UNKNOWN_LOCATION', `ENTSO-E has no bidding zone "${zone}".`);
  const { start, end } = periodBounds(ctx);
  const params = new URLSearchParams({
    securityToken: ctx.keys[ENTSOE_API_KEY_ENV] ?? '',
    documentType: 'A44',
    in_Domain: eic,
    out_Domain: eic,
    periodStart: utcStamp(start),
    periodEnd: utcStamp(end),
  });
  return { url: `https://${ENTSOE_HOST}/api?${params}`, secrets: ['securityToken'] };
}

/**
 * Energy-Charts /price for one zone. It cuts date-only bounds in the zone's own local time (EET zones
 * are an hour ahead of CET), so the request asks a day either side and the parser keeps the period.
 */
export function energyChartsRequest(ctx: RequestContext): HttpRequest {
  const zone = requireZone(ctx);
  const bzn = energyChartsZoneOf(zone);
  if (!bzn) {
    throw new GridError('MISSING_KEY', `Energy-Charts has no day-ahead prices for ${zone}; set ${ENTSOE_API_KEY_ENV} to fetch them from ENTSO-E.`);
  }
  const days = ctx.period.days;
  const params = new URLSearchParams({ bzn, start: addDays(days[0], -1), end: addDays(days[days.length - 1], 1) });
  return { url: `https://${ENERGY_CHARTS_HOST}/price?${params}` };
}

/** UTC bounds of the period's market days on the EPEX clock. */
export function periodBounds(ctx: RequestContext): { start: number; end: number } {
  const days = ctx.period.days;
  return { start: dayBounds(days[0], EPEX_CLOCK).start, end: dayBounds(days[days.length - 1], EPEX_CLOCK).end };
}

function requireZone(ctx: RequestContext): string {
  if (!ctx.location) throw new GridError('BAD_REQUEST', 'EPEX prices are fetched per bidding zone; name one (e.g. DE-LU).');
  return ctx.location.name;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
