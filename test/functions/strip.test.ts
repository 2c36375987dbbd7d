/**
 * GRID.STRIP, GRID.AVG and GRID.LMP with the trader's vocabulary, through the real server: the
 * functions' own batcher posts to /batch, the server answers from a cache holding a year of real
 * AESO pool prices (April taken out, to be missing), "today" fixed at noon on 2022-07-15 in Alberta.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import type { RequestBatcher } from '../../client';
import { asFunctionError } from '../../functions/errors';
import { averageFormula, priceFormula } from '../../functions/price';
import { stripFormula, type StripArgs } from '../../functions/strip';
import { mean, onPeak, poolHours, type PoolHour } from '../support/aeso-pool-prices';
import { startTestServer, tempDbPath } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';

const AESO = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
// 18:00 UTC is noon MDT (UTC-6) in Alberta.
const NOW = Date.parse('2022-07-15T18:00:00Z');
/** Excel's serial of a day: days since 1899-12-30. */
const serial = (day: string) => (Date.parse(`${day}T00:00:00Z`) - Date.parse('1899-12-30T00:00:00Z')) / 86_400_000;

describeShared(AESO)('GRID.STRIP, GRID.AVG and relative dates on the real server', () => {
  const hours = poolHours(AESO);
  const meanOf = (test: (h: PoolHour) => boolean) => mean(hours.filter(test).map((h) => h.value));
  const inMonth = (month: string) => (h: PoolHour) => h.day.startsWith(`2022-${month}`);
  let server: RunningServer;
  let batcher: RequestBatcher;

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true }, now: () => NOW });
    const withoutApril = readFileSync(sharedPath(AESO), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('"04/'))
      .join('\n');
    const file = join(dirname(tempDbPath()), 'HistoricalPoolPriceReportServlet_2022_no_april.csv');
    writeFileSync(file, withoutApril);
    await server.app.importFile(file);
    batcher = serverBatcher(server);
  });
  afterAll(() => server.close());

  const strip = (args: Partial<StripArgs>) => stripFormula(batcher, { market: 'AESO', location: 'ALBERTA', period: 'CAL-2022', ...args });
  const avg = (args: Partial<Parameters<typeof averageFormula>[1]>) =>
    averageFormula(batcher, { market: 'AESO', location: 'ALBERTA', start: null, ...args });

  it('a year strip: months down, blocks across, the missing month empty', async () => {
    const rows = await strip({ blocks: 'ONPEAK,OFFPEAK' });
    expect(rows[0]).toEqual(['Period', 'ONPEAK', 'OFFPEAK']);
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    expect(rows.slice(1).map((r) => r[0])).toEqual(months.map((m) => `2022-${m}`));
    expect(rows[4]).toEqual(['2022-04', '', '']);
    for (const m of months.filter((month) => month !== '04')) {
      const row = rows[1 + months.indexOf(m)];
      expect(row[1]).toBeCloseTo(
        meanOf((h) => inMonth(m)(h) && onPeak(h)),
        9,
      );
      expect(row[2]).toBeCloseTo(
        meanOf((h) => inMonth(m)(h) && !onPeak(h)),
        9,
      );
    }
    // November holds the 25-hour day: its repeated HE 02 is off-peak.
    expect(hours.filter((h) => inMonth('11')(h) && !onPeak(h))).toHaveLength(30 * 8 + 1);
  });

  it('by=quarter, blocks from a range of cells, another statistic', async () => {
    const rows = await strip({ blocks: [['ATC'], ['onpeak']], options: 'by=quarter; stat=max' });
    expect(rows[0]).toEqual(['Period', 'ATC', 'ONPEAK']);
    const quarter = (q: number) => (h: PoolHour) => Math.floor((Number(h.day.slice(5, 7)) - 1) / 3) === q - 1;
    const max = (test: (h: PoolHour) => boolean) => Math.max(...hours.filter(test).map((h) => h.value));
    expect(rows.slice(1)).toEqual([
      ['Q1-2022', max(quarter(1)), max((h) => quarter(1)(h) && onPeak(h))],
      ['Q2-2022', '', ''],
      ['Q3-2022', max(quarter(3)), max((h) => quarter(3)(h) && onPeak(h))],
      ['Q4-2022', max(quarter(4)), max((h) => quarter(4)(h) && onPeak(h))],
    ]);
  });

  it('a quarter strips into its months, a month into one row; no blocks is ATC', async () => {
    const q3 = await strip({ period: 'q3-2022' });
    expect(q3.map((r) => r[0])).toEqual(['Period', '2022-07', '2022-08', '2022-09']);
    expect(q3[2][1]).toBeCloseTo(meanOf(inMonth('08')), 9);
    const july = await strip({ period: '2022-07', blocks: 'OFFPEAK' });
    expect(july).toEqual([
      ['Period', 'OFFPEAK'],
      [
        '2022-07',
        expect.closeTo(
          meanOf((h) => inMonth('07')(h) && !onPeak(h)),
          9,
        ),
      ],
    ]);
  });

  it('wrong arguments are #VALUE! for the whole strip; nothing at all is #N/A', async () => {
    const wrong = (args: Partial<StripArgs>) => strip(args).catch(asFunctionError);
    expect(await wrong({ period: 'H2-2022' })).toMatchObject({
      code: '#VALUE!',
      message: 'period "H2-2022" is not a year, quarter or month; write it like "CAL-2026", "Q3-2026" or "2026-07".',
    });
    expect(await wrong({ blocks: 'ONPEAK,WEEKDAYS' })).toMatchObject({
      code: '#VALUE!',
      message: expect.stringMatching(/^block "WEEKDAYS" is not known/),
    });
    expect(await wrong({ period: '2022-07', options: 'by=quarter' })).toMatchObject({
      code: '#VALUE!',
      message: 'by=quarter is longer than the period 2022-07; use by=month, or a longer period such as CAL-2022.',
    });
    // AESO defines no PEAK block: the backend says so, for every cell, so the strip says so.
    expect(await wrong({ blocks: 'PEAK' })).toMatchObject({
      code: '#VALUE!',
      message: 'block=PEAK is not valid: AESO defines the blocks ATC, ONPEAK, OFFPEAK.',
    });
    expect(await wrong({ period: 'CAL-2021' })).toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/^AESO ALBERTA RT LMP for 2021-01-01, .*2021-01-31 \(31 days\) is not in the cache/),
    });
  });

  it('GRID.AVG with no end is the start’s whole period; stat= in the options', async () => {
    expect(await avg({ start: '2022-07' })).toBeCloseTo(meanOf(inMonth('07')), 9);
    expect(await avg({ start: 'Q3-2022', end: 'EOM', block: 'ONPEAK' })).toBeCloseTo(
      meanOf((h) => inMonth('07')(h) && onPeak(h)),
      9,
    );
    expect(await avg({ start: 'MTD' })).toBeCloseTo(
      meanOf((h) => h.day >= '2022-07-01' && h.day <= '2022-07-15'),
      9,
    );
    expect(await avg({ start: 'T-1', options: 'stat=max' })).toBe(
      Math.max(...hours.filter((h) => h.day === '2022-07-14').map((h) => h.value)),
    );
    expect(await avg({ start: '-1W', end: 'T', options: 'stat=count' })).toBe(8 * 24);
    expect(await avg({ start: '2022-11-06', options: 'stat=count' })).toBe(25);
    expect(await avg({ start: '7/1/2022' })).toBeCloseTo(
      meanOf((h) => h.day === '2022-07-01'),
      9,
    );
    expect(await avg({ start: '7/1/2022', end: '7/3/2022', options: 'stat=last' })).toBe(
      hours.find((h) => h.day === '2022-07-03' && h.he === 24)!.value,
    );
    // 14:00 is in hour ending 15.
    expect(await avg({ start: '7/1/2022 14:00' })).toBe(hours.find((h) => h.day === '2022-07-01' && h.he === 15)!.value);
  });

  it('GRID.AVG: a wrong word is #VALUE! from the function or from the API', async () => {
    expect(await avg({ start: 'next week' }).catch(asFunctionError)).toMatchObject({
      code: '#VALUE!',
      message: expect.stringMatching(
        /^start "next week" is not a date\. Use .*"MTD", "YTD", "BOM", "EOM", "2026-07", "Q3-2026", "CAL-2027"\.$/,
      ),
    });
    expect(await avg({ start: '2022-13' }).catch(asFunctionError)).toMatchObject({
      code: '#VALUE!',
      message: '"2022-13" has no month 13; write a month as YYYY-MM, e.g. 2026-07.',
    });
  });

  it('GRID.LMP: T-1 spills yesterday on the market clock; interval=week whole ISO weeks', async () => {
    const yesterday = await priceFormula(batcher, { market: 'AESO', location: 'ALBERTA', start: 'T-1' });
    expect(yesterday.map((r) => r[1])).toEqual(hours.filter((h) => h.day === '2022-07-14').map((h) => h.value));
    const weeks = await priceFormula(batcher, { market: 'AESO', location: 'ALBERTA', start: '2022-02', options: 'interval=week' });
    const mondays = ['2022-02-07', '2022-02-14', '2022-02-21'];
    expect(weeks.map((r) => r[0])).toEqual(mondays.map(serial));
    expect(weeks[0][1]).toBeCloseTo(
      meanOf((h) => h.day >= '2022-02-07' && h.day <= '2022-02-13'),
      9,
    );
  });
});
