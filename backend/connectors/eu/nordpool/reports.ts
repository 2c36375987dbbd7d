import { GridError } from '../../../domain';
import type { HttpGet, HttpRequest } from '../../../http/types';
import type { Report, RequestContext, RequestLimits } from '../../types';
import { entsoeFundamentalReports } from '../entsoe-reports';
import { ENTSOE_API_KEY_ENV } from '../entsoe-zones';
import { ENTSOE_LIMITS } from '../entsoe-request';
import { ENTSOE_AREAS, PORTAL_WINDOW } from './market';
import { parseDayAheadPriceIndices, parseDayAheadPrices, parseEntsoeA44 } from './parse';
import { areaOf, dayAheadPriceIndicesRequest, dayAheadPricesRequest, entsoeA44Request } from './requests';

/**
 * One Data Portal request. Its 401 is not a key gridcell lacks: the portal serves only the last
 * ~3 months without a Nord Pool login. That is "not published here" (NOT_PUBLISHED), so the read
 * path goes on to the next report (ENTSO-E for the Nordic and Baltic areas, when its key is set).
 */
async function portalFetch(request: HttpRequest, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const answer = await get({ ...request, answersIn: [401] });
  if (answer.status === 401) throw loginNeeded(ctx);
  return [answer.body];
}

function loginNeeded(ctx: RequestContext): GridError {
  const areas = (ctx.locations ?? (ctx.location ? [ctx.location] : [])).map((l) => l.name);
  const area = areas.length ? areas.join(', ') : 'that area';
  const day = ctx.period.days[0] ?? ctx.period.key;
  const instead =
    areas.length && areas.every((a) => ENTSOE_AREAS.has(a))
      ? `ENTSO-E publishes ${area}'s day-ahead prices: set ${ENTSOE_API_KEY_ENV} (a free ENTSO-E Transparency Platform token) and gridcell fetches such days from there.`
      : `gridcell has no other source for ${area}; import a Nord Pool file you have for that day.`;
  return new GridError('NOT_PUBLISHED', `${PORTAL_WINDOW}; it refused ${area} on ${day} (HTTP 401). ${instead}`);
}

/**
 * One market day per portal request (`date` takes one day), several delivery areas in it
 * (`deliveryArea=SE3,SE4`, as the portal's own pages and pynordpool ask; the recorded
 * DayAheadPrices_SE3-SE4 answer is one such request). Days older than about three months (92 days)
 * are not asked of the portal at all (it answers 401 without a login), so they go straight to ENTSO-E.
 */
export const PORTAL_LIMITS: RequestLimits = { maxDays: 1, maxLocations: 20, keepsDays: 92 };

export const dayAheadPrices: Report = {
  id: 'nordpool.day_ahead_prices',
  description: 'Nord Pool Data Portal DayAheadPrices, one market day per request for up to 20 delivery areas',
  runs: ['DA'],
  products: ['LMP'],
  scope: 'location',
  limits: PORTAL_LIMITS,
  request: dayAheadPricesRequest,
  fetch: (ctx, get) => portalFetch(dayAheadPricesRequest(ctx), ctx, get),
  parse: parseDayAheadPrices,
  detect: (file) => /"multiAreaEntries"\s*:/.test(file.head) && /"deliveryDateCET"\s*:/.test(file.head),
};

export const dayAheadPriceIndices: Report = {
  id: 'nordpool.day_ahead_price_indices',
  description:
    'Nord Pool Data Portal DayAheadPriceIndices (the same area prices as indices), one market day per request for up to 20 areas',
  runs: ['DA'],
  products: ['LMP'],
  scope: 'location',
  limits: PORTAL_LIMITS,
  request: dayAheadPriceIndicesRequest,
  fetch: (ctx, get) => portalFetch(dayAheadPriceIndicesRequest(ctx), ctx, get),
  parse: parseDayAheadPriceIndices,
  detect: (file) => /"multiIndexEntries"\s*:/.test(file.head) && /"deliveryDateCET"\s*:/.test(file.head),
};

/**
 * The same SDAC area prices from ENTSO-E (document A44, EUR), for the Nordic and Baltic areas: used
 * when the Data Portal refuses a day (older than its ~3-month window). Not offered for import: EPEX
 * recognizes A44 files.
 */
export const entsoeDayAheadPrices: Report = {
  id: 'nordpool.entsoe_a44',
  description: `ENTSO-E day-ahead prices (A44) for SE1-4, NO1-5, DK1-2, FI, EE, LV, LT, where the Nord Pool Data Portal needs a login (days older than ~3 months)`,
  runs: ['DA'],
  products: ['LMP'],
  keys: [ENTSOE_API_KEY_ENV],
  scope: 'location',
  limits: ENTSOE_LIMITS,
  serves: (location) => ENTSOE_AREAS.has(location.name),
  request: entsoeA44Request,
  parse: parseEntsoeA44,
};

/**
 * ENTSO-E load (actual, day-ahead forecast) and generation per fuel of the Nordic and Baltic areas.
 * Not offered for import: EPEX recognizes ENTSO-E documents (and reads every zone's).
 */
export const [entsoeLoad, entsoeLoadForecast, entsoeGeneration] = entsoeFundamentalReports({
  market: 'nordpool',
  zoneOf: areaOf,
  zones: ENTSOE_AREAS,
  detect: false,
});
