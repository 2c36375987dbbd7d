import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import {
  CLIENT_HEADER,
  type BatchResponse,
  type CompactBatchResponse,
  type ErrorBody,
  type SeriesResponse,
  type ValueResponse,
} from '../../contract';
import { startTestServer } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const PJM_RT = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const MISO_DA = 'miso/20260923_da_expost_lmp_reduced.csv';

/** WESTERN HUB's real-time hourly LMPs for 2025-07-01 (Eastern), read from the Data Miner file. */
function westernHubRtJuly1(): number[] {
  const [header, ...lines] = readFileSync(sharedPath(PJM_RT), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [ept, name, lmp] = ['datetime_beginning_ept', 'pnode_name', 'total_lmp_rt'].map((c) => columns.indexOf(c));
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[name] === 'WESTERN HUB' && c[ept].startsWith('7/1/2025 '))
    .map((c) => Number(c[lmp]));
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describeShared([PJM_RT, MISO_DA])('the API on a real server (imported real files, offline)', () => {
  let server: RunningServer;
  const get = (path: string) => fetch(`${server.url}/api/v1${path}`);
  const postBatch = (body: unknown) =>
    fetch(`${server.url}/api/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    await server.app.importFile(sharedPath(PJM_RT));
    await server.app.importFile(sharedPath(MISO_DA));
  });
  afterAll(() => server.close());

  test('binds 127.0.0.1 on a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('/series answers the file values on the market clock', async () => {
    const res = await get('/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01&run=RT');
    expect(res.status).toBe(200);
    const body = await json<SeriesResponse>(res);
    expect(body).toMatchObject({
      market: 'PJM',
      location: 'WESTERN HUB',
      run: 'RTH',
      product: 'LMP',
      currency: 'USD',
      unit: 'MWh',
      tz: 'America/New_York',
    });
    expect(body.points).toHaveLength(24);
    expect(body.points[0]).toEqual({ start: '2025-07-01T00:00:00-04:00', end: '2025-07-01T01:00:00-04:00', value: 71.381889 });
    expect(body.points[1].value).toBe(30.414547);
    expect(body.points[22]).toEqual({ start: '2025-07-01T22:00:00-04:00', end: '2025-07-01T23:00:00-04:00', value: 41.776462 });
    expect(body.points[23].value).toBe(32.685259);
    expect(body.quality).toMatchObject({ expected: 24, present: 24, stale: false });
  });

  test('the pnode id is an alias, and UTC output shows UTC', async () => {
    const body = await json<SeriesResponse>(
      await get('/series?market=pjm&location=51288&start=2025-07-01&run=RT&tz=UTC&product=CONGESTION'),
    );
    expect(body.location).toBe('WESTERN HUB');
    expect(body.points[0]).toEqual({ start: '2025-07-01T04:00:00Z', end: '2025-07-01T05:00:00Z', value: -0.144236 });
  });

  test('MISO ENERGY is LMP - MCC - MLC, hour ending EST', async () => {
    const body = await json<SeriesResponse>(await get('/series?market=MISO&location=indiana.hub&start=2026-09-23&product=ENERGY'));
    expect(body.points).toHaveLength(24);
    expect(body.points[0].start).toBe('2026-09-23T00:00:00-05:00');
    expect(body.points[0].value).toBeCloseTo(28.47 - 0.6 - 0.2, 6);
    expect(body.points[17].value).toBeCloseTo(79.18 - 21.18 - 0.28, 6);
  });

  test('a batch of 1,000 single-value requests comes back complete and right', async () => {
    const expected = [71.381889, 30.414547, 28.205181];
    const requests = Array.from({ length: 1000 }, (_, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: `/series?market=PJM&location=WESTERN%20HUB&run=RT&start=2025-07-01T0${i % 3}:00`,
    }));
    const res = await postBatch({ requests });
    expect(res.status).toBe(200);
    const body = await json<BatchResponse>(res);
    expect(body.responses).toHaveLength(1000);
    for (const r of body.responses) {
      expect(r.status).toBe(200);
      const s = r.body as SeriesResponse;
      expect(s.points).toHaveLength(1);
      expect(s.points[0].value).toBe(expected[Number(r.id) % 3]);
    }
  });

  test('a compact batch answers statuses and bodies in the order asked, a /value as its value alone', async () => {
    const expected = westernHubRtJuly1().slice(0, 3);
    const lookups = Array.from({ length: 30 }, (_, i) => `/value?market=PJM&location=WESTERN%20HUB&run=RT&start=2025-07-01T0${i % 3}:00`);
    const requests = [
      ...lookups,
      '/value?market=PJM&location=WESTERN%20HUB&run=RT&start=2025-07-01T01:00&curency=EUR',
      '/value?market=PJM&location=WESTERN%20HUB&run=RT&start=2025-07-01',
      '/value?market=PJM&location=WESTERN+HUB&run=RT&start=2025-07-01T02%3A00',
      '/series?market=PJM&location=WESTERN%20HUB&run=RT&start=2025-07-01T02:00',
    ].map((url, i) => ({ id: `n${i}`, method: 'GET' as const, url }));
    const res = await postBatch({ requests, form: 'compact' });
    expect(res.status).toBe(200);
    const body = await json<CompactBatchResponse>(res);
    expect(Object.keys(body).sort()).toEqual(['bodies', 'statuses']);
    expect(body.statuses).toEqual([...lookups.map(() => 200), 400, 400, 200, 200]);
    expect(body.bodies.slice(0, 30)).toEqual(lookups.map((_, i) => expected[i % 3]));
    const [unknownParam, aDay, plusAndEscape, series] = body.bodies.slice(30) as [ErrorBody, ErrorBody, number, SeriesResponse];
    expect(unknownParam.error.message).toMatch(/There is no parameter "curency" here/);
    expect(aDay.error.message).toMatch(/start=2025-07-01 is a day; a single value is asked at a time/);
    expect(plusAndEscape).toBe(expected[2]);
    expect(series.points.map((p) => p.value)).toEqual([expected[2]]);
    // The full form is still there for other callers, and an unknown form is refused.
    const full = await json<BatchResponse>(await postBatch({ requests: requests.slice(0, 2) }));
    expect(full.responses.map((r) => [r.id, r.status, (r.body as ValueResponse).value])).toEqual([
      ['n0', 200, expected[0]],
      ['n1', 200, expected[1]],
    ]);
    const wrongForm = await postBatch({ requests, form: 'tiny' });
    expect(wrongForm.status).toBe(400);
    expect((await json<ErrorBody>(wrongForm)).error.message).toMatch(/"form" is one of full, compact/);
  });

  test('a batch reads the text its queries share once, and answers each as if read whole', async () => {
    const expected = westernHubRtJuly1();
    const at = (hour: number) => `2025-07-01T${String(hour).padStart(2, '0')}%3A00`;
    const urls = [
      ...[0, 1, 2].map((h) => `/value?market=PJM&location=WESTERN%20HUB&start=${at(h)}&run=RT`), // as GRID.LMP writes them
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(3)}&run=RT&start=${at(4)}`, // start twice: the first counts
      `/value?market=PJM&location=WESTERN%20HUB&st%61rt=${at(5)}&run=RT&start=${at(6)}`, // an escaped name that reads as start, first
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(7)}&run=RT&xstart=${at(8)}`, // no parameter of /value
      `/value?run=RT&start=${at(9)}&location=WESTERN+HUB&market=PJM`, // another order, a plus for the space
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(10)}&run=RT`,
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(4)}&run=RT`,
      // The same series on another clock, then the text asked above: 01:00 and 00:00 in New York.
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(5)}&run=RT&tz=UTC`,
      `/value?market=PJM&location=WESTERN%20HUB&start=${at(4)}&run=RT&tz=UTC`,
    ];
    const body = await json<CompactBatchResponse>(
      await postBatch({ requests: urls.map((url, i) => ({ id: String(i), method: 'GET', url })), form: 'compact' }),
    );
    expect(body.statuses).toEqual([200, 200, 200, 200, 200, 400, 200, 200, 200, 200, 200]);
    expect(body.bodies.filter((_, i) => i !== 5)).toEqual([0, 1, 2, 3, 5, 9, 10, 4, 1, 0].map((h) => expected[h]));
    expect((body.bodies[5] as ErrorBody).error.message).toMatch(/There is no parameter "xstart" here/);
  });

  test('an unknown market is a 400 naming it and suggesting the nearest', async () => {
    const res = await get('/series?market=PJMM&location=WESTERN%20HUB&start=2025-07-01');
    expect(res.status).toBe(400);
    const body = await json<{ error: { code: string; message: string } }>(res);
    expect(body.error.code).toBe('UNKNOWN_MARKET');
    expect(body.error.message).toMatch(/Unknown market "PJMM". Did you mean PJM\?/);
  });

  test('an unknown location is a 404 with the nearest names', async () => {
    const res = await get('/series?market=PJM&location=WESTERN%20HUBB&start=2025-07-01');
    expect(res.status).toBe(404);
    const body = await json<{ error: { code: string; message: string } }>(res);
    expect(body.error.message).toMatch(/PJM has no location "WESTERN HUBB". Nearest: WESTERN HUB/);
  });

  test('a day not in the cache while offline says so', async () => {
    const res = await get('/series?market=PJM&location=WESTERN%20HUB&start=2025-08-01&run=RT');
    expect(res.status).toBe(404);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('NOT_CACHED');
  });

  test('errors inside a batch keep their status and message', async () => {
    const res = await postBatch({
      requests: [
        { id: 'a', method: 'GET', url: '/series?market=NOPE&location=X&start=2025-07-01' },
        { id: 'b', method: 'GET', url: '/markets' },
      ],
    });
    const body = await json<BatchResponse>(res);
    expect(body.responses[0]).toMatchObject({ id: 'a', status: 400 });
    expect(body.responses[1]).toMatchObject({ id: 'b', status: 200 });
  });

  test('an oversized request body is a 413', async () => {
    const res = await postBatch({ requests: [], pad: 'x'.repeat(9 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('TOO_LARGE');
  });

  test('a request with several wrong fields names each of them once', async () => {
    const res = await get('/series?market=PJM&location=WESTERN%20HUB&start=2025-13-01&interval=fortnight&currency=EURO&curency=EUR');
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.fields!.map((f) => f.field).sort()).toEqual(['curency', 'currency', 'interval', 'start']);
    expect(body.error.fields!.find((f) => f.field === 'start')).toMatchObject({
      code: 'BAD_DATE',
      message: expect.stringContaining('2025-13-01'),
    });
    expect(body.error.fields!.find((f) => f.field === 'interval')!.message).toContain(
      '5min, 15min, 30min, hour, day, week, month, quarter, year',
    );
    for (const f of body.error.fields!) expect(body.error.message).toContain(f.message);
  });

  test('one wrong field keeps its own code; a missing one says what to write', async () => {
    const bad = await json<ErrorBody>(await get('/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01&run=XX'));
    expect(bad.error).toMatchObject({ code: 'UNKNOWN_RUN', fields: [{ field: 'run', code: 'UNKNOWN_RUN' }] });
    expect(bad.error.message).toMatch(/PJM has no run "XX". Runs: DA, RTH, RT5, ACTUAL, FORECAST, RT/);
    const missing = await json<ErrorBody>(await get('/aggregate?market=PJM&location=WESTERN%20HUB&block=ONPEAK'));
    expect(missing.error.fields).toEqual([{ field: 'start', code: 'BAD_REQUEST', message: 'Say which start, e.g. start=2025-07-01.' }]);
    const block = await json<ErrorBody>(await get('/aggregate?market=MISO&location=INDIANA.HUB&start=2026-09-23&block=PEAK'));
    expect(block.error.message).toBe('block=PEAK is not valid: MISO defines the blocks ATC, ONPEAK, OFFPEAK, 5X16, 6X16, 2X16, 7X8.');
  });

  test('/fx checks its date and currencies before any rate is looked up', async () => {
    const res = await get('/fx?from=USD&to=XYZ&date=2025-02-30');
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.error.fields!.map((f) => [f.field, f.code])).toEqual([
      ['to', 'BAD_REQUEST'],
      ['date', 'BAD_DATE'],
    ]);
    expect(body.error.message).toContain('"2025-02-30" is not a calendar date');
    expect(body.error.message).toContain('the ECB publishes no reference rate for XYZ');
  });

  test('the same handlers answer directly and inside a batch, path parameters included', async () => {
    const direct = await json<unknown>(await get('/markets/PJM/locations?q=western&limit=5'));
    const batch = await postBatch({
      requests: [
        { id: '1', method: 'GET', url: '/markets/PJM/locations?q=western&limit=5' },
        { id: '2', method: 'GET', url: '/api/v1/aggregate?market=PJM&location=WESTERN%20HUB&start=2025-07-01&run=RT&stat=max' },
      ],
    });
    const [locations, max] = (await json<BatchResponse>(batch)).responses;
    expect(locations).toEqual({ id: '1', status: 200, body: direct });
    expect(max.status).toBe(200);
    // The largest of the 24 real-time hourly LMPs of WESTERN HUB on 2025-07-01 in the Data Miner file.
    expect((max.body as { value: number }).value).toBe(Math.max(...westernHubRtJuly1()));
  });

  test('markets and locations list what a user needs, never a key', async () => {
    const markets = await json<{ markets: { id: string; clock: string; keys: { env: string; set: boolean }[] }[] }>(await get('/markets'));
    const pjm = markets.markets.find((m) => m.id === 'PJM')!;
    expect(pjm.clock).toBe('America/New_York');
    expect(pjm.keys).toEqual([expect.objectContaining({ env: 'PJM_API_KEY', set: false })]);
    const locs = await json<{ locations: { name: string; aliases: string[] }[] }>(await get('/markets/PJM/locations?q=western'));
    expect(locs.locations.map((l) => l.name)).toContain('WESTERN HUB');
  });
});

describe('binding and the access token', () => {
  test('another address without GRIDCELL_TOKEN refuses to start', async () => {
    await expect(startTestServer({}, { host: '0.0.0.0' })).rejects.toThrow(/without an access token/);
  });

  test('with a token, a request without it gets 401', async () => {
    const server = await startTestServer({}, { token: 's3cret-token-4b9e0c1d' });
    try {
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(401);
      const ok = await fetch(`${server.url}/api/v1/health`, { headers: { authorization: 'Bearer s3cret-token-4b9e0c1d' } });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
