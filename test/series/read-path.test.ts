import { readFileSync } from 'node:fs';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { cleanEnv, seriesOf } from '../support/app';
import { redirected, registered } from '../faults/helpers';
import { fakeUpstream } from '../support/fake-upstream';
import { describeShared, sharedPath } from '../support/fixtures';
import { bgeReplayFolder, FAKE_PJM_KEY, PJM_ZONES_FILE, type ZonesAnswer } from '../support/pjm-bge';
import { replayFolder } from '../support/replay';

function appWith(replayDir: string, now = () => Date.parse('2026-11-24T12:00:00Z')) {
  const http = new HttpClient({ replayDir });
  const app = createApp({ env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }), http, now });
  return { app, http };
}

describeShared(PJM_ZONES_FILE)('the read path: missing days fetched once, then answered from SQLite', () => {
  const replayDir = bgeReplayFolder();

  test('a cold query fetches the report-day, stores it, and the next query needs no fetch', async () => {
    const { app, http } = appWith(replayDir);
    try {
      const first = await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(http.requests).toHaveLength(1);
      expect(http.requests[0].headerNames).toContain('Ocp-Apim-Subscription-Key');
      expect(first.points).toHaveLength(24);
      expect(first.points[0]).toEqual({ start: '2026-06-09T00:00:00-04:00', end: '2026-06-09T01:00:00-04:00', value: 44.243725 });
      expect(first.points[1].value).toBe(43.643418);
      expect(first.points[23].value).toBe(59.960898);
      expect(first.quality).toMatchObject({ provisional: false, stale: false });
      const again = await seriesOf(app, { market: 'PJM', location: '51292', start: '2026-06-09' });
      expect(again.points).toEqual(first.points);
      expect(http.requests).toHaveLength(1);
      expect(JSON.stringify(first)).not.toContain(FAKE_PJM_KEY);
    } finally {
      await app.close();
    }
  });

  test('20 callers asking for the same report-day at once share one upstream fetch', async () => {
    const { app, http } = appWith(replayDir);
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' })),
      );
      expect(http.requests).toHaveLength(1);
      for (const a of answers) expect(a.points[0].value).toBe(44.243725);
    } finally {
      await app.close();
    }
  });

  test("today's data is provisional, refetched after the TTL, and served stale when the source is down", async () => {
    let now = Date.parse('2026-06-09T20:00:00Z'); // during the market day
    const { app, http } = appWith(replayDir, () => now);
    try {
      const today = await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(today.quality.provisional).toBe(true);
      now += 60_000; // within the TTL: served from the cache
      await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(http.requests).toHaveLength(1);
      now += 3_600_000; // past the TTL: fetched again
      await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(http.requests).toHaveLength(2);
    } finally {
      await app.close();
    }
    const down = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY, GRIDCELL_DB: app.config.dbPath }),
      http: new HttpClient({ replayDir: replayFolder([]) }),
      now: () => now + 7_200_000,
    });
    try {
      const stale = await seriesOf(down, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(stale.quality.stale).toBe(true);
      expect(stale.points[0].value).toBe(44.243725);
    } finally {
      await down.close();
    }
  });

  test('a past day answered with 20 of its 24 hours is served, never final, and fetched again after the TTL', async () => {
    // The recorded answer cut after 20 hours: the last four hours of 2026-06-09 (EDT) start at 00:00-03:00 UTC on 06-10.
    const cut = bgeReplayFolder((answer) => {
      answer.items = answer.items.filter((i) => i.datetime_beginning_utc < '2026-06-10T00:00:00');
    });
    let now = Date.parse('2026-11-24T12:00:00Z');
    const { app, http } = appWith(cut, () => now);
    try {
      const partial = await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(partial.points).toHaveLength(20);
      expect(partial.points[19]).toMatchObject({ start: '2026-06-09T19:00:00-04:00', value: 188.006399 });
      expect(partial.quality).toMatchObject({ expected: 24, present: 20, provisional: true });
      now += 60_000;
      await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(http.requests).toHaveLength(1);
      now += 3_600_000;
      await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      expect(http.requests).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  test('without the key, the error says which variable to set', async () => {
    const app = createApp({ env: cleanEnv(), http: new HttpClient({ replayDir }) });
    try {
      await expect(seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' })).rejects.toThrow(/set PJM_API_KEY/);
    } finally {
      await app.close();
    }
  });
});

describeShared(PJM_ZONES_FILE)('partial=1: an upstream error for one day leaves the other days answered', () => {
  test('the failed day is listed with its error; the fetched day is answered; without partial=1 the range fails', async () => {
    const body = readFileSync(sharedPath(PJM_ZONES_FILE));
    const bge = (JSON.parse(body.toString()) as ZonesAnswer).items
      .filter((i) => i.pnode_name === 'BGE')
      .sort((a, b) => a.datetime_beginning_utc.localeCompare(b.datetime_beginning_utc))
      .map((i) => i.total_lmp_da);
    // PJM answers the 2026-06-09 request with the recorded file and refuses any that asks for 2026-06-08.
    const upstream = await fakeUpstream([
      (req, res) => {
        if (req.url!.includes('datetime_beginning_ept=2026-06-08')) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('Bad request: maintenance');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        }
      },
    ]);
    const app = createApp({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      connectors: [redirected(registered('PJM'), upstream.url)],
      now: () => Date.parse('2026-11-24T12:00:00Z'),
    });
    try {
      // 2026-06-09 is cached first; the range then needs only 2026-06-08, which fails.
      await seriesOf(app, { market: 'PJM', location: 'BGE', start: '2026-06-09' });
      const asked = { market: 'PJM', location: 'BGE', start: '2026-06-08', end: '2026-06-09' };
      const partial = await seriesOf(app, { ...asked, partial: '1' });
      expect(partial.points.map((p) => p.value)).toEqual(bge);
      expect(partial.points[0].start).toBe('2026-06-09T00:00:00-04:00');
      expect(partial.quality).toMatchObject({ expected: 48, present: 24, days: 2, finalDays: 1, sources: ['fetch:pjm.da_hrl_lmps'] });
      expect(partial.quality.missing).toEqual([{ day: '2026-06-08', code: 'UPSTREAM', message: expect.stringContaining('answered 400') }]);
      expect(partial.quality.missing![0].message).toContain('(it said: "Bad request: maintenance")');
      await expect(seriesOf(app, asked)).rejects.toMatchObject({ code: 'UPSTREAM' });
    } finally {
      await app.close();
      await upstream.close();
    }
  });
});
