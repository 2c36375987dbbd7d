/**
 * The HTTP API (v1): its paths, the query parameters each takes and the answers it gives. The
 * backend's routes, the custom functions and the taskpane all import this, so the contract
 * cannot drift. Browser-safe: types and constants only.
 */
import type { ErrorCode } from './errors';
import type { Block, Dataset, EnergyUnit, FillMode, Interval, QualityKind, Stat } from './vocabulary';

export const API_PREFIX = '/api/v1';

/** Most requests one batch may carry. */
export const BATCH_MAX_REQUESTS = 20_000;
/** Most locations one GET /markets/:market/locations answer lists. */
export const LOCATIONS_MAX_LIMIT = 10_000;

// ---- query parameters ----------------------------------------------------------------------

/** What names a series in a query: market and location as the caller writes them; run and product optional. */
export const SERIES_NAME_PARAMS = ['market', 'location', 'run', 'product'] as const;
/**
 * How an answer is written: its clock, currency and energy unit; `asof` (a date-time) answers a
 * forecast (run FORECAST) as the latest issue made by then, interval by interval.
 */
export const PRESENTATION_PARAMS = ['tz', 'currency', 'unit', 'asof'] as const;
export const RANGE_PARAMS = ['start', 'end'] as const;

/** `partial=1`: answer the days that are available and list the others in `quality.missing`, instead of failing the whole range. */
/**
 * `background=1` (gridcell's own clients, with CLIENT_HEADER): a range too long to fetch within
 * one answer is fetched by a job, answered FETCHING (202) with its progress until it is in.
 */
export const SERIES_PARAMS = [
  ...SERIES_NAME_PARAMS,
  ...RANGE_PARAMS,
  ...PRESENTATION_PARAMS,
  'interval',
  'fill',
  'partial',
  'background',
] as const;
export const AGGREGATE_PARAMS = [...SERIES_NAME_PARAMS, ...RANGE_PARAMS, ...PRESENTATION_PARAMS, 'block', 'stat', 'background'] as const;
export const LATEST_PARAMS = [...SERIES_NAME_PARAMS, ...PRESENTATION_PARAMS] as const;
/** One value at an instant (`start` a date-time): what a formula asking for one price needs, and no more. */
export const VALUE_PARAMS = [...SERIES_NAME_PARAMS, 'start', ...PRESENTATION_PARAMS] as const;
export const FX_PARAMS = ['from', 'to', 'pair', 'date'] as const;
/** `locations`: a portfolio, names separated by `;` (the first may stand in `location`). */
export const BACKFILL_PARAMS = [...SERIES_NAME_PARAMS, 'locations', ...RANGE_PARAMS] as const;
/** `location`, `run` and `product` narrow the check; `spread` is the DA-RT and peer gap worth flagging, in the market's currency. */
export const QUALITY_PARAMS = [...SERIES_NAME_PARAMS, ...RANGE_PARAMS, 'spread'] as const;
export const LOCATIONS_PARAMS = ['q', 'limit'] as const;
/** `location`, `run` and `product` narrow a market's coverage. */
export const COVERAGE_PARAMS = ['location', 'run', 'product'] as const;
/** Every cached location of a market's run and product, by month: `block` (ONPEAK, ...) over `start`..`end`. */
export const BLOCK_MEANS_PARAMS = ['run', 'product', ...RANGE_PARAMS, 'block'] as const;

/** Query parameters as they travel: text, any of them may be absent. */
export type Params<Names extends readonly string[]> = Partial<Record<Names[number], string>>;

export type SeriesParams = Params<typeof SERIES_PARAMS> & { interval?: Interval; fill?: FillMode; unit?: EnergyUnit; partial?: '0' | '1' };
export type ValueParams = Params<typeof VALUE_PARAMS> & { unit?: EnergyUnit };
export type AggregateParams = Params<typeof AGGREGATE_PARAMS> & { block?: Block; stat?: Stat; unit?: EnergyUnit };
export type LatestParams = Params<typeof LATEST_PARAMS> & { unit?: EnergyUnit };
export type FxParams = Params<typeof FX_PARAMS>;
export type LocationsParams = Params<typeof LOCATIONS_PARAMS> & { market: string };
export type BackfillParams = Params<typeof BACKFILL_PARAMS>;
export type QualityParams = Params<typeof QUALITY_PARAMS>;
export type CoverageParams = Params<typeof COVERAGE_PARAMS> & { market: string };
export type BlockMeansParams = Params<typeof BLOCK_MEANS_PARAMS> & { market: string; block?: Block };

// ---- answers ------------------------------------------------------------------------------

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
  /** When the oldest part of the answer was fetched (ISO), where known. */
  oldestFetchedAt?: string;
  /** Where the cached days came from: report ids (`pjm.da_hrl_lmps`) or `import:<file name>`, each once. */
  sources?: string[];
  /** Market days of the range, and how many of them the source will no longer revise. */
  days?: number;
  finalDays?: number;
  /** Days of the range the answer lacks, and why (only a `partial=1` answer has any). */
  missing?: MissingDay[];
}

