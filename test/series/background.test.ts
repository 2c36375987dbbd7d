/**
 * Long ranges asked from Excel (background=1) never wait past the client's timeout: a fetch
 * planned to take longer than one answer becomes a job, answered FETCHING (202) with its progress
 * until the days are in; the functions ask again until then (the cell stays busy, never #N/A),
 * and the taskpane's job list shows and cancels it. Runs on the simulated PJM Data Miner 2.
 */
import type { RunningServer } from '../../backend/api/server';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { FOREGROUND_SECONDS } from '../../backend/series/background';
import { CLIENT_HEADER, type SeriesResponse } from '../../contract';
import { priceFormula } from '../../functions/price';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf, startTestServer } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared } from '../support/fixtures';
import { FAKE_PJM_KEY } from '../support/pjm-bge';
import { PJM_SPACING_MS, simulatedPjm } from '../support/simulated/pjm';
import { SimulatedTime } from '../support/simulated/time';
import type { SimulatedUpstream } from '../support/simulated/upstream';

const TODAY = '2026-11-29T15:00:00Z';
const YEAR = { market: 'PJM', location: 'WESTERN HUB', start: '2025-01-01', end: '2025-12-31' };

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('long ranges from Excel are fetched in the background', () => {
  let time: SimulatedTime;
  let pjm: SimulatedUpstream;
  const appOptions = () => ({
    env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
    connectors: [redirected(registered('PJM'), pjm.url, registered('PJM').market.hosts['api.pjm.com'])],
    http: new HttpClient({ time }),
    now: time.now,
  });

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    pjm = await simulatedPjm(time);
  });
  afterEach(() => pjm.close());

  test('a year is a job: FETCHING with its progress at once, the whole year once it is in; asked again meanwhile, the same job', async () => {
    const app = createApp(appOptions());
    try {
      const asked = seriesOf(app, { ...YEAR, background: '1', partial: '1' });
      await expect(asked).rejects.toMatchObject({ code: 'FETCHING', status: 202 });
      await expect(asked).rejects.toThrow(
        /^PJM WESTERN HUB DA LMP: fetching 0 of 365 days in the background, about \d+ s left\. The cell fills in/,
      );
      await expect(seriesOf(app, { ...YEAR, background: '1', partial: '1' })).rejects.toMatchObject({ code: 'FETCHING' });
      const [job] = await app.jobs();
      expect(await app.jobs()).toHaveLength(1);
      expect(job).toMatchObject({ state: 'running', location: 'WESTERN HUB', daysTotal: 365 });
      await app.jobEnded(job.id);
      const year = await seriesOf(app, { ...YEAR, background: '1', partial: '1' });
      expect(year.points).toHaveLength(8760);
      expect(year.quality).toMatchObject({ days: 365, finalDays: 365 });
      expect(pjm.requests.length).toBeLessThanOrEqual(2);
    } finally {
      await app.close();
    }
  });

  test('a range that one answer fetches in time is answered at once', async () => {
    const app = createApp(appOptions());
    try {
      expect(PJM_SPACING_MS / 1000).toBeLessThanOrEqual(FOREGROUND_SECONDS);
      const july = await seriesOf(app, { ...YEAR, start: '2025-07-01', end: '2025-07-31', background: '1' });
      expect(july.points).toHaveLength(744);
      expect(await app.jobs()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('a cancelled background fetch stops, keeps what it stored, and the question is then answered with what is there', async () => {
    const app = createApp(appOptions());
    try {
      const twoYears = { ...YEAR, start: '2024-01-01', end: '2025-12-31', background: '1', partial: '1' };
      await expect(seriesOf(app, twoYears)).rejects.toMatchObject({ code: 'FETCHING' });
      const [job] = await app.jobs();
      await app.cancelJob(job.id);
      const ended = await app.jobEnded(job.id);
      expect(ended.state).toBe('cancelled');
      expect(pjm.requests.length).toBeLessThan(4);
      const answer = await seriesOf(app, twoYears);
      expect(answer.quality.missing?.length ?? 0).toBeGreaterThan(0);
      expect(await app.jobs()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  describe('through the server', () => {
    let server: RunningServer;
    beforeEach(async () => {
      server = await startTestServer(appOptions());
    });
    afterEach(() => server.close());

    test("background=1 is gridcell clients' own: a plain GET without the client header is refused", async () => {
      const query = new URLSearchParams({ ...YEAR, background: '1' });
      const plain = await fetch(`${server.url}/api/v1/series?${query}`);
      expect(plain.status).toBe(403);
      expect(((await plain.json()) as { error: { message: string } }).error.message).toContain(`send it with the ${CLIENT_HEADER} header`);
      const ours = await fetch(`${server.url}/api/v1/series?${query}&partial=1`, { headers: { [CLIENT_HEADER]: '1' } });
      expect(ours.status).toBe(202);
      expect(((await ours.json()) as { error: { code: string } }).error.code).toBe('FETCHING');
      expect(pjm.requests).toHaveLength(0);
    });

    test('GRID.LMP over a year keeps asking while the job runs and spills the whole year when it is in', async () => {
      const cells = await priceFormula(serverBatcher(server), { ...YEAR, end: YEAR.end });
      const jobs = (await (await fetch(`${server.url}/api/v1/jobs`)).json()) as { jobs: { state: string }[] };
      expect(jobs.jobs.map((j) => j.state)).toEqual(['done']);
      // One row per hour of 2025: the time and the price.
      expect(cells).toHaveLength(8760);
      const first = (await (
        await fetch(`${server.url}/api/v1/series?${new URLSearchParams({ ...YEAR, end: '2025-01-01' })}`)
      ).json()) as SeriesResponse;
      expect(cells[0][1]).toBe(first.points[0].value);
      expect(cells[8759][1]).toBe((await seriesOf(server.app, { ...YEAR, start: '2025-12-31' })).points[23].value);
    });
  });
});
