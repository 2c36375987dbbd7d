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
  const eic = zoneEic(zone);
  return entsoeRequest(ctx, { documentType: 'A44', in_Domain: eic, out_Domain: eic });
}

/**
 * ENTSO-E A44 intraday auction prices (IDA1-3) for one bidding zone: the day-ahead query narrowed to
 * `contract_MarketAgreement.type` A07 (intraday), as the RESTful API guide lists the parameter.
 */
export function entsoeA44IntradayRequest(ctx: RequestContext, zone: string): HttpRequest {
  const eic = zoneEic(zone);
  return entsoeRequest(ctx, { documentType: 'A44', in_Domain: eic, out_Domain: eic, 'contract_MarketAgreement.type': 'A07' });
}

/**
 * ENTSO-E A65 total load of one bidding zone (`outBiddingZone_Domain`): process type A16 is the
 * realised load, A01 the day-ahead forecast.
 */
export function entsoeLoadRequest(ctx: RequestContext, zone: string, processType: 'A16' | 'A01'): HttpRequest {
  return entsoeRequest(ctx, { documentType: 'A65', processType, outBiddingZone_Domain: zoneEic(zone) });
}

/** ENTSO-E A75 actual generation per production type (process A16) of one bidding zone (`in_Domain`). */
export function entsoeGenerationRequest(ctx: RequestContext, zone: string): HttpRequest {
  return entsoeRequest(ctx, { documentType: 'A75', processType: 'A16', in_Domain: zoneEic(zone) });
}

/** A query of the RESTful API over the period's CET market days, UTC `yyyyMMddHHmm` bounds, the token marked secret. */
function entsoeRequest(ctx: RequestContext, query: Record<string, string>): HttpRequest {
  const { start, end } = periodBounds(ctx.period, ENTSOE_CLOCK);
  const params = new URLSearchParams({
    securityToken: ctx.keys[ENTSOE_API_KEY_ENV] ?? '',
    ...query,
    periodStart: utcStamp(start),
    periodEnd: utcStamp(end),
  });
  // ENTSO-E answers a query it cannot serve (no data yet, a bad parameter) with a 400 whose body
  // is an acknowledgement document saying why: the parser reads it.
  return { url: `https://${ENTSOE_HOST}/api?${params}`, secrets: ['securityToken'], answersIn: [400] };
}

function zoneEic(zone: string): string {
  const eic = eicOf(zone);
  if (!eic) throw new GridError('UNKNOWN_LOCATION', `ENTSO-E has no bidding zone "${zone}".`);
  return eic;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
