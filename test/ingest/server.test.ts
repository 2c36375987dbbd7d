/**
 * The ingest end to end: the real app and server, `ingestFor` as `gridcell serve --ingest` wires it,
 * on the simulated PJM Data Miner 2 (recorded hub rows). After the first pass, health shows the
 * entry's last success and the cache answers the day without asking PJM again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../backend/api/server';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { checkIngestPlan, ingestFor, ingestPlanPath, realTimers, type IngestScheduler } from '../../backend/ingest';
import type { HealthResponse, SeriesResponse } from '../../contract';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv } from '../support/app';
import { describeShared } from '../support/fixtures';
import { FAKE_PJM_KEY } from '../support/pjm-bge';
import { simulatedPjm } from '../support/simulated/pjm';
import { SimulatedTime } from '../support/simulated/time';
import type { SimulatedUpstream } from '../support/simulated/upstream';

const TODAY = '2026-11-29T15:00:00Z'; // 10:00 EST: today's day-ahead prices are out, tomorrow's not yet

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('gridcell serve --ingest', () => {
  let time: SimulatedTime;
  let pjm: SimulatedUpstream;
  let server: RunningServer;
  let ingest: IngestScheduler;

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    pjm = await simulatedPjm(time);
    const env = cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY });
    writeFileSync(ingestPlanPath(env), JSON.stringify([{ market: 'PJM', run: 'DA', locations: ['WESTERN HUB', 'EASTERN HUB'] }]));
    const app = createApp({
      env,
      connectors: [redirected(registered('PJM'), pjm.url, registered('PJM').market.hosts['api.pjm.com'])],
      http: new HttpClient({ time }),
      now: time.now,
    });
    // The simulated clock tells the day; the timers are real (the next pass, hours away, never comes in the test).
    const wired = await ingestFor(app, ingestPlanPath(env), { timers: { ...realTimers, now: time.now } });
    ingest = wired.ingest;
    server = await startServer(wired.app, { port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await pjm.close();
  });

  const health = async () => (await (await fetch(`${server.url}/api/v1/health`)).json()) as HealthResponse;

  test('health shows the entry before and after its first pass; the cache then answers the day without fetching', async () => {
    expect((await health()).ingest).toEqual([{ market: 'PJM', run: 'DA', locations: 2, state: 'waiting' }]);
    ingest.start();
    let entry = (await health()).ingest![0];
    for (let i = 0; i < 200 && !entry.lastSuccess; i++) {
      await new Promise((r) => setTimeout(r, 25));
      entry = (await health()).ingest![0];
    }
    expect(entry).toMatchObject({ market: 'PJM', run: 'DA', state: 'waiting', lastDay: '2026-11-29', nextRun: '2026-11-29T18:30:00.000Z' });
    expect(Date.parse(entry.lastSuccess!)).toBeGreaterThanOrEqual(Date.parse(TODAY));
    expect(entry.lastError).toBeUndefined();
    const asked = pjm.requests.length;
    expect(asked).toBeGreaterThan(0);

    for (const location of ['WESTERN HUB', 'EASTERN HUB']) {
      const query = new URLSearchParams({ market: 'PJM', location, start: '2026-11-29' });
      const day = (await (await fetch(`${server.url}/api/v1/series?${query}`)).json()) as SeriesResponse;
      expect(day.points).toHaveLength(24);
    }
    expect(pjm.requests.length).toBe(asked);
  });

  test('a plan naming what gridcell does not know is refused before anything runs, naming the entry and field', async () => {
    const app = createApp({ env: cleanEnv() });
    try {
      await expect(
        checkIngestPlan(app, [
          { market: 'PJM', run: 'DA', locations: ['WESTERN HUB'] },
          { market: 'PJMX', run: 'DA', locations: ['X'] },
        ]),
      ).rejects.toThrow(/^ingest\.json entry 2, "market": Unknown market "PJMX"\. Did you mean PJM\?/);
      await expect(checkIngestPlan(app, [{ market: 'PJM', run: 'DA', locations: ['NOWHERE'] }])).rejects.toThrow(
        'ingest.json entry 1, "locations": PJM has no location "NOWHERE" that gridcell knows. Search the spellings with: gridcell locations PJM "NOWHERE".',
      );
      await expect(checkIngestPlan(app, [{ market: 'PJM', run: 'XX', locations: ['WESTERN HUB'] }])).rejects.toThrow(
        /entry 1, "run": PJM has no run "XX"/,
      );
      await expect(checkIngestPlan(app, [{ market: 'ERCOT', run: 'RT5', locations: ['HB_HUBAVG'] }])).rejects.toThrow(
        /"run": ERCOT RT5 has no publication schedule to ingest by; the runs that do are DA, RT15/,
      );
      await expect(checkIngestPlan(app, [{ market: 'PJM', run: 'DA', locations: [] }])).rejects.toThrow(
        /"locations": must be a non-empty list/,
      );
      await expect(checkIngestPlan(app, [{ market: 'PJM', run: 'DA', locations: ['WESTERN HUB'], product: 'LMP' }])).rejects.toThrow(
        /"product": not a field of an entry; the fields are market, run, locations, products/,
      );
      // Aliases and run aliases are taken and written canonically.
      expect(
        await checkIngestPlan(app, [{ market: 'pjm', run: 'RT', locations: ['51288', 'western hub'], products: ['LMP', 'CONGESTION'] }]),
      ).toEqual([expect.objectContaining({ market: 'PJM', run: 'RTH', locations: ['WESTERN HUB'], products: ['LMP', 'CONGESTION'] })]);
    } finally {
      await app.close();
    }
  });
});

test('the plan file is ingest.json in gridcell home unless GRIDCELL_INGEST names another', () => {
  expect(ingestPlanPath({ GRIDCELL_HOME: '/h' })).toBe(join('/h', 'ingest.json'));
  expect(ingestPlanPath({ GRIDCELL_HOME: '/h', GRIDCELL_INGEST: '/etc/plan.json' })).toBe('/etc/plan.json');
});
