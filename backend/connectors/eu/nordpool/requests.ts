import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { requiredLocation } from '../../shared/locations';
import { entsoeA44Request as entsoeA44ZoneRequest } from '../entsoe-request';
import { sdacMtuMinutes } from '../sdac';
import { ENTSOE_AREAS, NORDPOOL_CURRENCIES, NORDPOOL_HOST } from './market';

const API = `https://${NORDPOOL_HOST}/api`;

/**
 * DayAheadPrices for one market day (`multiAreaEntries`, at the day's MTU) and the areas asked,
 * comma-separated in `deliveryArea` as the portal's own pages ask for them (`SE3,SE4`).
 */
export function dayAheadPricesRequest(ctx: RequestContext): HttpRequest {
  const params = new URLSearchParams({ date: dayOf(ctx), market: 'DayAhead', deliveryArea: areasOf(ctx), currency: currencyOf(ctx) });
  return { url: `${API}/DayAheadPrices?${params}` };
}

/**
 * DayAheadPriceIndices for one market day and the areas asked (comma-separated `indexNames`), asked
 * at the day's MTU: 15-minute indices of an hourly day only repeat the hourly price.
 */
export function dayAheadPriceIndicesRequest(ctx: RequestContext): HttpRequest {
  const day = dayOf(ctx);
  const params = new URLSearchParams({
    date: day,
    market: 'DayAhead',
    indexNames: areasOf(ctx),
    currency: currencyOf(ctx),
    resolutionInMinutes: String(sdacMtuMinutes(day)),
  });
  return { url: `${API}/DayAheadPriceIndices?${params}` };
}

/** The currency asked for when Nord Pool serves it; otherwise EUR (the read path converts). */
function currencyOf(ctx: RequestContext): string {
  const asked = ctx.currency?.toUpperCase();
  return asked && NORDPOOL_CURRENCIES.includes(asked) ? asked : 'EUR';
}

/** The delivery area asked for, by Nord Pool's code. */
export function areaOf(ctx: RequestContext): string {
  return requiredLocation(ctx, 'Nord Pool day-ahead prices', 'SE3').name;
}

/** The areas of the request, comma-separated; one area alone is written as before (`SE3`). */
function areasOf(ctx: RequestContext): string {
  return ctx.locations?.length ? ctx.locations.map((l) => l.name).join(',') : areaOf(ctx);
}

function dayOf(ctx: RequestContext): string {
  if (ctx.period.days.length !== 1) throw new GridError('INTERNAL', `Nord Pool serves one market day per request, not ${ctx.period.key}.`);
  return ctx.period.days[0];
}

/** ENTSO-E A44 (day-ahead prices) for one Nordic or Baltic area and market day, by its EIC code, UTC `yyyyMMddHHmm` bounds. */
export function entsoeA44Request(ctx: RequestContext): HttpRequest {
  const area = areaOf(ctx);
  if (!ENTSOE_AREAS.has(area)) throw new GridError('NO_DATA', `ENTSO-E is asked only for the Nordic and Baltic areas, not ${area}.`);
  return entsoeA44ZoneRequest(ctx, area);
}
