import { pjmConnector } from '../../backend/connectors/us/pjm';
import { createApp } from '../../backend/app/create-app';
import type { ParsedPoint, StoredPoint } from '../../backend/domain';
import { averageBy, typicalStep } from '../../backend/series/resample';
import { statistic } from '../../backend/series/statistics';
import { SeriesWriter } from '../../backend/series/write-path';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { aggregateOf, cleanEnv, seriesOf, tempDbPath } from '../support/app';

const FIVE_MINUTES = 300_000;
const T0 = Date.parse('2024-01-01T05:00:00Z'); // midnight EST

/** `count` five-minute points whose values cycle -500..499, with one spike of 9999 and one dip of -7777. */
function fiveMinutePoints(count: number): StoredPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    start: T0 + i * FIVE_MINUTES,
    end: T0 + (i + 1) * FIVE_MINUTES,
    value: i === 1_234_567 ? 9999 : i === 765_432 ? -7777 : (i % 1000) - 500,
  }));
}

describe('statistics over any number of values', () => {
  const points = fiveMinutePoints(2_000_000);

  test('2,000,000 values: min, max, count, sum and the time-weighted mean', () => {
    // 2,000 full cycles of -500..499 sum to 2,000 x -500; the spike and the dip replace (1234567 % 1000) - 500 = 67 and (765432 % 1000) - 500 = -68.
    const sum = 2_000 * -500 - 67 + 9999 - -68 + -7777;
    expect(statistic(points, 'min')).toBe(-7777);
    expect(statistic(points, 'max')).toBe(9999);
    expect(statistic(points, 'count')).toBe(2_000_000);
    expect(statistic(points, 'sum')).toBe(sum);
    expect(statistic(points, 'mean')).toBeCloseTo(sum / 2_000_000, 9);
  });

  test('2,000,000 values averaged by day: one mean per day, the first of them over 288 values', () => {
    const days = averageBy(points, 'day', 'UTC-5');
    expect(days).toHaveLength(Math.ceil(2_000_000 / 288));
    // Day one holds values -500..-213 (i = 0..287): their mean is (-500 + -213) / 2.
    expect(days[0]).toEqual({ start: T0, end: T0 + 86_400_000, value: -356.5 });
  });
});

describe("a series' typical step", () => {
  const HOUR = 3_600_000;
  const point = (start: number, hours: number): StoredPoint => ({ start, end: start + hours * HOUR, value: 1 });

  test('is the one duration of evenly spaced points, the median of mixed ones, the fallback without points', () => {
    expect(typicalStep([point(0, 1), point(HOUR, 1), point(2 * HOUR, 1)], 5)).toBe(HOUR);
    // A fall-back day's 25 hours among daily points; a 23-hour day too: the median is still a day.
    expect(typicalStep([point(0, 24), point(24 * HOUR, 25), point(49 * HOUR, 24), point(73 * HOUR, 23)], 5)).toBe(24 * HOUR);
    // Mostly quarter hours, a few hours: the quarter hour (not the mean, not the first).
    const mixed = [point(0, 1), ...Array.from({ length: 5 }, (_, i) => point(HOUR + i * HOUR * 0.25, 0.25)), point(3 * HOUR, 1)];
    expect(typicalStep(mixed, 5)).toBe(0.25 * HOUR);
    expect(typicalStep([], 5)).toBe(5);
  });
});

describe('a max over two years of five-minute prices through the app', () => {
  test('answers, where an array spread into Math.max would overflow the stack', async () => {
    const dbPath = tempDbPath();
    const store = new SqliteSeriesStore(dbPath);
    const count = 2 * 366 * 288; // past 2025-12-30 in any clock
    const parsed: ParsedPoint[] = fiveMinutePoints(count).map((p, i) => ({
      ...p,
      location: 'WESTERN HUB',
      run: 'RT5',
      product: 'LMP',
      value: i === 100_000 ? 4321 : 20 + (i % 7),
    }));
    await new SeriesWriter(store, () => Date.parse('2026-06-01T00:00:00Z')).write(pjmConnector.market, [{ points: parsed }], {
      source: 'test:seed',
    });
    await store.close();
    const app = createApp({ env: cleanEnv(), config: { dbPath, offline: true } });
    try {
      const max = await aggregateOf(app, {
        market: 'PJM',
        location: 'WESTERN HUB',
        run: 'RT5',
        start: '2024-01-01',
        end: '2025-12-30',
        stat: 'max',
      });
      // 730 New York days; each year's 23-hour and 25-hour days cancel out: 730 x 288 intervals.
      expect(max).toMatchObject({ value: 4321, count: 730 * 288 });
      const daily = await seriesOf(app, {
        market: 'PJM',
        location: 'WESTERN HUB',
        run: 'RT5',
        start: '2024-01-01',
        end: '2025-12-30',
        interval: 'day',
      });
      expect(daily.points).toHaveLength(730);
    } finally {
      await app.close();
    }
  });
});
