import { GridError } from '../../../domain';
import type { HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { isObject, jsonOrUndefined } from '../../shared/json';
import { firstAndLastDay } from '../../shared/period';
import { requiredLocation } from '../../shared/locations';
import {
  ERCOT_API_HOST,
  ERCOT_LOGIN_HOST,
  ERCOT_MIS_HOST,
  ERCOT_PASSWORD_ENV,
  ERCOT_SUBSCRIPTION_KEY_ENV,
  ERCOT_USERNAME_ENV,
} from './market';

/** ERCOT's published client id of the Public API login (the same for every user, not a secret). */
const PUBLIC_API_CLIENT_ID = 'fec253ea-0d06-4272-a5e6-b478baeecd70';
const API_BASE = `https://${ERCOT_API_HOST}/api/public-reports`;
/**
 * Rows asked per page: a month of one settlement point's 15-minute prices (2,976 rows) in one
 * page. ERCOT's answers state a download limit of 2,000,000 rows per query (`report.downloadLimit`).
 */
export const PAGE_SIZE = 10_000;

export interface ApiEndpoint {
  emil: string;
  path: string;
}

export const DAM_SPP_API: ApiEndpoint = { emil: 'NP4-190-CD', path: 'np4-190-cd/dam_stlmnt_pnt_prices' };
/**
 * How many market days the report endpoints keep; older days are only in the archive
 * (`/archive/{emilId}`). ERCOT does not publish the window. The number is gridstatus'
 * `HISTORICAL_DAYS_THRESHOLD = 90` (gridstatus/ercot_api/ercot_api.py, "days in past when we
 * should use the historical method"; PR #361, "historical data (more than 90 days in the past)"),
 * which notes that it "seems to vary per dataset".
 */
export const API_KEEPS_DAYS = 90;
export const RT_SPP_API: ApiEndpoint = { emil: 'NP6-905-CD', path: 'np6-905-cd/spp_node_zone_hub' };

/** A system-wide Public API report asked by a range of days: the names of its first- and last-day parameters. */
export interface RangeEndpoint extends ApiEndpoint {
  from: string;
  to: string;
}

/** NP6-345-CD Actual System Load by Weather Zone (pubapi-apim-api.json: `operatingDayFrom`, `operatingDayTo`). */
export const ACTUAL_LOAD_API: RangeEndpoint = {
  emil: 'NP6-345-CD',
  path: 'np6-345-cd/act_sys_load_by_wzn',
  from: 'operatingDayFrom',
  to: 'operatingDayTo',
};
/** NP4-188-CD DAM Clearing Prices for Capacity (pubapi-apim-api.json: `deliveryDateFrom`, `deliveryDateTo`). */
export const DAM_AS_API: RangeEndpoint = {
  emil: 'NP4-188-CD',
  path: 'np4-188-cd/dam_clear_price_for_cap',
  from: 'deliveryDateFrom',
  to: 'deliveryDateTo',
};

function key(ctx: RequestContext, env: string): string {
  const value = ctx.keys[env];
  if (!value)
    throw new GridError(
      'MISSING_KEY',
      `ERCOT's Public API needs ${env}; set it, or leave all ERCOT_API_* unset to use the MIS (recent days only).`,
    );
  return value;
}

/**
 * The id-token request of ERCOT's B2C password flow. The credentials go in the query string, as in
 * ERCOT's own sample, so that the http layer can mask them (it masks named query parameters).
 */
export function tokenRequest(ctx: RequestContext): HttpRequest {
  const params = [
    ['username', encodeURIComponent(key(ctx, ERCOT_USERNAME_ENV))],
    ['password', encodeURIComponent(key(ctx, ERCOT_PASSWORD_ENV))],
    ['grant_type', 'password'],
    ['scope', `openid+${PUBLIC_API_CLIENT_ID}+offline_access`],
    ['client_id', PUBLIC_API_CLIENT_ID],
    ['response_type', 'id_token'],
  ];
  return {
    method: 'POST',
    url: `https://${ERCOT_LOGIN_HOST}/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token?${params.map(([k, v]) => `${k}=${v}`).join('&')}`,
    secrets: ['username', 'password'],
  };
}

function apiHeaders(ctx: RequestContext, idToken: string): Pick<HttpRequest, 'headers' | 'secrets'> {
  return {
    headers: { Authorization: `Bearer ${idToken}`, 'Ocp-Apim-Subscription-Key': key(ctx, ERCOT_SUBSCRIPTION_KEY_ENV) },
    secrets: ['Authorization', 'Ocp-Apim-Subscription-Key'],
  };
}

/** First page of one settlement point's prices for the period's delivery days. */
export function apiRequest(endpoint: ApiEndpoint, ctx: RequestContext, idToken: string): HttpRequest {
  const point = requiredLocation(ctx, `ERCOT ${endpoint.emil}`, 'HB_NORTH');
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({
    deliveryDateFrom: first,
    deliveryDateTo: last,
    settlementPoint: point.name,
    size: String(PAGE_SIZE),
  });
  return { url: `${API_BASE}/${endpoint.path}?${params}`, ...apiHeaders(ctx, idToken) };
}

/** First page of a system-wide report for the period's days (every zone or service in each row). */
export function apiRangeRequest(endpoint: RangeEndpoint, ctx: RequestContext, idToken: string): HttpRequest {
  const [first, last] = firstAndLastDay(ctx.period);
  const params = new URLSearchParams({ [endpoint.from]: first, [endpoint.to]: last, size: String(PAGE_SIZE) });
  return { url: `${API_BASE}/${endpoint.path}?${params}`, ...apiHeaders(ctx, idToken) };
}

/**
 * Archive entries asked per page: 1,000, the most the archive list answers per page (gridstatus
 * `DEFAULT_HISTORICAL_SIZE`, "The max is 1_000"; ERCOT's known limits: 1,000 files per historic
 * file download).
 */
export const ARCHIVE_PAGE_SIZE = 1000;

/**
 * The Public API's archive list of an EMIL product (`GET /archive/{emilId}`, operation
 * `getProductHistory` in ERCOT's pubapi-apim-api.json): the documents posted between two
 * wall-clock instants (`postDatetimeFrom`/`postDatetimeTo`, `yyyy-MM-ddTHH:mm:ss`), in pages of `size`.
 */
export function archiveListRequest(emil: string, postedFrom: string, postedTo: string, ctx: RequestContext, idToken: string): HttpRequest {
  const params = new URLSearchParams({
    postDatetimeFrom: postedFrom,
    postDatetimeTo: postedTo,
    size: String(ARCHIVE_PAGE_SIZE),
  });
  return { url: `${API_BASE}/archive/${emil.toLowerCase()}?${params}`, ...apiHeaders(ctx, idToken) };
}

/** One archived document (a zip, as posted on the MIS): `GET /archive/{emilId}?download={docId}`. */
export function archiveDownloadRequest(emil: string, docId: string, ctx: RequestContext, idToken: string): HttpRequest {
  return { url: `${API_BASE}/archive/${emil.toLowerCase()}?download=${encodeURIComponent(docId)}`, ...apiHeaders(ctx, idToken) };
}

/**
 * Most documents one bulk download may name. ERCOT's api-specs (pubapi-apim-api.json) do not
 * describe the bulk download; the number is gridstatus' (gridstatus/ercot_api/ercot_api.py:
 * "maximum batch size support by ERCOT API is 1000", `batch_size` clamped to 1,000 and the docIds
 * sent in batches of it), the same 1,000 files ERCOT's known limits give per historic download.
 */
export const ARCHIVE_BULK_MAX_DOCS = 1000;

/**
 * The archive's bulk download: `POST /archive/{emilId}/download` with the JSON body
 * `{"docIds": [...]}`, answered with one zip whose members are the documents' own zips (as
 * gridstatus' `_bulk_download_documents` reads it). One request per `max` documents.
 */
export function archiveBulkDownloadRequests(
  emil: string,
  docIds: string[],
  ctx: RequestContext,
  idToken: string,
  max = ARCHIVE_BULK_MAX_DOCS,
): HttpRequest[] {
  const { headers, secrets } = apiHeaders(ctx, idToken);
  const requests: HttpRequest[] = [];
  for (let i = 0; i < docIds.length; i += max) {
    // The archive list gives docIds as integers (schema `Archive`, int64): sent back as such.
    const chunk = docIds.slice(i, i + max).map((id) => (/^\d{1,15}$/.test(id) ? Number(id) : id));
    requests.push({
      method: 'POST',
      url: `${API_BASE}/archive/${emil.toLowerCase()}/download`,
      headers: { ...headers, 'Content-Type': 'application/json' },
      secrets,
      body: JSON.stringify({ docIds: chunk }),
    });
  }
  return requests;
}

interface PageMeta {
  _meta?: { currentPage?: number; totalPages?: number };
  _links?: { next?: { href?: string } };
}

/** The next page: `_links.next` when the API gives one on its own host, else `_meta` page counting. */
export function nextApiPage(body: Buffer, previous: HttpRequest): HttpRequest | undefined {
  const answer = jsonOrUndefined(body);
  if (!isObject(answer)) return undefined;
  const page = answer as PageMeta;
  const href = page._links?.next?.href;
  if (href && new URL(href, API_BASE).host === ERCOT_API_HOST) return { ...previous, url: new URL(href, API_BASE).toString() };
  const current = page._meta?.currentPage ?? 1;
  const total = page._meta?.totalPages ?? 1;
  if (current >= total) return undefined;
  const url = new URL(previous.url);
  url.searchParams.set('page', String(current + 1));
  return { ...previous, url: url.toString() };
}

/** MIS report type ids (the keyless document lists on www.ercot.com). */
export const MIS_DAM_SPP = 12331; // NP4-190-CD
export const MIS_RT_SPP = 12301; // NP6-905-CD
export const MIS_RT_ADDERS = 13220; // NP6-324-CD
export const MIS_ACTUAL_LOAD = 13101; // NP6-345-CD, Actual System Load by Weather Zone
export const MIS_LOAD_FORECAST_WZ = 12312; // NP3-561-CD, Seven-Day Load Forecast by Weather Zone
export const MIS_LOAD_FORECAST_FZ = 12311; // NP3-560-CD, Seven-Day Load Forecast by Forecast Zone
export const MIS_DAM_AS = 12329; // NP4-188-CD, DAM Clearing Prices for Capacity
export const MIS_RT_AS = 24898; // NP6-331-CD, Real-Time Clearing Prices for Capacity by 15-Minute Settlement Interval

/** ERCOT's public dashboards (www.ercot.com/gridmktinfo/dashboards): keyless JSON, yesterday and today. */
export const DASHBOARD_FUEL_MIX = 'fuel-mix.json';
export const DASHBOARD_LOAD = 'loadForecastVsActual.json';

export function dashboardRequest(name: string): HttpRequest {
  return { url: `https://${ERCOT_MIS_HOST}/api/1/services/read/dashboards/${name}` };
}

export function docListRequest(reportTypeId: number): HttpRequest {
  return { url: `https://${ERCOT_MIS_HOST}/misapp/servlets/IceDocListJsonWS?reportTypeId=${reportTypeId}` };
}

export function docDownloadRequest(docId: string): HttpRequest {
  return { url: `https://${ERCOT_MIS_HOST}/misdownload/servlets/mirDownload?doclookupId=${encodeURIComponent(docId)}` };
}
