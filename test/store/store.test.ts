import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDb } from '../../backend/store/sqlite/db';
import { SeriesStore, type WriteBatch } from '../../backend/store/series-store';
import type { ParsedPoint } from '../../backend/domain';

const H = 3_600_000;
const T0 = Date.parse('2025-07-01T04:00:00Z');

function freshStore(): { store: SeriesStore; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-store-')), 'test.db');
  return { store: new SeriesStore(openDb(path)), path };
}

function batch(points: ParsedPoint[]): WriteBatch {
  return {
    market: 'PJM',
    currency: 'USD',
    unit: 'MWh',
    points,
    coverage: [{ series: { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' }, day: '2025-07-01' }],
    source: 'test',
    final: () => true,
    fetchedAt: 1,
  };
}

const day = (value: (h: number) => number): ParsedPoint[] =>
  Array.from({ length: 24 }, (_, h) => ({ location: 'WESTERN HUB', run: 'DA', product: 'LMP', start: T0 + h * H, end: T0 + (h + 1) * H, value: value(h) }));

describe('SQLite store', () => {
  test('a real file in WAL mode with the schema migrated', () => {
    const { store } = freshStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(1);
  });

  test('re-importing the same data changes nothing; a revised value replaces the old one', () => {
    const { store } = freshStore();
    expect(store.write(batch(day((h) => 20 + h))).changed).toBe(24);
    expect(store.write(batch(day((h) => 20 + h))).changed).toBe(0);
    const revised = store.write(batch(day((h) => (h === 5 ? 99.5 : 20 + h))));
    expect(revised.changed).toBe(1);
    const id = store.findSeries({ market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' })!;
    const points = store.points(id, T0, T0 + 24 * H);
    expect(points).toHaveLength(24);
    expect(points[5]).toEqual({ start: T0 + 5 * H, end: T0 + 6 * H, value: 99.5 });
    expect(store.coverage(id, '2025-07-01')).toMatchObject({ final: true, source: 'test' });
  });

  test('a failure in the middle of a write leaves the database as it was', () => {
    const { store } = freshStore();
    store.write(batch(day(() => 10)));
    const broken = day(() => 77);
    (broken[12] as { value: unknown }).value = null; // NOT NULL violation halfway through
    expect(() => store.write(batch(broken))).toThrow();
    const id = store.findSeries({ market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' })!;
    expect(store.points(id, T0, T0 + 24 * H).map((p) => p.value)).toEqual(Array(24).fill(10));
  });

  test('a failed first write leaves no series behind', () => {
    const { store } = freshStore();
    const broken = day(() => 5);
    (broken[3] as { value: unknown }).value = null;
    expect(() => store.write(batch(broken))).toThrow();
    expect(store.findSeries({ market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' })).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM points').get()).toEqual({ n: 0 });
  });

  test("another process's commit is seen: the read caches are dropped", async () => {
    const { store, path } = freshStore();
    store.write(batch(day(() => 1)));
    const id = store.findSeries({ market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' })!;
    expect(store.coverage(id, '2025-07-02')).toBeUndefined();
    const other = new SeriesStore(openDb(path));
    other.write({ ...batch(day(() => 2).map((p) => ({ ...p, start: p.start + 24 * H, end: p.end + 24 * H }))), coverage: [{ series: { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' }, day: '2025-07-02' }] });
    await new Promise((r) => setTimeout(r, 30));
    store.refresh();
    expect(store.coverage(id, '2025-07-02')).toMatchObject({ final: true });
    expect(store.pointAt(id, T0 + 24 * H + 90 * 60_000, { start: T0 + 24 * H, end: T0 + 48 * H })).toEqual({ start: T0 + 25 * H, end: T0 + 26 * H, value: 2 });
  });

  test('processes opening a new database at the same time migrate it once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gridcell-race-')), 'race.db');
    const open = `require(${JSON.stringify(join(__dirname, '../../backend/store/db.ts'))}).openDb(${JSON.stringify(path)}).close()`;
    const run = promisify(execFile);
    await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', '-e', open])));
    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'points'").get()).toEqual({ n: 1 });
    db.close();
  });

  test('locations and aliases are kept', () => {
    const { store } = freshStore();
    store.write({ ...batch(day(() => 1)), locations: [{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288'] }] });
    expect(store.storedLocations('PJM')).toEqual([{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288'] }]);
  });
});
