import { statSync } from 'node:fs';
import {
  firstDurations,
  GridError,
  pointHolding,
  SeriesMemo,
  type LocationInfo,
  type MarketDay,
  type PointColumns,
  type SeriesKey,
  type StoredPoint,
} from '../../domain';
import { detached } from '../../formats/text';
import type {
  BatchWriter,
  CoverageCount,
  CoverageEntry,
  CoverageRow,
  Revision,
  SeriesStore,
  StoreInfo,
  BlockMean,
  BlockMeansQuery,
  StoredSeries,
  WriteMeta,
} from '../series-store';
import { monthlyBlockMeans } from '../block-means';
import { BatchedInsert, valuesOf } from './batched-insert';
import { BUSY_TIMEOUT_MS, openDb, READ_CACHE, WRITE_CACHE, type Db } from './db';
import { cacheError } from './errors';
import { PointRows } from './point-rows';
import { scaledCountOf, unscaled, valueOf } from './values';

/**
 * All SQL lives here, as prepared statements. Writes of one report or file happen in ONE
 * transaction: a failure anywhere leaves the database exactly as it was.
 */
export class SqliteSeriesStore implements SeriesStore {
  /** Series ids per market, and each series' step (the duration its points store as NULL). */
  private readonly seriesIds = new Map<string, SeriesMemo>();
  private readonly steps = new Map<number, number | null>();
  /**
   * Markets whose every series is in `seriesIds`: a streamed write reads its market's at its start,
   * in one query, where a file naming thousands of series would ask for each (a day of all CAISO
   * APNodes: 6,800 lookups, ~15 ms). Known only while that write holds the cache.
   */
  private readonly marketsRead = new Set<string>();
  /** Names held by `seriesIds`, each once (`held`). */
  private readonly names = new Map<string, string>();
  /** Read caches for the hot path (thousands of one-value lookups per recalculation). */
  private readonly coverageCache = new PerSeriesCache<string, CoverageRow | null>();
  private readonly currencyCache = new Map<string, string[]>();
  private readonly spanCache = new PerSeriesCache<number, StoredPoint[]>();
  private dataVersion = 0;
  private checkedAt = -Infinity;
  private changes = 0;
  private readonly db: Db;
  private readonly q;
  private readonly pointRows: PointRows;
  private readonly coverageRows: { whole: BatchedInsert; partial: BatchedInsert };

  /** The file's identity when it was opened: another file at the path is not ours. */
  private readonly file: { dev: number; ino: number } | undefined;

