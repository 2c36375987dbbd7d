import { GridError } from '../../domain';
import type { HttpRequest } from '../../http/types';
import type { RequestContext, RequestLimits } from '../types';
import { periodBounds } from '../shared/period';
import { ENTSOE_API_KEY_ENV, ENTSOE_CLOCK, ENTSOE_HOST, eicOf } from './entsoe-zones';

/**
 * ENTSO-E answers at most one year per query (a calendar year fits) for one bidding zone; a
 * longer range is split at the year.
 */
export const ENTSOE_LIMITS: RequestLimits = { maxDays: 366, within: 'year' };

/**
 * ENTSO-E A44 (day-ahead prices) for one bidding zone, named as in `entsoe-zones.ts`, over the
 * period's CET market days: the zone's EIC code as both domains, UTC `yyyyMMddHHmm` bounds, the
 * token from ENTSOE_API_KEY marked secret.
 */
export function entsoeA44Request(ctx: RequestContext, zone: string): HttpRequest {
  const eic = eicOf(zone);
  if (!eic) throw new GridError('UNKNOWN_LOCATION', `ENTSO-E has no bidding zone "${zone}".`);
  const { start, end } = periodBounds(ctx.period, ENTSOE_CLOCK);
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

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
