/**
 * Weeks, quarters, years and the first/last statistics over a whole year of real AESO pool prices
 * (hourly, Alberta time with its 23- and 25-hour days), the expected values read from the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { GridError } from '../../backend/domain';
import { statistic } from '../../backend/series/statistics';
import { mean, onPeak, poolHours } from '../support/aeso-pool-prices';
import { aggregateOf, cleanEnv, seriesOf, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const AESO = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
const NOW = Date.parse('2023-02-01T12:00:00Z');
const ask = { market: 'AESO', location: 'ALBERTA' };

async function appWith(file: string): Promise<App> {
  const app = createApp({ env: cleanEnv(), config: { dbPath: tempDbPath(), offline: true }, now: () => NOW });
  await app.importFile(file);
  return app;
}

async function refusal(answer: Promise<unknown>): Promise<GridError> {
  try {
    await answer;
  } catch (e) {
    if (e instanceof GridError) return e;
    throw e;
  }
  throw new Error('answered');
}

describe('first and last', () => {
  test('are the values of the earliest and latest interval whatever the order given', () => {
    const points = [
      { start: 3_600_000, end: 7_200_000, value: 2 },
      { start: 0, end: 3_600_000, value: 1 },
      { start: 7_200_000, end: 10_800_000, value: 3 },
    ];
    expect(statistic(points, 'first')).toBe(1);
    expect(statistic(points, 'last')).toBe(3);
  });
});

describeShared(AESO)('interval=week|month|quarter|year: only whole periods, on the market clock', () => {
  const hours = poolHours(AESO);
  const valuesOf = (test: (day: string) => boolean) => hours.filter((h) => test(h.day)).map((h) => h.value);
  let app: App;

  beforeAll(async () => {
    app = await appWith(sharedPath(AESO));
  });
  afterAll(() => app.close());

  test('ISO weeks from Monday: February 2022 holds three whole ones', async () => {
    const weeks = await seriesOf(app, { ...ask, start: '2022-02', interval: 'week' });
    // Feb 1 2022 was a Tuesday, Feb 28 a Monday: the weeks of Feb 7, 14 and 21.
    expect(new Date('2022-02-07T00:00:00Z').getUTCDay()).toBe(1);
    const mondays = ['2022-02-07', '2022-02-14', '2022-02-21'];
    expect(weeks.points.map((p) => [p.start, p.end])).toEqual(
      mondays.map((d, i) => [`${d}T00:00:00-07:00`, `${mondays[i + 1] ?? '2022-02-28'}T00:00:00-07:00`]),
    );
    mondays.forEach((monday, i) => {
      const days = new Set(
        Array.from({ length: 7 }, (_, k) => new Date(Date.parse(`${monday}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10)),
      );
      expect(weeks.points[i].value).toBeCloseTo(mean(valuesOf((d) => days.has(d))), 9);
    });
  });

  test('quarters of a year with a 23-hour and a 25-hour day, and the year itself', async () => {
    const quarters = await seriesOf(app, { ...ask, start: 'CAL-2022', interval: 'quarter' });
    expect(quarters.points.map((p) => p.start)).toEqual([
      '2022-01-01T00:00:00-07:00',
      '2022-04-01T00:00:00-06:00',
      '2022-07-01T00:00:00-06:00',
      '2022-10-01T00:00:00-06:00',
    ]);
    expect(quarters.points[3].end).toBe('2023-01-01T00:00:00-07:00');
    const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3);
    // Q1 holds 2,159 hours (March 13 had 23), Q4 2,209 (November 6 had 25).
    expect(valuesOf((d) => quarterOf(d) === 0)).toHaveLength(90 * 24 - 1);
    expect(valuesOf((d) => quarterOf(d) === 3)).toHaveLength(92 * 24 + 1);
    quarters.points.forEach((p, q) => expect(p.value).toBeCloseTo(mean(valuesOf((d) => quarterOf(d) === q)), 9));
    const year = await seriesOf(app, { ...ask, start: 'cal-2022', interval: 'YEAR' });
    expect(year.points).toHaveLength(1);
    expect(year.points[0].value).toBeCloseTo(mean(hours.map((h) => h.value)), 9);
  });

  test('a month the range cuts is left out, never labelled as the whole month', async () => {
    const months = await seriesOf(app, { ...ask, start: '2022-01-15', end: '2022-03-15', interval: 'month' });
    expect(months.points.map((p) => p.start)).toEqual(['2022-02-01T00:00:00-07:00']);
    expect(months.points[0].value).toBeCloseTo(mean(valuesOf((d) => d.startsWith('2022-02'))), 9);
    const twoDays = await refusal(seriesOf(app, { ...ask, start: '2022-07-01', end: '2022-07-02', interval: 'month' }));
    expect(twoDays).toMatchObject({ code: 'BAD_REQUEST' });
    expect(twoDays.message).toBe(
      'interval=month: 2022-07-01T00:00:00-06:00 to 2022-07-03T00:00:00-06:00 holds no whole month on the America/Edmonton clock; ask for whole periods (e.g. start=2026-07 for a month, CAL-2026 for a year) or a shorter interval.',
    );
  });

  test('days on another clock than the market’s: only the UTC days wholly inside the market days', async () => {
    // Alberta days July 1-3 run from 06:00Z on July 1 to 06:00Z on July 4: UTC July 2 and 3 are whole.
    const days = await seriesOf(app, { ...ask, start: '2022-07-01', end: '2022-07-03', interval: 'day', tz: 'UTC' });
    expect(days.points.map((p) => p.start)).toEqual(['2022-07-02T00:00:00Z', '2022-07-03T00:00:00Z']);
    // UTC July 2 is Alberta July 1 HE 19-24 and July 2 HE 01-18.
    const utcJuly2 = hours.filter((h) => (h.day === '2022-07-01' && h.he >= 19) || (h.day === '2022-07-02' && h.he <= 18));
    expect(days.points[0].value).toBeCloseTo(mean(utcJuly2.map((h) => h.value)), 9);
  });

  test('stat=first and last: the earliest and latest value of the block in the period', async () => {
    const july = hours.filter((h) => h.day.startsWith('2022-07'));
    const first = await aggregateOf(app, { ...ask, start: '2022-07', stat: 'first' });
    const last = await aggregateOf(app, { ...ask, start: '2022-07', stat: 'LAST' });
    expect([first.value, last.value]).toEqual([july[0].value, july[july.length - 1].value]);
    const peak = july.filter(onPeak);
    const firstPeak = await aggregateOf(app, { ...ask, start: '2022-07', block: 'ONPEAK', stat: 'first' });
    const lastPeak = await aggregateOf(app, { ...ask, start: '2022-07', block: 'ONPEAK', stat: 'last' });
    expect([firstPeak.value, lastPeak.value]).toEqual([peak[0].value, peak[peak.length - 1].value]);
    expect([peak[0].he, peak[peak.length - 1].he]).toEqual([8, 23]);
  });
});

describeShared(AESO)('a period the data covers only in part', () => {
  test('is answered with a null value, not the mean of what is there', async () => {
    // The file without HE 10 of December 15.
    const text = readFileSync(sharedPath(AESO), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('"12/15/2022 10"'))
      .join('\n');
    const file = join(dirname(tempDbPath()), 'HistoricalPoolPriceReportServlet_2022_gap.csv');
    writeFileSync(file, text);
    const app = await appWith(file);
    try {
      const months = await seriesOf(app, { ...ask, start: 'Q4-2022', interval: 'month' });
      const hours = poolHours(AESO);
      expect(months.points.map((p) => p.value)).toEqual([
        expect.closeTo(mean(hours.filter((h) => h.day.startsWith('2022-10')).map((h) => h.value)), 9),
        expect.closeTo(mean(hours.filter((h) => h.day.startsWith('2022-11')).map((h) => h.value)), 9),
        null,
      ]);
    } finally {
      await app.close();
    }
  });
});
