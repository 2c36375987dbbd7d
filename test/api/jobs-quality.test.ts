/**
 * Backfill jobs and the quality report through the real server: POST /jobs starts a backfill
 * (only from gridcell's own client), GET /jobs and /jobs/:id follow it, DELETE /jobs/:id cancels
 * it; GET /quality answers a market's cache, directly and in a batch alike.
 */
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import { HttpClient } from '../../backend/http/client';
import {
  CLIENT_HEADER,
  type BatchResponse,
  type ErrorBody,
  type JobResponse,
  type JobsResponse,
  type QualityResponse,
} from '../../contract';
import { cleanEnv, startTestServer } from '../support/app';
import { fakeUpstream } from '../support/fake-upstream';
import { describeShared, sharedPath } from '../support/fixtures';
import { redirected, registered } from '../faults/helpers';
import { bgeReplayFolder, FAKE_PJM_KEY, PJM_ZONES_FILE } from '../support/pjm-bge';

const DA = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const now = () => Date.parse('2026-11-24T12:00:00Z');

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describeShared([PJM_ZONES_FILE, DA])('backfill jobs and quality through the API', () => {
  let server: RunningServer;
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = { [CLIENT_HEADER]: '1' }) =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestServer({
      env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
      http: new HttpClient({ replayDir: bgeReplayFolder() }),
      now,
    });
    await server.app.importFile(sharedPath(DA));
  });
  afterAll(() => server.close());

  test('POST /jobs starts a backfill; GET follows it to its end; the stored day is then answered', async () => {
    const started = await post('/jobs', { market: 'PJM', location: 'BGE', start: '2026-06-09', end: '2026-06-09' });
    expect(started.status).toBe(202);
    const job = await json<JobResponse>(started);
    expect(job).toMatchObject({ market: 'PJM', location: 'BGE', first: '2026-06-09', last: '2026-06-09', daysTotal: 1 });

    let seen = job;
    while (seen.state === 'running') seen = await json<JobResponse>(await api(`/jobs/${job.id}`));
    expect(seen).toMatchObject({ id: job.id, state: 'done', daysDone: 1, problems: [] });
    expect((await json<JobsResponse>(await api('/jobs'))).jobs.map((j) => j.id)).toContain(job.id);

    // The recorded answer's first BGE hour of 2026-06-09 (total_lmp_da).
    const recorded = JSON.parse(readFileSync(sharedPath(PJM_ZONES_FILE), 'utf8')) as {
      items: { datetime_beginning_utc: string; pnode_name: string; total_lmp_da: number }[];
    };
    const first = recorded.items.find((i) => i.pnode_name === 'BGE' && i.datetime_beginning_utc === '2026-06-09T04:00:00')!;
    const day = await json<{ points: { value: number }[] }>(await api('/series?market=PJM&location=BGE&start=2026-06-09'));
    expect(day.points[0].value).toBe(first.total_lmp_da);
  });

  test('an unknown job id is a 404 that says how to list them', async () => {
    const unknown = await api('/jobs/no-such-job');
    expect(unknown.status).toBe(404);
    expect((await json<ErrorBody>(unknown)).error).toMatchObject({
      code: 'UNKNOWN_JOB',
      message: expect.stringContaining('GET /api/v1/jobs'),
    });
  });

  test("a job is started only by gridcell's own client, and only with a well-formed body", async () => {
    const body = { market: 'PJM', location: 'BGE', start: '2026-06-09' };
    const foreign = await post('/jobs', body, {});
    expect(foreign.status).toBe(403);
    expect((await json<ErrorBody>(foreign)).error.code).toBe('FORBIDDEN');
    const cancelForeign = await api('/jobs/anything', { method: 'DELETE' });
    expect(cancelForeign.status).toBe(403);

    const notObject = await post('/jobs', ['PJM']);
    expect(notObject.status).toBe(400);
    expect((await json<ErrorBody>(notObject)).error.message).toMatch(/^Send the backfill as a JSON object/);
    const notText = await post('/jobs', { ...body, end: 20260610 });
    expect((await json<ErrorBody>(notText)).error.message).toBe('"end" must be text in the backfill\'s JSON body.');
    const noStart = await post('/jobs', { market: 'PJM', location: 'BGE' });
    expect(noStart.status).toBe(400);
    expect((await json<ErrorBody>(noStart)).error.fields?.map((f) => f.field)).toEqual(['start']);
  });

  test('GET /quality answers the cache of a market, the same directly and in a batch', async () => {
    const path = '/quality?market=PJM&location=WESTERN%20HUB&run=DA&product=LMP&start=2025-07-01&end=2025-07-02';
    const direct = await api(path);
    expect(direct.status).toBe(200);
    const report = await json<QualityResponse>(direct);
    // The file holds WESTERN HUB's day-ahead LMP for every hour of 2025-07-01 and 2025-07-02.
    expect(report.series).toEqual([
      expect.objectContaining({ location: 'WESTERN HUB', run: 'DA', product: 'LMP', expected: 48, present: 48, days: 2, missingDays: [] }),
    ]);
    const batch = await json<BatchResponse>(await post('/batch', { requests: [{ id: 'q', method: 'GET', url: path }] }));
    expect(batch.responses[0]).toEqual({ id: 'q', status: 200, body: report });
  });
});

test('DELETE /jobs/:id cancels a running job between its pieces', async () => {
  // Every upstream answer takes a while (and fails): the job is still in its first piece when cancelled.
  const up = await fakeUpstream([(_req, res) => setTimeout(() => res.writeHead(500).end(), 20)]);
  const server = await startTestServer({
    env: cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY }),
    connectors: [redirected(registered('PJM'), up.url)],
    http: new HttpClient({ retries: 0 }),
    now,
  });
  try {
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
    const started = await api('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify({ market: 'PJM', location: 'BGE', start: '2025-01-01', end: '2026-06-30' }),
    });
    const job = await json<JobResponse>(started);
    const cancelled = await api(`/jobs/${job.id}`, { method: 'DELETE', headers: { [CLIENT_HEADER]: '1' } });
    expect(cancelled.status).toBe(200);
    let seen = await json<JobResponse>(cancelled);
    while (seen.state === 'running') seen = await json<JobResponse>(await api(`/jobs/${job.id}`));
    expect(seen.state).toBe('cancelled');
    expect(seen.daysDone).toBeLessThan(seen.daysTotal);
  } finally {
    await server.close();
    await up.close();
  }
});
