import { daysBetween, parseDay } from '../../../time/clock';
import type { HttpRequest } from '../../../http/types';
import type { Period } from '../../../domain';
import type { RequestContext } from '../../types';

const SPOT_PAGE = 'https://www.jepx.jp/electricpower/market-data/spot/';

/** JEPX's fiscal year starts on 1 April: 2025-03-31 is in FY2024. */
export function fiscalYearOf(day: string): number {
  const { year, month } = parseDay(day);
  return month >= 4 ? year : year - 1;
}

/** The fiscal year holding the day: one spot_summary file serves all of it. */
export function fiscalYearPeriod(day: string): Period {
  const fy = fiscalYearOf(day);
  return { key: `FY${fy}`, days: daysBetween(`${fy}-04-01`, `${fy + 1}-03-31`) };
}

/** The site's CSV endpoint answers only when the Referer is its own spot-market page. */
export function spotSummaryRequest(ctx: RequestContext): HttpRequest {
  const fy = fiscalYearOf(ctx.period.days[0]);
  return {
    url: `https://www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_${fy}.csv`,
    headers: { Referer: SPOT_PAGE },
  };
}
