import type { HttpRequest } from '../../../http/types';
import type { RequestContext, RequestLimits } from '../../types';
import { periodBounds } from '../../shared/period';
import { requiredLocation } from '../../shared/locations';
import { caisoMarket, OASIS_HOST } from './market';

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
  const { start, end } = periodBounds(ctx.period, caisoMarket.clock);
  const params = [
    ['queryname', query.queryname],
    ['market_run_id', query.marketRunId],
    ['version', String(query.version)],
    ['resultformat', '6'],
    ['startdatetime', oasisTime(start)],
    ['enddatetime', oasisTime(end)],
    ['node', nodes.map((node) => encodeURIComponent(node.name)).join(',')],
  ];
  return { url: `https://${OASIS_HOST}/oasisapi/SingleZip?${params.map(([k, v]) => `${k}=${v}`).join('&')}` };
}
