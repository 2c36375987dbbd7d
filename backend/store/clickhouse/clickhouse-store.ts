/**
 * The series store on ClickHouse (18.16 and later), for a desk sharing one server or cluster.
 *
 * ClickHouse has no multi-statement transactions, so a write is made safe by its order:
 *
 * 1. `points` buffers rows in Node and sends them, 100,000 at a time, into a staging table of
 *    its own (`points_stage_<write>`, Log engine, on the server the store talks to). Nothing
 *    readers look at has changed.
 * 2. `commit` inserts the new series, the locations, then in one query each: counts the staged
 *    points that are new or changed (a join of the staged points with the latest stored values
 *    of the written series), records the changed values in `revisions`, and moves the staged
 *    points into `points` (INSERT ... SELECT, with this write's version: a later version wins).
 * 3. The coverage rows go LAST. Coverage is what says a day is held: a crash before it leaves
 *    points without coverage, which readers treat as not cached (they fetch the day again and
 *    write it over), so a half-written day is never taken as complete. Then a row in `writes`
 *    tells other processes, and the staging table is dropped.
 *
 * `abort` (or an error before step 2) drops the staging table: the store is as it was. A partial
 * day never replaces a final one: decided at commit by reading the latest coverage of the
 * partial days written. On a cluster every table is Distributed over per-shard tables, sharded
 * by series id (schema.ts); inserts through it are synchronous (insert_distributed_sync).
 *
 * There is no lock between processes: two imports writing the same days at once both succeed,
 * the later version winning point by point. Within a process one write is open at a time.
 */
import { GridError, pointHolding, type LocationInfo, type MarketDay, type SeriesKey, type StoredPoint } from '../../domain';
import type {
  BatchWriter,
  BlockMean,
  BlockMeansQuery,
  CoverageCount,
  CoverageRow,
  Revision,
  SeriesStore,
  StoreInfo,
  StoredSeries,
  WriteMeta,
} from '../series-store';
import { Coalescer } from './coalescer';
import { parseClickHouseUrl, type ClickHouseTarget } from './connection';
import { ClickHouseDb } from './db';
import { ids, latestCoverage, latestPoints, pointRange, seriesRows, startsIn, strings } from './queries';
import { localName, schemaStatements, TABLES, truncateStatements } from './schema';
import { sameKey, seriesIdOf, seriesKeyText } from './series-id';
import { array, int, seconds, str } from './sql';
import { ClickHouseWriter } from './writer';

export interface ClickHouseStoreOptions {
  /** A cluster of the server's remote_servers: the tables are Distributed over its shards. */
  cluster?: string;
  /**
   * The shards' own URLs (same user and password), when the cluster has no distributed DDL
   * (ON CLUSTER needs ZooKeeper on 18.16): the per-shard tables are then created on each.
   */
  shardUrls?: string[];
  /** How often `refresh` asks for other processes' writes. */
  refreshIntervalMs?: number;
  /** Tests only: runs after a commit moved its points, before it writes their coverage. */
  afterPointsMoved?: () => Promise<void>;
}

interface PointRow {
  series_id: string;
  start: number;
  dur: number;
  val: number;
}

interface CoverageRowRaw {
  series_id: string;
  day: string;
  src: string;
  fetched: string;
  fin: number;
}

interface SeriesRowRaw {
  id: string;
  m: string;
  loc: string;
  r: string;
  prod: string;
  cur: string;
  u: string;
}

const toStored = (r: PointRow): StoredPoint => ({ start: r.start * 1000, end: (r.start + r.dur) * 1000, value: r.val });
const toCoverage = (r: CoverageRowRaw): CoverageRow => ({ day: r.day, source: r.src, fetchedAt: Number(r.fetched), final: r.fin === 1 });
const keyOf = (r: SeriesRowRaw): SeriesKey => ({ market: r.m, location: r.loc, run: r.r, product: r.prod, currency: r.cur });

const CACHE_LIMIT = 50_000;

export class ClickHouseSeriesStore implements SeriesStore {
  private changes = 0;
  private lastWrite = 0;
  private checkedAt = -Infinity;
  private lastVersion = 0;
  private writing = false;
  private readonly seriesCache = new Map<string, number | null>();
  private readonly currencyCache = new Map<string, string[]>();
  private readonly coverageCache = new Map<string, CoverageRow | null>();
  private readonly spanCache = new Map<string, StoredPoint[]>();
  private readonly findSeriesBatch: Coalescer<SeriesKey, number | null>;
  private readonly coverageBatch: Coalescer<{ seriesId: number; day: MarketDay }, CoverageRow | null>;
  private readonly spanBatch: Coalescer<{ seriesId: number; start: number; end: number }, StoredPoint[]>;

