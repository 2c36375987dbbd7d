import { firstDurations, GridError, type LocationInfo, type MarketDay, type PointColumns, type SeriesKey } from '../../domain';
import type { BatchWriter, CoverageEntry, WriteMeta, WriteSummary } from '../series-store';
import type { ClickHouseDb } from './db';
import { latestCoverage, latestPoints, ids, strings } from './queries';
import { stageStatement } from './schema';
import { seriesIdOf } from './series-id';
import { ident, int } from './sql';

/** Staged points are sent to the server once this many are held in memory. */
export const STAGE_BLOCK_ROWS = 100_000;

/** What a write needs of its store. */
export interface WriteContext {
  db: ClickHouseDb;
  database: string;
  /** This write's version: larger than any earlier write's, so its rows win. */
  version: number;
  meta: WriteMeta;
  /** Checks that ids are free of collisions; returns those already stored. */
  storedSeries(keys: Map<number, SeriesKey>): Promise<Set<number>>;
  /** A test's fault between moving the points and writing the coverage. */
  afterPointsMoved?: () => Promise<void>;
  /** The write is over: committed (caches are stale) or not. */
  finished(committed: boolean): Promise<void>;
}

interface StageRow {
  market: string;
  series_id: number;
  start_s: number;
  duration: number;
  value: number;
  seq: number;
}

interface NewSeries {
  key: SeriesKey;
  unit: string;
  step: number;
}

/**
 * One write: points staged in `points_stage_<write>`, moved into `points` by `commit`, coverage
 * last (see clickhouse-store.ts).
 */
export class ClickHouseWriter implements BatchWriter {
  private readonly stage: string;
  private stageCreated = false;
  private staged: StageRow[] = [];
  private seq = 0;
  private count = 0;
  private minStart = Infinity;
  private maxStart = -Infinity;
  /** Series written by points, and the ones the store does not hold yet (created at commit). */
  private readonly written = new Set<number>();
  private readonly checked = new Set<number>();
  private readonly created = new Map<number, NewSeries>();
  private readonly locationsSeen = new Map<string, LocationInfo>();
  /** Coverage known before the end, stored with the rest at commit (after the points it describes). */
  private readonly covered: CoverageEntry[] = [];
  private over = false;

  constructor(
    private readonly ctx: WriteContext,
    writeId: string,
  ) {
    this.stage = ident(`points_stage_${writeId}`);
  }

  private get meta(): WriteMeta {
    return this.ctx.meta;
  }

  private unitOf(product: string): string {
    return this.meta.productUnits?.[product] ?? this.meta.unit;
  }

  /** Ids of keys, checking each new one once against the stored series (collisions, existence). */
  private async resolve(keys: Map<number, SeriesKey>, steps: Map<number, number>): Promise<void> {
    const unchecked = new Map([...keys].filter(([id]) => !this.checked.has(id)));
    if (unchecked.size === 0) return;
    const stored = await this.ctx.storedSeries(unchecked);
    for (const [id, key] of unchecked) {
      this.checked.add(id);
      if (!stored.has(id)) this.created.set(id, { key, unit: this.unitOf(key.product), step: steps.get(id) ?? 0 });
    }
  }

  async points(points: PointColumns): Promise<Float64Array> {
    this.assertOpen();
    const { series, seriesIndex, start, end, value } = points;
    const market = this.meta.market;
    const firstSteps = firstDurations(points);
    const idOf = new Float64Array(series.length).fill(NaN);
    const keys = new Map<number, SeriesKey>();
    const steps = new Map<number, number>();
    series.forEach((s, k) => {
      if (Number.isNaN(firstSteps[k])) return;
      const key: SeriesKey = { market, location: s.location, run: s.run, product: s.product, currency: s.currency ?? this.meta.currency };
      idOf[k] = seriesIdOf(key);
      keys.set(idOf[k], key);
      if (!steps.has(idOf[k])) steps.set(idOf[k], firstSteps[k]);
      if (!this.locationsSeen.has(s.location)) this.locationsSeen.set(s.location, { name: s.location, type: 'NODE' });
    });
    await this.resolve(keys, steps);
    for (const id of keys.keys()) this.written.add(id);
    for (let i = 0; i < seriesIndex.length; i++) {
      const s = Math.round(start[i] / 1000);
      this.minStart = Math.min(this.minStart, s);
      this.maxStart = Math.max(this.maxStart, s);
      this.staged.push({
        market,
        series_id: idOf[seriesIndex[i]],
        start_s: s,
        duration: Math.round((end[i] - start[i]) / 1000),
        value: value[i],
        seq: this.seq++,
      });
    }
    this.count += seriesIndex.length;
    if (this.staged.length >= STAGE_BLOCK_ROWS) await this.flush();
    return idOf;
  }

  locations(list: LocationInfo[]): void {
    for (const l of list) this.locationsSeen.set(l.name, { name: l.name, type: l.type, aliases: l.aliases });
  }

  private async flush(): Promise<void> {
    if (this.staged.length === 0) return;
    if (!this.stageCreated) {
      await this.ctx.db.command(stageStatement(this.ctx.database, this.stage));
      this.stageCreated = true;
    }
    const rows = this.staged;
    this.staged = [];
    await this.ctx.db.insert(this.stage, rows);
  }

  async cover(coverage: CoverageEntry[]): Promise<void> {
    this.assertOpen();
    for (const c of coverage) this.covered.push(c);
  }

