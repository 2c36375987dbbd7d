import { daysBetween, pad, parseDay } from '../../../time/clock';
import type { HttpRequest } from '../../../http/types';
import type { Period } from '../../../domain';
import type { RequestContext } from '../../types';
import { TOHOKU_HOST } from './market';

const SPOT_PAGE = 'https://www.jepx.jp/electricpower/market-data/spot/';
const INTRADAY_PAGE = 'https://www.jepx.jp/electricpower/market-data/intraday/';

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

/**
 * The intraday (時間前市場) file of the fiscal year, from the same CSV endpoint as the spot summary
 * (`dir`/`file` of the site's download button, its own market page as Referer). JEPX documents no
 * API: the path is the one its intraday page's download uses, as the spot summary's is.
 */
export function intradayRequest(ctx: RequestContext): HttpRequest {
  const fy = fiscalYearOf(ctx.period.days[0]);
  return {
    url: `https://www.jepx.jp/js/csv_read.php?dir=intraday&file=intraday_${fy}.csv`,
    headers: { Referer: INTRADAY_PAGE },
  };
}

/**
 * Tohoku's area supply and demand for the month (`eria_jukyu_<YYYYMM>_02.csv`, Shift_JIS), the monthly
 * file Tohoku Electric Power Network publishes under /common/demand/; the current month grows through the day.
 */
export function tohokuAreaSupplyRequest(ctx: RequestContext): HttpRequest {
  const { year, month } = parseDay(ctx.period.days[0]);
  return { url: `https://${TOHOKU_HOST}/common/demand/eria_jukyu_${year}${pad(month)}_02.csv` };
}
