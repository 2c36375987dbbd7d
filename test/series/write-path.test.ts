import { pjmConnector } from '../../backend/connectors/us/pjm';
import { createApp } from '../../backend/app/create-app';
import type { ParsedPoint } from '../../backend/domain';
import { HttpClient } from '../../backend/http/client';
import { SeriesWriter } from '../../backend/series/write-path';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { cleanEnv, seriesOf, tempDbPath } from '../support/app';
import { withDb } from '../support/db';
import { describeShared, sharedPath } from '../support/fixtures';
import { bgeReplayFolder, FAKE_PJM_KEY, PJM_ZONES_FILE } from '../support/pjm-bge';

const H = 3_600_000;
const PJM = pjmConnector.market;
const KEY = { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' };

/** Hourly points from an instant: EDT midnight of 2025-07-01 is 04:00 UTC. */
function hours(fromIso: string, count: number): ParsedPoint[] {
  const t0 = Date.parse(fromIso);
  return Array.from({ length: count }, (_, i) => ({
    location: 'WESTERN HUB',
    run: 'DA',
    product: 'LMP',
    start: t0 + i * H,
    end: t0 + (i + 1) * H,
    value: 30 + i,
  }));
}

function setUp(nowIso: string) {
  const store = new SqliteSeriesStore(tempDbPath());
  return { store, writer: new SeriesWriter(store, () => Date.parse(nowIso)) };
}

describe('the one write path: coverage by one set of rules', () => {
  test('a whole day is covered and final once it has ended; an unasked partial day is kept but partial', async () => {
    const { store, writer } = setUp('2025-08-01T12:00:00Z');
    const summary = await writer.write(PJM, [{ points: [...hours('2025-07-01T04:00:00Z', 24), ...hours('2025-07-02T04:00:00Z', 6)] }], {
      source: 'import:test.csv',
    });
    expect(summary).toMatchObject({ series: 1, points: 30, changed: 30, days: ['2025-07-01', '2025-07-02'] });
    const id = store.findSeries(KEY)!;
    expect(store.coverage(id, '2025-07-01')).toEqual({
      day: '2025-07-01',
      source: 'import:test.csv',
      fetchedAt: Date.parse('2025-08-01T12:00:00Z'),
      final: true,
    });
    expect(store.coverage(id, '2025-07-02')).toEqual({
      day: '2025-07-02',
      source: 'import:test.csv',
      fetchedAt: Date.parse('2025-08-01T12:00:00Z'),
      final: false,
    });
    expect(await store.points(id, Date.parse('2025-07-02T04:00:00Z'), Date.parse('2025-07-03T04:00:00Z'))).toHaveLength(6);
  });

  test('a fetched past day with hours missing is kept, but never final', async () => {
    const { store, writer } = setUp('2025-08-01T12:00:00Z');
    await writer.write(PJM, [{ points: hours('2025-07-02T04:00:00Z', 20) }], { source: 'fetch:pjm.da_hrl_lmps' });
    expect(store.coverage(store.findSeries(KEY)!, '2025-07-02')).toMatchObject({
      source: 'fetch:pjm.da_hrl_lmps',
      final: false,
    });
  });

  test('a partial day never replaces what the cache already has for that day', async () => {
    const { store, writer } = setUp('2025-08-01T12:00:00Z');
    await writer.write(PJM, [{ points: hours('2025-07-01T04:00:00Z', 24) }], { source: 'fetch:pjm.da_hrl_lmps' });
    await writer.write(PJM, [{ points: hours('2025-07-01T04:00:00Z', 3) }], { source: 'import:cut.csv' });
    expect(store.coverage(store.findSeries(KEY)!, '2025-07-01')).toMatchObject({
      source: 'fetch:pjm.da_hrl_lmps',
      final: true,
    });
  });

  test('provisional data and a day that has not ended are never final', async () => {
    const during = setUp('2025-07-01T18:00:00Z');
    await during.writer.write(PJM, [{ points: hours('2025-07-01T04:00:00Z', 24) }], { source: 'fetch:x' });
    expect(during.store.coverage(during.store.findSeries(KEY)!, '2025-07-01')).toMatchObject({ final: false });
    const later = setUp('2025-08-01T12:00:00Z');
    await later.writer.write(PJM, [{ points: hours('2025-07-01T04:00:00Z', 24) }], {
      source: 'fetch:x',
      provisional: true,
    });
    expect(later.store.coverage(later.store.findSeries(KEY)!, '2025-07-01')).toMatchObject({ final: false });
  });

  test('the fall-back day is whole with 25 hours, partial with 24', async () => {
    // 2025-11-02 in New York: EDT midnight is 04:00 UTC, the day ends at 05:00 UTC on 11-03 (EST).
    const { store, writer } = setUp('2025-12-01T12:00:00Z');
    await writer.write(PJM, [{ points: hours('2025-11-02T04:00:00Z', 24) }], { source: 'import:24.csv' });
    const id = store.findSeries(KEY)!;
    expect(store.coverage(id, '2025-11-02')).toMatchObject({ final: false, source: 'import:24.csv' });
    await writer.write(PJM, [{ points: hours('2025-11-02T04:00:00Z', 25) }], { source: 'import:25.csv' });
    expect(store.coverage(id, '2025-11-02')).toMatchObject({ final: true, source: 'import:25.csv' });
  });

  test('an hour written twice (in two pieces of one file) does not make up for a missing one', async () => {
    const { store, writer } = setUp('2025-08-01T12:00:00Z');
    const day = hours('2025-07-01T04:00:00Z', 24);
    const withoutNoon = [...day.slice(0, 12), ...day.slice(13)];
    await writer.write(PJM, [{ points: withoutNoon }, { points: [day[3]] }], { source: 'import:streamed.csv' });
    expect(store.coverage(store.findSeries(KEY)!, '2025-07-01')).toMatchObject({ final: false });
  });

  test('a write that fails halfway leaves the store as it was', async () => {
    const { store, writer } = setUp('2025-08-01T12:00:00Z');
    const broken = hours('2025-07-01T04:00:00Z', 24);
    broken[20].value = NaN; // no value: NOT NULL violation halfway through
    await expect(
      writer.write(PJM, [{ points: hours('2025-07-02T04:00:00Z', 24) }, { points: broken }], { source: 'import:bad.csv' }),
    ).rejects.toThrow();
    expect(store.findSeries(KEY)).toBeUndefined();
  });
});

function storedRows(dbPath: string): { points: unknown[]; coverage: unknown[] } {
  return withDb(dbPath, (db) => ({
    points: db
      .prepare(
        'SELECT s.location, s.run, s.product, p.start, p.duration, p.value FROM point_values p JOIN series s ON s.id = p.series_id ORDER BY 1, 2, 3, 4',
      )
      .all(),
    coverage: db
      .prepare('SELECT s.location, s.product, c.day, c.final FROM coverage c JOIN series s ON s.id = c.series_id ORDER BY 1, 2, 3')
      .all(),
  }));
}

describeShared(PJM_ZONES_FILE)('a fetch and an import of the same bytes store the same rows', () => {
  test('PJM zones of 2026-06-09, fetched through replay and imported from the saved answer', async () => {
    const now = () => Date.parse('2026-11-24T12:00:00Z');
    const replayDir = bgeReplayFolder();
    const fetched = createApp({ env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }), http: new HttpClient({ replayDir }), now });
    const imported = createApp({ env: cleanEnv(), config: { offline: true }, now });
    try {
      await seriesOf(fetched, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      await imported.importFile(sharedPath(PJM_ZONES_FILE));
      const a = storedRows(fetched.config.dbPath);
      const b = storedRows(imported.config.dbPath);
      expect(a.points.length).toBeGreaterThan(24 * 20);
      expect(a).toEqual(b);
    } finally {
      await fetched.close();
      await imported.close();
    }
  });
});
