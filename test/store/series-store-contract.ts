import { pointColumns, type LocationInfo, type ParsedPoint, type SeriesKey } from '../../backend/domain';
import type { CoverageEntry, SeriesStore, WriteMeta, WriteSummary } from '../../backend/store/series-store';

/**
 * What every SeriesStore does, whatever its engine: run by each engine's test file with a function
 * that opens a fresh, empty store. Expected values come from the data written here.
 */
const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2025-07-01T04:00:00Z');
const HUB: SeriesKey = { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' };

interface Write {
  points: ParsedPoint[];
  coverage?: CoverageEntry[];
  locations?: LocationInfo[];
  meta?: Partial<WriteMeta>;
}

/** What the tests' writes say about themselves: PJM's currency and unit, every day final. */
export const TEST_WRITE: WriteMeta = {
  market: 'PJM',
  currency: 'USD',
  unit: 'MWh',
  source: 'test',
  final: () => true,
  fetchedAt: 1_751_400_000_000,
};

/** One write: the points, the locations, then the coverage (a day of the hub unless given) and commit; aborted on any error. */
export async function write(store: SeriesStore, w: Write): Promise<WriteSummary> {
  const writer = await store.beginWrite({ ...TEST_WRITE, ...w.meta });
  try {
    await writer.points(pointColumns(w.points));
    writer.locations(w.locations ?? []);
    return await writer.commit(w.coverage ?? [{ series: HUB, day: '2025-07-01' }]);
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

const hours = (value: (h: number) => number, from = T0, count = 24, location = HUB.location): ParsedPoint[] =>
  Array.from({ length: count }, (_, h) => ({
    location,
    run: 'DA',
    product: 'LMP',
    start: from + h * H,
    end: from + (h + 1) * H,
    value: value(h),
  }));

export function describeSeriesStore(name: string, open: () => Promise<SeriesStore>): void {
  describe(`${name}: the SeriesStore contract`, () => {
    const opened: SeriesStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const s of opened) await s.close();
    });

    test('re-importing the same data changes nothing; a revised value replaces the old one and leaves a revision', async () => {
      const store = await fresh();
      expect(await write(store, { points: hours((h) => 20 + h) })).toEqual({ series: 1, points: 24, changed: 24, days: ['2025-07-01'] });
      expect((await write(store, { points: hours((h) => 20 + h) })).changed).toBe(0);
      expect((await write(store, { points: hours((h) => (h === 5 ? 99.5 : 20 + h)) })).changed).toBe(1);
      const id = (await store.findSeries(HUB))!;
      const points = await store.points(id, T0, T0 + DAY);
      expect(points).toHaveLength(24);
      expect(points[5]).toEqual({ start: T0 + 5 * H, end: T0 + 6 * H, value: 99.5 });
      expect(points[6].value).toBe(26);
      const revisions = await store.revisions(id, T0, T0 + DAY);
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ start: T0 + 5 * H, oldValue: 25, newValue: 99.5 });
      expect(await store.coverage(id, '2025-07-01')).toEqual({
        day: '2025-07-01',
        source: 'test',
        fetchedAt: 1_751_400_000_000,
        final: true,
      });
    });

    test('abort leaves the store as it was: no series, no points, no coverage', async () => {
      const store = await fresh();
      const writer = await store.beginWrite({ market: 'PJM', currency: 'USD', unit: 'MWh', source: 'x', final: () => true, fetchedAt: 1 });
      await writer.points(pointColumns(hours((h) => h)));
      writer.locations([{ name: 'WESTERN HUB', type: 'HUB' }]);
      await writer.abort();
      expect(await store.findSeries(HUB)).toBeUndefined();
      expect(await store.seriesOf('PJM')).toEqual([]);
      expect(await store.storedLocations('PJM')).toEqual([]);
      expect((await store.marketStats()).get('PJM')).toBeUndefined();
      // A write after an abort works.
      expect((await write(store, { points: hours((h) => h) })).changed).toBe(24);
    });

    test('a partial day never replaces a final day; it does replace a day that is not final', async () => {
      const store = await fresh();
      await write(store, { points: hours((h) => h) });
      await write(store, {
        points: hours((h) => h + 1, T0, 3),
        coverage: [{ series: HUB, day: '2025-07-01', partial: true }],
        meta: { source: 'late' },
      });
      const id = (await store.findSeries(HUB))!;
      expect(await store.coverage(id, '2025-07-01')).toMatchObject({ source: 'test', final: true });

      await write(store, {
        points: hours((h) => h, T0 + DAY),
        coverage: [{ series: HUB, day: '2025-07-02' }],
        meta: { final: () => false },
      });
      await write(store, {
        points: hours((h) => h, T0 + DAY, 2),
        coverage: [{ series: HUB, day: '2025-07-02', partial: true }],
        meta: { source: 'late' },
      });
      expect(await store.coverage(id, '2025-07-02')).toMatchObject({ source: 'late', final: false });
    });

    test('generation moves on writes and on clear; clear empties the store', async () => {
      const store = await fresh();
      const g0 = store.generation;
      await write(store, { points: hours((h) => h) });
      const g1 = store.generation;
      expect(g1).toBeGreaterThan(g0);
      await store.clear();
      expect(store.generation).toBeGreaterThan(g1);
      expect(await store.findSeries(HUB)).toBeUndefined();
      expect(await store.marketStats()).toEqual(new Map());
      expect(await store.fetchLog()).toEqual(new Map());
    });

    test('locations and aliases are kept; a written series names its location', async () => {
      const store = await fresh();
      await write(store, {
        points: [...hours((h) => h), ...hours((h) => h, T0, 24, 'AECO')],
        locations: [{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'wh'] }],
        coverage: [],
      });
      expect(await store.storedLocations('PJM')).toEqual([
        { name: 'AECO', type: 'NODE', aliases: [] },
        { name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'WH'] },
      ]);
      expect(await store.storedLocation('PJM', 'WESTERN HUB')).toEqual({ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'WH'] });
      expect(await store.storedLocation('PJM', 'NOWHERE')).toBeUndefined();
      expect(await store.storedLocations('ERCOT')).toEqual([]);
    });

    test('doubles read back exactly', async () => {
      const store = await fresh();
      const values = [0.1, -3.14159, 1e-7, 123456.789012, 2 ** 53 - 1, 0.30000000000000004, 1.7976931348623157e308, 45.123456789];
      await write(store, { points: hours((h) => values[h], T0, values.length) });
      const id = (await store.findSeries(HUB))!;
      expect((await store.points(id, T0, T0 + DAY)).map((p) => p.value)).toEqual(values);
    });

    test('a point with its own duration keeps it (a 25-hour day)', async () => {
      const store = await fresh();
      const key: SeriesKey = { ...HUB, product: 'DAILY' };
      const start = Date.parse('2025-11-02T04:00:00Z');
      const end = start + 25 * H;
      await write(store, {
        points: [
          { location: HUB.location, run: 'DA', product: 'DAILY', start: start - DAY, end: start, value: 1 },
          { location: HUB.location, run: 'DA', product: 'DAILY', start, end, value: 2 },
        ],
        coverage: [{ series: key, day: '2025-11-02' }],
      });
      const id = (await store.findSeries(key))!;
      expect(await store.points(id, start, end)).toEqual([{ start, end, value: 2 }]);
      expect(await store.pointAt(id, end - 1000, { start, end })).toEqual({ start, end, value: 2 });
      expect(await store.pointAt(id, end, { start, end })).toBeUndefined();
    });

    test('points, pointAt and lastOnOrBefore read the ranges asked', async () => {
      const store = await fresh();
      await write(store, { points: hours((h) => 100 + h) });
      const id = (await store.findSeries(HUB))!;
      expect((await store.points(id, T0 + 2 * H, T0 + 5 * H)).map((p) => p.value)).toEqual([102, 103, 104]);
      expect(await store.points(id, T0 - DAY, T0)).toEqual([]);
      const span = { start: T0, end: T0 + DAY };
      expect(await store.pointAt(id, T0 + 3 * H + 1800_000, span)).toEqual({ start: T0 + 3 * H, end: T0 + 4 * H, value: 103 });
      expect(await store.pointAt(id, T0 - 1, span)).toBeUndefined();
      expect(await store.lastOnOrBefore(id, T0 + 10 * H + 5)).toEqual({ start: T0 + 10 * H, end: T0 + 11 * H, value: 110 });
      expect(await store.lastOnOrBefore(id, T0 + 100 * DAY)).toEqual({ start: T0 + 23 * H, end: T0 + DAY, value: 123 });
      expect(await store.lastOnOrBefore(id, T0 - 1)).toBeUndefined();
      expect(await store.findSeries({ ...HUB, run: 'RT' })).toBeUndefined();
      expect(await store.currencies({ market: 'PJM', location: HUB.location, run: 'DA', product: 'LMP' })).toEqual(['USD']);
    });

    test('coverageDays and coverageCounts', async () => {
      const store = await fresh();
      const other: SeriesKey = { ...HUB, location: 'AECO' };
      await write(store, {
        points: [...hours((h) => h, T0, 48), ...hours((h) => h, T0, 24, 'AECO')],
        coverage: [
          { series: HUB, day: '2025-07-01' },
          { series: HUB, day: '2025-07-02' },
          { series: other, day: '2025-07-01' },
        ],
        meta: { final: (d) => d === '2025-07-01' },
      });
      const id = (await store.findSeries(HUB))!;
      expect((await store.coverageDays(id, '2025-06-30', '2025-07-02')).map((c) => [c.day, c.final])).toEqual([
        ['2025-07-01', true],
        ['2025-07-02', false],
      ]);
      expect(await store.coverageDays(id, '2025-07-02', '2025-07-02')).toHaveLength(1);
      const base = { run: 'DA', product: 'LMP', currency: 'USD', source: 'test' };
      expect(await store.coverageCounts('PJM')).toEqual([
        { ...base, day: '2025-07-01', final: true, series: 2 },
        { ...base, day: '2025-07-02', final: false, series: 1 },
      ]);
      expect(await store.coverageCounts('PJM', 'AECO')).toEqual([{ ...base, day: '2025-07-01', final: true, series: 1 }]);
      expect((await store.seriesOf('PJM')).map((s) => s.key.location)).toEqual(['AECO', 'WESTERN HUB']);
      expect(await store.seriesOf('PJM', 'AECO')).toEqual([{ id: (await store.findSeries(other))!, key: other, unit: 'MWh' }]);
      expect(await store.seriesOf('PJM', 'NOWHERE')).toEqual([]);
    });

    test('fetchLog holds the last fetch and the last error per market', async () => {
      const store = await fresh();
      await write(store, { points: hours((h) => h), meta: { fetchedAt: 1_751_400_123_000 } });
      await store.recordError('PJM', "upstream said 'no' \\ twice");
      await store.recordError('ERCOT', 'timeout');
      const log = await store.fetchLog();
      expect(log.get('PJM')).toEqual({ lastFetch: 1_751_400_123_000, lastError: "upstream said 'no' \\ twice" });
      expect(log.get('ERCOT')).toEqual({ lastError: 'timeout' });
    });

    test('marketStats counts series, points and covered days per market', async () => {
      const store = await fresh();
      await write(store, {
        points: [...hours((h) => h, T0, 48), ...hours((h) => h, T0, 24, 'AECO')],
        coverage: [
          { series: HUB, day: '2025-07-01' },
          { series: HUB, day: '2025-07-02' },
          { series: { ...HUB, location: 'AECO' }, day: '2025-07-01' },
        ],
      });
      await write(store, { points: hours((h) => h + 1, T0, 48) });
      expect(await store.marketStats()).toEqual(new Map([['PJM', { series: 2, points: 72, days: 2 }]]));
    });

    test('blockMeans: time-weighted, by wall-clock day and hour, over a 25-hour DST day', async () => {
      const store = await fresh();
      // America/New_York, 2025-11-02: midnight EDT is 04:00Z, the day ends at 05:00Z next day (25 hours).
      const day = Date.parse('2025-11-02T04:00:00Z');
      const points: ParsedPoint[] = [
        ...hours((h) => 1000 + h, day - 4 * H, 4), // 2025-11-01 20:00-24:00 EDT: a day not in the block
        ...hours((h) => 10 + h, day, 8), // 00:00 EDT, 01:00 EDT, 01:00 EST, 02:00 ... 06:00 EST
        // 07:00-08:00 EST in two half hours: the weights matter.
        { location: HUB.location, run: 'DA', product: 'LMP', start: day + 8 * H, end: day + 8.5 * H, value: 50 },
        { location: HUB.location, run: 'DA', product: 'LMP', start: day + 8.5 * H, end: day + 9 * H, value: 80 },
        ...hours((h) => 500 + h, day + 9 * H, 16), // 08:00 EST onwards: outside hours 0-7
      ];
      await write(store, { points, coverage: [] });
      const id = (await store.findSeries(HUB))!;
      // Hours 0-7 of the wall clock: the 8 hourly points starting 04:00Z-11:00Z and the two half hours.
      const inBlock = points.filter((p) => p.start >= day && p.start < day + 9 * H);
      expect(inBlock).toHaveLength(10);
      const weighted = inBlock.reduce((s, p) => s + p.value * (p.end - p.start), 0) / inBlock.reduce((s, p) => s + (p.end - p.start), 0);
      const means = await store.blockMeans({
        seriesIds: [id],
        fromMs: day - DAY,
        toMs: day + 2 * DAY,
        block: { zone: 'America/New_York', days: new Map([['2025-11-02', 0xff]]) },
      });
      expect(means).toHaveLength(1);
      expect(means[0]).toMatchObject({ seriesId: id, month: '2025-11', count: 10 });
      expect(means[0].mean).toBeCloseTo(weighted, 9);
      // Hour 1 of that day happens twice: both intervals are in a block of hour 1 only.
      const one = await store.blockMeans({
        seriesIds: [id],
        fromMs: day - DAY,
        toMs: day + 2 * DAY,
        block: { zone: 'America/New_York', days: new Map([['2025-11-02', 1 << 1]]) },
      });
      expect(one).toEqual([{ seriesId: id, month: '2025-11', mean: (11 + 12) / 2, count: 2 }]);
      // The evening of 2025-11-01 (hours 20-23), in another month on a fixed-offset clock too.
      const evening = await store.blockMeans({
        seriesIds: [id],
        fromMs: day - DAY,
        toMs: day + 2 * DAY,
        block: { zone: 'America/New_York', days: new Map([['2025-11-01', 0xf00000]]) },
      });
      expect(evening).toEqual([{ seriesId: id, month: '2025-11', mean: (1000 + 1001 + 1002 + 1003) / 4, count: 4 }]);
    });

    test('many lookups asked in one turn are all answered', async () => {
      const store = await fresh();
      const names = Array.from({ length: 150 }, (_, i) => `NODE ${i}`);
      await write(store, {
        points: names.flatMap((n, i) => hours((h) => i * 100 + h, T0, 24, n)),
        coverage: names.map((n) => ({ series: { ...HUB, location: n }, day: '2025-07-01' })),
      });
      const keys = names.map((n) => ({ ...HUB, location: n }));
      const ids = await Promise.all(keys.map(async (k) => store.findSeries(k)));
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(new Set(ids).size).toBe(names.length);
      const span = { start: T0, end: T0 + DAY };
      const [coverage, values, missing] = await Promise.all([
        Promise.all(ids.map(async (id) => store.coverage(id!, '2025-07-01'))),
        Promise.all(ids.map(async (id) => store.pointAt(id!, T0 + 7 * H, span))),
        Promise.all(ids.map(async (id) => store.coverage(id!, '2025-07-02'))),
      ]);
      expect(coverage.every((c) => c?.final === true)).toBe(true);
      expect(values.map((p) => p?.value)).toEqual(names.map((_, i) => i * 100 + 7));
      expect(missing.every((c) => c === undefined)).toBe(true);
    });
  });
}