  async commit(rest: CoverageEntry[]): Promise<WriteSummary> {
    this.assertOpen();
    const coverage = this.covered.concat(rest);
    try {
      await this.flush();
      const coverageKeys = new Map<number, SeriesKey>();
      // Series with points in this write (seriesId given) were resolved as their points came.
      for (const c of coverage) if (c.seriesId === undefined) coverageKeys.set(seriesIdOf(c.series), c.series);
      await this.resolve(coverageKeys, new Map());
      await this.saveSeriesAndLocations();
      const changed = this.stageCreated ? await this.movePoints() : 0;
      await this.ctx.afterPointsMoved?.();
      const days = await this.saveCoverage(coverage);
      await this.ctx.db.insert('fetch_log', [
        { market: this.meta.market, kind: 'fetch', at: this.meta.fetchedAt, message: '', version: this.ctx.version },
      ]);
      await this.ctx.db.insert('writes', [{ id: this.ctx.version, at: Date.now() }]);
      await this.end(true);
      return { series: this.written.size, points: this.count, changed, days };
    } catch (e) {
      await this.end(true).catch(() => undefined);
      throw e;
    }
  }

  async abort(): Promise<void> {
    if (this.over) return;
    await this.end(false);
  }

  private assertOpen(): void {
    if (this.over) throw new GridError('CACHE_UNUSABLE', 'This write is already committed or aborted.');
  }

  private async end(committed: boolean): Promise<void> {
    if (this.over) return;
    this.over = true;
    this.staged = [];
    try {
      if (this.stageCreated) await this.ctx.db.command(`DROP TABLE IF EXISTS ${ident(this.ctx.database)}.${this.stage}`);
    } finally {
      await this.ctx.finished(committed);
    }
  }

  private async saveSeriesAndLocations(): Promise<void> {
    const version = this.ctx.version;
    await this.ctx.db.insert(
      'series',
      [...this.created].map(([id, s]) => ({ id, ...s.key, unit: s.unit, step: s.step, version })),
    );
    const market = this.meta.market;
    const locations = [...this.locationsSeen.values()];
    await this.ctx.db.insert(
      'locations',
      locations.map((l) => ({ market, name: l.name, type: l.type, version })),
    );
    await this.ctx.db.insert(
      'location_aliases',
      locations.flatMap((l) => (l.aliases ?? []).map((a) => ({ market, alias: a.toUpperCase(), name: l.name, version }))),
    );
  }

  /**
   * Counts the staged points that are new or change a stored one, records the changed values as
   * revisions, then moves the points into `points` with this write's version.
   */
  private async movePoints(): Promise<number> {
    const db = ident(this.ctx.database);
    const staged = `SELECT market, series_id, toDateTime(start_s) AS start, argMax(duration, seq) AS new_duration, argMax(value, seq) AS new_value
      FROM ${db}.${this.stage} GROUP BY market, series_id, start`;
    const current = `SELECT series_id, start, dur AS old_duration, val AS old_value, toUInt8(1) AS found FROM (${latestPoints(
      `series_id GLOBAL IN (SELECT DISTINCT series_id FROM ${db}.${this.stage})
        AND start >= toDateTime(${int(this.minStart)}) AND start <= toDateTime(${int(this.maxStart)})`,
    )})`;
    const [{ changed }] = await this.ctx.db.rows<{ changed: string }>(
      `SELECT count() AS changed FROM (${staged}) ANY LEFT JOIN (${current}) USING (series_id, start)
       WHERE found = 0 OR old_value != new_value OR old_duration != new_duration`,
    );
    const now = Math.floor(Date.now() / 1000);
    await this.ctx.db.command(
      `INSERT INTO revisions (series_id, start, old_value, new_value, revised_at)
       SELECT series_id, start, old_value, new_value, toDateTime(${int(now)})
       FROM (${staged}) ANY INNER JOIN (${current}) USING (series_id, start) WHERE old_value != new_value`,
    );
    await this.ctx.db.command(
      `INSERT INTO points (market, series_id, start, duration, value, version)
       SELECT market, series_id, start, new_duration, new_value, toUInt64(${int(this.ctx.version)}) FROM (${staged})`,
    );
    return Number(changed);
  }

  /** Coverage rows, last: a partial day never replaces a day the store holds as final. */
  private async saveCoverage(coverage: CoverageEntry[]): Promise<MarketDay[]> {
    const days = new Set<MarketDay>();
    const rows = new Map<string, { market: string; series_id: number; day: string; final: number; partial: boolean }>();
    for (const c of coverage) {
      const id = c.seriesId ?? seriesIdOf(c.series);
      days.add(c.day);
      const earlier = rows.get(`${id} ${c.day}`);
      if (c.partial && earlier && earlier.final === 1) continue;
      const final = !c.partial && this.meta.final(c.day) ? 1 : 0;
      rows.set(`${id} ${c.day}`, { market: c.series.market, series_id: id, day: c.day, final, partial: !!c.partial });
    }
    const partial = [...rows.values()].filter((r) => r.partial);
    if (partial.length > 0) {
      const finalNow = await this.ctx.db.rows<{ series_id: string; day: string }>(
        `SELECT series_id, toString(day) AS day FROM (${latestCoverage(
          `series_id IN ${ids([...new Set(partial.map((r) => r.series_id))])} AND day IN ${strings([...new Set(partial.map((r) => r.day))])}`,
        )}) WHERE fin = 1`,
      );
      for (const f of finalNow) {
        const k = `${Number(f.series_id)} ${f.day}`;
        if (rows.get(k)?.partial) rows.delete(k);
      }
    }
    const { source, fetchedAt } = this.meta;
    await this.ctx.db.insert(
      'coverage',
      [...rows.values()].map((r) => ({
        market: r.market,
        series_id: r.series_id,
        day: r.day,
        source,
        fetched_at: Math.round(fetchedAt),
        final: r.final,
        version: this.ctx.version,
      })),
    );
    return [...days].sort();
  }
}
