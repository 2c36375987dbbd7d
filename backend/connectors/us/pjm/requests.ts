import { GridError, ParseError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { numericAlias, requiredLocation } from '../../shared/locations';
import { jsonOrUndefined, isObject } from '../../shared/json';
import { firstAndLastDay } from '../../shared/period';
import { PAGE_ROWS, priceColumn, type PjmFeed } from './feeds';
import { forecastAreaOf, LOAD_FORECAST, type FundamentalFeed } from './fundamentals';
import { PJM_API_HOST, PJM_API_KEY_ENV } from './market';

export const API_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
/**
 * One feed over the period's market days for the locations asked, e.g.
 * `/api/v1/da_hrl_lmps?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=...&datetime_beginning_ept=2025-07-01T00:00to2025-07-31T23:59&pnode_id=51288;51217`.
 * Past the archive cut-off PJM filters by date only: no `pnode_id`, no `Fields`; every pnode comes back.
 */
export function feedRequest(feed: PjmFeed, ctx: RequestContext): HttpRequest {
  const key = subscriptionKey(ctx);
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({ RowCount: String(PAGE_ROWS), StartRow: '1', Order: 'Asc', IsActiveMetadata: 'True' });
  if (!ctx.archive)
    params.set('Fields', ['datetime_beginning_utc', ...feed.fields, ...feed.products.map((p) => priceColumn(p, feed.suffix))].join(','));
  params.set('datetime_beginning_ept', `${first}T00:00to${last}T23:59`);
  if (!ctx.archive) params.set('pnode_id', pnodeIds(feed, ctx).join(';'));
  return keyed(`https://${PJM_API_HOST}/api/v1/${feed.name}?${params.toString()}`, key);
}

function subscriptionKey(ctx: RequestContext): string {
  const key = ctx.keys[PJM_API_KEY_ENV];
  if (!key)
    throw new GridError(
      'MISSING_KEY',
      `PJM needs an API key: set ${PJM_API_KEY_ENV} (free Data Miner 2 account), or import a Data Miner CSV export.`,
    );
  return key;
}

/** A request carrying the subscription key in its header, marked secret (redacted, never sent to another host). */
function keyed(url: string, key: string): HttpRequest {
  return { url, headers: { [API_KEY_HEADER]: key }, secrets: [API_KEY_HEADER] };
}

/**
 * A feed of fundamentals over the period's market days, every area or service in one answer, e.g.
 * `/api/v1/hrl_load_metered?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,load_area,mw,is_verified&datetime_beginning_ept=2022-12-01T00:00to2022-12-31T23:59`.
 */
export function fundamentalRequest(feed: FundamentalFeed, ctx: RequestContext): HttpRequest {
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({ RowCount: String(PAGE_ROWS), StartRow: '1', Order: 'Asc', IsActiveMetadata: 'True' });
  params.set('Fields', feed.fields.join(','));
  params.set('datetime_beginning_ept', `${first}T00:00to${last}T23:59`);
  return keyed(`https://${PJM_API_HOST}/api/v1/${feed.name}?${params.toString()}`, subscriptionKey(ctx));
}

/**
 * The current seven-day forecast of the location's forecast area, as one download:
 * `/api/v1/load_frcstd_7_day?download=True&startRow=1&forecast_area=RTO_COMBINED`. The feed keeps
 * only the latest issue, so the period is not asked (the answer is every hour of the seven days).
 */
export function loadForecastRequest(ctx: RequestContext): HttpRequest {
  const location = requiredLocation(ctx, `PJM ${LOAD_FORECAST.name}`, 'RTO');
  const area = forecastAreaOf(location);
  if (!area)
    throw new GridError(
      'UNKNOWN_LOCATION',
      `PJM publishes no load forecast for "${location.name}": ask RTO, a region (MID_ATLANTIC_REGION, WESTERN_REGION, SOUTHERN_REGION) or a forecast zone.`,
    );
  const params = new URLSearchParams({ download: 'True', startRow: '1', forecast_area: area });
  return keyed(`https://${PJM_API_HOST}/api/v1/${LOAD_FORECAST.name}?${params.toString()}`, subscriptionKey(ctx));
}

function pnodeIds(feed: PjmFeed, ctx: RequestContext): string[] {
  const locations = ctx.locations ?? [requiredLocation(ctx, `PJM ${feed.name}`, 'WESTERN HUB')];
  return locations.map((location) => {
    const id = numericAlias(location);
    if (!id)
      throw new GridError(
        'UNKNOWN_LOCATION',
        `PJM location "${location.name}" has no pnode id known to gridcell; use the pnode id, or import a file that lists it.`,
      );
    return id;
  });
}

/** The request for the page after `body`: its `links` entry with rel `next`, if any. */
export function nextPageRequest(body: Buffer, previous: HttpRequest): HttpRequest | undefined {
  const answer = jsonOrUndefined(body);
  const links = isObject(answer) ? answer.links : undefined;
  if (!Array.isArray(links)) return undefined;
  const next = links.find(
    (l): l is { rel: string; href: string } => typeof l === 'object' && l !== null && (l as { rel?: unknown }).rel === 'next',
  );
  if (!next || typeof next.href !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(next.href);
  } catch {
    throw new ParseError(previous.url, `the "next" link "${next.href}" is not a URL`);
  }
  if (url.protocol !== 'https:' || url.host !== PJM_API_HOST)
    throw new ParseError(previous.url, `the "next" link points outside ${PJM_API_HOST}; refusing to follow it`);
  return { ...previous, url: url.toString() };
}
