/**
 * The fetch planner on simulated upstreams: each serves answers built from recorded bytes and
 * enforces its source's documented limits (spacing with 429, window, page size, archive cut-off),
 * on a simulated clock, so requests are counted and spacing measured, never slept.
 */
import { createApp } from '../../backend/app/create-app';
import { planText, progressLine } from '../../backend/commands/backfill';
import type { Connector, Report } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import { planWindows } from '../../backend/series/fetch-plan';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared, readShared } from '../support/fixtures';
import { FAKE_PJM_KEY } from '../support/pjm-bge';
import { OASIS_SPACING_MS, recordedOasisLmp, simulatedOasis } from '../support/simulated/caiso';
import { recordedErcotPrice, simulatedErcot, type SimulatedErcot } from '../support/simulated/ercot';
import { PJM_HUB_IDS, PJM_SPACING_MS, simulatedPjm } from '../support/simulated/pjm';
import { SimulatedTime } from '../support/simulated/time';
import { daysFrom, type SimulatedUpstream } from '../support/simulated/upstream';

const TODAY = '2026-11-29T15:00:00Z';

describe('planWindows: the fewest windows a report allows', () => {
  const report = (limits?: Report['limits'], periodOf?: Report['periodOf']) => ({ ...registered('PJM').reports[0], limits, periodOf });

  test('one day per request where a report declares no limits', async () => {
    expect(planWindows(report(), ['2026-07-02', '2026-07-01'], '2026-11-29').map((w) => w.period)).toEqual([
      { key: '2026-07-01', days: ['2026-07-01'] },
      { key: '2026-07-02', days: ['2026-07-02'] },
    ]);
  });

  test('consecutive days coalesce up to the largest window; a gap starts a new window', async () => {
    const days = [...daysFrom('2026-07-01', '2026-07-10'), ...daysFrom('2026-07-12', '2026-07-13')];
    expect(planWindows(report({ maxDays: 4 }), days, '2026-11-29').map((w) => w.period.key)).toEqual([
      '2026-07-01..2026-07-04',
      '2026-07-05..2026-07-08',
      '2026-07-09..2026-07-10',
      '2026-07-12..2026-07-13',
    ]);
  });

  test('no window crosses the month or year the source keeps requests within', async () => {
    const days = daysFrom('2025-12-30', '2026-02-02');
    expect(planWindows(report({ maxDays: 366, within: 'year' }), days, '2026-11-29').map((w) => w.period.key)).toEqual([
      '2025-12-30..2025-12-31',
      '2026-01-01..2026-02-02',
    ]);
    expect(planWindows(report({ maxDays: 366, within: 'month' }), days, '2026-11-29').map((w) => w.period.key)).toEqual([
      '2025-12-30..2025-12-31',
      '2026-01-01..2026-01-31',
      '2026-02-01..2026-02-02',
    ]);
  });

  test('the archive cut-off splits windows, and archive windows have their own, smaller size', async () => {
    // 2026-11-29 less 731 days is 2024-11-28: earlier days are in the archive.
    const windows = planWindows(
      report({ maxDays: 366, archiveAfterDays: 731, archiveMaxDays: 2 }),
      daysFrom('2024-11-24', '2024-11-30'),
      '2026-11-29',
    );
    expect(windows.map((w) => [w.period.key, w.archive])).toEqual([
      ['2024-11-24..2024-11-25', true],
      ['2024-11-26..2024-11-27', true],
      ['2024-11-28..2024-11-30', false],
    ]);
  });

  test('a report of fixed files gets each file once', async () => {
    const month = (day: string) => ({ key: day.slice(0, 7), days: daysFrom(`${day.slice(0, 7)}-01`, `${day.slice(0, 7)}-28`) });
    expect(
      planWindows(report(undefined, month), ['2026-07-03', '2026-07-09', '2026-08-01'], '2026-11-29').map((w) => w.period.key),
    ).toEqual(['2026-07', '2026-08']);
  });
});

