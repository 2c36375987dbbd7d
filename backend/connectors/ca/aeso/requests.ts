import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { firstAndLastDay } from '../../shared/period';
import { AESO_API_HOST, AESO_API_KEY_ENV, AESO_ETS_HOST } from './market';

/** `2022-03-13` -> `03132022`, the ETS servlet's date format. */
function etsDate(day: string): string {
  return `${day.slice(5, 7)}${day.slice(8, 10)}${day.slice(0, 4)}`;
}

/**
 * An AESO API request for the period's days (end inclusive) at `path`, the key in its header;
 * `missingKey` is the error's text when the key is not set.
 */
function apiRequest(ctx: RequestContext, path: string, missingKey: string): HttpRequest {
  const key = ctx.keys[AESO_API_KEY_ENV];
  if (!key) throw new GridError('MISSING_KEY', missingKey);
  const [start, end] = firstAndLastDay(ctx.period);
  return {
    url: `https://${AESO_API_HOST}/public/${path}?startDate=${start}&endDate=${end}`,
    headers: { 'API-KEY': key },
    secrets: ['API-KEY'],
  };
}

export function poolPriceApiRequest(ctx: RequestContext): HttpRequest {
  return apiRequest(
    ctx,
    'poolprice-api/v1.1/price/poolPrice',
    `The AESO API needs ${AESO_API_KEY_ENV}; without it gridcell uses the ETS CSV report.`,
  );
}

export function historicalPoolPriceCsvRequest(ctx: RequestContext): HttpRequest {
  const [start, end] = firstAndLastDay(ctx.period);
  return {
    url: `https://${AESO_ETS_HOST}/ets_web/ip/Market/Reports/HistoricalPoolPriceReportServlet?beginDate=${etsDate(start)}&endDate=${etsDate(end)}&contentType=csv`,
  };
}

/** ETS Current Supply Demand report as CSV: the live snapshot (no date parameter). */
export function currentSupplyDemandRequest(): HttpRequest {
  return { url: `https://${AESO_ETS_HOST}/ets_web/ip/Market/Reports/CSDReportServlet?contentType=csv` };
}

/** Actual/forecast API: hourly Alberta internal load and its forecast for a date range (end inclusive). */
export function actualForecastApiRequest(ctx: RequestContext): HttpRequest {
  return apiRequest(ctx, 'actualforecast-api/v1/load/albertaInternalLoad', `The AESO actual/forecast API needs ${AESO_API_KEY_ENV}.`);
}