  private constructor(
    private readonly db: ClickHouseDb,
    private readonly target: ClickHouseTarget,
    private readonly options: ClickHouseStoreOptions,
  ) {
    this.findSeriesBatch = new Coalescer(seriesKeyText, (keys) => this.loadSeries(keys), null);
    this.coverageBatch = new Coalescer(
      (k) => `${k.seriesId} ${k.day}`,
      (keys) => this.loadCoverage(keys),
      null,
    );
    this.spanBatch = new Coalescer(
      (k) => `${k.seriesId} ${k.start} ${k.end}`,
      (keys) => this.loadSpans(keys),
      [],
    );
  }

  /** Connects to `clickhouse://user:password@host:8123/database`, creating the database and tables when missing. */
  static async open(url: string, options: ClickHouseStoreOptions = {}): Promise<ClickHouseSeriesStore> {
    const target = parseClickHouseUrl(url, options.cluster);
    if (!options.shardUrls && target.shardUrls) options = { ...options, shardUrls: target.shardUrls };
    const db = new ClickHouseDb(target);
    try {
      await ClickHouseSeriesStore.createSchema(target, options);
      const store = new ClickHouseSeriesStore(db, target, options);
      store.lastWrite = await store.latestWrite();
      store.checkedAt = performance.now();
      return store;
    } catch (e) {
      await db.close();
      throw e;
    }
  }

  private static createSchema(target: ClickHouseTarget, options: ClickHouseStoreOptions): Promise<void> {
    return onEachServer(target, options, (onCluster) => schemaStatements(target.database, target.cluster, onCluster));
  }

  get generation(): number {
    return this.changes;
  }