/** The recorded day-ahead LMP of a hub at an hour (EPT, 0-based) of 1 or 2 July 2025, read from the file. */
function recordedLmp(pnodeName: string, day: 1 | 2, hour: number): number {
  const lines = readShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv').toString('utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const stamp = `7/${day}/2025 ${hour % 12 === 0 ? 12 : hour % 12}:00:00 ${hour < 12 ? 'AM' : 'PM'}`;
  const row = lines
    .map((l) => l.split(','))
    .find((c) => c[header.indexOf('pnode_name')] === pnodeName && c[header.indexOf('datetime_beginning_ept')] === stamp)!;
  return Number(row[header.indexOf('total_lmp_da')]);
}

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('PJM on its simulated Data Miner 2', () => {
  let time: SimulatedTime;
  let pjm: SimulatedUpstream;
  let connector: Connector;

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    pjm = await simulatedPjm(time);
    connector = redirected(registered('PJM'), pjm.url, registered('PJM').market.hosts['api.pjm.com']);
  });
  afterEach(() => pjm.close());

  const appOn = () =>
    createApp({ env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }), connectors: [connector], http: new HttpClient({ time }), now: time.now });

  test('a July at WESTERN HUB is one request, stored day by day with the recorded values', async () => {
    const app = appOn();
    try {
      const july = await seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-31' });
      expect(pjm.requests).toHaveLength(1);
      expect(pjm.requests[0].url).toContain('datetime_beginning_ept=2025-07-01T00%3A00to2025-07-31T23%3A59');
      expect(july.points).toHaveLength(31 * 24);
      expect(july.points[0].value).toBe(recordedLmp('WESTERN HUB', 1, 0));
      expect(july.points[24 + 17].value).toBe(recordedLmp('WESTERN HUB', 2, 17));
      expect(july.quality).toMatchObject({ expected: 744, present: 744, days: 31, finalDays: 31 });
      // Stored as report-days: a day inside the month is answered from the cache.
      const day = await seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-02' });
      expect(day.points.map((p) => p.value)).toEqual(july.points.slice(24, 48).map((p) => p.value));
      expect(pjm.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('a July at the 12 hubs asked together (as one batch of formulas) is one request for all of them', async () => {
    const app = appOn();
    try {
      const names = [
        'AEP GEN HUB',
        'AEP-DAYTON HUB',
        'ATSI GEN HUB',
        'CHICAGO GEN HUB',
        'CHICAGO HUB',
        'DOMINION HUB',
        'EASTERN HUB',
        'N ILLINOIS HUB',
        'NEW JERSEY HUB',
        'OHIO HUB',
        'WEST INT HUB',
        'WESTERN HUB',
      ];
      const answers = await Promise.all(
        names.map((location) => seriesOf(app, { market: 'PJM', location, start: '2025-07-01', end: '2025-07-31' })),
      );
      expect(pjm.requests).toHaveLength(1);
      expect(new URL(pjm.requests[0].url, 'http://x').searchParams.get('pnode_id')!.split(';').sort()).toEqual([...PJM_HUB_IDS].sort());
      answers.forEach(async (a, i) => {
        expect(a.points).toHaveLength(744);
        expect(a.points[0].value).toBe(recordedLmp(names[i], 1, 0));
      });
    } finally {
      await app.close();
    }
  });

  test('a year at 12 hubs (a backfill per hub, run together) takes under 30 requests, spaced as PJM asks', async () => {
    const app = appOn();
    try {
      const started = time.now();
      const jobs = await Promise.all(
        PJM_HUB_IDS.map((location) =>
          app.startBackfill(app.requests.backfill({ market: 'PJM', location, start: '2025-01-01', end: '2025-12-31' })),
        ),
      );
      const ended = await Promise.all(jobs.map((j) => app.jobEnded(j.id)));
      for (const job of ended) expect(job).toMatchObject({ state: 'done', daysDone: 365, problems: [] });
      expect(pjm.requests.length).toBeLessThan(30);
      expect(pjm.requests.every((r) => r.status === 200)).toBe(true);
      const gaps = pjm.requests.slice(1).map((r, i) => r.at - pjm.requests[i].at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PJM_SPACING_MS);
      expect(time.elapsed(started)).toBeLessThan(pjm.requests.length * PJM_SPACING_MS + 1);
      // The fall-back day has 25 hours, the spring day 23, each stored whole.
      const fallBack = await seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-11-02' });
      expect(fallBack.points).toHaveLength(25);
      const spring = await seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-03-09' });
      expect(spring.points).toHaveLength(23);
    } finally {
      await app.close();
    }
  });

  test('overlapping ranges asked at once share the days in flight: the second asks only what the first does not', async () => {
    const app = appOn();
    try {
      const [july, later] = await Promise.all([
        seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-31' }),
        seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-15', end: '2025-08-15' }),
      ]);
      const asked = pjm.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('datetime_beginning_ept'));
      expect(asked).toEqual(['2025-07-01T00:00to2025-07-31T23:59', '2025-08-01T00:00to2025-08-15T23:59']);
      expect(july.points).toHaveLength(744);
      expect(later.points).toHaveLength(32 * 24);
    } finally {
      await app.close();
    }
  });

  test('a window whose second page fails stores nothing of it, and the next ask fetches it whole', async () => {
    await pjm.close();
    pjm = await simulatedPjm(time, { failOnce: true });
    connector = redirected(registered('PJM'), pjm.url, registered('PJM').market.hosts['api.pjm.com']);
    const app = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      connectors: [connector],
      http: new HttpClient({ time, retries: 0 }),
      now: time.now,
    });
    try {
      // A year at 12 hubs is 105,120 rows: three pages of 50,000.
      const year = () => app.requests.backfill({ market: 'PJM', locations: PJM_HUB_IDS.join(';'), start: '2025-01-01', end: '2025-12-31' });
      const failed = await app.jobEnded((await app.startBackfill(year())).id);
      expect(failed.state).toBe('failed');
      expect(failed.problems.join('\n')).toMatch(/answered 503/);
      expect(pjm.requests.map((r) => r.status)).toEqual([200, 503]);
      // Nothing of the window was stored: the plan still asks the whole year.
      expect(await app.planBackfill(year())).toMatchObject([{ first: '2025-01-01', last: '2025-12-31', requests: 1 }]);
      const again = await app.jobEnded((await app.startBackfill(year())).id);
      expect(again).toMatchObject({ state: 'done', problems: [] });
      expect(pjm.requests.map((r) => r.status)).toEqual([200, 503, 200, 200, 200]);
      expect(await app.planBackfill(year())).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('past the archive cut-off the archive form is used (no pnode_id, no Fields) and every hub it returns is stored', async () => {
    const app = appOn();
    try {
      const july = await seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2023-07-01', end: '2023-07-31' });
      expect(pjm.requests).toHaveLength(1);
      const asked = new URL(pjm.requests[0].url, 'http://x').searchParams;
      expect(asked.has('pnode_id')).toBe(false);
      expect(asked.has('Fields')).toBe(false);
      expect(july.points).toHaveLength(744);
      const other = await seriesOf(app, { market: 'PJM', location: 'EASTERN HUB', start: '2023-07-01', end: '2023-07-31' });
      expect(other.points).toHaveLength(744);
      expect(other.points[0].value).toBe(recordedLmp('EASTERN HUB', 1, 0));
      expect(pjm.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

describeShared('caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip')('CAISO on its simulated OASIS', () => {
  let time: SimulatedTime;
  let oasis: SimulatedUpstream;
  const appOn = (upstream: SimulatedUpstream) =>
    createApp({
      env: cleanEnv(),
      connectors: [redirected(registered('CAISO'), upstream.url, registered('CAISO').market.hosts['oasis.caiso.com'])],
      http: new HttpClient({ time }),
      now: time.now,
    });

  beforeEach(() => {
    time = new SimulatedTime(TODAY);
  });
  afterEach(() => oasis.close());

  test('a year of TH_SP15_GEN-APND DA takes 12 requests of at most 31 days, 5 s apart', async () => {
    oasis = await simulatedOasis(time);
    const app = appOn(oasis);
    try {
      const job = await app.startBackfill(
        app.requests.backfill({ market: 'CAISO', location: 'TH_SP15_GEN-APND', start: '2025-01-01', end: '2025-12-31' }),
      );
      expect(await app.jobEnded(job.id)).toMatchObject({ state: 'done', daysDone: 365, problems: [] });
      expect(oasis.requests).toHaveLength(12);
      expect(oasis.requests.every((r) => r.status === 200)).toBe(true);
      const gaps = oasis.requests.slice(1).map((r, i) => r.at - oasis.requests[i].at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(OASIS_SPACING_MS);
      const day = await seriesOf(app, { market: 'CAISO', location: 'TH_SP15_GEN-APND', start: '2025-07-15' });
      expect(day.points).toHaveLength(24);
      expect(day.points[0].value).toBe(recordedOasisLmp(1));
      expect(day.points[19].value).toBe(recordedOasisLmp(20));
      // Pacific DST days: 23 and 25 operating hours, stored whole.
      expect((await seriesOf(app, { market: 'CAISO', location: 'TH_SP15_GEN-APND', start: '2025-03-09' })).points).toHaveLength(23);
      expect((await seriesOf(app, { market: 'CAISO', location: 'TH_SP15_GEN-APND', start: '2025-11-02' })).points).toHaveLength(25);
      expect(oasis.requests).toHaveLength(12);
    } finally {
      await app.close();
    }
  });

  test('nodes asked together share one request (node=A,B)', async () => {
    oasis = await simulatedOasis(time);
    const app = appOn(oasis);
    try {
      const nodes = ['TH_SP15_GEN-APND', 'TH_NP15_GEN-APND'];
      const answers = await Promise.all(
        nodes.map((location) => seriesOf(app, { market: 'CAISO', location, start: '2025-07-01', end: '2025-07-31' })),
      );
      expect(oasis.requests).toHaveLength(1);
      expect(new URL(oasis.requests[0].url, 'http://x').searchParams.get('node')!.split(',').sort()).toEqual([...nodes].sort());
      for (const a of answers) expect(a.points).toHaveLength(31 * 24);
    } finally {
      await app.close();
    }
  });

  test('a 429 is retried no sooner than OASIS allows (5 s), never within the second', async () => {
    oasis = await simulatedOasis(time, { busyFirst: true });
    const app = appOn(oasis);
    try {
      await seriesOf(app, { market: 'CAISO', location: 'TH_SP15_GEN-APND', start: '2025-07-01' });
      expect(oasis.requests.map((r) => r.status)).toEqual([429, 200]);
      expect(oasis.requests[1].at - oasis.requests[0].at).toBeGreaterThanOrEqual(OASIS_SPACING_MS);
    } finally {
      await app.close();
    }
  });
});

describeShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json')('ERCOT on its simulated Public API', () => {
  let time: SimulatedTime;
  let ercot: SimulatedErcot;
  const keys = { ERCOT_API_USERNAME: 'desk@example.com', ERCOT_API_PASSWORD: 'pw-0a9f3c', ERCOT_API_SUBSCRIPTION_KEY: 'sub-77e1b2' };

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    ercot = await simulatedErcot(time);
  });
  afterEach(() => ercot.close());

  const appOn = () =>
    createApp({
      env: cleanEnv(keys),
      connectors: [redirected(registered('ERCOT'), ercot.url, registered('ERCOT').market.hosts['api.ercot.com'])],
      http: new HttpClient({ time }),
      now: time.now,
    });
  const month = (app: ReturnType<typeof appOn>, start: string, end: string) =>
    seriesOf(app, { market: 'ERCOT', location: 'HB_NORTH', start, end });

  test('a month of HB_NORTH DA is one login and one request; the id token is reused within its hour, replaced after', async () => {
    const app = appOn();
    try {
      // Recent months: within the 90 days the Public API's report endpoints keep (older days are in its archive).
      const october = await month(app, '2026-10-01', '2026-10-31');
      expect(ercot.requests).toHaveLength(2);
      expect(ercot.logins()).toBe(1);
      expect(october.points).toHaveLength(31 * 24);
      expect(october.points[0].value).toBe(recordedErcotPrice(1));
      expect(october.points[24 + 13].value).toBe(recordedErcotPrice(14));
      await month(app, '2026-09-01', '2026-09-30');
      expect(ercot.logins()).toBe(1);
      await time.sleep(61 * 60_000);
      await month(app, '2026-11-01', '2026-11-28');
      expect(ercot.logins()).toBe(2);
      expect(ercot.requests.filter((r) => r.status !== 200)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('a token the API refuses before its hour is up is replaced once, and the month still comes back', async () => {
    const app = appOn();
    try {
      await month(app, '2026-09-01', '2026-09-30');
      ercot.revokeTokens();
      const october = await month(app, '2026-10-01', '2026-10-31');
      expect(october.points).toHaveLength(31 * 24);
      expect(ercot.logins()).toBe(2);
      expect(ercot.requests.map((r) => r.status)).toEqual([200, 200, 401, 200, 200]);
    } finally {
      await app.close();
    }
  });
});

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('a portfolio backfill: planned, measured, resumable', () => {
  let time: SimulatedTime;
  let pjm: SimulatedUpstream;
  let app: ReturnType<typeof createApp>;
  const HUBS = ['WESTERN HUB', 'EASTERN HUB', 'DOMINION HUB'];

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    pjm = await simulatedPjm(time);
    app = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      connectors: [redirected(registered('PJM'), pjm.url, registered('PJM').market.hosts['api.pjm.com'])],
      http: new HttpClient({ time }),
      now: time.now,
    });
  });
  afterEach(async () => {
    await app.close();
    await pjm.close();
  });

  const year = (locations: string[]) =>
    app.requests.backfill({ market: 'PJM', locations: locations.join(';'), start: '2025-01-01', end: '2025-12-31' });

  test('a dry run prints the request plan and its time at PJM spacing, and asks nothing', async () => {
    const q = year(HUBS);
    const plan = await app.planBackfill(q);
    // A backfill asks a calendar year at a time: one window, all hubs in it.
    expect(plan).toEqual([
      {
        market: 'PJM',
        report: 'pjm.da_hrl_lmps',
        first: '2025-01-01',
        last: '2025-12-31',
        days: 365,
        locations: HUBS,
        archive: false,
        requests: 1,
        spacingMs: PJM_SPACING_MS,
      },
    ]);
    expect(planText(q, plan)).toEqual([
      'Plan for PJM DA LMP at WESTERN HUB, EASTERN HUB, DOMINION HUB, 2025-01-01 to 2025-12-31:',
      '  pjm.da_hrl_lmps  2025-01-01..2025-12-31 (365 days)  WESTERN HUB, EASTERN HUB, DOMINION HUB  1 request',
      "1 request at PJM's spacing of 10 s: about 10 s (further pages of large answers come on top).",
    ]);
    expect(pjm.requests).toEqual([]);
  });

  test('a dry run says which days no request can fetch, and why (here: the key is not set)', async () => {
    const keyless = createApp({ env: cleanEnv(), connectors: [registered('PJM')], now: time.now });
    try {
      const q = keyless.requests.backfill({ market: 'PJM', location: 'WESTERN HUB', start: '2025-01-01', end: '2025-01-31' });
      expect(planText(q, await keyless.planBackfill(q))).toEqual([
        'Plan for PJM DA LMP at WESTERN HUB, 2025-01-01 to 2025-01-31:',
        '  2025-01-01..2025-01-31 (31 days)  WESTERN HUB  not fetched: PJM DA LMP needs an API key: set PJM_API_KEY in the environment or ~/.gridcell/config.json, then restart gridcell.',
        'No request can be made as things stand: see why above.',
      ]);
    } finally {
      await keyless.close();
    }
  });

  test('the job counts days over the portfolio and the requests it made; the progress line shows both', async () => {
    const job = await app.startBackfill(year(HUBS));
    expect(job).toMatchObject({ locations: HUBS, daysTotal: 365 * 3, requestsPlanned: 1, secondsLeft: 10 });
    const ended = await app.jobEnded(job.id);
    expect(ended).toMatchObject({ state: 'done', daysDone: 365 * 3, requestsDone: pjm.requests.length, problems: [] });
    expect(pjm.requests).toHaveLength(1);
    expect(progressLine(ended)).toBe(`  [########################] 100%  1095 of 1095 days, 1 of 1 requests`);
  });

  test('stopped after its first piece (a year), the same backfill again fetches only what the cache lacks', async () => {
    const eighteenMonths = app.requests.backfill({ market: 'PJM', location: 'WESTERN HUB', start: '2025-01-01', end: '2026-06-30' });
    const first = await app.startBackfill(eighteenMonths);
    // Ctrl-C once the first request has gone out: the year it asked for is stored, nothing more is asked.
    while (pjm.requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    await app.cancelJob(first.id);
    expect(await app.jobEnded(first.id)).toMatchObject({ state: 'cancelled', daysDone: 365 });
    expect(pjm.requests).toHaveLength(1);
    expect(await app.planBackfill(eighteenMonths)).toMatchObject([{ first: '2026-01-01', last: '2026-06-30', days: 181, requests: 1 }]);
    const again = await app.startBackfill(eighteenMonths);
    expect(await app.jobEnded(again.id)).toMatchObject({ state: 'done', problems: [] });
    const asked = pjm.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('datetime_beginning_ept'));
    expect(asked).toEqual(['2025-01-01T00:00to2025-12-31T23:59', '2026-01-01T00:00to2026-06-30T23:59']);
    expect(await app.planBackfill(eighteenMonths)).toEqual([]);
  });
});
