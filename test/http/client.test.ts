import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../../backend/http/client';
import { GridError } from '../../backend/domain';
import { fakeUpstream, hangUp, neverAnswer, reply } from '../support/fake-upstream';

const SECRET = 'sk-test-6f1e2d3c4b5a';

describe('http layer against a local fake upstream', () => {
  test('500 and 503 are retried until the answer comes', async () => {
    const up = await fakeUpstream([reply(500, 'boom'), reply(503, 'busy'), reply(200, 'a,b\n1,2\n')]);
    try {
      const client = new HttpClient({ backoffMs: 10 });
      const res = await client.get({ url: `${up.url}/report.csv` });
      expect(res.body.toString()).toBe('a,b\n1,2\n');
      expect(up.hits).toHaveLength(3);
    } finally {
      await up.close();
    }
  });

  test('429 with Retry-After is waited for', async () => {
    const up = await fakeUpstream([reply(429, 'slow down', { 'retry-after': '1' }), reply(200, 'ok')]);
    try {
      const res = await new HttpClient({ backoffMs: 10 }).get({ url: `${up.url}/x` });
      expect(res.body.toString()).toBe('ok');
      expect(up.hits[1].at - up.hits[0].at).toBeGreaterThanOrEqual(950);
    } finally {
      await up.close();
    }
  });

  test('a connection reset is retried', async () => {
    const up = await fakeUpstream([hangUp, reply(200, 'after reset')]);
    try {
      const res = await new HttpClient({ backoffMs: 10 }).get({ url: `${up.url}/x` });
      expect(res.body.toString()).toBe('after reset');
    } finally {
      await up.close();
    }
  });

  test('a timeout becomes a clear UPSTREAM error after the retries', async () => {
    const up = await fakeUpstream([neverAnswer]);
    try {
      const client = new HttpClient({ backoffMs: 10, retries: 1, timeoutMs: 200 });
      await expect(client.get({ url: `${up.url}/slow` })).rejects.toThrow(/timed out after 2 attempt/);
      expect(up.hits).toHaveLength(2);
    } finally {
      await up.close();
    }
  });

  test('a response past the size cap is refused', async () => {
    const up = await fakeUpstream([reply(200, 'x'.repeat(5000))]);
    try {
      await expect(new HttpClient({ maxBytes: 1000 }).get({ url: `${up.url}/big` })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      await up.close();
    }
  });

  test('a key never shows in the request log, an error or a recording', async () => {
    const up = await fakeUpstream([reply(500, 'no'), reply(200, 'recorded body')]);
    const recordDir = mkdtempSync(join(tmpdir(), 'gridcell-rec-'));
    try {
      const request = {
        url: `${up.url}/data?api_key=${SECRET}&day=2025-07-01`,
        headers: { 'Ocp-Apim-Subscription-Key': SECRET },
        secrets: ['api_key', 'Ocp-Apim-Subscription-Key'],
      };
      const client = new HttpClient({ backoffMs: 10, recordDir });
      await client.get(request);
      expect(up.hits[0].headers['ocp-apim-subscription-key']).toBe(SECRET);
      expect(JSON.stringify(client.requests)).not.toContain(SECRET);
      expect(client.requests[0].url).toContain('api_key=***');
      for (const f of readdirSync(recordDir)) expect(readFileSync(join(recordDir, f), 'utf8')).not.toContain(SECRET);

      const replay = new HttpClient({ replayDir: recordDir });
      const res = await replay.get({ ...request, url: `${up.url}/data?api_key=OTHER-KEY&day=2025-07-01` });
      expect(res.body.toString()).toBe('recorded body');
      expect(up.hits).toHaveLength(2);
    } finally {
      await up.close();
    }
  });

  test('offline never touches the network', async () => {
    const up = await fakeUpstream([reply(200, 'should not be asked')]);
    try {
      const err = await new HttpClient({ offline: true }).get({ url: `${up.url}/x` }).catch((e) => e);
      expect(err).toBeInstanceOf(GridError);
      expect(err.code).toBe('NOT_CACHED');
      expect(err.message).toMatch(/Not in the cache, and gridcell is offline/);
      expect(up.hits).toHaveLength(0);
    } finally {
      await up.close();
    }
  });

  test('404 means not published; 401 names the key problem', async () => {
    const up = await fakeUpstream([reply(404, 'none'), reply(401, 'denied')]);
    try {
      const client = new HttpClient();
      await expect(client.get({ url: `${up.url}/a` })).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
      await expect(client.get({ url: `${up.url}/b` })).rejects.toMatchObject({ code: 'MISSING_KEY' });
    } finally {
      await up.close();
    }
  });

  test('per-host spacing keeps calls apart', async () => {
    const up = await fakeUpstream([reply(200, 'ok')]);
    try {
      const client = new HttpClient({ hostLimits: { [new URL(up.url).host]: { minIntervalMs: 300, concurrency: 1 } } });
      await Promise.all([client.get({ url: `${up.url}/1` }), client.get({ url: `${up.url}/2` }), client.get({ url: `${up.url}/3` })]);
      expect(up.hits[1].at - up.hits[0].at).toBeGreaterThanOrEqual(280);
      expect(up.hits[2].at - up.hits[1].at).toBeGreaterThanOrEqual(280);
    } finally {
      await up.close();
    }
  });
});
