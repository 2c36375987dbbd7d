import { statSync } from 'node:fs';
import { GridError, type LocationInfo, type MarketDay, type ParsedPoint, type SeriesKey, type StoredPoint } from '../../domain';
import { detached } from '../../formats/text';
import type {
  BatchWriter,
  CoverageCount,
  CoverageEntry,
  CoverageRow,
  Revision,
  SeriesStore,
  StoredSeries,
  WriteMeta,
} from '../series-store';
import { BUSY_TIMEOUT_MS, openDb, type Db } from './db';
import { cacheError } from './errors';

/**
 * All SQL lives here, as prepared statements. Writes of one report or file happen in ONE
 * transaction: a failure anywhere leaves the database exactly as it was.
 */
export class SqliteSeriesStore implements SeriesStore {
  private readonly seriesIds = new Map<string, number>();
  /** Read caches for the hot path (thousands of one-value lookups per recalculation). */
  private readonly coverageCache = new PerSeriesCache<string, CoverageRow | null>();
  private readonly currencyCache = new Map<string, string[]>();
  private readonly spanCache = new PerSeriesCache<number, StoredPoint[]>();
  private dataVersion = 0;
  private checkedAt = -Infinity;
  private changes = 0;
  private readonly db: Db;
  private readonly q;

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
    this.q = {
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      seriesId: db.prepare<[string, string, string, string, string], { id: number }>(
        'SELECT id FROM series WHERE market = ? AND location = ? AND run = ? AND product = ? AND currency = ?',
      ),
      insertSeries: db.prepare('INSERT INTO series (market, location, run, product, currency, unit) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertPoint: db.prepare(
        `INSERT INTO points (series_id, start, duration, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (series_id, start) DO UPDATE SET duration = excluded.duration, value = excluded.value
         WHERE points.value IS NOT excluded.value OR points.duration IS NOT excluded.duration`,
      ),
      upsertCoverage: db.prepare(
        `INSERT INTO coverage (series_id, day, source, fetched_at, final) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (series_id, day) DO UPDATE SET source = excluded.source, fetched_at = excluded.fetched_at, final = excluded.final`,
      ),
      upsertPartialCoverage: db.prepare(
        `INSERT INTO coverage (series_id, day, source, fetched_at, final) VALUES (?, ?, ?, ?, 0)
         ON CONFLICT (series_id, day) DO UPDATE SET source = excluded.source, fetched_at = excluded.fetched_at WHERE coverage.final = 0`,
      ),
      coverage: db.prepare<[number, string], { day: string; source: string; fetched_at: number; final: number }>(
        'SELECT day, source, fetched_at, final FROM coverage WHERE series_id = ? AND day = ?',
      ),
      points: db
        .prepare<[number, number, number], [number, number, number]>(
          'SELECT start, duration, value FROM points WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start',
        )
        .raw(true),
      currencies: db.prepare<[string, string, string, string], { currency: string }>(
        'SELECT currency FROM series WHERE market = ? AND location = ? AND run = ? AND product = ?',
      ),
      latest: db.prepare<[number], { start: number; duration: number; value: number }>(
        'SELECT start, duration, value FROM points WHERE series_id = ? ORDER BY start DESC LIMIT 1',
      ),
      lastOnOrBefore: db.prepare<[number, number], { start: number; duration: number; value: number }>(
        'SELECT start, duration, value FROM points WHERE series_id = ? AND start <= ? ORDER BY start DESC LIMIT 1',
      ),
      upsertLocation: db.prepare('INSERT INTO locations (market, name, type) VALUES (?, ?, ?) ON CONFLICT (market, name) DO NOTHING'),
      upsertAlias: db.prepare(
        'INSERT INTO location_aliases (market, alias, name) VALUES (?, ?, ?) ON CONFLICT (market, alias) DO UPDATE SET name = excluded.name',
      ),
      locations: db.prepare<[string], { name: string; type: string }>('SELECT name, type FROM locations WHERE market = ?'),
      aliases: db.prepare<[string], { alias: string; name: string }>('SELECT alias, name FROM location_aliases WHERE market = ?'),
      marketSeries: db.prepare<
        [string],
        { id: number; market: string; location: string; run: string; product: string; currency: string; unit: string }
      >('SELECT id, market, location, run, product, currency, unit FROM series WHERE market = ? ORDER BY location, run, product, currency'),
      coverageDays: db.prepare<[number, string, string], { day: string; source: string; fetched_at: number; final: number }>(
        'SELECT day, source, fetched_at, final FROM coverage WHERE series_id = ? AND day >= ? AND day <= ? ORDER BY day',
      ),
      coverageCounts: db.prepare<[string, string | null, string | null], CoverageCountRow>(
        `SELECT s.run AS run, s.product AS product, s.currency AS currency, c.day AS day, c.source AS source, c.final AS final, COUNT(*) AS series
         FROM series s JOIN coverage c ON c.series_id = s.id
         WHERE s.market = ? AND (? IS NULL OR s.location = ?)
         GROUP BY s.run, s.product, s.currency, c.day, c.source, c.final
         ORDER BY s.run, s.product, s.currency, c.day, c.source, c.final`,
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

  info(): { path: string; bytes: number } {
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.path + suffix).size;
      } catch {
        /* not there yet, or in memory */
      }
    }
    return { path: this.path, bytes };
  }

  close(): void {
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
    this.coverageCache.clear();
    this.currencyCache.clear();
    this.spanCache.clear();
  }

  /** The series id, or undefined when nothing was ever stored for it. */
  findSeries(key: SeriesKey): number | undefined {
    const k = seriesCacheKey(key);
    const cached = this.seriesIds.get(k);
    if (cached !== undefined) return cached;
    const row = this.q.seriesId.get(key.market, key.location, key.run, key.product, key.currency);
    if (row) this.seriesIds.set(k, row.id);
    return row?.id;
  }

  private ensureSeries(key: SeriesKey, unit: string): number {
    const found = this.findSeries(key);
    if (found !== undefined) return found;
    const id = Number(this.q.insertSeries.run(key.market, key.location, key.run, key.product, key.currency, unit).lastInsertRowid);
    this.seriesIds.set(seriesCacheKey(key), id);
    return id;
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

  points(seriesId: number, fromMs: number, toMs: number): StoredPoint[] {
    return this.q.points
      .all(seriesId, Math.floor(fromMs / 1000), Math.ceil(toMs / 1000))
      .map(([start, duration, value]) => ({ start: start * 1000, end: (start + duration) * 1000, value }));
  }

  /** The point holding an instant, from a cached span (a market day) of the series. */
  pointAt(seriesId: number, ms: number, span: { start: number; end: number }): StoredPoint | undefined {
    let points = this.spanCache.get(seriesId, span.start);
    if (!points) {
      points = this.points(seriesId, span.start, span.end);
      this.spanCache.set(seriesId, span.start, points);
    }
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid].start <= ms) lo = mid + 1;
      else hi = mid;
    }
    const p = points[lo - 1];
    return p && p.end > ms ? p : undefined;
  }

  latest(seriesId: number): StoredPoint | undefined {
    const row = this.q.latest.get(seriesId);
    return row && toStored(row);
  }

  lastOnOrBefore(seriesId: number, ms: number): StoredPoint | undefined {
    const row = this.q.lastOnOrBefore.get(seriesId, Math.floor(ms / 1000));
    return row && toStored(row);
  }

  beginWrite(meta: WriteMeta): BatchWriter {
    if (this.db.inTransaction) throw new GridError('CACHE_BUSY', `The cache ${this.path} is being written by another request; try again.`);
    this.checkFile();
    this.withoutWaiting(() => this.db.exec('BEGIN IMMEDIATE'));
    const touched = new Set<number>();
    const locations = new Map<string, LocationInfo>();
    let count = 0;
    let changed = 0;
    const seriesOf = (p: ParsedPoint) =>
      this.ensureSeries(
        { market: meta.market, location: p.location, run: p.run, product: p.product, currency: p.currency ?? meta.currency },
        meta.productUnits?.[p.product] ?? meta.unit,
      );
    const end = (sql: 'COMMIT' | 'ROLLBACK') => {
      try {
        if (this.db.inTransaction) this.db.exec(sql);
      } finally {
        // Committed: cached reads are stale. Rolled back: ids cached inside it no longer exist.
        this.forget();
      }
    };
    // A full disk or a damaged page shows while writing: say so in the cache's terms.
    const guarded =
      <A extends unknown[], R>(work: (...args: A) => R) =>
      (...args: A): R => {
        try {
          return work(...args);
        } catch (e) {
          throw cacheError(e, this.path);
        }
      };
    return {
      points: guarded((points: ParsedPoint[]) => {
        // Rows go in key order (series, start): the B-tree then fills sequentially, several
        // times faster than in the order a file lists them.
        const rows: [number, number, number, number][] = new Array(points.length);
        for (let i = 0; i < points.length; i++) {
          const p = points[i];
          if (!locations.has(p.location)) {
            const name = detached(p.location);
            locations.set(name, { name, type: 'NODE' });
          }
          rows[i] = [seriesOf(p), Math.round(p.start / 1000), Math.round((p.end - p.start) / 1000), p.value];
        }
        rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        for (const row of rows) {
          touched.add(row[0]);
          changed += this.q.upsertPoint.run(row[0], row[1], row[2], row[3]).changes;
        }
        count += points.length;
      }),
      locations: (list) => {
        for (const l of list) locations.set(detached(l.name), { name: detached(l.name), type: l.type, aliases: l.aliases?.map(detached) });
      },
      commit: guarded((coverage: CoverageEntry[]) => {
        for (const l of locations.values()) this.saveLocation(meta.market, l);
        const days = new Set<string>();
        for (const c of coverage) {
          const id = this.ensureSeries(c.series, meta.productUnits?.[c.series.product] ?? meta.unit);
          if (c.partial) this.q.upsertPartialCoverage.run(id, c.day, meta.source, meta.fetchedAt);
          else this.q.upsertCoverage.run(id, c.day, meta.source, meta.fetchedAt, meta.final(c.day) ? 1 : 0);
          days.add(c.day);
        }
        this.q.fetchOk.run(meta.market, meta.fetchedAt);
        end('COMMIT');
        return { series: touched.size, points: count, changed, days: [...days].sort() };
      }),
      abort: () => end('ROLLBACK'),
    };
  }

  private saveLocation(market: string, l: LocationInfo): void {
    this.q.upsertLocation.run(market, l.name, l.type);
    for (const a of l.aliases ?? []) this.q.upsertAlias.run(market, a.toUpperCase(), l.name);
  }

  seriesOf(market: string): StoredSeries[] {
    return this.q.marketSeries.all(market).map(({ id, unit, ...key }) => ({ id, key, unit }));
  }

  coverageDays(seriesId: number, first: MarketDay, last: MarketDay): CoverageRow[] {
    return this.q.coverageDays
      .all(seriesId, first, last)
      .map((r) => ({ day: r.day, source: r.source, fetchedAt: r.fetched_at, final: r.final === 1 }));
  }

  coverageCounts(market: string, location?: string): CoverageCount[] {
    return this.q.coverageCounts.all(market, location ?? null, location ?? null).map((r) => ({ ...r, final: r.final === 1 }));
  }

  revisions(seriesId: number, fromMs: number, toMs: number): Revision[] {
    return this.q.revisions
      .all(seriesId, Math.floor(fromMs / 1000), Math.ceil(toMs / 1000))
      .map((r) => ({ start: r.start * 1000, oldValue: r.old_value, newValue: r.new_value, revisedAt: r.revised_at * 1000 }));
  }

  storedLocations(market: string): LocationInfo[] {
    const aliases = new Map<string, string[]>();
    for (const a of this.q.aliases.all(market)) aliases.set(a.name, [...(aliases.get(a.name) ?? []), a.alias]);
    return this.q.locations.all(market).map((l) => ({ name: l.name, type: l.type, aliases: aliases.get(l.name) ?? [] }));
  }

  recordError(market: string, message: string): void {
    this.withoutWaiting(() => this.q.fetchError.run(market, message, Date.now()));
  }

  fetchLog(): Map<string, { lastFetch?: number; lastError?: string }> {
    const out = new Map<string, { lastFetch?: number; lastError?: string }>();
    for (const r of this.q.fetchLog.all())
      out.set(r.market, { lastFetch: r.last_fetch ?? undefined, lastError: r.last_error ?? undefined });
    return out;
  }

  marketStats(): Map<string, { series: number; points: number; days: number }> {
    const out = new Map<string, { series: number; points: number; days: number }>();
    for (const r of this.q.marketStats.all()) out.set(r.market, { series: r.series, days: r.days, points: 0 });
    for (const r of this.q.marketPoints.all()) {
      const s = out.get(r.market);
      if (s) s.points = r.points;
    }
    return out;
  }

  /** Empties the cache (the taskpane's "clear the cache"). */
  clear(): void {
    this.checkFile();
    this.withoutWaiting(() =>
      this.db
        .transaction(() => {
          for (const t of ['points', 'revisions', 'coverage', 'series', 'locations', 'location_aliases', 'fetch_log'])
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

function seriesCacheKey(k: SeriesKey): string {
  return `${k.market}\u0000${k.location}\u0000${k.run}\u0000${k.product}\u0000${k.currency}`;
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

type CoverageCountRow = Omit<CoverageCount, 'final'> & { final: number };
