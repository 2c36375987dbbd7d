import { GridError, type LocationInfo } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext, RequestLimits } from '../../types';
import { compactDay } from '../../shared/dates';
import { periodBounds } from '../../shared/period';
import { requiredLocation } from '../../shared/locations';
import { caisoMarket, OASIS_HOST, OUTLOOK_HOST } from './market';

/**
 * OASIS answers at most 31 market days per query and takes several nodes, comma-separated, in
 * one `node` parameter (gridstatus' caiso.py asks the same way).
 */
export const OASIS_LIMITS: RequestLimits = { maxDays: 31, maxLocations: 10 };

/** One OASIS SingleZip query: which report, which market run, which report version. */
export interface OasisQuery {
  queryname: string;
  marketRunId: string;
  version: number;
  /** Header of the price column in this query's CSV. */
  priceColumn: string;
}

export const PRC_LMP: OasisQuery = { queryname: 'PRC_LMP', marketRunId: 'DAM', version: 12, priceColumn: 'MW' };
export const PRC_RTPD_LMP: OasisQuery = { queryname: 'PRC_RTPD_LMP', marketRunId: 'RTPD', version: 3, priceColumn: 'PRC' };
export const PRC_INTVL_LMP: OasisQuery = { queryname: 'PRC_INTVL_LMP', marketRunId: 'RTM', version: 3, priceColumn: 'VALUE' };

/** `20230101T08:00-0000`: the GMT form OASIS takes for startdatetime/enddatetime. */
export function oasisTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 16)}-0000`;
}

/**
 * The SingleZip request for the nodes asked over the period's Pacific market days, in CSV
 * (resultformat=6). The window is given in GMT, so DST days ask for 23 or 25 hours.
 */
export function oasisRequest(query: OasisQuery, ctx: RequestContext): HttpRequest {
  const nodes = ctx.locations ?? [requiredLocation(ctx, `CAISO ${query.queryname}`, 'TH_SP15_GEN-APND')];
  return singleZipRequest(ctx, { ...query, nodes });
}

/**
 * A SingleZip URL: the query, its market run and version, CSV (resultformat=6), the period's
 * Pacific market days as a GMT window, then the nodes (comma-separated) or the query's own filters.
 */
function singleZipRequest(
  ctx: RequestContext,
  query: { queryname: string; marketRunId: string; version: number; nodes?: LocationInfo[]; filters?: [string, string][] },
): HttpRequest {
  const { start, end } = periodBounds(ctx.period, caisoMarket.clock);
  const params: [string, string][] = [
    ['queryname', query.queryname],
    ['market_run_id', query.marketRunId],
    ['version', String(query.version)],
    ['resultformat', '6'],
    ['startdatetime', oasisTime(start)],
    ['enddatetime', oasisTime(end)],
  ];
  if (query.nodes) params.push(['node', query.nodes.map((node) => encodeURIComponent(node.name)).join(',')]);
  params.push(...(query.filters ?? []));
  return { url: `https://${OASIS_HOST}/oasisapi/SingleZip?${params.map(([k, v]) => `${k}=${v}`).join('&')}` };
}

/** An OASIS query that answers every area or region at once (no `node`): SLD_FCST, PRC_AS, PRC_INTVL_AS. */
export interface OasisAreaQuery {
  queryname: string;
  version: number;
  /** The query's own filters, after the window (`anc_type=ALL`...). */
  filters?: [string, string][];
}

/** System load forecasts and actuals by TAC area (OASIS "System Demand" tab). */
export const SLD_FCST: OasisAreaQuery = { queryname: 'SLD_FCST', version: 1 };
/** Day-ahead (DAM) ancillary-service clearing prices, hourly, every AS type and region. */
export const PRC_AS: OasisAreaQuery = {
  queryname: 'PRC_AS',
  version: 12,
  filters: [
    ['anc_type', 'ALL'],
    ['anc_region', 'ALL'],
  ],
};
/** Real-time (RTM, fifteen-minute market) ancillary-service clearing prices, every AS type and region. */
export const PRC_INTVL_AS: OasisAreaQuery = { ...PRC_AS, queryname: 'PRC_INTVL_AS', version: 1 };

/** One window of OASIS days answers every area (31 days, as for PRC_LMP). */
export const OASIS_AREA_LIMITS: RequestLimits = { maxDays: 31 };

/** The SingleZip request of an area query for the period's Pacific market days, in CSV, window in GMT. */
export function oasisAreaRequest(query: OasisAreaQuery, marketRunId: string, ctx: RequestContext): HttpRequest {
  return singleZipRequest(ctx, { ...query, marketRunId });
}

/**
 * SLD_FCST's market run for the run asked: `ACTUAL` the hourly integrated actual load, `DAM` the
 * day-ahead forecast (stored as FORECAST). 2DA, 7DA and RTM are not asked (see the market's `unavailable`).
 */
const SLD_FCST_RUN: Record<string, string> = { ACTUAL: 'ACTUAL', FORECAST: 'DAM' };

export function sldFcstRequest(ctx: RequestContext): HttpRequest {
  const marketRunId = SLD_FCST_RUN[ctx.run];
  if (!marketRunId) throw new GridError('INTERNAL', `CAISO SLD_FCST serves runs ACTUAL and FORECAST, not ${ctx.run}.`);
  return oasisAreaRequest(SLD_FCST, marketRunId, ctx);
}

/** Today's Outlook history files, one CSV per Pacific day: `fuelsource` (fuel mix) and `netdemand` (demand). */
export type OutlookFile = 'fuelsource' | 'netdemand';

/** `https://www.caiso.com/outlook/history/YYYYMMDD/<file>.csv`: one market day per request. */
export function outlookRequest(file: OutlookFile, ctx: RequestContext): HttpRequest {
  if (ctx.period.days.length !== 1)
    throw new GridError('INTERNAL', `CAISO Today's Outlook serves one market day per file, not ${ctx.period.key}.`);
  return { url: `https://${OUTLOOK_HOST}/outlook/history/${compactDay(ctx.period.days[0])}/${file}.csv` };
}
