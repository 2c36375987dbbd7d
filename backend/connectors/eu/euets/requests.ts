import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';

const REPORT_BASE = 'https://public.eex-group.com/eex/eua-auction-report';

/** EEX rebuilds the current year's file after every auction; one file per calendar year. */
export function auctionReportUrl(year: string): string {
  return `${REPORT_BASE}/emission-spot-primary-market-auction-report-${year}-data.xlsx`;
}

export function auctionReportRequest(ctx: RequestContext): HttpRequest {
  return { url: auctionReportUrl(ctx.period.key), maxBytes: 32 * 1024 * 1024 };
}
