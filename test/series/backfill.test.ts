import { readFileSync } from 'node:fs';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { MAX_FETCH_DAYS } from '../../backend/series/read-through';
import { cleanEnv, seriesOf } from '../support/app';
import { redirected, registered } from '../faults/helpers';
import { fakeUpstream } from '../support/fake-upstream';
import { describeShared, sharedPath } from '../support/fixtures';
import { bgeReplayFolder, FAKE_PJM_KEY, PJM_ZONES_FILE } from '../support/pjm-bge';

const now = () => Date.parse('2026-11-24T12:00:00Z');

function appWith(replayDir: string) {
  const http = new HttpClient({ replayDir });
  return { app: createApp({ env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }), http, now }), http };
}

describeShared(PJM_ZONES_FILE)('long ranges are backfills, never the side effect of a GET', () => {
  test('thirty years asked in one GET fetch nothing and say how to backfill', async () => {
    const { app, http } = appWith(bgeReplayFolder());
    try {
      const asked = seriesOf(app, { market: 'PJM', location: 'BGE', start: '1996-01-01', end: '2025-12-31' });
      await expect(asked).rejects.toMatchObject({ code: 'NEEDS_BACKFILL', status: 409 });
      await expect(asked).rejects.toThrow(
        /10958 days of that range are not in the cache, more than the 62 one request fetches. Backfill the range first/,
      );
      expect(http.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  test('a backfill job fetches the range piece by piece; what it stored is then answered offline', async () => {
    const { app, http } = appWith(bgeReplayFolder());
    try {
      const job = await app.startBackfill(
        app.requests.backfill({ market: 'PJM', location: 'BGE', start: '2026-06-09', end: '2026-06-09' }),
      );
      expect(job).toMatchObject({ state: 'running', first: '2026-06-09', last: '2026-06-09', daysTotal: 1 });
      const ended = await app.jobEnded(job.id);
      expect(ended).toMatchObject({ state: 'done', daysDone: 1, problems: [] });
      expect(http.requests).toHaveLength(1);
      expect((await app.jobs()).map((j) => j.id)).toEqual([job.id]);
    } finally {
      await app.close();
    }
  });

  test('days the source cannot give are problems of the job; the days it gave are kept', async () => {
    // The job asks a calendar year at a time: PJM refuses the 2025 piece and answers the 2026 one with the recorded file (2026-06-09 only).
    const recorded = readFileSync(sharedPath(PJM_ZONES_FILE));
    const upstream = await fakeUpstream([
      (req, res) => {
        const refused = req.url!.includes('datetime_beginning_ept=2025-12-01');
        res.writeHead(refused ? 503 : 200, { 'content-type': refused ? 'text/plain' : 'application/json' });
        res.end(refused ? 'Service unavailable' : recorded);
      },
    ]);
    const app = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      connectors: [redirected(registered('PJM'), upstream.url)],
      http: new HttpClient({ retries: 0 }),
      now,
    });
    try {
      // 2025-12-01 .. 2026-06-30: 212 days in two pieces.
      const job = await app.startBackfill(
        app.requests.backfill({ market: 'PJM', location: 'BGE', start: '2025-12-01', end: '2026-06-30' }),
      );
      const ended = await app.jobEnded(job.id);
      expect(ended.daysTotal).toBe(212);
      expect(ended.daysDone).toBe(212);
      expect(212).toBeGreaterThan(MAX_FETCH_DAYS);
      expect(ended.state).toBe('failed');
      expect(upstream.hits).toHaveLength(2);
      expect(ended.problems.join('\n')).toMatch(/answered 503/);
      expect(ended.problems.join('\n')).toMatch(/published no DA LMP for BGE on 2026-01-01/);
      const offline = createApp({ env: cleanEnv({ GRIDCELL_DB: app.config.dbPath }), config: { offline: true }, now });
      try {
        const kept = await seriesOf(offline, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
        expect(kept.points[0].value).toBe(44.243725);
      } finally {
        await offline.close();
      }
    } finally {
      await app.close();
      await upstream.close();
    }
  });

  test('a cancelled job stops between pieces', async () => {
    const { app } = appWith(bgeReplayFolder());
    try {
      const job = await app.startBackfill(
        app.requests.backfill({ market: 'PJM', location: 'BGE', start: '2025-01-01', end: '2026-06-30' }),
      );
      expect((await app.cancelJob(job.id)).id).toBe(job.id);
      const ended = await app.jobEnded(job.id);
      expect(ended.state).toBe('cancelled');
      expect(ended.daysDone).toBeLessThan(ended.daysTotal);
      await expect(app.job('no-such-job')).rejects.toThrow(/There is no backfill job "no-such-job"/);
    } finally {
      await app.close();
    }
  });
});
