/**
 * API keys never show: fake values for every key variable of every registered market, requests
 * that carry them (in URLs, headers, login bodies) and fail upstream with 401 and 500, answered
 * with bodies that echo the request back, keys included. Neither a response, a log line, an error,
 * /health, /markets nor the CLI's stdout and stderr may hold any of the values.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { connectors } from '../../backend/connectors/registry';
import { periodOf } from '../../backend/connectors/fetch';
import type { Connector } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import { cleanEnv, startTestServer } from '../support/app';
import { withDb } from '../support/db';
import { fakeUpstream, type Step } from '../support/fake-upstream';
import { replayFolder } from '../support/replay';
import { redirected, runGridcell } from './helpers';

const DAY = '2024-06-05';
const keyed = connectors.filter((c) => c.market.keys.length > 0);
/** One recognizable fake value per key variable. */
const FAKE: Record<string, string> = Object.fromEntries(
  keyed.flatMap((c) => c.market.keys.map((k) => [k.env, `fake-${k.env.toLowerCase()}-9d2e7a41`])),
);
const fakeValues = Object.values(FAKE);

/** Every call a keyed report of the market serves: each of its runs, for the first static location. */
function keyedCalls(c: Connector): string[] {
  const runs = [...new Set(c.reports.filter((r) => r.keys?.length && (r.request || r.fetch)).flatMap((r) => r.runs))];
  return runs.map((run) => `/series?market=${c.market.id}&location=${encodeURIComponent(c.locations[0].name)}&start=${DAY}&run=${run}`);
}

/**
 * 401 and 500 in turn, each body echoing the request: method, URL, headers (a Basic login
 * decoded) and body. Every request as received is pushed to `seen`.
 */
function echoingRefusals(seen: string[]): Step {
  let n = 0;
  return (req, res) => {
    const status = n++ % 2 ? 500 : 401;
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const echo = `refused ${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${basic ? Buffer.from(basic, 'base64').toString() : ''}\n${body}`;
      seen.push(echo);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(echo);
    });
  };
}

function expectNoKey(text: string): void {
  for (const v of fakeValues) expect(text).not.toContain(v);
}

describe('API keys never leave the server', () => {
  let server: RunningServer;
  let up: Awaited<ReturnType<typeof fakeUpstream>>;
  const logLines: string[] = [];
  const seen: string[] = [];
  const printed: string[] = [];

  beforeAll(async () => {
    up = await fakeUpstream([echoingRefusals(seen)]);
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
    }
    for (const method of ['log', 'warn', 'error', 'info'] as const)
      jest.spyOn(console, method).mockImplementation((...args) => void printed.push(args.join(' ')));
    server = await startTestServer({
      env: cleanEnv(FAKE),
      connectors: connectors.map((c) => redirected(c, up.url)),
      http: new HttpClient({ backoffMs: 1, retries: 1, log: (line) => logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await server.close();
    await up.close();
    jest.restoreAllMocks();
  });

  test('every keyed market is asked for, and fails upstream', async () => {
    expect(keyed.map((c) => c.market.id).length).toBeGreaterThan(0);
    const bodies: string[] = [];
    for (const c of keyed) {
      for (const call of keyedCalls(c)) {
        const res = await fetch(`${server.url}/api/v1${call}`);
        const text = await res.text();
        bodies.push(text);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
    }
    const batch = await fetch(`${server.url}/api/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: keyed.flatMap(keyedCalls).map((url, i) => ({ id: String(i), method: 'GET', url: url.replace(DAY, '2024-06-06') })),
      }),
    });
    bodies.push(await batch.text());
    for (const path of ['/health', '/markets']) bodies.push(await (await fetch(`${server.url}/api/v1${path}`)).text());

    // The keys did go upstream (the fake upstream saw a key value of every keyed market) ...
    const sent = seen.join('\n');
    expect(keyed.filter((c) => !c.market.keys.some((k) => sent.includes(FAKE[k.env]))).map((c) => c.market.id)).toEqual([]);
    // ... and came back in the refusals' bodies, but nowhere in what gridcell said.
    expect(bodies.join('\n')).toMatch(/refused|401|500/);
    expectNoKey(bodies.join('\n'));
    expectNoKey(logLines.join('\n'));
    expectNoKey(printed.join('\n'));
    expectNoKey(JSON.stringify(withDb(server.app.config.dbPath, (db) => db.prepare('SELECT * FROM fetch_log').all())));
  });
});

describe('API keys never show in the CLI', () => {
  jest.setTimeout(60_000);

  test('a query whose keyed request is refused (recorded 401 and 500 answers echoing the key), and gridcell markets', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gridcell-echo-'));
    const entries = keyed.flatMap((c, i) => {
      const report = c.reports.find((r) => r.keys?.length && r.request && r.runs.includes(c.market.defaultRun));
      if (!report) return [];
      const period = periodOf(report, DAY);
      const ctx = {
        period,
        run: c.market.defaultRun,
        product: report.products[0],
        location: report.scope === 'location' ? c.locations[0] : undefined,
        keys: Object.fromEntries((report.keys ?? []).map((k) => [k, FAKE[k]])),
      };
      const request = report.request!(ctx);
      const file = join(folder, `${c.market.id}.body`);
      writeFileSync(file, `refused ${request.url}\n${JSON.stringify(request.headers ?? {})}`);
      return [{ market: c, request, file, status: i % 2 ? 500 : 401 }];
    });
    expect(entries.length).toBeGreaterThan(0);
    const env = cleanEnv({
      ...FAKE,
      GRIDCELL_REPLAY_DIR: replayFolder(entries.map(({ request, file, status }) => ({ request, file, status }))),
    });
    const outputs: string[] = [];
    for (const { market } of entries) {
      const r = await runGridcell(env, ['query', market.market.id, market.locations[0].name, DAY]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/refused the request \(401\)|answered 500/);
      outputs.push(r.stdout, r.stderr);
    }
    const markets = await runGridcell(env, ['markets', '--json']);
    expect(markets.code).toBe(0);
    outputs.push(markets.stdout, markets.stderr);
    expectNoKey(outputs.join('\n'));
  });
});
