/**
 * GET /markets/:market/coverage: which market days the cache holds, from which source and whether
 * final, as runs of days per run, product and currency, after importing real Data Miner files
 * (and a file cut from one of them). The expected days, locations and sources are read from the files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { coverageLines } from '../../addin/markets-view';
import type { RunningServer } from '../../backend/api/server';
import { CLIENT_HEADER, COVERAGE_MAX_RANGES, type BatchResponse, type CoverageResponse, type ErrorBody } from '../../contract';
import { pointColumns } from '../../backend/domain';
import { coverageReport } from '../../backend/series/coverage-report';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { addDays } from '../../backend/time/clock';
import { startTestServer, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const DA = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const RT = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const CUT_HUBS = ['WESTERN HUB', 'EASTERN HUB'];

interface FileRows {
  header: string;
  lines: string[];
  /** Per line: its market day (from datetime_beginning_ept) and its hub. */
  rows: { day: string; hub: string; line: string }[];
}

function readRows(path: string): FileRows {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [ept, name] = ['datetime_beginning_ept', 'pnode_name'].map((c) => columns.indexOf(c));
  const rows = lines.map((line) => {
    const cells = line.split(',');
    const [m, d, y] = cells[ept].split(' ')[0].split('/');
    return { day: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`, hub: cells[name], line };
  });
  return { header, lines, rows };
}

describeShared([DA, RT])('cached coverage per market', () => {
  let server: RunningServer;
  let cutFile: string;
  const da = readRows(sharedPath(DA));
  const daDays = [...new Set(da.rows.map((r) => r.day))].sort();
  const daHubs = new Set(da.rows.map((r) => r.hub));
  const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/v1${path}`, init);
  const coverage = async (query = '') => {
    const res = await api(`/markets/PJM/coverage${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as CoverageResponse;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await server.app.importFile(sharedPath(DA));
    await server.app.importFile(sharedPath(RT));
    // A second file: the DA file's last day, for two hubs only, under another name.
    const lastDay = daDays.at(-1)!;
    cutFile = join(mkdtempSync(join(tmpdir(), 'gridcell-cut-')), 'da_two_hubs_last_day.csv');
    const kept = da.rows.filter((r) => r.day === lastDay && CUT_HUBS.includes(r.hub)).map((r) => r.line);
    writeFileSync(cutFile, [da.header, ...kept].join('\n') + '\n');
  });
  afterAll(() => server.close());

  test('one import: each run and product holds the file days, from the file, final, at every hub of the file', async () => {
    expect(daDays).toEqual(['2025-07-01', '2025-07-02']);
    const answer = await coverage();
    expect(answer.market).toBe('PJM');
    const daLmp = answer.groups.find((g) => g.run === 'DA' && g.product === 'LMP');
    expect(daLmp).toEqual({
      run: 'DA',
      product: 'LMP',
      currency: 'USD',
      unit: 'MWh',
      locations: daHubs.size,
      days: daDays.length,
      finalDays: daDays.length,
      ranges: [{ first: daDays[0], last: daDays.at(-1), source: `import:${basename(DA)}`, final: true, locations: daHubs.size }],
      rangesTotal: 1,
    });
    // Every product of the DA file has the same days; the RT file makes its own run's groups.
    const daGroups = answer.groups.filter((g) => g.run === 'DA');
    expect(daGroups.map((g) => g.product)).toEqual(expect.arrayContaining(['LMP', 'CONGESTION', 'LOSS']));
    for (const g of daGroups) expect(g.ranges).toEqual(daLmp!.ranges);
    const rt = readRows(sharedPath(RT));
    const rtDays = [...new Set(rt.rows.map((r) => r.day))].sort();
    const rtLmp = answer.groups.find((g) => g.run !== 'DA' && g.product === 'LMP')!;
    expect(rtLmp.ranges).toEqual([
      {
        first: rtDays[0],
        last: rtDays.at(-1),
        source: `import:${basename(RT)}`,
        final: true,
        locations: new Set(rt.rows.map((r) => r.hub)).size,
      },
    ]);
  });

  test('a second file for some hubs splits the ranges by source; one location shows its own days', async () => {
    await server.app.importFile(cutFile);
    const [first, last] = [daDays[0], daDays.at(-1)!];
    const daLmp = (await coverage('?run=DA&product=LMP')).groups;
    expect(daLmp).toHaveLength(1);
    expect(daLmp[0].ranges).toEqual([
      { first, last: first, source: `import:${basename(DA)}`, final: true, locations: daHubs.size },
      { first: last, last, source: `import:${basename(DA)}`, final: true, locations: daHubs.size - CUT_HUBS.length },
      { first: last, last, source: `import:${basename(cutFile)}`, final: true, locations: CUT_HUBS.length },
    ]);
    expect(daLmp[0]).toMatchObject({ days: 2, finalDays: 2, rangesTotal: 3 });
    // As the taskpane's market details write them.
    const n = daHubs.size;
    expect(coverageLines(await coverage('?run=DA'), 'USD')).toEqual([
      `DA LMP, CONGESTION, ENERGY, LOSS: ${first} (import:${basename(DA)}, final, ${n} of ${n} locations)`,
      `DA LMP, CONGESTION, ENERGY, LOSS: ${last} (import:${basename(DA)}, final, ${n - CUT_HUBS.length} of ${n} locations)`,
      `DA LMP, CONGESTION, ENERGY, LOSS: ${last} (import:${basename(cutFile)}, final, ${CUT_HUBS.length} of ${n} locations)`,
    ]);

    const western = await coverage('?location=western%20hub&run=DA&product=LMP');
    expect(western.location).toBe('WESTERN HUB');
    expect(western.groups).toEqual([
      expect.objectContaining({
        locations: 1,
        ranges: [
          { first, last: first, source: `import:${basename(DA)}`, final: true, locations: 1 },
          { first: last, last, source: `import:${basename(cutFile)}`, final: true, locations: 1 },
        ],
      }),
    ]);
    // A hub the second file left alone keeps one range.
    const ohio = await coverage('?location=OHIO%20HUB&run=DA&product=LMP');
    expect(ohio.groups[0].ranges).toEqual([{ first, last, source: `import:${basename(DA)}`, final: true, locations: 1 }]);
  });

  test('a market with nothing cached has no groups; a wrong market, run or parameter is refused naming the field', async () => {
    expect((await (await api('/markets/NEM/coverage')).json()) as CoverageResponse).toEqual({ market: 'NEM', groups: [] });
    const unknown = await api('/markets/PJN/coverage');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('UNKNOWN_MARKET');
    const wrong = await api('/markets/PJM/coverage?run=XX&colour=red');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.fields?.map((f) => f.field).sort()).toEqual(['colour', 'run']);
  });

  test('/batch answers it exactly as the direct call', async () => {
    const path = '/markets/PJM/coverage?run=DA&product=LMP';
    const direct = await coverage('?run=DA&product=LMP');
    const res = await api('/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify({ requests: [{ id: 'c', method: 'GET', url: path }] }),
    });
    expect(((await res.json()) as BatchResponse).responses[0]).toEqual({ id: 'c', status: 200, body: direct });
  });
});

test('a group lists at most COVERAGE_MAX_RANGES ranges, the most recent, and counts them all', async () => {
  const store = new SqliteSeriesStore(tempDbPath());
  try {
    // Every other day cached: each day is a range of its own.
    const days = Array.from({ length: COVERAGE_MAX_RANGES + 100 }, (_, i) => addDays('2020-01-01', 2 * i));
    const writer = await store.beginWrite({
      market: 'PJM',
      currency: 'USD',
      unit: 'MWh',
      source: 'import:gaps.csv',
      final: () => true,
      fetchedAt: 1,
    });
    await writer.points(
      pointColumns([
        {
          location: 'WESTERN HUB',
          run: 'DA',
          product: 'LMP',
          start: Date.parse('2020-01-01T05:00:00Z'),
          end: Date.parse('2020-01-01T06:00:00Z'),
          value: 1,
        },
      ]),
    );
    await writer.commit(
      days.map((day) => ({ series: { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' }, day })),
    );
    const [group] = (await coverageReport(store, { market: 'PJM' })).groups;
    expect(group.rangesTotal).toBe(days.length);
    expect(group.days).toBe(days.length);
    expect(group.ranges).toHaveLength(COVERAGE_MAX_RANGES);
    expect(group.ranges.map((r) => r.first)).toEqual(days.slice(-COVERAGE_MAX_RANGES));
    expect(group.ranges.every((r) => r.first === r.last && r.source === 'import:gaps.csv' && r.final)).toBe(true);
  } finally {
    await store.close();
  }
});