/** A market day a partial answer lacks: the error that day alone would have been. */
export interface MissingDay {
  day: string;
  code: ErrorCode;
  message: string;
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
  /** When the points are averages over an interval; absent for the source's own intervals. */
  interval?: Interval;
  points: SeriesPoint[];
  quality: SeriesQuality;
  conversion?: Conversion;
}

/**
 * A series in columns (`/columns`, the same parameters as `/series`): its values in order, with the
 * first start and the step between starts when they are evenly spaced in UTC (hours, quarter hours,
 * DST days included), else every start (months, a gap not filled).
 */
export interface SeriesColumnsResponse extends Omit<SeriesResponse, 'points'> {
  start?: string;
  stepSeconds?: number;
  starts?: string[];
  values: (number | null)[];
}

/** The interval that holds the instant asked: its start (in the zone asked) and its value, null where none is stored. */
export interface ValueResponse {
  start: string;
  value: number | null;
}

export interface AggregateResponse extends SeriesIdentity {
  block: Block;
  stat: Stat;
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
  /** Each product with its dataset (price, load, generation, ancillary), its unit where not the price unit, and the run it defaults to where not the market's. */
  products: { id: string; description: string; dataset: Dataset; unit?: string; defaultRun?: string }[];
  /** Datasets the market does not serve, and why (a capacity auction published only as a report). */
  unavailable: { dataset: string; reason: string }[];
  blocks: Block[];
  /** A key's value is never sent: only whether it is set, and where from (`from`, when set). */
  keys: { env: string; description: string; set: boolean; from?: KeySource }[];
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
  /** The store: a SQLite file of one user's, or a desk's ClickHouse (its URL without the password). */
  database: { engine: 'sqlite' | 'clickhouse'; path: string; bytes: number };
  offline: boolean;
  /** The proxy upstream requests go through (HTTPS_PROXY / HTTP_PROXY), without credentials. */
  proxy?: string;
  markets: { id: string; lastFetch?: string; lastError?: string }[];
  /** The background ingest, when the server runs one (`gridcell serve --ingest`): one entry per plan entry. */
  ingest?: IngestEntryStatus[];
  /** On a desk server, the user whose token the request carried (only ever the caller's own name). */
  user?: string;
}

/** One entry of the ingest plan: what it keeps current and how it is doing. Times are ISO. */
export interface IngestEntryStatus {
  market: string;
  run: string;
  locations: number;
  state: 'waiting' | 'fetching' | 'failed';
  lastSuccess?: string;
  /** The market day last fetched. */
  lastDay?: string;
  /** Why the last fetch failed (secrets removed); cleared by the next success. */
  lastError?: string;
  nextRun?: string;
}

export interface ClearCacheResponse {
  cleared: true;
}

/** One series' coverage of the checked range. */
export interface QualitySeries extends SeriesIdentity {
  /** Intervals the cached days should hold at the series' resolution (23- and 25-hour days counted as such). */
  expected: number;
  present: number;
  /** Cached days, and how many of them are final (no longer revised by the source). */
  days: number;
  finalDays: number;
  /** Days of the range not in the cache at all. */
  missingDays: string[];
  revisions: number;
}

/** Something worth a look: flagged, never dropped (scarcity prices are real). */
export interface QualityFinding {
  kind: QualityKind;
  market: string;
  location: string;
  run: string;
  product: string;
  day: string;
  /** The interval, on the market clock, where the finding is about one. */
  start?: string;
  value?: number;
  message: string;
}

export interface QualityResponse {
  market: string;
  first: string;
  last: string;
  series: QualitySeries[];
  /** In time order, at most QUALITY_MAX_FINDINGS of them; `findingsTotal` counts all. */
  findings: QualityFinding[];
  findingsTotal: number;
}

export const QUALITY_MAX_FINDINGS = 500;

/** A backfill: a long range fetched in the background, report-day by report-day, with progress. */
export interface JobResponse {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  market: string;
  /** The first location; `locations` lists the whole portfolio. */
  location: string;
  locations: string[];
  run: string;
  product: string;
  /** The range asked for, as market days. */
  first: string;
  last: string;
  /** Market days done and asked for, over all locations (a day at each location counts once). */
  daysDone: number;
  daysTotal: number;
  /** Upstream requests planned when the job started (pages beyond the first not counted), and made since. */
  requestsPlanned: number;
  requestsDone: number;
  /** Estimated from the plan and each source's spacing, while running. */
  secondsLeft?: number;
  /** What went wrong on the way (days not published, an upstream error), each once. */
  problems: string[];
  startedAt: string;
  endedAt?: string;
}

export interface JobsResponse {
  jobs: JobResponse[];
}

/** Consecutive cached market days with the same source and finality. */
export interface CoverageRange {
  first: string;
  last: string;
  /** `fetch:<report id>` or `import:<file name>`. */
  source: string;
  /** The source will no longer revise these days. */
  final: boolean;
  /** How many of the group's locations hold each day of the range from this source. */
  locations: number;
}

