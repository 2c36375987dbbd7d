import type { LocationInfo, MarketDay, Maybe, PointColumns, SeriesKey, StoredPoint } from '../domain';

/**
 * The cache of normalized series: what the read path asks and the write path fills. It knows no
 * market: series keys, points, coverage of market days and locations, nothing more. SQLite is the
 * implementation for one user (store/sqlite), ClickHouse the one for a desk (store/clickhouse).
 * Every question may be asynchronous: an engine across the network answers many questions asked
 * in the same turn of the event loop with one query. The questions of a single-value lookup
 * (`Maybe`) are answered at once by a store that holds the answer in memory.
 */
export interface SeriesStore {
  /** Which engine, where (a path, or a URL without its password), and how large, for health. */
  info(): Promise<StoreInfo>;
  /**
   * Counts every change of the stored data (our writes, a clear, another process's commit seen
   * by `refresh`): what was derived from the store is current while the count is unchanged.
   */
  readonly generation: number;
  /** Notices commits by another process (an import beside the server) since the last look. */
  refresh(): Maybe<void>;

  /** The series id, or undefined when nothing was ever stored for it. */
  findSeries(key: SeriesKey): Maybe<number | undefined>;
  /** Currencies a series is stored in (Nord Pool files come in EUR, SEK, NOK or DKK). */
  currencies(key: Omit<SeriesKey, 'currency'>): Maybe<string[]>;
  coverage(seriesId: number, day: MarketDay): Maybe<CoverageRow | undefined>;
  /** Points starting in [fromMs, toMs), in order. */
  points(seriesId: number, fromMs: number, toMs: number): Promise<StoredPoint[]>;
  /** The point holding an instant, read through a cached span (a market day) of the series. */
  pointAt(seriesId: number, ms: number, span: { start: number; end: number }): Maybe<StoredPoint | undefined>;
  lastOnOrBefore(seriesId: number, ms: number): Maybe<StoredPoint | undefined>;
  storedLocations(market: string): Promise<LocationInfo[]>;
  /** One stored location by its exact name, with its aliases. */
  storedLocation(market: string, name: string): Promise<LocationInfo | undefined>;
  /** Every series stored for a market (of one location when given). */
  seriesOf(market: string, location?: string): Promise<StoredSeries[]>;
  /** A series' coverage rows from `first` to `last`, both included. */
  coverageDays(seriesId: number, first: MarketDay, last: MarketDay): Promise<CoverageRow[]>;
  /**
   * A market's coverage rows counted by run, product, currency, day, source and finality (of one
   * location's series when given), in that order: how many series hold each day so.
   */
  coverageCounts(market: string, location?: string): Promise<CoverageCount[]>;
  /** Values a later write changed, of points starting in [fromMs, toMs). */
  revisions(seriesId: number, fromMs: number, toMs: number): Promise<Revision[]>;
  /**
   * Time-weighted means of the intervals in a block, per series and calendar month of the block's
   * wall clock: answered by the engine (one query for every node of a market), not read into Node.
   */
  blockMeans(q: BlockMeansQuery): Promise<BlockMean[]>;

  /**
   * Opens the one write transaction of a report or file. Nothing is visible to readers before
   * `commit`; an error or `abort` leaves the store as it was. While another write holds the
   * store (an import in another process) it fails at once with CACHE_BUSY, never blocking: the
   * caller waits (store/write-lock.ts). So do `recordError` and `clear`.
   */
  beginWrite(meta: WriteMeta): Promise<BatchWriter>;

  recordError(market: string, message: string): Promise<void>;
  fetchLog(): Promise<Map<string, { lastFetch?: number; lastError?: string }>>;
  marketStats(): Promise<Map<string, { series: number; points: number; days: number }>>;
  /** Empties the cache. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreInfo {
  engine: 'sqlite' | 'clickhouse';
  /** The file's path, or the server's URL and database without the password. */
  path: string;
  bytes: number;
}

/** The intervals a block holds: by the day and hour their start falls in on the block's wall clock. */
export interface BlockHours {
  /** An IANA zone (a fixed offset as `Etc/GMT-10`). */
  zone: string;
  /** Per day of the wall clock, a 24-bit mask of the hours (bit h: hour beginning h) in the block; days not listed hold none. */
  days: Map<MarketDay, number>;
}

export interface BlockMeansQuery {
  seriesIds: number[];
  fromMs: number;
  toMs: number;
  block: BlockHours;
}

export interface BlockMean {
  seriesId: number;
  /** `YYYY-MM` on the block's wall clock. */
  month: string;
  mean: number;
  /** How many intervals the mean is over. */
  count: number;
}

export interface CoverageRow {
  day: MarketDay;
  source: string;
  fetchedAt: number;
  final: boolean;
}

export interface CoverageCount {
  run: string;
  product: string;
  currency: string;
  day: MarketDay;
  source: string;
  final: boolean;
  /** How many series (locations) hold the day from this source with this finality. */
  series: number;
}

export interface StoredSeries {
  id: number;
  key: SeriesKey;
  unit: string;
}

/** A stored value that a later write changed. */
export interface Revision {
  start: number;
  oldValue: number;
  newValue: number;
  revisedAt: number;
}

/** What every point and coverage entry of one write shares. */
export interface WriteMeta {
  market: string;
  /** Currency and unit of series that the points do not override. */
  currency: string;
  unit: string;
  /** Unit per product where it differs (volumes, storage). */
  productUnits?: Record<string, string>;
  /** `fetch:<report>` or `import:<file>`. */
  source: string;
  final: (day: MarketDay) => boolean;
  fetchedAt: number;
  /** A streamed file: the write may outgrow memory, so a store keeps few of its pages in memory. */
  streamed?: boolean;
}

/**
 * A (series, day) the write covers. A partial day is never final, and never replaces a final day
 * the store already has.
 */
export interface CoverageEntry {
  series: SeriesKey;
  /** The id the store gave the series' points in this write, where it has points. */
  seriesId?: number;
  day: MarketDay;
  partial?: boolean;
}

/** An open write transaction: points and locations piece by piece, then coverage and commit. */
export interface BatchWriter {
  /** Stores points; returns their series' ids, by the points' `seriesIndex` (NaN for a series with no point). */
  points(points: PointColumns): Promise<Float64Array>;
  locations(locations: LocationInfo[]): void;
  /** Coverage known before the end (days the points already fill whole), stored with the write. */
  cover(coverage: CoverageEntry[]): Promise<void>;
  /** Stores the rest of the coverage and commits. */
  commit(coverage: CoverageEntry[]): Promise<WriteSummary>;
  abort(): Promise<void>;
}

export interface WriteSummary {
  series: number;
  points: number;
  changed: number;
  days: MarketDay[];
}
