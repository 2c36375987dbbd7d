/**
 * ERCOT day-ahead prices older than the Public API's report endpoints keep come from its archive
 * (`/archive/np4-190-cd`): the list of the posting window, then each day's document, through the
 * same id token. Real-time prices likewise (`/archive/np6-905-cd`): the list of the days' interval
 * documents, then all of them in one bulk download (`POST .../download`, at most 1,000 docIds). Run on the simulated ERCOT (test/support/simulated/ercot.ts, ercot-archive.ts) on
 * a simulated clock, so requests are counted, never slept.
 */
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared } from '../support/fixtures';
import { recordedErcotPrice, simulatedErcot, type SimulatedErcot } from '../support/simulated/ercot';
import { archiveBulkDownloadRequests, ARCHIVE_BULK_MAX_DOCS } from '../../backend/connectors/us/ercot/requests';
import { ARCHIVE_POINTS, archivedRows, archivedRtRows, BULK_MAX_DOCS, type RtRow } from '../support/simulated/ercot-archive';
import { SimulatedTime } from '../support/simulated/time';

const TODAY = '2026-11-29T15:00:00Z';
const KEYS = { ERCOT_API_USERNAME: 'desk@example.com', ERCOT_API_PASSWORD: 'pw-0a9f3c', ERCOT_API_SUBSCRIPTION_KEY: 'sub-77e1b2' };

const pathOf = (url: string) => new URL(url, 'http://x').pathname;
const queryOf = (url: string) => new URL(url, 'http://x').searchParams;

/** The app on a simulated ERCOT (its archive lacking the days named), on a simulated clock; closed after each test. */
function simulatedErcotApp() {
  const state: { time: SimulatedTime; ercot?: SimulatedErcot } = { time: new SimulatedTime(TODAY) };
  afterEach(async () => {
    await state.ercot?.close();
    state.ercot = undefined;
  });
  const appOn = async (lacks: string[] = []) => {
    state.time = new SimulatedTime(TODAY);
    const upstream = await simulatedErcot(state.time, { lacks });
    state.ercot = upstream;
    return createApp({
      env: cleanEnv(KEYS),
      connectors: [redirected(registered('ERCOT'), upstream.url, registered('ERCOT').market.hosts['api.ercot.com'])],
      http: new HttpClient({ time: state.time }),
      now: state.time.now,
    });
  };
  return { state, appOn };
}

describeShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json')('ERCOT DA older than the Public API keeps', () => {
  const { state, appOn } = simulatedErcotApp();

  test('the API report declares how many days it keeps, and the archive report comes right after it', () => {
    const ids = registered('ERCOT').reports.map((r) => r.id);
    expect(ids.indexOf('ercot.api_archive_dam_spp')).toBe(ids.indexOf('ercot.api_dam_spp') + 1);
    expect(registered('ERCOT').reports.find((r) => r.id === 'ercot.api_dam_spp')!.limits?.keepsDays).toBe(90);
  });

  test('the fall-back day 2025-11-02 comes from the archive: login, list, download; 25 hours whole, the recorded values', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02' });
      expect(state.ercot!.logins()).toBe(1);
      expect(state.ercot!.requests.map((r) => r.status)).toEqual([200, 200, 200]);
      const [, list, download] = state.ercot!.requests.map((r) => r.url);
      expect(pathOf(list)).toBe('/api/public-reports/archive/np4-190-cd');
      // Day-ahead prices for 2025-11-02 are posted on 2025-11-01.
      expect(queryOf(list).get('postDatetimeFrom')).toBe('2025-11-01T00:00:00');
      expect(queryOf(list).get('postDatetimeTo')).toBe('2025-11-01T23:59:59');
      expect(queryOf(download).get('download')).toBe('7202511021');
      // 25 hours; in time order the repeated hour ending 02:00 (DSTFlag Y) follows the first.
      const recorded = archivedRows('2025-11-02').map((r) => r[3]);
      expect(recorded).toHaveLength(25);
      expect(day.points).toHaveLength(25);
      expect(day.points.map((p) => p.value)).toEqual([recorded[0], recorded[2], recorded[1], ...recorded.slice(3)]);
      expect(day.points.slice(0, 4).map((p) => p.value)).toEqual([56.16, 46.44, 48.25, 52.27]);
      expect(day.quality).toMatchObject({ expected: 25, present: 25 });
      // Every settlement point of the document was stored: another one is answered without asking again.
      expect(ARCHIVE_POINTS).toContain('LZ_HOUSTON');
      const other = await seriesOf(app, { market: 'ERCOT', location: 'LZ_HOUSTON', start: '2025-11-02' });
      expect(other.points.map((p) => p.value)).toEqual(day.points.map((p) => p.value));
      expect(state.ercot!.requests).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  test('three archived days are one list and three downloads; a later archived day reuses the id token', async () => {
    const app = await appOn();
    try {
      const days = await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-07-01', end: '2025-07-03' });
      expect(state.ercot!.logins()).toBe(1);
      expect(state.ercot!.requests).toHaveLength(1 + 1 + 3);
      const list = queryOf(state.ercot!.requests[1].url);
      expect([list.get('postDatetimeFrom'), list.get('postDatetimeTo')]).toEqual(['2025-06-30T00:00:00', '2025-07-02T23:59:59']);
      expect(state.ercot!.requests.slice(2).map((r) => queryOf(r.url).get('download'))).toEqual(['7202507011', '7202507021', '7202507031']);
      expect(days.points).toHaveLength(3 * 24);
      expect(days.points[0].value).toBe(recordedErcotPrice(1));
      expect(days.points[24 + 13].value).toBe(recordedErcotPrice(14));
      await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-08-05' });
      expect(state.ercot!.logins()).toBe(1);
      expect(state.ercot!.requests).toHaveLength(5 + 2);
      expect(state.ercot!.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('a day the archive holds no document for is a clear error, and nothing is downloaded', async () => {
    const app = await appOn(['2025-11-02']);
    try {
      const asked = seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02' });
      await expect(asked).rejects.toMatchObject({ code: 'NO_DATA' });
      await expect(asked).rejects.toThrow(/archive of NP4-190-CD lists no day-ahead prices document posted on 2025-11-01/);
      expect(state.ercot!.requests.filter((r) => queryOf(r.url).has('download'))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('a recent day still comes from the API report, not the archive', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, { market: 'ERCOT', location: 'HB_NORTH', start: '2026-10-15' });
      expect(day.points).toHaveLength(24);
      expect(state.ercot!.requests.map((r) => pathOf(r.url)).filter((p) => p.includes('/archive/'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

const RT_FALL_BACK = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json';
const RT_SPRING_FORWARD = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2026-03-08.json';

/** A day's interval rows in time order: on the fall-back day the repeated hour ending 2 (DSTFlag Y) after the first. */
function inTimeOrder(rows: RtRow[]): RtRow[] {
  const repeated = rows.findIndex((r) => r[3]);
  if (repeated < 0) return rows;
  return [
    ...rows.slice(0, repeated),
    ...rows.slice(repeated + 4, repeated + 8),
    ...rows.slice(repeated, repeated + 4),
    ...rows.slice(repeated + 8),
  ];
}

describeShared([RT_FALL_BACK, RT_SPRING_FORWARD])('ERCOT RT older than the Public API keeps', () => {
  const { state, appOn } = simulatedErcotApp();

  const rt = (start: string, end?: string, location = 'HB_HUBAVG') => ({
    market: 'ERCOT',
    location,
    run: 'RT',
    start,
    ...(end ? { end } : {}),
  });

  test('the RT API report keeps as many days as the DA one, and the RT archive report comes right after it', () => {
    const reports = registered('ERCOT').reports;
    const ids = reports.map((r) => r.id);
    expect(ids.indexOf('ercot.api_archive_rt_spp')).toBe(ids.indexOf('ercot.api_rt_spp') + 1);
    const keeps = (id: string) => reports.find((r) => r.id === id)!.limits?.keepsDays;
    expect(keeps('ercot.api_rt_spp')).toBe(keeps('ercot.api_dam_spp'));
    expect(keeps('ercot.api_rt_spp')).toBe(90);
  });

  test('an old day is one login, one list and one bulk download; its 96 intervals, every settlement point stored', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, rt('2025-07-01'));
      expect(state.ercot!.logins()).toBe(1);
      expect(state.ercot!.requests.map((r) => r.status)).toEqual([200, 200, 200]);
      const [, list, download] = state.ercot!.requests.map((r) => r.url);
      expect(pathOf(list)).toBe('/api/public-reports/archive/np6-905-cd');
      // Interval documents are posted just after their interval ends: D 00:15 to D+1 00:00, and a late one up to D+1 00:59.
      expect([queryOf(list).get('postDatetimeFrom'), queryOf(list).get('postDatetimeTo')]).toEqual([
        '2025-07-01T00:00:00',
        '2025-07-02T00:59:59',
      ]);
      expect(pathOf(download)).toBe('/api/public-reports/archive/np6-905-cd/download');
      // 96 of the day, the previous day's last (posted 00:00:20) and the next day's first three; CSV renditions only.
      const [asked] = state.ercot!.bulkDownloads();
      expect(asked).toHaveLength(100);
      expect(asked.every((id) => id.endsWith('1'))).toBe(true);
      const rows = archivedRtRows('2025-07-01');
      expect(rows).toHaveLength(96);
      expect(day.points).toHaveLength(96);
      expect(day.points.map((p) => p.value)).toEqual(rows.map((r) => r[2]));
      expect(Date.parse(String(day.points[1].start)) - Date.parse(String(day.points[0].start))).toBe(900_000);
      expect(day.quality).toMatchObject({ expected: 96, present: 96 });
      const other = await seriesOf(app, rt('2025-07-01', undefined, 'LZ_HOUSTON'));
      expect(other.points.map((p) => p.value)).toEqual(rows.map((r) => r[2]));
      expect(state.ercot!.requests).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  test('the fall-back day 2025-11-02 has 100 intervals, the repeated hour in time order', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, rt('2025-11-02'));
      expect(state.ercot!.requests).toHaveLength(3);
      const rows = archivedRtRows('2025-11-02');
      expect(rows).toHaveLength(100);
      expect(day.points).toHaveLength(100);
      expect(day.points.map((p) => p.value)).toEqual(inTimeOrder(rows).map((r) => r[2]));
      expect(day.quality).toMatchObject({ expected: 100, present: 100 });
    } finally {
      await app.close();
    }
  });

  test('the spring-forward day 2026-03-08 has 92 intervals', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, rt('2026-03-08'));
      const rows = archivedRtRows('2026-03-08');
      expect(rows).toHaveLength(92);
      expect(day.points.map((p) => p.value)).toEqual(rows.map((r) => r[2]));
      expect(day.quality).toMatchObject({ expected: 92, present: 92 });
    } finally {
      await app.close();
    }
  });

  test('a week is one list (two pages) and one bulk download of fewer than 1,000 docIds', async () => {
    const app = await appOn();
    try {
      const week = await seriesOf(app, rt('2025-07-01', '2025-07-07'));
      expect(state.ercot!.logins()).toBe(1);
      expect(state.ercot!.requests.map((r) => pathOf(r.url).split('/').pop())).toEqual(['token', 'np6-905-cd', 'np6-905-cd', 'download']);
      expect(state.ercot!.requests.every((r) => r.status === 200)).toBe(true);
      const [asked] = state.ercot!.bulkDownloads();
      expect(asked.length).toBeLessThanOrEqual(BULK_MAX_DOCS);
      expect(asked).toHaveLength(7 * 96 + 4);
      expect(week.points).toHaveLength(7 * 96);
      expect(week.points[96 + 13].value).toBe(archivedRtRows('2025-07-02')[13][2]);
    } finally {
      await app.close();
    }
  });

  test('bulk downloads name at most 1,000 docIds each, and the archive refuses more', async () => {
    const ctx = { keys: KEYS } as unknown as Parameters<typeof archiveBulkDownloadRequests>[2];
    const ids = Array.from({ length: 2_345 }, (_, i) => String(9_000_000 + i));
    const requests = archiveBulkDownloadRequests('NP6-905-CD', ids, ctx, 'token');
    expect(ARCHIVE_BULK_MAX_DOCS).toBe(BULK_MAX_DOCS);
    expect(requests.map((r) => (JSON.parse(r.body!) as { docIds: number[] }).docIds.length)).toEqual([1000, 1000, 345]);
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect((JSON.parse(requests[2].body!) as { docIds: number[] }).docIds[0]).toBe(9_002_000);

    const ercot = await simulatedErcot(new SimulatedTime(TODAY));
    state.ercot = ercot;
    const login = await fetch(`${ercot.url}/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token`, { method: 'POST' });
    const { id_token } = (await login.json()) as { id_token: string };
    const tooMany = await fetch(`${ercot.url}/api/public-reports/archive/np6-905-cd/download`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${id_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ docIds: Array.from({ length: BULK_MAX_DOCS + 1 }, (_, i) => 9_000_000 + i) }),
    });
    expect(tooMany.status).toBe(400);
  });

  test('a day the archive holds no documents for is a clear error, and nothing is downloaded', async () => {
    const app = await appOn(['2025-07-01']);
    try {
      const asked = seriesOf(app, rt('2025-07-01'));
      await expect(asked).rejects.toMatchObject({ code: 'NO_DATA' });
      await expect(asked).rejects.toThrow(/archive of NP6-905-CD lists no real-time prices documents posted on 2025-07-01/);
      expect(state.ercot!.requests.filter((r) => pathOf(r.url).endsWith('/download'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