/** The cache of one run, product and currency of a market, over all its locations (or the one asked). */
export interface CoverageGroup {
  run: string;
  product: string;
  currency: string;
  unit: string;
  /** Locations stored for the group. */
  locations: number;
  /** Distinct market days cached, and how many of them are final for every location that has them. */
  days: number;
  finalDays: number;
  /** In day order, at most COVERAGE_MAX_RANGES (the most recent); `rangesTotal` counts all. */
  ranges: CoverageRange[];
  rangesTotal: number;
}

export interface CoverageResponse {
  market: string;
  location?: string;
  groups: CoverageGroup[];
}

/**
 * The time-weighted mean of a block per cached location and month (on the block's own clock):
 * what the cache holds, nothing fetched. A desk's store keeps it current (`gridcell ingest`) and
 * answers it in one query over every node.
 */
export interface BlockMeansResponse {
  market: string;
  run: string;
  product: string;
  block: Block;
  currency: string;
  unit: string;
  from: string;
  to: string;
  /** By location, then month; `count` is the number of intervals averaged. */
  rows: { location: string; month: string; mean: number; count: number }[];
}

/** Most ranges a coverage group lists (the most recent ones). */
export const COVERAGE_MAX_RANGES = 500;

// ---- endpoints ----------------------------------------------------------------------------

/** Every GET endpoint, by its path under /api/v1 (Express path syntax), with what it takes and gives. */
export interface GetEndpoints {
  '/health': { params: Record<string, never>; response: HealthResponse };
  '/markets': { params: Record<string, never>; response: MarketsResponse };
  '/markets/:market/locations': { params: LocationsParams; response: LocationsResponse };
  '/markets/:market/coverage': { params: CoverageParams; response: CoverageResponse };
  '/markets/:market/block-means': { params: BlockMeansParams; response: BlockMeansResponse };
  '/series': { params: SeriesParams; response: SeriesResponse };
  '/value': { params: ValueParams; response: ValueResponse };
  '/columns': { params: SeriesParams; response: SeriesColumnsResponse };
  '/aggregate': { params: AggregateParams; response: AggregateResponse };
  '/latest': { params: LatestParams; response: LatestResponse };
  '/fx': { params: FxParams; response: FxResponse };
  '/quality': { params: QualityParams; response: QualityResponse };
  '/jobs': { params: Record<string, never>; response: JobsResponse };
  '/jobs/:id': { params: Record<string, never>; response: JobResponse };
}
export type GetPath = keyof GetEndpoints;

export const BATCH_PATH = '/batch';
/** POST starts a backfill (BackfillParams in the JSON body), GET lists them; GET/DELETE `/jobs/:id` reads or cancels one. */
export const JOBS_PATH = '/jobs';
export const CACHE_PATH = '/cache';
/**
 * PUT `/keys/:env` with a KeyRequest body stores an API key in the server's config file; DELETE
 * removes it. Both answer a KeyResponse: a key's value is never sent back.
 */
export const KEYS_PATH = '/keys';
/** Longest API key value accepted. */
export const KEY_VALUE_MAX_LENGTH = 512;

/** Where a set key comes from: the server's environment (which comes first) or its config file. */
export type KeySource = 'environment' | 'config';

export interface KeyRequest {
  value: string;
}

export interface KeyResponse {
  env: string;
  set: boolean;
  from?: KeySource;
  /** The markets that use the key. */
  markets: string[];
}

/**
 * The request header gridcell's own client sends with every API request. Every POST, PUT and
 * DELETE requires it: a page of another site cannot add it to a form post or an image request, and its
 * scripts cannot send it without a CORS preflight, which the server never grants.
 */
export const CLIENT_HEADER = 'X-Gridcell-Client';

export interface BatchRequestItem {
  id: string;
  method: 'GET';
  /** Relative to /api/v1, e.g. `/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01`. */
  url: string;
}

/** How a batch answers: `full` (the default) in `BatchResponse`, `compact` in `CompactBatchResponse`. */
export const BATCH_FORMS = ['full', 'compact'] as const;
export type BatchForm = (typeof BATCH_FORMS)[number];

export interface BatchRequest {
  requests: BatchRequestItem[];
  form?: BatchForm;
}

export interface BatchResponseItem {
  id: string;
  status: number;
  body: unknown;
}

export interface BatchResponse {
  responses: BatchResponseItem[];
}

/**
 * A batch answered in the compact form: each request's status and body in the order asked, no ids.
 * A `/value` answered 200 is its value alone; any other answer (an error too) is its whole body.
 */
export interface CompactBatchResponse {
  statuses: number[];
  bodies: unknown[];
}

/** The body a compact batch gives a GET of this path when it succeeds. */
export type CompactAnswerOf<P extends GetPath> = P extends '/value' ? ValueResponse['value'] : GetEndpoints[P]['response'];
