import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDb, PAGE_BYTES, READ_CACHE, WRITE_CACHE } from '../../backend/store/sqlite/db';
import { MIGRATIONS } from '../../backend/store/sqlite/migrations';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { describeSeriesStore, TEST_WRITE, write } from './series-store-contract';
import { pointColumns, type ParsedPoint, type SeriesKey } from '../../backend/domain';

const H = 3_600_000;
const T0 = Date.parse('2025-07-01T04:00:00Z');
const WESTERN_HUB: SeriesKey = { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' };

function freshStore(): { store: SqliteSeriesStore; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-store-')), 'test.db');
  return { store: new SqliteSeriesStore(path), path };
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

const stored = ({ start, end, value }: ParsedPoint) => ({ start, end, value });

describeSeriesStore('SQLite', async () => new SqliteSeriesStore(join(mkdtempSync(join(tmpdir(), 'gridcell-contract-')), 'contract.db')));

describe('SQLite store', () => {
  test('a real file in WAL mode with the schema migrated', async () => {
    const { store, path } = freshStore();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    expect(await store.info()).toEqual({ engine: 'sqlite', path, bytes: expect.any(Number) });
    expect((await store.info()).bytes).toBeGreaterThan(0);
  });

  test('a failure in the middle of a write leaves the database as it was', async () => {
    const { store } = freshStore();
    await write(store, { points: day(() => 10) });
    const broken = day(() => 77);
    broken[12].value = NaN; // no value: NOT NULL violation halfway through
    await expect(write(store, { points: broken })).rejects.toThrow();
    const id = store.findSeries(WESTERN_HUB)!;
    expect((await store.points(id, T0, T0 + 24 * H)).map((p) => p.value)).toEqual(Array(24).fill(10));
  });

  test('rows in any order are all stored, each series in order: backwards, scrambled, and one series named twice', async () => {
    const { store } = freshStore();
    const point = (location: string, h: number, value: number, currency?: string): ParsedPoint => ({
      location,
      run: 'DA',
      product: 'LMP',
      start: T0 + h * H,
      end: T0 + (h + 1) * H,
      value,
      ...(currency && { currency }),
    });
    // 100 hours backwards (more than an insertion sort is given), 30 scrambled, and a third node
    // named with the write's currency left out and given, its last row repeating an hour.
    const backwards = Array.from({ length: 100 }, (_, i) => point('BACKWARDS', 99 - i, 1000 + 99 - i));
    const scrambled = Array.from({ length: 30 }, (_, i) => point('SCRAMBLED', (i * 7) % 30, 2000 + ((i * 7) % 30)));
    const twice = [point('TWICE', 2, 32), point('TWICE', 0, 30, 'USD'), point('TWICE', 1, 31), point('TWICE', 0, 39, 'USD')];
    const rows = [...backwards, ...scrambled, ...twice].map((p, i, all) => all[(i * 37) % all.length]);
    expect(new Set(rows).size).toBe(rows.length);
    await write(store, { points: rows });
    const stored = async (location: string, hours: number) =>
      (await store.points(store.findSeries({ ...WESTERN_HUB, location })!, T0, T0 + hours * H)).map((p) => [(p.start - T0) / H, p.value]);
    expect(await stored('BACKWARDS', 100)).toEqual(Array.from({ length: 100 }, (_, h) => [h, 1000 + h]));
    expect(await stored('SCRAMBLED', 30)).toEqual(Array.from({ length: 30 }, (_, h) => [h, 2000 + h]));
    const lastOfHour0 = rows.filter((p) => p.location === 'TWICE' && p.start === T0).at(-1)!.value;
    expect(await stored('TWICE', 3)).toEqual([
      [0, lastOfHour0],
      [1, 31],
      [2, 32],
    ]);
  });

  test('a series of many rows listed in runs out of order (hours of 12 intervals, the hours shuffled) is stored in order, a repeated start keeping the later row', async () => {
    const { store } = freshStore();
    const FIVE = 300_000;
    const hours = [5, 2, 9, 0, 7, 1, 11, 3, 8, 4, 10, 6];
    const rows: ParsedPoint[] = hours.flatMap((h) =>
      Array.from({ length: 12 }, (_, m) => ({
        location: 'RUNS',
        run: 'RT5',
        product: 'LMP',
        start: T0 + (h * 12 + m) * FIVE,
        end: T0 + (h * 12 + m + 1) * FIVE,
        value: h * 100 + m,
      })),
    );
    rows.push({ ...rows[3], value: -1 }); // hour 5's fourth interval again, later in the file
    await write(store, { points: rows });
    const stored = await store.points(store.findSeries({ ...WESTERN_HUB, location: 'RUNS', run: 'RT5' })!, T0, T0 + 12 * H);
    expect(stored.map((p) => (p.start - T0) / FIVE)).toEqual(Array.from({ length: 144 }, (_, i) => i));
    expect(stored.map((p) => p.value)).toEqual(
      Array.from({ length: 144 }, (_, i) => (i === 5 * 12 + 3 ? -1 : Math.floor(i / 12) * 100 + (i % 12))),
    );
  });

  test("a streamed write reads its market's series at once: it keeps the ids of those stored, makes the new ones, and sees those another process adds after it", async () => {
    const { store, path } = freshStore();
    await write(store, { points: day(() => 10) });
    const hub = store.findSeries(WESTERN_HUB)!;
    const other = day(() => 20).map((p) => ({ ...p, location: 'EASTERN HUB' }));
    await write(store, { points: [...day(() => 11), ...other], meta: { streamed: true } });
    const eastern = store.findSeries({ ...WESTERN_HUB, location: 'EASTERN HUB' })!;
    expect(store.findSeries(WESTERN_HUB)).toBe(hub);
    expect(eastern).not.toBe(hub);
    expect((await store.points(hub, T0, T0 + H)).map((p) => p.value)).toEqual([11]);
    expect((await store.points(eastern, T0, T0 + H)).map((p) => p.value)).toEqual([20]);

    const elsewhere = new SqliteSeriesStore(path);
    await write(elsewhere, { points: day(() => 30).map((p) => ({ ...p, location: 'DOMINION HUB' })) });
    await elsewhere.close();
    const dominion = store.findSeries({ ...WESTERN_HUB, location: 'DOMINION HUB' });
    expect(dominion).toEqual(expect.any(Number));
    expect((await store.points(dominion!, T0, T0 + H)).map((p) => p.value)).toEqual([30]);
    expect(new Set([hub, eastern, dominion]).size).toBe(3);
  });

  test('a write of a fetch keeps the read cache: lowering it would evict the pages reads use', async () => {
    const { store } = freshStore();
    const writer = await store.beginWrite(TEST_WRITE);
    expect(store['db'].pragma('cache_size', { simple: true })).toBe(READ_CACHE);
    await writer.commit([]);
    expect(store['db'].pragma('cache_size', { simple: true })).toBe(READ_CACHE);
  });

  test('a streamed write larger than its page cache goes on to the WAL before it commits, and reads get their larger cache back', async () => {
    const { store, path } = freshStore();
    const writer = await store.beginWrite({ ...TEST_WRITE, streamed: true });
    expect(store['db'].pragma('cache_size', { simple: true })).toBe(WRITE_CACHE);
    const n = 600_000; // about 12 MiB of pages, more than a write keeps
    const points = Array.from({ length: n }, (_, i) => ({
      location: `NODE ${i % 500}`,
      run: 'RT5',
      product: 'LMP',
      start: T0 + i * 300_000,
      end: T0 + (i + 1) * 300_000,
      value: (i % 997) / 7,
    }));
    await writer.points(pointColumns(points));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    await writer.commit([]);
    expect(store['db'].pragma('cache_size', { simple: true })).toBe(READ_CACHE);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n });
    db.close();
  });

  test('a failed first write leaves no series behind', async () => {
    const { store, path } = freshStore();
    const broken = day(() => 5);
    broken[3].value = NaN;
    await expect(write(store, { points: broken })).rejects.toThrow();
    expect(store.findSeries(WESTERN_HUB)).toBeUndefined();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n: 0 });
    db.close();
  });

  test('every change moves the generation: writes, a clear, another process', async () => {
    const { store, path } = freshStore();
    const before = store.generation;
    await write(store, { points: day(() => 1) });
    const afterWrite = store.generation;
    expect(afterWrite).toBeGreaterThan(before);
    const other = new SqliteSeriesStore(path);
    await write(other, { points: day(() => 2, 24 * H), coverage: [{ series: WESTERN_HUB, day: '2025-07-02' }] });
    await other.close();
    await new Promise((r) => setTimeout(r, 30));
    store.refresh();
    const afterOther = store.generation;
    expect(afterOther).toBeGreaterThan(afterWrite);
    await store.clear();
    expect(store.generation).toBeGreaterThan(afterOther);
    expect(store.findSeries(WESTERN_HUB)).toBeUndefined();
  });

  test("another process's commit is seen: the read caches are dropped", async () => {
    const { store, path } = freshStore();
    await write(store, { points: day(() => 1) });
    const id = store.findSeries(WESTERN_HUB)!;
    expect(store.coverage(id, '2025-07-02')).toBeUndefined();
    const other = new SqliteSeriesStore(path);
    await write(other, { points: day(() => 2, 24 * H), coverage: [{ series: WESTERN_HUB, day: '2025-07-02' }] });
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
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'points'").get()).toEqual({ n: 1 });
    db.close();
  });

  test('a new database has pages of PAGE_BYTES; one made before keeps its own, and opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridcell-pages-'));
    const fresh = openDb(join(dir, 'new.db'));
    expect(fresh.pragma('page_size', { simple: true })).toBe(PAGE_BYTES);
    fresh.close();
    const olderPath = join(dir, 'older.db');
    const made = new Database(olderPath);
    made.pragma('page_size = 4096');
    made.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS) made.exec(migration);
    made.pragma(`user_version = ${MIGRATIONS.length}`);
    made.close();
    const older = openDb(olderPath);
    expect(older.pragma('page_size', { simple: true })).toBe(4096);
    expect(older.pragma('journal_mode', { simple: true })).toBe('wal');
    older.close();
  });

  test('every value reads back as the exact double written, whichever way it is stored', async () => {
    const { store, path } = freshStore();
    // Five places or fewer are stored as scaled integers; the rest (and the huge) as REALs.
    const values = [34.04259, -12.5, 0, 1e-5, 0.1 + 0.2, 1 / 3, 123456.789, 1e12, -2.5e-7, 9e15];
    const points = day((h) => values[h % values.length]);
    await write(store, { points });
    const id = store.findSeries(WESTERN_HUB)!;
    expect((await store.points(id, T0, T0 + 24 * H)).map((p) => p.value)).toEqual(points.map((p) => p.value));
    // The first four hours hold scaled integers alone (read as JSON arrays); the first five, a REAL too.
    for (const hours of [4, 5]) expect(await store.points(id, T0, T0 + hours * H)).toEqual(points.slice(0, hours).map(stored));
    const db = new Database(path, { readonly: true });
    const kinds = db.prepare('SELECT typeof(value) AS kind, COUNT(*) AS n FROM points GROUP BY kind ORDER BY kind').all();
    db.close();
    // The 24 hours cycle through the ten values: the first four three times, the rest twice.
    // 34.04259, -12.5, 0, 1e-5 (3 x 4) and 123456.789 (2) are scaled integers; the other five are REALs.
    expect(kinds).toEqual([
      { kind: 'integer', n: 14 },
      { kind: 'real', n: 10 },
    ]);
    // The file read with the sqlite3 shell shows the values themselves.
    const shown = new Database(path, { readonly: true });
    expect(shown.prepare('SELECT value FROM point_values ORDER BY start').pluck().all()).toEqual(points.map((p) => p.value));
    shown.close();
  });

  test("a point longer than its series' step reads back with its own end, beside points of the step", async () => {
    const { store, path } = freshStore();
    // Hourly points, then one of two hours (its duration is stored, the others' is the series' step).
    const points = [...day((h) => h + 0.5).slice(0, 3), { ...day(() => 7.25)[3], end: T0 + 5 * H }];
    await write(store, { points });
    const read = await store.points(store.findSeries(WESTERN_HUB)!, T0, T0 + 6 * H);
    expect(read).toEqual(points.map(stored));
    expect(read[3]).toEqual({ start: T0 + 3 * H, end: T0 + 5 * H, value: 7.25 });
    expect(await store.points(store.findSeries(WESTERN_HUB)!, T0 + 6 * H, T0 + 9 * H)).toEqual([]);
    // Stored: no duration where it is the series' step (an hour), two hours (in seconds) for the last.
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT duration FROM points ORDER BY start').pluck().all()).toEqual([null, null, null, 7200]);
    expect(db.prepare('SELECT step FROM series').pluck().all()).toEqual([3600]);
    db.close();
  });

  test('a cache file of the previous schema (version 2) is migrated with its values, coverage and revisions', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gridcell-v2-')), 'v2.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]);
    old.exec(MIGRATIONS[1]);
    old.pragma('user_version = 2');
    old
      .prepare(
        "INSERT INTO series (id, market, location, run, product, currency, unit) VALUES (7, 'PJM', 'WESTERN HUB', 'DA', 'LMP', 'USD', 'MWh')",
      )
      .run();
    const start = Math.round(T0 / 1000);
    old
      .prepare('INSERT INTO points (series_id, start, duration, value) VALUES (7, ?, 3600, 41.25), (7, ?, 3600, 0.123456789)')
      .run(start, start + 3600);
    old.prepare("INSERT INTO coverage (series_id, day, source, fetched_at, final) VALUES (7, '2025-07-01', 'import:old.csv', 5, 1)").run();
    old.prepare('UPDATE points SET value = 42.5 WHERE start = ?').run(start);
    old.close();

    const store = new SqliteSeriesStore(path);
    const id = store.findSeries(WESTERN_HUB)!;
    expect(id).toBe(7);
    expect(await store.points(id, T0, T0 + 2 * H)).toEqual([
      { start: T0, end: T0 + H, value: 42.5 },
      { start: T0 + H, end: T0 + 2 * H, value: 0.123456789 },
    ]);
    expect(store.coverage(id, '2025-07-01')).toEqual({ day: '2025-07-01', source: 'import:old.csv', fetchedAt: 5, final: true });
    expect(await store.revisions(id, T0, T0 + H)).toEqual([{ start: T0, oldValue: 41.25, newValue: 42.5, revisedAt: expect.any(Number) }]);
    // The trigger of the new points table records a revision as before, in values, not scaled integers.
    await write(store, { points: [{ location: 'WESTERN HUB', run: 'DA', product: 'LMP', start: T0, end: T0 + H, value: 43.75 }] });
    expect((await store.revisions(id, T0, T0 + H)).map((r) => [r.oldValue, r.newValue])).toEqual([
      [41.25, 42.5],
      [42.5, 43.75],
    ]);
    await store.close();
  });
});
