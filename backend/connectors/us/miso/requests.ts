import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { compactDay } from '../../shared/dates';
import { MISO_API_HOST, MISO_REPORTS_HOST } from './market';

/** The daily market report files, `<YYYYMMDD>_<name>.csv`. */
export type MarketReportName = 'da_expost_lmp' | 'da_exante_lmp' | 'rt_lmp_final' | 'rt_lmp_prelim';

/** `https://docs.misoenergy.org/marketreports/20250701_da_expost_lmp.csv` for the period's market day. */
export function marketReportRequest(name: MarketReportName, ctx: RequestContext): HttpRequest {
  return { url: `https://${MISO_REPORTS_HOST}/marketreports/${compactDay(ctx.period.days[0])}_${name}.csv` };
}

/** The latest five-minute ex-post interval; the endpoint takes no date. */
export function fiveMinExPostCurrentRequest(): HttpRequest {
  return { url: `https://${MISO_API_HOST}/api/MarketPricing/GetRealTimeFiveMinExPost/Current` };
}
