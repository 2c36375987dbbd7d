import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { IESO_HOST } from './market';

const BASE = `https://${IESO_HOST}/public`;

function compactDay(ctx: RequestContext): string {
  return ctx.period.days[0].replace(/-/g, '');
}

export function dayAheadZonalRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_${compactDay(ctx)}.xml` };
}

/** The real-time zonal price is published one file per delivery hour (hour ending 01..24). */
export function realTimeZonalRequest(ctx: RequestContext, hourEnding: number): HttpRequest {
  return { url: `${BASE}/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_${compactDay(ctx)}${String(hourEnding).padStart(2, '0')}.xml` };
}

export function dayAheadIntertieRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DAHourlyIntertieLMP/PUB_DAHourlyIntertieLMP_${compactDay(ctx)}.xml` };
}

/** The yearly HOEP file; the period key is the year. */
export function hoepYearRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_${ctx.period.key}.csv` };
}

/** The daily HOEP file (until Market Renewal); the CSV twin of `PUB_DispUnconsHOEP_YYYYMMDD.xml`. */
export function hoepDayRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DispUnconsHOEP/PUB_DispUnconsHOEP_${compactDay(ctx)}.csv` };
}
