import { GridError, ParseError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import { addDays, marketDay } from '../../../time/clock';
import type { RequestContext } from '../../types';
import { compactDay } from '../../shared/dates';
import { isObject, jsonOrUndefined } from '../../shared/json';
import { requiredLocation } from '../../shared/locations';
import { MISO_API_HOST, MISO_DX_HOST, MISO_API_KEY_ENV, MISO_REPORTS_HOST, misoMarket } from './market';

/** The daily market report files, `<YYYYMMDD>_<name>.csv`. */
export type MarketReportName = 'da_expost_lmp' | 'da_exante_lmp' | 'rt_lmp_final' | 'rt_lmp_prelim';

/** `https://docs.misoenergy.org/marketreports/20250701_da_expost_lmp.csv` for the period's market day. */
export function marketReportRequest(name: MarketReportName, ctx: RequestContext): HttpRequest {
  return { url: `https://${MISO_REPORTS_HOST}/marketreports/${compactDay(ctx.period.days[0])}_${name}.csv` };
}

/**
 * The three forms of the public five-minute ex-post API (no key, no date parameter):
 * `Current` the latest interval, `Rolling` the intervals of the running market day so far,
 * `Previous` the whole previous market day.
 */
export type FiveMinExPostForm = 'Current' | 'Rolling' | 'Previous';

export function fiveMinExPostRequest(form: FiveMinExPostForm): HttpRequest {
  return { url: `https://${MISO_API_HOST}/api/MarketPricing/GetRealTimeFiveMinExPost/${form}` };
}

/**
 * Which forms can hold the market day asked for, in the order to try them, given the time now:
 * the running day (EST) is in `Rolling` (and its latest interval in `Current`), the day before in
 * `Previous`. Any other day is not served by this API (none).
 */
export function fiveMinExPostForms(day: string, now: number): FiveMinExPostForm[] {
  const today = marketDay(now, misoMarket.clock);
  if (day === today) return ['Rolling', 'Current'];
  if (day === addDays(today, -1)) return ['Previous', 'Rolling'];
  return [];
}

/** The Data Exchange pricing API's market (`day-ahead`, `real-time`) and time resolution (`hourly`, `5min`). */
export interface DxFeed {
  market: 'day-ahead' | 'real-time';
  resolution?: 'hourly' | '5min';
}

export const DX_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
const DX_BASE = `https://${MISO_DX_HOST}/pricing/v1`;

/**
 * One node's ex-post LMPs for a market day from the Data Exchange pricing API, e.g.
 * `https://apim.misoenergy.org/pricing/v1/real-time/2026-09-23/lmp-expost?node=INDIANA.HUB&timeResolution=hourly`,
 * the key in the `Ocp-Apim-Subscription-Key` header (declared secret, so it is redacted).
 */
export function dxLmpRequest(feed: DxFeed, ctx: RequestContext): HttpRequest {
  const key = ctx.keys[MISO_API_KEY_ENV];
  if (!key)
    throw new GridError(
      'MISSING_KEY',
      `MISO's Data Exchange needs a pricing API key: set ${MISO_API_KEY_ENV} (free at data-exchange.misoenergy.org), or leave it unset to use the CSV market reports.`,
    );
  const location = requiredLocation(ctx, `MISO Data Exchange ${feed.market} LMP`, 'INDIANA.HUB');
  const params = new URLSearchParams({ node: location.name });
  if (feed.resolution) params.set('timeResolution', feed.resolution);
  return {
    url: `${DX_BASE}/${feed.market}/${ctx.period.days[0]}/lmp-expost?${params.toString()}`,
    headers: { [DX_KEY_HEADER]: key },
    secrets: [DX_KEY_HEADER],
  };
}

/** The next page of a Data Exchange answer (`page.lastPage` false): the same request with `pageNumber` + 1. */
export function dxNextPage(body: Buffer, previous: HttpRequest): HttpRequest | undefined {
  const answer = jsonOrUndefined(body);
  const page = isObject(answer) ? answer.page : undefined;
  if (!isObject(page) || page.lastPage !== false) return undefined;
  const number = page.pageNumber;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
    throw new ParseError(previous.url, `page.pageNumber is ${JSON.stringify(number)}, not a page number; cannot ask for the next page`);
  const url = new URL(previous.url);
  url.searchParams.set('pageNumber', String(number + 1));
  return { ...previous, url: url.toString() };
}

/**
 * The Forecasted and Actual Load report of a publication day, a BIFF8 workbook:
 * `https://docs.misoenergy.org/marketreports/20250310_df_al.xls`. The file published on day D
 * holds the actual load of D - 1 and the MTLF of D - 1 through D + 5.
 */
export function loadReportRequest(publishedDay: string): HttpRequest {
  return { url: `https://${MISO_REPORTS_HOST}/marketreports/${compactDay(publishedDay)}_df_al.xls` };
}

/**
 * Which day's load report to ask for a market day: the actual load of D is in the file published
 * on D + 1; the forecast of D in the file published on D, or today's file for a day after today
 * (the newest issue there is).
 */
export function loadReportDay(run: string, day: string, now: number): string {
  if (run === 'RTH') return addDays(day, 1);
  const today = marketDay(now, misoMarket.clock);
  return day > today ? today : day;
}

/** The real-time API's snapshots (no key, no date): `RealTimeTotalLoad`, `FuelMix`, `MarketPricing/GetAncillaryServicesMcp`. */
export type RealTimeSnapshot = 'RealTimeTotalLoad' | 'FuelMix' | 'MarketPricing/GetAncillaryServicesMcp';

/**
 * A snapshot of the real-time API, which holds only the running market day (EST): asked for
 * another day, it is not published there (the caller's next report, or nothing).
 */
export function snapshotRequest(snapshot: RealTimeSnapshot, ctx: RequestContext): HttpRequest {
  const day = ctx.period.days[0];
  const today = marketDay(ctx.now ?? Date.now(), misoMarket.clock);
  if (day !== today)
    throw new GridError('NOT_PUBLISHED', `MISO's real-time ${snapshot} holds only the running market day (${today} EST), not ${day}.`);
  return { url: `https://${MISO_API_HOST}/api/${snapshot}` };
}