  /** Opens (creating if needed) the cache database at `path`. */
  constructor(readonly path: string) {
    let db: Db;
    try {
      db = openDb(path);
    } catch (e) {
      throw cacheError(e, path);
    }
    this.db = db;
    this.file = path === ':memory:' ? undefined : identity(path);
    this.pointRows = new PointRows(db, this.steps);
    this.coverageRows = { whole: new BatchedInsert(db, upsertCoverage, 5), partial: new BatchedInsert(db, upsertPartialCoverage, 4) };
    this.q = {
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      seriesId: db.prepare<[string, string, string, string, string], { id: number; step: number | null }>(
        'SELECT id, step FROM series WHERE market = ? AND location = ? AND run = ? AND product = ? AND currency = ?',
      ),
      marketSeriesIds: db.prepare<
        [string],
        { id: number; step: number | null; location: string; run: string; product: string; currency: string }
      >('SELECT id, step, location, run, product, currency FROM series WHERE market = ?'),
      insertSeries: db.prepare('INSERT INTO series (market, location, run, product, currency, unit, step) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      source: db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE text = ?'),
      insertSource: db.prepare('INSERT INTO sources (text) VALUES (?)'),
      coverage: db.prepare<[number, string], { day: string; source: string; fetched_at: number; final: number }>(
        `SELECT c.day AS day, s.text AS source, c.fetched_at AS fetched_at, c.final AS final
         FROM coverage c JOIN sources s ON s.id = c.source_id WHERE c.series_id = ? AND c.day = ?`,
      ),
      points: db
        .prepare<[number, number, number, number], [number, number, number]>(
          `SELECT start, coalesce(duration, (SELECT step FROM series WHERE id = ?)), ${valueOf('value')}
           FROM points WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start`,
        )
        .raw(true),
      // A range's points as three JSON arrays: better-sqlite3 makes an array per row of `points`
      // (a year: 4.5 of its 6 ms), and one text per column parses in a fraction of that. Values
      // stored as REALs are not asked of SQLite's JSON (its text of a double); they count in
      // `reals`, and such a range is read by `points`.
      pointsInJson: db
        .prepare<[number, number, number, number], [string, string, string, number, number | null]>(
          `SELECT json_group_array(start), json_group_array(duration), json_group_array(${scaledCountOf('value')}),
             count(*) - count(${scaledCountOf('value')}), (SELECT step FROM series WHERE id = ?)
           FROM (SELECT start, duration, value FROM points WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start)`,
        )
        .raw(true),
      currencies: db.prepare<[string, string, string, string], { currency: string }>(
        'SELECT currency FROM series WHERE market = ? AND location = ? AND run = ? AND product = ?',
      ),
      lastOnOrBefore: db.prepare<[number, number, number], { start: number; duration: number; value: number }>(
        `SELECT start, coalesce(duration, (SELECT step FROM series WHERE id = ?)) AS duration, ${valueOf('value')} AS value
         FROM points WHERE series_id = ? AND start <= ? ORDER BY start DESC LIMIT 1`,
      ),
      upsertLocation: db.prepare('INSERT INTO locations (market, name, type) VALUES (?, ?, ?) ON CONFLICT (market, name) DO NOTHING'),
      upsertAlias: db.prepare(
        'INSERT INTO location_aliases (market, alias, name) VALUES (?, ?, ?) ON CONFLICT (market, alias) DO UPDATE SET name = excluded.name',
      ),
      locations: db.prepare<[string], { name: string; type: string }>('SELECT name, type FROM locations WHERE market = ?'),
      location: db.prepare<[string, string], { name: string; type: string }>(
        'SELECT name, type FROM locations WHERE market = ? AND name = ?',
      ),
      aliasesOf: db.prepare<[string, string], string>('SELECT alias FROM location_aliases WHERE market = ? AND name = ?').pluck(),
      aliases: db.prepare<[string], { alias: string; name: string }>('SELECT alias, name FROM location_aliases WHERE market = ?'),
      marketSeries: db.prepare<[string], SeriesRow>(`${SERIES_COLUMNS} WHERE market = ? ORDER BY location, run, product, currency`),
      locationSeries: db.prepare<[string, string], SeriesRow>(
        `${SERIES_COLUMNS} WHERE market = ? AND location = ? ORDER BY run, product, currency`,
      ),
      coverageDays: db.prepare<[number, string, string], { day: string; source: string; fetched_at: number; final: number }>(
        `SELECT c.day AS day, s.text AS source, c.fetched_at AS fetched_at, c.final AS final
         FROM coverage c JOIN sources s ON s.id = c.source_id WHERE c.series_id = ? AND c.day >= ? AND c.day <= ? ORDER BY c.day`,
      ),
      coverageCounts: db.prepare<[string, string | null, string | null], CoverageCountRow>(
        `SELECT s.run AS run, s.product AS product, s.currency AS currency, c.day AS day, src.text AS source, c.final AS final, COUNT(*) AS series
         FROM series s JOIN coverage c ON c.series_id = s.id JOIN sources src ON src.id = c.source_id
         WHERE s.market = ? AND (? IS NULL OR s.location = ?)
         GROUP BY s.run, s.product, s.currency, c.day, src.text, c.final
         ORDER BY s.run, s.product, s.currency, c.day, src.text, c.final`,
      ),
      revisions: db.prepare<[number, number, number], { start: number; old_value: number; new_value: number; revised_at: number }>(
        'SELECT start, old_value, new_value, revised_at FROM revisions WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start, revised_at',
      ),
      fetchOk: db.prepare(
        'INSERT INTO fetch_log (market, last_fetch) VALUES (?, ?) ON CONFLICT (market) DO UPDATE SET last_fetch = excluded.last_fetch',
      ),
      fetchError: db.prepare(
        'INSERT INTO fetch_log (market, last_error, last_error_at) VALUES (?, ?, ?) ON CONFLICT (market) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at',
      ),
      fetchLog: db.prepare<[], { market: string; last_fetch: number | null; last_error: string | null; last_error_at: number | null }>(
        'SELECT market, last_fetch, last_error, last_error_at FROM fetch_log',
      ),
      marketStats: db.prepare<[], { market: string; series: number; days: number }>(
        `SELECT s.market AS market, COUNT(DISTINCT s.id) AS series, COUNT(DISTINCT c.day) AS days
         FROM series s LEFT JOIN coverage c ON c.series_id = s.id GROUP BY s.market`,
      ),
      marketPoints: db.prepare<[], { market: string; points: number }>(
        'SELECT s.market AS market, COUNT(*) AS points FROM points p JOIN series s ON s.id = p.series_id GROUP BY s.market',
      ),
    };
  }

