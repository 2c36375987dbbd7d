/**
 * The HTTP API's request and response shapes (v1). Imported by the backend, the custom functions
 * and the taskpane alike, so the contract cannot drift. Browser-safe: types and constants only.
 */

export const API_PREFIX = '/api/v1';

export interface ErrorBody {
  error: { code: string; message: string };
}

export interface SeriesPoint {
  /** Interval start, ISO-8601 with the offset of the answer's time zone. */
  start: string;
  /** Interval end, same zone. */
  end: string;
  /** null only where `fill=none` keeps an expected interval that has no value. */
  value: number | null;
}

export interface SeriesQuality {
  /** Intervals the period should hold at the run's resolution. */
  expected: number;
  present: number;
  /** Some of the data may still be revised (today's real-time data). */
  provisional: boolean;
  /** Served from the cache because the source could not be reached. */
  stale: boolean;
  /** When the newest part of the answer was fetched (ISO), where known. */
  fetchedAt?: string;
}

export interface Conversion {
  from: string;
  to: string;
  /** ECB reference rates used: the rate date for each market date converted. */
  rates: { date: string; rateDate: string; rate: number }[];
}

/** What names a series in every answer about it. */
export interface SeriesIdentity {
  market: string;
  location: string;
  run: string;
  product: string;
  currency: string;
  unit: string;
}

export interface SeriesResponse extends SeriesIdentity {
  /** The market's clock. */
  clock: string;
  /** The zone the times are written in (the market clock unless asked otherwise). */
  tz: string;
  /** hour, day, month ... when the points are averages; absent for the source's own intervals. */
  interval?: string;
  points: SeriesPoint[];
  quality: SeriesQuality;
  conversion?: Conversion;
}

export interface AggregateResponse extends SeriesIdentity {
  block: string;
  stat: string;
  value: number;
  /** Intervals that went into the statistic. */
  count: number;
  from: string;
  to: string;
}

export interface LatestResponse extends SeriesIdentity {
  start: string;
  end: string;
  value: number;
  fetchedAt: string;
  /** Seconds until a newer interval is expected: what GRID.LIVE polls at. */
  pollSeconds: number;
}

export interface FxResponse {
  from: string;
  to: string;
  date: string;
  /** The ECB fixing date actually used (the last on or before `date`). */
  rateDate: string;
  rate: number;
}

export interface MarketSummary {
  id: string;
  name: string;
  region: string;
  clock: string;
  currency: string;
  unit: string;
  runs: { id: string; description: string; intervalMinutes: number }[];
  defaultRun: string;
  products: { id: string; description: string; unit?: string }[];
  blocks: string[];
  keys: { env: string; description: string; set: boolean }[];
  keyless: boolean;
  /** Whether the market can be fetched now (a keyless path, or its keys set). */
  ready: boolean;
  notes: string[];
  cache: { series: number; points: number; days: number; lastFetch?: string; lastError?: string };
}

export interface MarketsResponse {
  markets: MarketSummary[];
}

export interface LocationSummary {
  name: string;
  type: string;
  aliases: string[];
}

export interface LocationsResponse {
  market: string;
  locations: LocationSummary[];
  total: number;
}

export interface HealthResponse {
  status: 'ok';
  version: string;
  database: { path: string; bytes: number };
  offline: boolean;
  markets: { id: string; lastFetch?: string; lastError?: string }[];
}

export interface BatchRequestItem {
  id: string;
  method: 'GET';
  /** Relative to /api/v1, e.g. `/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01`. */
  url: string;
}

export interface BatchRequest {
  requests: BatchRequestItem[];
}

export interface BatchResponseItem {
  id: string;
  status: number;
  body: unknown;
}

export interface BatchResponse {
  responses: BatchResponseItem[];
}

/** Most requests one batch may carry. */
export const BATCH_MAX_REQUESTS = 20_000;

export const INTERVALS = ['5min', '15min', '30min', 'hour', 'day', 'month'] as const;
export const BLOCKS = ['ATC', 'ONPEAK', 'OFFPEAK', '5X16', '6X16', '2X16', '7X8', 'BASE', 'PEAK'] as const;
export const STATS = ['mean', 'min', 'max', 'sum', 'count'] as const;
