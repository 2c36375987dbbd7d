/**
 * Upstream faults through the ONE read path: a series query whose CAISO fetch hits a local fake
 * upstream. The connector is the registered CAISO connector with only the host changed
 * (test/faults/helpers.ts): its real OASIS request and its real parser run on the real
 * recorded OASIS zip, served by the fake upstream.
 */
import type http from 'node:http';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import type { SeriesResponse } from '../../contract';
import { HttpClient } from '../../backend/http/client';
import { cleanEnv, seriesOf, startTestServer, tempDbPath } from '../support/app';
import { fakeUpstream, hangUp, neverAnswer, reply, type Step } from '../support/fake-upstream';
import { describeShared, readShared } from '../support/fixtures';
import { redirected, registered } from './helpers';
import { tableCountsAt } from '../support/db';

const ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const NODE = 'TH_SP15_GEN-APND';
const DAY = '2023-01-01';
// From the CSV in the zip: OPR_HR 8 (07:00-08:00 PST) LMP 122.23325; OPR_HR 21 (20:00-21:00) LMP 145.
const HOUR_8_LMP = 122.23325;
const HOUR_21_LMP = 145;

const zipStep =
  (delayMs = 0): Step =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/x-zip-compressed' });
      res.end(readShared(ZIP));
    }, delayMs);
  };

function appFor(origin: string, options: { now?: () => number; timeoutMs?: number } = {}): App {
  return createApp({
    env: cleanEnv(),
    config: { dbPath: tempDbPath() },
    connectors: [redirected(registered('CAISO'), origin)],
    http: new HttpClient({ backoffMs: 5, retries: 3, timeoutMs: options.timeoutMs ?? 2000 }),
    now: options.now,
  });
}

const dayQuery = { market: 'CAISO', location: NODE, start: DAY, run: 'DA' };

function expectFileValues(body: SeriesResponse): void {
  expect(body.points).toHaveLength(24);
  expect(body.points[7]).toEqual({ start: '2023-01-01T07:00:00-08:00', end: '2023-01-01T08:00:00-08:00', value: HOUR_8_LMP });
  expect(body.points[20].value).toBe(HOUR_21_LMP);
}

describeShared(ZIP)('upstream faults through the read path (CAISO OASIS, local fake upstream)', () => {
  test('500 and 503 are retried, then the real answer is parsed and stored', async () => {
    const up = await fakeUpstream([reply(500, 'Internal Server Error'), reply(503, 'Service Unavailable'), zipStep()]);
    const app = appFor(up.url);
    try {
      expectFileValues(await seriesOf(app, dayQuery));
      expect(up.hits).toHaveLength(3);
      expect(up.hits[0].url).toContain(`node=${NODE}`);
    } finally {
      await app.close();
      await up.close();
    }
  });

  test('429 with Retry-After is waited for', async () => {
    const up = await fakeUpstream([reply(429, 'Too Many Requests', { 'retry-after': '1' }), zipStep()]);
    const app = appFor(up.url);
    try {
      expectFileValues(await seriesOf(app, dayQuery));
      expect(up.hits).toHaveLength(2);
      expect(up.hits[1].at - up.hits[0].at).toBeGreaterThanOrEqual(950);
    } finally {
      await app.close();
      await up.close();
    }
  });

  test('a timeout, then a connection reset, are retried', async () => {
    const up = await fakeUpstream([neverAnswer, hangUp, zipStep()]);
    const app = appFor(up.url, { timeoutMs: 300 });
    try {
      expectFileValues(await seriesOf(app, dayQuery));
      expect(up.hits).toHaveLength(3);
    } finally {
      await app.close();
      await up.close();
    }
  });

  test('an upstream that keeps failing is a clear error naming the host; nothing is stored', async () => {
    const up = await fakeUpstream([neverAnswer]);
    const app = appFor(up.url, { timeoutMs: 200 });
    try {
      const err = await seriesOf(app, dayQuery).catch((e) => e);
      expect(err).toMatchObject({ code: 'UPSTREAM' });
      expect(err.message).toContain(new URL(up.url).host);
      expect(err.message).toMatch(/timed out after 4 attempt/);
      expect(tableCountsAt(app.config.dbPath)).toMatchObject({ points: 0, coverage: 0, series: 0 });
    } finally {
      await app.close();
      await up.close();
    }
  });

  test('the same report-day asked for by 20 callers at once is fetched once', async () => {
    const up = await fakeUpstream([zipStep(200)]);
    const server = await startTestServer({ connectors: [redirected(registered('CAISO'), up.url)], http: new HttpClient({ backoffMs: 5 }) });
    try {
      // 20 different calls (product x output zone) that all need the one OASIS answer for that node and day.
      const calls = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS', 'GHG'].flatMap((product) =>
        ['market', 'UTC', 'America/New_York', 'Europe/Paris'].map(
          (tz) => `/series?market=CAISO&location=${NODE}&start=${DAY}&run=DA&product=${product}&tz=${encodeURIComponent(tz)}`,
        ),
      );
      const answers = await Promise.all(calls.map((c) => fetch(`${server.url}/api/v1${c}`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const lmp = (await answers[0].json()) as SeriesResponse;
      expectFileValues(lmp);
      expect(up.hits).toHaveLength(1);
    } finally {
      await server.close();
      await up.close();
    }
  });

  test('upstream down while the cache holds the data: the cached data is served, marked stale', async () => {
    const up = await fakeUpstream([zipStep(), reply(503, 'Service Unavailable')]);
    // Say it is that market day's evening: the day is provisional, so it is fetched again once its TTL passes.
    let now = Date.parse('2023-01-01T20:00:00-08:00');
    const app = appFor(up.url, { now: () => now });
    try {
      const fresh = await seriesOf(app, dayQuery);
      expectFileValues(fresh);
      expect(fresh.quality).toMatchObject({ stale: false, provisional: true });
      now += (app.config.provisionalTtlSeconds + 60) * 1000;
      const stale = await seriesOf(app, dayQuery);
      expect(up.hits.length).toBeGreaterThan(1);
      expectFileValues(stale);
      expect(stale.quality).toMatchObject({ stale: true, provisional: true });
    } finally {
      await app.close();
      await up.close();
    }
  });
});
