import type { HttpRequest } from '../../../http/types';
import { pad } from '../../../time/clock';
import type { RequestContext } from '../../types';
import { compactDay } from '../../shared/dates';
import { IESO_HOST } from './market';

const BASE = `https://${IESO_HOST}/public`;

/** The period's day as IESO file names write it, `YYYYMMDD`. */
function fileDay(ctx: RequestContext): string {
  return compactDay(ctx.period.days[0]);
}

export function dayAheadZonalRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_${fileDay(ctx)}.xml` };
}

/** The real-time zonal price is published one file per delivery hour (hour ending 01..24). */
export function realTimeZonalRequest(ctx: RequestContext, hourEnding: number): HttpRequest {
  return { url: `${BASE}/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_${fileDay(ctx)}${pad(hourEnding)}.xml` };
}

export function dayAheadIntertieRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DAHourlyIntertieLMP/PUB_DAHourlyIntertieLMP_${fileDay(ctx)}.xml` };
}

/** The yearly HOEP file; the period key is the year. */
export function hoepYearRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_${ctx.period.key}.csv` };
}

/** The daily HOEP file (until Market Renewal); the CSV twin of `PUB_DispUnconsHOEP_YYYYMMDD.xml`. */
export function hoepDayRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/DispUnconsHOEP/PUB_DispUnconsHOEP_${fileDay(ctx)}.csv` };
}

/** The yearly Demand CSV (Market Demand and Ontario Demand by hour); the period key is the year. */
export function demandYearRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/Demand/PUB_Demand_${ctx.period.key}.csv` };
}

/** The yearly generator output by fuel (hourly); the period key is the year. */
export function genOutputByFuelRequest(ctx: RequestContext): HttpRequest {
  return { url: `${BASE}/GenOutputbyFuelHourly/PUB_GenOutputbyFuelHourly_${ctx.period.key}.xml` };
}

/**
 * The Adequacy report of a delivery day: `Adequacy2` until Market Renewal, `Adequacy3` after. The
 * file without a `_vNNN` suffix is the latest version of the day.
 */
export function adequacyRequest(docID: 'Adequacy2' | 'Adequacy3'): (ctx: RequestContext) => HttpRequest {
  return (ctx) => ({ url: `${BASE}/${docID}/PUB_${docID}_${fileDay(ctx)}.xml` });
}
