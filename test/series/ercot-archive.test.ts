/**
 * ERCOT day-ahead prices older than the Public API's report endpoints keep come from its archive
 * (`/archive/np4-190-cd`): the list of the posting window, then each day's document, through the
 * same id token. Run on the simulated ERCOT (test/support/simulated/ercot.ts, ercot-archive.ts) on
 * a simulated clock, so requests are counted, never slept.
 */
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared } from '../support/fixtures';
import { recordedErcotPrice, simulatedErcot, type SimulatedErcot } from '../support/simulated/ercot';
import { ARCHIVE_POINTS, archivedRows } from '../support/simulated/ercot-archive';
import { SimulatedTime } from '../support/simulated/time';

const TODAY = '2026-11-29T15:00:00Z';
const KEYS = { ERCOT_API_USERNAME: 'desk@example.com', ERCOT_API_PASSWORD: 'pw-0a9f3c', ERCOT_API_SUBSCRIPTION_KEY: 'sub-77e1b2' };

const pathOf = (url: string) => new URL(url, 'http://x').pathname;
const queryOf = (url: string) => new URL(url, 'http://x').searchParams;

describeShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json')('ERCOT DA older than the Public API keeps', () => {
  let time: SimulatedTime;
  let ercot: SimulatedErcot | undefined;

  afterEach(async () => {
    await ercot?.close();
    ercot = undefined;
  });

  const appOn = async (lacks: string[] = []) => {
    time = new SimulatedTime(TODAY);
    const upstream = await simulatedErcot(time, { lacks });
    ercot = upstream;
    return createApp({
      env: cleanEnv(KEYS),
      connectors: [redirected(registered('ERCOT'), upstream.url, registered('ERCOT').market.hosts['api.ercot.com'])],
      http: new HttpClient({ time }),
      now: time.now,
    });
  };

  test('the API report declares how many days it keeps, and the archive report comes right after it', () => {
    const ids = registered('ERCOT').reports.map((r) => r.id);
    expect(ids.indexOf('ercot.api_archive_dam_spp')).toBe(ids.indexOf('ercot.api_dam_spp') + 1);
    expect(registered('ERCOT').reports.find((r) => r.id === 'ercot.api_dam_spp')!.limits?.keepsDays).toBe(90);
  });

  test('the fall-back day 2025-11-02 comes from the archive: login, list, download; 25 hours whole, the recorded values', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02' });
      expect(ercot!.logins()).toBe(1);
      expect(ercot!.requests.map((r) => r.status)).toEqual([200, 200, 200]);
      const [, list, download] = ercot!.requests.map((r) => r.url);
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
      expect(ercot!.requests).toHaveLength(3);
    } finally {
      app.close();
    }
  });

  test('three archived days are one list and three downloads; a later archived day reuses the id token', async () => {
    const app = await appOn();
    try {
      const days = await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-07-01', end: '2025-07-03' });
      expect(ercot!.logins()).toBe(1);
      expect(ercot!.requests).toHaveLength(1 + 1 + 3);
      const list = queryOf(ercot!.requests[1].url);
      expect([list.get('postDatetimeFrom'), list.get('postDatetimeTo')]).toEqual(['2025-06-30T00:00:00', '2025-07-02T23:59:59']);
      expect(ercot!.requests.slice(2).map((r) => queryOf(r.url).get('download'))).toEqual(['7202507011', '7202507021', '7202507031']);
      expect(days.points).toHaveLength(3 * 24);
      expect(days.points[0].value).toBe(recordedErcotPrice(1));
      expect(days.points[24 + 13].value).toBe(recordedErcotPrice(14));
      await seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-08-05' });
      expect(ercot!.logins()).toBe(1);
      expect(ercot!.requests).toHaveLength(5 + 2);
      expect(ercot!.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      app.close();
    }
  });

  test('a day the archive holds no document for is a clear error, and nothing is downloaded', async () => {
    const app = await appOn(['2025-11-02']);
    try {
      const asked = seriesOf(app, { market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02' });
      await expect(asked).rejects.toMatchObject({ code: 'NO_DATA' });
      await expect(asked).rejects.toThrow(/archive of NP4-190-CD lists no day-ahead prices document posted on 2025-11-01/);
      expect(ercot!.requests.filter((r) => queryOf(r.url).has('download'))).toEqual([]);
    } finally {
      app.close();
    }
  });

  test('a recent day still comes from the API report, not the archive', async () => {
    const app = await appOn();
    try {
      const day = await seriesOf(app, { market: 'ERCOT', location: 'HB_NORTH', start: '2026-10-15' });
      expect(day.points).toHaveLength(24);
      expect(ercot!.requests.map((r) => pathOf(r.url)).filter((p) => p.includes('/archive/'))).toEqual([]);
    } finally {
      app.close();
    }
  });
});
