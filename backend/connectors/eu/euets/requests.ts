import { daysBetween, parseDay } from '../../../time/clock';
import type { HttpRequest } from '../../../http/types';
import type { Period, RequestContext } from '../../types';

const REPORT_BASE = 'https://public.eex-group.com/eex/eua-auction-report';

/**
 * The calendar year holding a day, as a download period (key `YYYY`).
 * Shared by the yearly EEX file, the EIA requests and the ECB history (the lead may move it to backend/time).
 */
export function calendarYearPeriod(day: string): Period {
  const { year } = parseDay(day);
  return { key: String(year), days: daysBetween(`${year}-01-01`, `${year}-12-31`) };
}

/** EEX rebuilds the current year's file after every auction; one file per calendar year. */
export function auctionReportUrl(year: string): string {
  return `${REPORT_BASE}/emission-spot-primary-market-auction-report-${year}-data.xlsx`;
}

export function auctionReportRequest(ctx: RequestContext): HttpRequest {
  return { url: auctionReportUrl(ctx.period.key), maxBytes: 32 * 1024 * 1024 };
}
