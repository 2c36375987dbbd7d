import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDb } from '../../backend/store/sqlite/db';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import type { CoverageEntry, SeriesStore, WriteSummary } from '../../backend/store/series-store';
import type { LocationInfo, ParsedPoint, SeriesKey } from '../../backend/domain';

const H = 3_600_000;
const T0 = Date.parse('2025-07-01T04:00:00Z');
const WESTERN_HUB: SeriesKey = { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' };

function freshStore(): { store: SqliteSeriesStore; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-store-')), 'test.db');
  return { store: new SqliteSeriesStore(path), path };
}

interface Write {
  points: ParsedPoint[];
  coverage?: CoverageEntry[];
  locations?: LocationInfo[];
  source?: string;
}

/** One write transaction: the points, the locations, then the coverage and commit. */
function write(store: SeriesStore, w: Write): WriteSummary {
  const writer = store.beginWrite({
    market: 'PJM',
    currency: 'USD',
    unit: 'MWh',
    source: w.source ?? 'test',
    final: () => true,
    fetchedAt: 1,
  });
  try {
    writer.points(w.points);
    writer.locations(w.locations ?? []);
    return writer.commit(w.coverage ?? [{ series: WESTERN_HUB, day: '2025-07-01' }]);
  } catch (e) {
    writer.abort();
    throw e;
  }
}

const day = (value: (h: number) => number, offset = 0): ParsedPoint[] =>
  Array.from({ length: 24 }, (_, h) => ({
    location: 'WESTERN HUB',
    run: 'DA',
    product: 'LMP',
    start: T0 + offset + h * H,
    end: T0 + offset + (h + 1) * H,
    value: value(h),
  }));

describe('SQLite store', () => {
  test('a real file in WAL mode with the schema migrated', () => {
    const { store, path } = freshStore();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    expect(store.info().path).toBe(path);
    expect(store.info().bytes).toBeGreaterThan(0);
  });

  test('re-importing the same data changes nothing; a revised value replaces the old one', () => {
    const { store } = freshStore();
    expect(write(store, { points: day((h) => 20 + h) }).changed).toBe(24);
    expect(write(store, { points: day((h) => 20 + h) }).changed).toBe(0);
    const revised = write(store, { points: day((h) => (h === 5 ? 99.5 : 20 + h)) });
    expect(revised.changed).toBe(1);
    const id = store.findSeries(WESTERN_HUB)!;
    const points = store.points(id, T0, T0 + 24 * H);
    expect(points).toHaveLength(24);
    expect(points[5]).toEqual({ start: T0 + 5 * H, end: T0 + 6 * H, value: 99.5 });
    expect(store.coverage(id, '2025-07-01')).toMatchObject({ final: true, source: 'test' });
  });

  test('a changed value leaves a revision; the same value written again does not', () => {
    const { store } = freshStore();
    write(store, { points: day((h) => 20 + h) });
    write(store, { points: day((h) => 20 + h) });
    write(store, { points: day((h) => (h === 5 ? 99.5 : 20 + h)) });
    const id = store.findSeries(WESTERN_HUB)!;
    const revisions = store.revisions(id, T0, T0 + 24 * H);
    expect(revisions).toEqual([{ start: T0 + 5 * H, oldValue: 25, newValue: 99.5, revisedAt: expect.any(Number) }]);
    expect(Math.abs(revisions[0].revisedAt - Date.now())).toBeLessThan(60_000);
    expect(store.seriesOf('PJM')).toEqual([{ id, key: WESTERN_HUB, unit: 'MWh' }]);
    expect(store.coverageDays(id, '2025-06-30', '2025-07-02')).toEqual([{ day: '2025-07-01', source: 'test', fetchedAt: 1, final: true }]);
  });

  test('a failure in the middle of a write leaves the database as it was', () => {
    const { store } = freshStore();
    write(store, { points: day(() => 10) });
    const broken = day(() => 77);
    (broken[12] as { value: unknown }).value = null; // NOT NULL violation halfway through
    expect(() => write(store, { points: broken })).toThrow();
    const id = store.findSeries(WESTERN_HUB)!;
    expect(store.points(id, T0, T0 + 24 * H).map((p) => p.value)).toEqual(Array(24).fill(10));
  });

  test('a failed first write leaves no series behind', () => {
    const { store, path } = freshStore();
    const broken = day(() => 5);
    (broken[3] as { value: unknown }).value = null;
    expect(() => write(store, { points: broken })).toThrow();
    expect(store.findSeries(WESTERN_HUB)).toBeUndefined();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n: 0 });
    db.close();
  });

  test('a partial day never replaces the coverage a day already has', () => {
    const { store } = freshStore();
    write(store, { points: day(() => 10), source: 'whole' });
    write(store, {
      points: day(() => 11).slice(0, 6),
      coverage: [{ series: WESTERN_HUB, day: '2025-07-01', partial: true }],
      source: 'partial',
    });
    const id = store.findSeries(WESTERN_HUB)!;
    expect(store.coverage(id, '2025-07-01')).toMatchObject({ final: true, source: 'whole' });
    write(store, {
      points: day(() => 12, 24 * H).slice(0, 6),
      coverage: [{ series: WESTERN_HUB, day: '2025-07-02', partial: true }],
      source: 'partial',
    });
    expect(store.coverage(id, '2025-07-02')).toEqual({ day: '2025-07-02', source: 'partial', fetchedAt: 1, final: false });
  });

  test('every change moves the generation: writes, a clear, another process', async () => {
    const { store, path } = freshStore();
    const before = store.generation;
    write(store, { points: day(() => 1) });
    const afterWrite = store.generation;
    expect(afterWrite).toBeGreaterThan(before);
    const other = new SqliteSeriesStore(path);
    write(other, { points: day(() => 2, 24 * H), coverage: [{ series: WESTERN_HUB, day: '2025-07-02' }] });
    other.close();
    await new Promise((r) => setTimeout(r, 30));
    store.refresh();
    const afterOther = store.generation;
    expect(afterOther).toBeGreaterThan(afterWrite);
    store.clear();
    expect(store.generation).toBeGreaterThan(afterOther);
    expect(store.findSeries(WESTERN_HUB)).toBeUndefined();
  });

  test("another process's commit is seen: the read caches are dropped", async () => {
    const { store, path } = freshStore();
    write(store, { points: day(() => 1) });
    const id = store.findSeries(WESTERN_HUB)!;
    expect(store.coverage(id, '2025-07-02')).toBeUndefined();
    const other = new SqliteSeriesStore(path);
    write(other, { points: day(() => 2, 24 * H), coverage: [{ series: WESTERN_HUB, day: '2025-07-02' }] });
    await new Promise((r) => setTimeout(r, 30));
    store.refresh();
    expect(store.coverage(id, '2025-07-02')).toMatchObject({ final: true });
    expect(store.pointAt(id, T0 + 24 * H + 90 * 60_000, { start: T0 + 24 * H, end: T0 + 48 * H })).toEqual({
      start: T0 + 25 * H,
      end: T0 + 26 * H,
      value: 2,
    });
  });

  test('processes opening a new database at the same time migrate it once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gridcell-race-')), 'race.db');
    const open = `require(${JSON.stringify(join(__dirname, '../../backend/store/sqlite/db.ts'))}).openDb(${JSON.stringify(path)}).close()`;
    const run = promisify(execFile);
    await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', '-e', open])));
    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'points'").get()).toEqual({ n: 1 });
    db.close();
  });

  test('locations and aliases are kept', () => {
    const { store } = freshStore();
    write(store, { points: day(() => 1), locations: [{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288'] }] });
    expect(store.storedLocations('PJM')).toEqual([{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288'] }]);
  });
});