  get generation(): number {
    return this.changes;
  }

  async info(): Promise<StoreInfo> {
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.path + suffix).size;
      } catch {
        /* not there yet, or in memory */
      }
    }
    return { engine: 'sqlite', path: this.path, bytes };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /**
   * Drops the read caches when another process (a `gridcell import` beside the server) has
   * committed since the last look (looked at most every REFRESH_INTERVAL_MS). Our own writes drop
   * them as they happen.
   */
  refresh(): void {
    // Asking SQLite costs a few microseconds; a batch of thousands of lookups asks once.
    const now = performance.now();
    if (now - this.checkedAt < REFRESH_INTERVAL_MS) return;
    this.checkedAt = now;
    this.checkFile();
    let version: number;
    try {
      version = this.q.dataVersion.get() as number;
    } catch (e) {
      throw cacheError(e, this.path);
    }
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.forget();
    }
  }

  /**
   * A cache file deleted or replaced under a running server would leave it on the unlinked file
   * while every other process used the new one: refuse to go on instead.
   */
  private checkFile(): void {
    if (!this.file) return;
    const now = identity(this.path);
    if (!now || now.dev !== this.file.dev || now.ino !== this.file.ino) {
      throw new GridError(
        'CACHE_UNUSABLE',
        `The cache file ${this.path} was ${now ? 'replaced' : 'deleted'} while gridcell was running. Restart gridcell to open ${now ? 'the new file' : 'a new one'}.`,
      );
    }
  }

  private forget(): void {
    this.changes++;
    this.seriesIds.clear();
    this.steps.clear();
    this.marketsRead.clear();
    this.names.clear();
    this.coverageCache.clear();
    this.currencyCache.clear();
    this.spanCache.clear();
  }

  /** Every series of a market into the memo (`marketsRead`). */
  private readMarketSeries(market: string): void {
    const memo = new SeriesMemo();
    for (const row of this.q.marketSeriesIds.iterate(market)) {
      memo.set(row.location, row.run, row.product, row.currency, row.id);
      this.steps.set(row.id, row.step);
    }
    this.seriesIds.set(market, memo);
    this.marketsRead.add(market);
  }

  /** The series id, or undefined when nothing was ever stored for it. */
  findSeries(key: SeriesKey): number | undefined {
    return this.seriesId(key.market, key.location, key.run, key.product, key.currency);
  }

  private seriesId(market: string, location: string, run: string, product: string, currency: string): number | undefined {
    let memo = this.seriesIds.get(market);
    if (!memo) this.seriesIds.set(market, (memo = new SeriesMemo()));
    const cached = memo.get(location, run, product, currency);
    if (cached !== undefined || this.marketsRead.has(market)) return cached;
    const row = this.q.seriesId.get(market, location, run, product, currency);
    if (!row) return undefined;
    memo.set(location, run, product, currency, row.id);
    this.steps.set(row.id, row.step);
    return row.id;
  }

  /** The series id, the series created when new with `step` (seconds) as its points' usual duration. */
  private ensureSeries(
    market: string,
    location: string,
    run: string,
    product: string,
    currency: string,
    unit: string,
    step: number | null,
  ): number {
    const found = this.seriesId(market, location, run, product, currency);
    if (found !== undefined) return found;
    const [loc, r, p, c] = [this.held(location), this.held(run), this.held(product), this.held(currency)];
    const id = Number(this.q.insertSeries.run(market, loc, r, p, c, unit, step).lastInsertRowid);
    this.seriesIds.get(market)!.set(loc, r, p, c, id);
    this.steps.set(id, step);
    return id;
  }

  /**
   * The one copy of a name the memo holds (`detached`: never a slice of a file's text): a file
   * names each location under several series, and each run and product under thousands.
   */
  private held(text: string): string {
    let copy = this.names.get(text);
    if (copy === undefined) this.names.set((copy = detached(text)), copy);
    return copy;
  }

  private sourceId(text: string): number {
    return this.q.source.get(text)?.id ?? Number(this.q.insertSource.run(text).lastInsertRowid);
  }

  /** Currencies a series is stored in (Nord Pool files come in EUR, SEK, NOK or DKK). */
  currencies(key: Omit<SeriesKey, 'currency'>): string[] {
    const k = `${key.market}\u0000${key.location}\u0000${key.run}\u0000${key.product}`;
    let found = this.currencyCache.get(k);
    if (!found) {
      found = this.q.currencies.all(key.market, key.location, key.run, key.product).map((r) => r.currency);
      this.currencyCache.set(k, found);
    }
    return found;
  }

  coverage(seriesId: number, day: string): CoverageRow | undefined {
    let cached = this.coverageCache.get(seriesId, day);
    if (cached === undefined) {
      const row = this.q.coverage.get(seriesId, day);
      cached = row ? { day: row.day, source: row.source, fetchedAt: row.fetched_at, final: row.final === 1 } : null;
      this.coverageCache.set(seriesId, day, cached);
    }
    return cached ?? undefined;
  }

  async points(seriesId: number, fromMs: number, toMs: number): Promise<StoredPoint[]> {
    return this.pointsNow(seriesId, fromMs, toMs);
  }

  private pointsNow(seriesId: number, fromMs: number, toMs: number): StoredPoint[] {
    const range = [seriesId, seriesId, Math.floor(fromMs / 1000), Math.ceil(toMs / 1000)] as const;
    const [startsText, durationsText, countsText, reals, step] = this.q.pointsInJson.get(...range)!;
    if (reals > 0) return this.pointsRowByRow(range);
    const starts = JSON.parse(startsText) as number[];
    const durations = JSON.parse(durationsText) as (number | null)[];
    const counts = JSON.parse(countsText) as number[];
    const points: StoredPoint[] = new Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      // An aggregate's order is SQLite's to choose; it has always been the subquery's, and is checked.
      if (i > 0 && start <= starts[i - 1]) return this.pointsRowByRow(range);
      points[i] = { start: start * 1000, end: (start + (durations[i] ?? step ?? 0)) * 1000, value: unscaled(counts[i]) };
    }
    return points;
  }

  /** A range's points row by row, values as stored (REALs among them). */
  private pointsRowByRow(range: readonly [number, number, number, number]): StoredPoint[] {
    const rows = this.q.points.all(...range);
    // Indexed rather than destructured: a year's read makes 8,760 of these.
    const points: StoredPoint[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      points[i] = { start: row[0] * 1000, end: (row[0] + row[1]) * 1000, value: row[2] };
    }
    return points;
  }

  /** The point holding an instant, from a cached span (a market day) of the series. */
  pointAt(seriesId: number, ms: number, span: { start: number; end: number }): StoredPoint | undefined {
    let points = this.spanCache.get(seriesId, span.start);
    if (!points) {
      points = this.pointsNow(seriesId, span.start, span.end);
      this.spanCache.set(seriesId, span.start, points);
    }
    return pointHolding(points, ms);
  }

  lastOnOrBefore(seriesId: number, ms: number): StoredPoint | undefined {
    const row = this.q.lastOnOrBefore.get(seriesId, seriesId, Math.floor(ms / 1000));
    return row && toStored(row);
  }

  async beginWrite(meta: WriteMeta): Promise<BatchWriter> {
    if (this.db.inTransaction) throw new GridError('CACHE_BUSY', `The cache ${this.path} is being written by another request; try again.`);
    this.checkFile();
    this.withoutWaiting(() => this.db.exec('BEGIN IMMEDIATE'));
    // A streamed file's pages go on to the WAL; a smaller write keeps the read cache (shrinking it evicts pages).
    if (meta.streamed) {
      this.db.pragma(`cache_size = ${WRITE_CACHE}`);
      this.readMarketSeries(meta.market);
    }
    const { market } = meta;
    const written = new Set<number>();
    const locations = new Map<string, LocationInfo>();
    const rows = this.pointRows;
    let count = 0;
    const unitOf = (product: string) => meta.productUnits?.[product] ?? meta.unit;
    const seriesOf = (location: string, run: string, product: string, currency: string, step: number | null): number => {
      const id = this.ensureSeries(market, location, run, product, currency, unitOf(product), step);
      if (!written.has(id)) {
        written.add(id);
        if (!locations.has(location)) {
          const name = this.held(location);
          locations.set(name, { name, type: 'NODE' });
        }
      }
      return id;
    };
    let source: number | undefined;
    const days = new Set<string>();
    const cover = (coverage: CoverageEntry[]) => {
      source ??= this.sourceId(meta.source);
      const { whole, partial } = this.coverageRows;
      for (const c of coverage) {
        const k = c.series;
        const id = c.seriesId ?? this.ensureSeries(k.market, k.location, k.run, k.product, k.currency, unitOf(k.product), null);
        if (c.partial) partial.add(id, c.day, source, meta.fetchedAt);
        else whole.add(id, c.day, source, meta.fetchedAt, meta.final(c.day) ? 1 : 0);
        days.add(c.day);
      }
    };
    const end = (sql: 'COMMIT' | 'ROLLBACK') => {
      try {
        if (this.db.inTransaction) this.db.exec(sql);
      } finally {
        if (meta.streamed) this.db.pragma(`cache_size = ${READ_CACHE}`);
        rows.discard();
        this.coverageRows.whole.discard();
        this.coverageRows.partial.discard();
        // Committed: cached reads are stale. Rolled back: ids cached inside it no longer exist.
        this.forget();
      }
    };
    // A full disk or a damaged page shows while writing: say so in the cache's terms.
    const guarded =
      <A extends unknown[], R>(work: (...args: A) => R) =>
      async (...args: A): Promise<R> => {
        try {
          return work(...args);
        } catch (e) {
          throw cacheError(e, this.path);
        }
      };
    return {
      points: guarded((points: PointColumns) => {
        const steps = firstDurations(points);
        const ids = new Float64Array(steps.length).fill(NaN);
        points.series.forEach((s, k) => {
          if (!Number.isNaN(steps[k])) ids[k] = seriesOf(s.location, s.run, s.product, s.currency ?? meta.currency, steps[k]);
        });
        rows.write(points, ids);
        count += points.seriesIndex.length;
        return ids;
      }),
      locations: (list) => {
        for (const l of list) {
          const name = this.held(l.name);
          locations.set(name, { name, type: l.type, aliases: l.aliases?.map(detached) });
        }
      },
      cover: guarded(cover),
      commit: guarded((coverage: CoverageEntry[]) => {
        for (const l of locations.values()) this.saveLocation(market, l);
        cover(coverage);
        const { whole, partial } = this.coverageRows;
        whole.finish();
        partial.finish();
        this.q.fetchOk.run(market, meta.fetchedAt);
        const changed = rows.finish();
        end('COMMIT');
        return { series: written.size, points: count, changed, days: [...days].sort() };
      }),
      abort: async () => end('ROLLBACK'),
    };
  }

  private saveLocation(market: string, l: LocationInfo): void {
    this.q.upsertLocation.run(market, l.name, l.type);
    for (const a of l.aliases ?? []) this.q.upsertAlias.run(market, a.toUpperCase(), l.name);
  }

  async seriesOf(market: string, location?: string): Promise<StoredSeries[]> {
    const rows = location === undefined ? this.q.marketSeries.all(market) : this.q.locationSeries.all(market, location);
    return rows.map(({ id, unit, ...key }) => ({ id, key, unit }));
  }

  async coverageDays(seriesId: number, first: MarketDay, last: MarketDay): Promise<CoverageRow[]> {
    return this.q.coverageDays
      .all(seriesId, first, last)
      .map((r) => ({ day: r.day, source: r.source, fetchedAt: r.fetched_at, final: r.final === 1 }));
  }

  async coverageCounts(market: string, location?: string): Promise<CoverageCount[]> {
    return this.q.coverageCounts.all(market, location ?? null, location ?? null).map((r) => ({ ...r, final: r.final === 1 }));
  }

  async revisions(seriesId: number, fromMs: number, toMs: number): Promise<Revision[]> {
    return this.q.revisions
      .all(seriesId, Math.floor(fromMs / 1000), Math.ceil(toMs / 1000))
      .map((r) => ({ start: r.start * 1000, oldValue: r.old_value, newValue: r.new_value, revisedAt: r.revised_at * 1000 }));
  }

  async blockMeans(q: BlockMeansQuery): Promise<BlockMean[]> {
    return q.seriesIds.flatMap((seriesId) => monthlyBlockMeans(seriesId, this.pointsNow(seriesId, q.fromMs, q.toMs), q.block));
  }

  async storedLocations(market: string): Promise<LocationInfo[]> {
    const aliases = new Map<string, string[]>();
    for (const a of this.q.aliases.all(market)) aliases.set(a.name, [...(aliases.get(a.name) ?? []), a.alias]);
    return this.q.locations.all(market).map((l) => ({ name: l.name, type: l.type, aliases: aliases.get(l.name) ?? [] }));
  }

  async storedLocation(market: string, name: string): Promise<LocationInfo | undefined> {
    const l = this.q.location.get(market, name);
    return l && { name: l.name, type: l.type, aliases: this.q.aliasesOf.all(market, name) };
  }

  async recordError(market: string, message: string): Promise<void> {
    this.withoutWaiting(() => this.q.fetchError.run(market, message, Date.now()));
  }

  async fetchLog(): Promise<Map<string, { lastFetch?: number; lastError?: string }>> {
    const out = new Map<string, { lastFetch?: number; lastError?: string }>();
    for (const r of this.q.fetchLog.all())
      out.set(r.market, { lastFetch: r.last_fetch ?? undefined, lastError: r.last_error ?? undefined });
    return out;
  }

  async marketStats(): Promise<Map<string, { series: number; points: number; days: number }>> {
    const out = new Map<string, { series: number; points: number; days: number }>();
    for (const r of this.q.marketStats.all()) out.set(r.market, { series: r.series, days: r.days, points: 0 });
    for (const r of this.q.marketPoints.all()) {
      const s = out.get(r.market);
      if (s) s.points = r.points;
    }
    return out;
  }

  /** Empties the cache (the taskpane's "clear the cache"). */
  async clear(): Promise<void> {
    this.checkFile();
    this.withoutWaiting(() =>
      this.db
        .transaction(() => {
          for (const t of ['points', 'revisions', 'coverage', 'sources', 'series', 'locations', 'location_aliases', 'fetch_log'])
            this.db.prepare(`DELETE FROM ${t}`).run();
        })
        .immediate(),
    );
    this.forget();
  }

  /**
   * Takes the write lock now or fails with CACHE_BUSY: SQLite's own busy wait would stop the
   * whole process (the server's event loop) for as long as another process writes. The write
   * path waits instead (store/write-lock.ts).
   */
  private withoutWaiting<T>(write: () => T): T {
    this.db.pragma('busy_timeout = 0');
    try {
      return write();
    } catch (e) {
      throw cacheError(e, this.path);
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}

function upsertCoverage(rows: number): string {
  return `INSERT INTO coverage (series_id, day, source_id, fetched_at, final) VALUES ${valuesOf(rows, ['?', '?', '?', '?', '?'])}
    ON CONFLICT (series_id, day) DO UPDATE SET source_id = excluded.source_id, fetched_at = excluded.fetched_at, final = excluded.final`;
}

/** A partial day never replaces a final one. */
function upsertPartialCoverage(rows: number): string {
  return `INSERT INTO coverage (series_id, day, source_id, fetched_at, final) VALUES ${valuesOf(rows, ['?', '?', '?', '?', '0'])}
    ON CONFLICT (series_id, day) DO UPDATE SET source_id = excluded.source_id, fetched_at = excluded.fetched_at WHERE coverage.final = 0`;
}

const CACHE_LIMIT = 50_000;
const REFRESH_INTERVAL_MS = 20;

/**
 * Values per series id, then per key, without building a string key per lookup (the batch path
 * looks up thousands). Emptied when it grows past its limit: cheap, and enough for a hot set.
 */
class PerSeriesCache<K, V> {
  private readonly bySeries = new Map<number, Map<K, V>>();
  private size = 0;

  get(seriesId: number, key: K): V | undefined {
    return this.bySeries.get(seriesId)?.get(key);
  }

  set(seriesId: number, key: K, value: V): void {
    if (this.size >= CACHE_LIMIT) this.clear();
    let inner = this.bySeries.get(seriesId);
    if (!inner) {
      inner = new Map();
      this.bySeries.set(seriesId, inner);
    }
    if (!inner.has(key)) this.size++;
    inner.set(key, value);
  }

  clear(): void {
    this.bySeries.clear();
    this.size = 0;
  }
}

function identity(path: string): { dev: number; ino: number } | undefined {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return undefined;
  }
}

function toStored(row: { start: number; duration: number; value: number }): StoredPoint {
  return { start: row.start * 1000, end: (row.start + row.duration) * 1000, value: row.value };
}

const SERIES_COLUMNS = 'SELECT id, market, location, run, product, currency, unit FROM series';
type SeriesRow = { id: number; unit: string } & SeriesKey;

type CoverageCountRow = Omit<CoverageCount, 'final'> & { final: number };
