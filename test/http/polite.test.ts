/**
 * A polite client: gridcell names itself, asks for compressed answers (and reads them), and spaces
 * its retries with a bounded, jittered backoff. Against a local upstream, through the real client.
 */
import { gzipSync } from 'node:zlib';
import { HttpClient, userAgentOf } from '../../backend/http/client';
import { fakeUpstream, reply } from '../support/fake-upstream';

test('the User-Agent names gridcell, its version and the contact given; answers come gzip-compressed and are read', async () => {
  const body = 'OPR_DT,LMP\n2023-01-01,122.23325\n';
  const up = await fakeUpstream([
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
      res.end(gzipSync(body));
    },
  ]);
  try {
    const client = new HttpClient({ userAgent: userAgentOf('0.1.0', 'mailto:desk@example.com') });
    const r = await client.get({ url: `${up.url}/report.csv` });
    expect(r.body.toString('utf8')).toBe(body);
    expect(up.hits[0].headers['user-agent']).toBe('gridcell/0.1.0 (wholesale market data for Excel; +mailto:desk@example.com)');
    expect(up.hits[0].headers['accept-encoding']).toMatch(/\bgzip\b/);
  } finally {
    await up.close();
  }
});

test('retries wait a jittered half to all of each doubling step', async () => {
  const up = await fakeUpstream([reply(503, 'busy'), reply(503, 'busy'), reply(503, 'busy'), reply(200, 'ok')]);
  const waits: number[] = [];
  try {
    const client = new HttpClient({
      backoffMs: 400,
      retries: 3,
      time: { now: Date.now, sleep: async (ms) => void waits.push(ms) },
    });
    expect((await client.get({ url: `${up.url}/x` })).body.toString()).toBe('ok');
    expect(waits).toHaveLength(3);
    waits.forEach((ms, attempt) => {
      const step = 400 * 2 ** attempt;
      expect(ms).toBeGreaterThanOrEqual(step / 2);
      expect(ms).toBeLessThanOrEqual(step);
    });
  } finally {
    await up.close();
  }
});
