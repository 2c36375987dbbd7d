/**
 * A series in columns (`GET /api/v1/columns`), through the real server with real files imported:
 * the values in order with one start and a step where the starts are evenly spaced in UTC (a
 * 25-hour day included), else every start. `inColumns` is checked on its own for the uneven case.
 */
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import { inColumns } from '../../backend/series/columns';
import type { SeriesColumnsResponse } from '../../contract';
import { startTestServer } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const PJM = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const ERCOT_FALL = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json';

/** WESTERN HUB's total_lmp_da in the file's (hourly, EPT) order. */
function westernHub(): number[] {
  const [header, ...lines] = readFileSync(sharedPath(PJM), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const [name, lmp] = ['pnode_name', 'total_lmp_da'].map((c) => cols.indexOf(c));
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[name] === 'WESTERN HUB')
    .map((c) => Number(c[lmp]));
}

/** HB_HUBAVG's 25 prices of the fall-back day in time order: by hour ending, the repeated 02:00 (DSTFlag true) after the first, as the connector reads it. */
function hubAverageFallBack(): number[] {
  const answer = JSON.parse(readFileSync(sharedPath(ERCOT_FALL), 'utf8')) as { data: [string, string, string, number, boolean][] };
  return [...answer.data].sort((a, b) => a[1].localeCompare(b[1]) || Number(a[4]) - Number(b[4])).map((r) => r[3]);
}

describeShared([PJM, ERCOT_FALL])('a series in columns', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    for (const file of [PJM, ERCOT_FALL]) await server.app.importFile(sharedPath(file));
  });
  afterAll(() => server.close());

  const columns = async (query: Record<string, string>) => {
    const r = await fetch(`${server.url}/api/v1/columns?${new URLSearchParams(query)}`);
    expect(r.status).toBe(200);
    return (await r.json()) as SeriesColumnsResponse;
  };

  test('two PJM days: one start, an hour step, the 48 values of the file', async () => {
    const answer = await columns({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-02' });
    expect(answer).toMatchObject({
      market: 'PJM',
      location: 'WESTERN HUB',
      run: 'DA',
      start: '2025-07-01T00:00:00-04:00',
      stepSeconds: 3600,
    });
    expect(answer.starts).toBeUndefined();
    expect(answer.values).toEqual(westernHub());
    expect(answer.quality).toMatchObject({ expected: 48, present: 48 });
  });

  test('the 25-hour day is evenly spaced in UTC: one start, an hour step, 25 values', async () => {
    const answer = await columns({ market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02' });
    expect(answer).toMatchObject({ start: '2025-11-02T00:00:00-05:00', stepSeconds: 3600 });
    expect(answer.values).toEqual(hubAverageFallBack());
  });

  test('daily averages keep the one-start form while the days are of one length', async () => {
    const answer = await columns({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-02', interval: 'day' });
    const lmp = westernHub();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(answer).toMatchObject({ start: '2025-07-01T00:00:00-04:00', stepSeconds: 86_400 });
    expect(answer.values[0]).toBeCloseTo(mean(lmp.slice(0, 24)), 9);
    expect(answer.values[1]).toBeCloseTo(mean(lmp.slice(24)), 9);
  });
});

describe('inColumns', () => {
  test('starts of unequal spacing (days around the fall-back day) are written each', () => {
    // 1, 2 and 3 November 2025 at midnight Central: 24 hours apart, then 25.
    const starts = [Date.parse('2025-11-01T05:00:00Z'), Date.parse('2025-11-02T05:00:00Z'), Date.parse('2025-11-03T06:00:00Z')];
    expect(
      inColumns(
        starts.map((start, i) => ({ start, value: i + 0.5 })),
        'America/Chicago',
      ),
    ).toEqual({
      starts: ['2025-11-01T00:00:00-05:00', '2025-11-02T00:00:00-05:00', '2025-11-03T00:00:00-06:00'],
      values: [0.5, 1.5, 2.5],
    });
  });

  test('one point is its start; none is no start', () => {
    expect(inColumns([{ start: Date.parse('2025-07-01T04:00:00Z'), value: null }], 'America/New_York')).toEqual({
      start: '2025-07-01T00:00:00-04:00',
      values: [null],
    });
    expect(inColumns([], 'UTC')).toEqual({ values: [] });
  });
});
