/**
 * Partial answers through the real server: GRID.LMP asks /series with partial=1, so a range whose
 * days are cached only in part spills every expected interval, empty where a day is missing,
 * instead of failing the whole range. Without partial=1 the API still fails the range.
 */
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import type { RequestBatcher } from '../../client';
import type { SeriesResponse } from '../../contract';
import { asFunctionError } from '../../functions/errors';
import { priceFormula } from '../../functions/price';
import { startTestServer } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';

const PJM = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
// Two ERCOT day-ahead days at HB_HUBAVG: the 25-hour fall-back day and the 23-hour spring-forward day.
const ERCOT_FALL = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json';
const ERCOT_SPRING = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2026-03-08.json';

/** WESTERN HUB's total_lmp_da of the Data Miner export, in the file's (hourly, EPT) order. */
function westernHubPrices(): number[] {
  const [header, ...lines] = readFileSync(sharedPath(PJM), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const name = columns.indexOf('pnode_name');
  const lmp = columns.indexOf('total_lmp_da');
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[name] === 'WESTERN HUB')
    .map((c) => Number(c[lmp]));
}

/** ERCOT API rows in time order: by hour ending, the repeated (DSTFlag true) 02:00 after the first. */
function ercotPrices(file: string): number[] {
  const answer = JSON.parse(readFileSync(sharedPath(file), 'utf8')) as { data: [string, string, string, number, boolean][] };
  return [...answer.data].sort((a, b) => a[1].localeCompare(b[1]) || Number(a[4]) - Number(b[4])).map((r) => r[3]);
}

describeShared([PJM, ERCOT_FALL, ERCOT_SPRING])('partial answers: missing days are empty cells, not a failed range', () => {
  let server: RunningServer;
  let batcher: RequestBatcher;
  const lmp = (args: Parameters<typeof priceFormula>[1]) => priceFormula(batcher, args);

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    for (const file of [PJM, ERCOT_FALL, ERCOT_SPRING]) await server.app.importFile(sharedPath(file));
    batcher = serverBatcher(server);
  });
  afterAll(() => server.close());

  it('a range with one day not cached (offline) spills its 24 hours empty and the cached days in full', async () => {
    const cells = await lmp({ market: 'PJM', location: 'WESTERN HUB', start: '2025-06-30', end: '2025-07-02' });
    expect(cells).toHaveLength(72);
    expect(cells.slice(0, 24).map((r) => r[1])).toEqual(Array(24).fill(''));
    expect(cells.slice(24).map((r) => r[1])).toEqual(westernHubPrices());
    // DATE(2025,6,30) = 45838: the empty rows still carry their interval start.
    expect(cells[0][0]).toBeCloseTo(45838, 9);
    expect(cells[24][0]).toBeCloseTo(45839, 9);
  });

  it('the API answers the days there are with partial=1, lists the missing one, and without it fails as before', async () => {
    const url = `${server.url}/api/v1/series?market=PJM&location=WESTERN%20HUB&start=2025-06-30&end=2025-07-02`;
    const partial = (await (await fetch(`${url}&partial=1`)).json()) as SeriesResponse;
    expect(partial.points.map((p) => p.value)).toEqual(westernHubPrices());
    expect(partial.quality).toMatchObject({ expected: 72, present: 48, days: 3, finalDays: 2 });
    expect(partial.quality.missing).toEqual([
      {
        day: '2025-06-30',
        code: 'NOT_CACHED',
        message:
          "PJM WESTERN HUB DA LMP for 2025-06-30 is not in the cache, and gridcell is offline. Import the source's file for those days, or go online.",
      },
    ]);
    const whole = await fetch(url);
    expect(whole.status).toBe(404);
    expect(((await whole.json()) as { error: { code: string } }).error.code).toBe('NOT_CACHED');
    const wrong = await fetch(`${url}&partial=yes`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe('partial=yes is not valid: partial is 0, 1.');
  });

  it('the 25-hour fall-back day beside a missing day: 24 empty rows, then 25 prices', async () => {
    const cells = await lmp({ market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-01', end: '2025-11-02', run: 'DA' });
    const prices = ercotPrices(ERCOT_FALL);
    expect(prices).toHaveLength(25);
    expect(cells).toHaveLength(49);
    expect(cells.slice(0, 24).map((r) => r[1])).toEqual(Array(24).fill(''));
    expect(cells.slice(24).map((r) => r[1])).toEqual(prices);
  });

  it('the 23-hour spring-forward day before a missing day: 23 prices, then 24 empty rows', async () => {
    const cells = await lmp({ market: 'ERCOT', location: 'HB_HUBAVG', start: '2026-03-08', end: '2026-03-09', run: 'DA' });
    const prices = ercotPrices(ERCOT_SPRING);
    expect(prices).toHaveLength(23);
    expect(cells).toHaveLength(47);
    expect(cells.slice(0, 23).map((r) => r[1])).toEqual(prices);
    expect(cells.slice(23).map((r) => r[1])).toEqual(Array(24).fill(''));
  });

  it('a range with nothing available is still #N/A, with what to do in Excel terms', async () => {
    const error = await lmp({ market: 'PJM', location: 'WESTERN HUB', start: '2025-06-28', end: '2025-06-30' }).catch(asFunctionError);
    expect(error).toMatchObject({
      code: '#N/A',
      message:
        "PJM WESTERN HUB DA LMP for 2025-06-28, 2025-06-29, 2025-06-30 is not in the cache, and gridcell is offline. Import the source's file for those days, or go online. The gridcell server is running offline: restart it online to fetch these days.",
    });
  });
});
