/**
 * GRID.LIVE through the real server (a real PJM file imported, the server's clock at the end of
 * 2025-07-02 New York time): once it has a price, a failed poll keeps it; the "time" form spills
 * [interval start, price, state] and says when the price is old. The failed polls go to a fake
 * upstream that hangs up; the polling runs on jest's fake timers, the HTTP on the real loop.
 */
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import { RequestBatcher } from '../../client';
import { CLIENT_HEADER } from '../../contract';
import { liveFormula, RETRY_SECONDS, STALE_POLLS, type LiveInvocation } from '../../functions/live';
import { startTestServer } from '../support/app';
import { fakeUpstream, hangUp, rawRequest } from '../support/fake-upstream';
import { describeShared, sharedPath } from '../support/fixtures';

const PJM = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
// 23:30 on 2025-07-02 in New York (EDT, UTC-4): the file's last hour (23:00-24:00) is the latest.
const SERVER_NOW = Date.parse('2025-07-03T03:30:00Z');
const LAST_HOUR_END = Date.parse('2025-07-03T04:00:00Z');
// DATE(2025,7,2) + 23 hours.
const LAST_HOUR_START_SERIAL = 45840 + 23 / 24;
const HOUR_MS = 3_600_000;

/** The file's last WESTERN HUB row: its total_lmp_da. */
function lastWesternHubPrice(): number {
  const [header, ...lines] = readFileSync(sharedPath(PJM), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const rows = lines.map((l) => l.split(',')).filter((c) => c[columns.indexOf('pnode_name')] === 'WESTERN HUB');
  return Number(rows[rows.length - 1][columns.indexOf('total_lmp_da')]);
}

function recorder(): LiveInvocation & { results: unknown[] } {
  const results: unknown[] = [];
  return { results, setResult: (value) => results.push(value) };
}

describeShared(PJM)('GRID.LIVE keeps the last good value and says when it is old', () => {
  let server: RunningServer;
  let down: Awaited<ReturnType<typeof fakeUpstream>>;
  let target: string;
  let batcher: RequestBatcher;
  const price = lastWesternHubPrice();

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true }, now: () => SERVER_NOW });
    await server.app.importFile(sharedPath(PJM));
    down = await fakeUpstream([hangUp]);
  });
  afterAll(async () => {
    await down.close();
    await server.close();
  });
  beforeEach(() => {
    target = server.url;
    // A batcher per test: one left waiting on a fake timer of an earlier test never flushes.
    batcher = new RequestBatcher({
      collectMs: 0,
      // node:http, not fetch: fetch's own timers would be jest's fake ones and stall its connections.
      post: async (batch) => {
        const headers = { 'content-type': 'application/json', [CLIENT_HEADER]: '1' };
        const r = await rawRequest(target, 'POST', '/api/v1/batch', headers, JSON.stringify(batch));
        return { status: r.status, body: JSON.parse(r.text) };
      },
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: LAST_HOUR_END + 10 * 60_000 });
  });
  afterEach(() => jest.useRealTimers());

  /** Runs due timers and lets the real HTTP round trips finish until `done` (or it gives up). */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 2000 && !done(); i++) {
      // 1 ms, not 0: a timer of 0 ms set while fake timers run is due 1 ms later.
      await jest.advanceTimersByTimeAsync(1);
      await new Promise((r) => setImmediate(r));
    }
  }

  async function results(invocation: { results: unknown[] }, count: number): Promise<unknown[]> {
    await until(() => invocation.results.length >= count);
    return invocation.results;
  }

  it('a failed poll after a price keeps the price; the next good poll updates it', async () => {
    const cell = recorder();
    liveFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', run: 'DA' }, cell);
    expect(await results(cell, 1)).toEqual([price]);
    target = down.url;
    await jest.advanceTimersByTimeAsync(HOUR_MS); // pollSeconds of an hourly run: one hour
    const hitsBefore = down.hits.length;
    await until(() => down.hits.length > hitsBefore);
    expect(down.hits.length).toBe(hitsBefore + 1);
    // Let the failed poll settle: nothing replaces the price.
    await until(() => cell.results.length > 1);
    expect(cell.results).toEqual([price]);
    target = server.url;
    await jest.advanceTimersByTimeAsync(RETRY_SECONDS * 1000);
    expect(await results(cell, 2)).toEqual([price, price]);
    cell.onCanceled!();
  });

  it('the first failure, before any price, is #N/A', async () => {
    target = down.url;
    const cell = recorder();
    liveFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', run: 'DA' }, cell);
    const [first] = await results(cell, 1);
    expect(first).toMatchObject({ code: '#N/A' });
    cell.onCanceled!();
  });

  it('form "time": [interval start, price, state]; old after a failed poll or when no newer interval came', async () => {
    const cell = recorder();
    liveFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', run: 'DA', form: 'TIME' }, cell);
    const [fresh] = (await results(cell, 1)) as [[number, number, string]][];
    expect(fresh).toEqual([[expect.closeTo(LAST_HOUR_START_SERIAL, 9), price, 'live']]);

    target = down.url;
    await jest.advanceTimersByTimeAsync(HOUR_MS);
    const [, failed] = (await results(cell, 2)) as [[number, number, string]][];
    expect(failed[0].slice(0, 2)).toEqual([expect.closeTo(LAST_HOUR_START_SERIAL, 9), price]);
    expect(failed[0][2]).toMatch(/^old: the last update failed \(/);

    // Back online, but the market published nothing after 24:00 for more than STALE_POLLS hours.
    target = server.url;
    jest.setSystemTime(LAST_HOUR_END + (STALE_POLLS + 1) * HOUR_MS);
    await jest.advanceTimersByTimeAsync(RETRY_SECONDS * 1000);
    const [, , old] = (await results(cell, 3)) as [[number, number, string]][];
    expect(old).toEqual([
      [expect.closeTo(LAST_HOUR_START_SERIAL, 9), price, `old: no newer interval for ${(STALE_POLLS + 1) * 60 + 1} minutes`],
    ]);
    cell.onCanceled!();
  });

  it('a wrong form is #VALUE! naming the forms, without polling', () => {
    const cell = recorder();
    liveFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', form: 'table' }, cell);
    expect(cell.results).toEqual([
      expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(/^form "table" is not one of value, time/) }),
    ]);
  });
});