  async info(): Promise<StoreInfo> {
    const tables = TABLES.map((t) => localName(t.name, this.target.cluster));
    const parts = this.target.cluster ? `cluster(${str(this.target.cluster)}, system, parts)` : 'system.parts';
    const [row] = await this.db.rows<{ bytes: string }>(
      `SELECT sum(bytes_on_disk) AS bytes FROM ${parts} WHERE active AND database = ${str(this.target.database)} AND table IN ${strings(tables)}`,
    );
    return { engine: 'clickhouse', path: this.target.publicUrl, bytes: Number(row?.bytes ?? 0) };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async latestWrite(): Promise<number> {
    const [row] = await this.db.rows<{ id: string }>('SELECT max(id) AS id FROM writes');
    return Number(row?.id ?? 0);
  }

  async refresh(): Promise<void> {
    const now = performance.now();
    if (now - this.checkedAt < (this.options.refreshIntervalMs ?? 1000)) return;
    this.checkedAt = now;
    const latest = await this.latestWrite();
    if (latest !== this.lastWrite) {
      this.lastWrite = latest;
      this.forget();
    }
  }

  private forget(): void {
    this.changes++;
    this.seriesCache.clear();
    this.currencyCache.clear();
    this.coverageCache.clear();
    this.spanCache.clear();
  }

  /** A version larger than any this process gave, close to the time in microseconds (exact as a JS number). */
  private nextVersion(): number {
    this.lastVersion = Math.max(Date.now() * 1000, this.lastVersion + 1);
    return this.lastVersion;
  }

  async findSeries(key: SeriesKey): Promise<number | undefined> {
    const k = seriesKeyText(key);
    let found = this.seriesCache.get(k);
    if (found === undefined) {
      found = await this.findSeriesBatch.get(key);
      remember(this.seriesCache, k, found);
    }
    return found ?? undefined;
  }

  private async loadSeries(keys: SeriesKey[]): Promise<Map<string, number | null>> {
    const wanted = new Map(keys.map((k) => [seriesIdOf(k), k]));
    const rows = await this.db.rows<SeriesRowRaw>(seriesRows(`id IN ${ids([...wanted.keys()])}`));
    const out = new Map<string, number | null>();
    for (const r of rows) {
      const id = Number(r.id);
      const k = wanted.get(id);
      if (k && sameKey(k, keyOf(r))) out.set(seriesKeyText(k), id);
    }
    return out;
  }

  /** For a write: which of these ids are stored, failing when one is stored under another key. */
  private async storedSeries(keys: Map<number, SeriesKey>): Promise<Set<number>> {
    const rows = await this.db.rows<SeriesRowRaw>(seriesRows(`id IN ${ids([...keys.keys()])}`));
    const stored = new Set<number>();
    for (const r of rows) {
      const id = Number(r.id);
      const key = keys.get(id)!;
      if (!sameKey(key, keyOf(r)))
        throw new GridError(
          'CACHE_UNUSABLE',
          `Two series share the id ${id} in the ClickHouse store ${this.target.publicUrl}: ${JSON.stringify(keyOf(r))} and ${JSON.stringify(key)}.`,
        );
      stored.add(id);
    }
    return stored;
  }

  async currencies(key: Omit<SeriesKey, 'currency'>): Promise<string[]> {
    const k = JSON.stringify([key.market, key.location, key.run, key.product]);
    let found = this.currencyCache.get(k);
    if (!found) {
      const rows = await this.db.rows<{ currency: string }>(
        `SELECT DISTINCT currency FROM series WHERE market = ${str(key.market)} AND location = ${str(key.location)}
           AND run = ${str(key.run)} AND product = ${str(key.product)} ORDER BY currency`,
      );
      found = rows.map((r) => r.currency);
      remember(this.currencyCache, k, found);
    }
    return found;
  }

  async coverage(seriesId: number, day: MarketDay): Promise<CoverageRow | undefined> {
    const k = `${seriesId} ${day}`;
    let found = this.coverageCache.get(k);
    if (found === undefined) {
      found = await this.coverageBatch.get({ seriesId, day });
      remember(this.coverageCache, k, found);
    }
    return found ?? undefined;
  }

  /** One query for a turn's coverage questions: every asked series on every asked day, sorted out here. */
  private async loadCoverage(keys: { seriesId: number; day: MarketDay }[]): Promise<Map<string, CoverageRow | null>> {
    const seriesIds = [...new Set(keys.map((k) => k.seriesId))];
    const days = [...new Set(keys.map((k) => k.day))];
    const rows = await this.db.rows<CoverageRowRaw>(
      `SELECT series_id, toString(day) AS day, src, fetched, fin FROM (${latestCoverage(`series_id IN ${ids(seriesIds)} AND day IN ${strings(days)}`)})`,
    );
    return new Map(rows.map((r) => [`${Number(r.series_id)} ${r.day}`, toCoverage(r)]));
  }

  async points(seriesId: number, fromMs: number, toMs: number): Promise<StoredPoint[]> {
    const rows = await this.db.rows<PointRow>(
      `SELECT series_id, toUInt32(start) AS start, dur, val FROM (${latestPoints(pointRange(seriesId, fromMs, toMs))}) ORDER BY start`,
    );
    return rows.map(toStored);
  }

  async pointAt(seriesId: number, ms: number, span: { start: number; end: number }): Promise<StoredPoint | undefined> {
    const k = `${seriesId} ${span.start} ${span.end}`;
    let points = this.spanCache.get(k);
    if (!points) {
      points = await this.spanBatch.get({ seriesId, start: span.start, end: span.end });
      remember(this.spanCache, k, points);
    }
    return pointHolding(points, ms);
  }

  /** One query for a turn's span loads: the series of each distinct span, OR-ed. */
  private async loadSpans(keys: { seriesId: number; start: number; end: number }[]): Promise<Map<string, StoredPoint[]>> {
    const bySpan = new Map<string, { start: number; end: number; ids: number[] }>();
    for (const k of keys) {
      const s = `${k.start} ${k.end}`;
      const entry = bySpan.get(s) ?? { start: k.start, end: k.end, ids: [] };
      entry.ids.push(k.seriesId);
      bySpan.set(s, entry);
    }
    const where = [...bySpan.values()].map((s) => `(series_id IN ${ids(s.ids)} AND ${startsIn(s.start, s.end)})`).join(' OR ');
    const rows = await this.db.rows<PointRow>(
      `SELECT series_id, toUInt32(start) AS start, dur, val FROM (${latestPoints(where)}) ORDER BY series_id, start`,
    );
    const out = new Map<string, StoredPoint[]>(keys.map((k) => [`${k.seriesId} ${k.start} ${k.end}`, []]));
    for (const r of rows) {
      const id = Number(r.series_id);
      const p = toStored(r);
      for (const s of bySpan.values()) {
        const asked = out.get(`${id} ${s.start} ${s.end}`);
        if (asked && p.start >= Math.floor(s.start / 1000) * 1000 && p.start < Math.ceil(s.end / 1000) * 1000) asked.push(p);
      }
    }
    return out;
  }

  async lastOnOrBefore(seriesId: number, ms: number): Promise<StoredPoint | undefined> {
    const [row] = await this.db.rows<PointRow>(
      `SELECT series_id, toUInt32(start) AS start, dur, val FROM (${latestPoints(
        `series_id = ${int(seriesId)} AND start <= ${seconds(ms, Math.floor)}`,
      )}) ORDER BY start DESC LIMIT 1`,
    );
    return row && toStored(row);
  }

  async storedLocations(market: string): Promise<LocationInfo[]> {
    return this.locations(market);
  }

  async storedLocation(market: string, name: string): Promise<LocationInfo | undefined> {
    const [found] = await this.locations(market, name);
    return found;
  }

  /** Locations keep the type they were first stored with; an alias names the location it last named. */
  private async locations(market: string, name?: string): Promise<LocationInfo[]> {
    const ofName = name === undefined ? '' : ` AND name = ${str(name)}`;
    const named = name === undefined ? '' : ` WHERE n = ${str(name)}`;
    const [locations, aliases] = await Promise.all([
      this.db.rows<{ name: string; t: string }>(
        `SELECT name, argMin(type, version) AS t FROM locations WHERE market = ${str(market)}${ofName} GROUP BY name ORDER BY name`,
      ),
      this.db.rows<{ alias: string; n: string }>(
        `SELECT alias, n FROM (SELECT alias, argMax(name, version) AS n FROM location_aliases WHERE market = ${str(market)} GROUP BY alias)${named} ORDER BY alias`,
      ),
    ]);
    const byName = new Map<string, string[]>();
    for (const a of aliases) byName.set(a.n, [...(byName.get(a.n) ?? []), a.alias]);
    return locations.map((l) => ({ name: l.name, type: l.t, aliases: byName.get(l.name) ?? [] }));
  }

  async seriesOf(market: string, location?: string): Promise<StoredSeries[]> {
    const ofLocation = location === undefined ? '' : ` AND location = ${str(location)}`;
    const rows = await this.db.rows<SeriesRowRaw>(`${seriesRows(`market = ${str(market)}${ofLocation}`)} ORDER BY loc, r, prod, cur`);
    return rows.map((r) => ({ id: Number(r.id), key: keyOf(r), unit: r.u }));
  }

  async coverageDays(seriesId: number, first: MarketDay, last: MarketDay): Promise<CoverageRow[]> {
    const rows = await this.db.rows<CoverageRowRaw>(
      `SELECT series_id, toString(day) AS day, src, fetched, fin FROM (${latestCoverage(
        `series_id = ${int(seriesId)} AND day >= toDate(${str(first)}) AND day <= toDate(${str(last)})`,
      )}) ORDER BY day`,
    );
    return rows.map(toCoverage);
  }

  async coverageCounts(market: string, location?: string): Promise<CoverageCount[]> {
    const ofLocation = location === undefined ? '' : ` AND location = ${str(location)}`;
    const rows = await this.db.rows<{
      run: string;
      product: string;
      currency: string;
      day: string;
      source: string;
      final: number;
      series: string;
    }>(
      `SELECT run, product, currency, toString(day) AS day, src AS source, fin AS final, count() AS series
       FROM (${latestCoverage(`market = ${str(market)}`)})
       ANY INNER JOIN (SELECT DISTINCT id AS series_id, run, product, currency FROM series WHERE market = ${str(market)}${ofLocation}) USING series_id
       GROUP BY run, product, currency, day, source, final ORDER BY run, product, currency, day, source, final`,
    );
    return rows.map((r) => ({ ...r, final: r.final === 1, series: Number(r.series) }));
  }

  async revisions(seriesId: number, fromMs: number, toMs: number): Promise<Revision[]> {
    const rows = await this.db.rows<{ start: number; old_value: number; new_value: number; at: number }>(
      `SELECT toUInt32(start) AS start, old_value, new_value, toUInt32(revised_at) AS at FROM revisions
       WHERE ${pointRange(seriesId, fromMs, toMs)} ORDER BY start, at`,
    );
    return rows.map((r) => ({ start: r.start * 1000, oldValue: r.old_value, newValue: r.new_value, revisedAt: r.at * 1000 }));
  }

  /**
   * Time-weighted means (weighted by each interval's duration) of the intervals whose start falls,
   * on the block's wall clock, on a listed day in an hour its mask holds; per series and month.
   */
  async blockMeans(q: BlockMeansQuery): Promise<BlockMean[]> {
    if (q.seriesIds.length === 0 || q.block.days.size === 0) return [];
    const zone = str(q.block.zone);
    const days = [...q.block.days];
    const mask = `transform(toString(toDate(start, ${zone})), ${array(
      days.map(([d]) => d),
      str,
    )}, ${array(
      days.map(([, m]) => m),
      int,
    )}, 0)`;
    const rows = await this.db.rows<{ series_id: string; month: string; mean: number; n: string }>(
      `SELECT series_id, formatDateTime(start, '%Y-%m', ${zone}) AS month, sum(val * dur) / sum(dur) AS mean, count() AS n
       FROM (${latestPoints(`series_id IN ${ids(q.seriesIds)} AND ${startsIn(q.fromMs, q.toMs)}`)})
       WHERE bitAnd(bitShiftRight(${mask}, toHour(start, ${zone})), 1) = 1
       GROUP BY series_id, month ORDER BY series_id, month`,
    );
    return rows.map((r) => ({ seriesId: Number(r.series_id), month: r.month, mean: r.mean, count: Number(r.n) }));
  }

  async beginWrite(meta: WriteMeta): Promise<BatchWriter> {
    this.assertNotWriting();
    this.writing = true;
    const version = this.nextVersion();
    const writeId = `${version}_${Math.floor(Math.random() * 1e9)}`;
    return new ClickHouseWriter(
      {
        db: this.db,
        database: this.target.database,
        version,
        meta,
        storedSeries: (keys) => this.storedSeries(keys),
        afterPointsMoved: this.options.afterPointsMoved,
        finished: async (committed) => {
          this.writing = false;
          if (committed) {
            this.lastWrite = Math.max(this.lastWrite, version);
            this.forget();
          }
        },
      },
      writeId,
    );
  }

  private assertNotWriting(): void {
    if (this.writing)
      throw new GridError('CACHE_BUSY', `The cache ${this.target.publicUrl} is being written by another request; try again.`);
  }

  async recordError(market: string, message: string): Promise<void> {
    this.assertNotWriting();
    await this.db.insert('fetch_log', [{ market, kind: 'error', at: Date.now(), message, version: this.nextVersion() }]);
  }

  async fetchLog(): Promise<Map<string, { lastFetch?: number; lastError?: string }>> {
    const rows = await this.db.rows<{ market: string; kind: 'fetch' | 'error'; a: string; msg: string }>(
      'SELECT market, kind, argMax(at, version) AS a, argMax(message, version) AS msg FROM fetch_log GROUP BY market, kind',
    );
    const out = new Map<string, { lastFetch?: number; lastError?: string }>();
    for (const r of rows) {
      const entry = out.get(r.market) ?? {};
      if (r.kind === 'fetch') entry.lastFetch = Number(r.a);
      else entry.lastError = r.msg;
      out.set(r.market, entry);
    }
    return out;
  }

  async marketStats(): Promise<Map<string, { series: number; points: number; days: number }>> {
    const [series, points, days] = await Promise.all([
      this.db.rows<{ market: string; n: string }>('SELECT market, uniqExact(id) AS n FROM series GROUP BY market'),
      this.db.rows<{ market: string; n: string }>(
        'SELECT market, count() AS n FROM (SELECT market, series_id, start FROM points GROUP BY market, series_id, start) GROUP BY market',
      ),
      this.db.rows<{ market: string; n: string }>('SELECT market, uniqExact(day) AS n FROM coverage GROUP BY market'),
    ]);
    const out = new Map<string, { series: number; points: number; days: number }>();
    for (const r of series) out.set(r.market, { series: Number(r.n), points: 0, days: 0 });
    for (const r of points) if (out.has(r.market)) out.get(r.market)!.points = Number(r.n);
    for (const r of days) if (out.has(r.market)) out.get(r.market)!.days = Number(r.n);
    return out;
  }

  async clear(): Promise<void> {
    this.assertNotWriting();
    const { cluster, database } = this.target;
    await onEachServer(this.target, this.options, (onCluster) => truncateStatements(database, cluster, onCluster));
    const version = this.nextVersion();
    await this.db.insert('writes', [{ id: version, at: Date.now() }]);
    this.lastWrite = version;
    this.forget();
  }
}

/**
 * Runs DDL on each server that needs it: each shard of `shardUrls` (no distributed DDL), else the
 * store's own server (ON CLUSTER reaching the others). The statements name their database, so they
 * run on a connection to `default`: the store's database may not exist yet.
 */
async function onEachServer(
  target: ClickHouseTarget,
  options: ClickHouseStoreOptions,
  statements: (onCluster: boolean) => string[],
): Promise<void> {
  const shards = target.cluster && options.shardUrls?.length ? options.shardUrls.map((url) => parseClickHouseUrl(url)) : undefined;
  for (const server of shards ?? [target]) {
    const db = new ClickHouseDb({ ...target, endpoint: server.endpoint, publicUrl: server.publicUrl, database: 'default' });
    try {
      for (const sql of statements(!shards)) await db.command(sql);
    } finally {
      await db.close();
    }
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
