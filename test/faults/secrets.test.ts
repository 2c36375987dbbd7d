/**
 * API keys never show: fake values for every key variable of every registered market, requests
 * that carry them (in URLs, headers, login bodies) and fail upstream with 401 and 500, answered
 * with bodies that echo the request back, keys included, in every encoding an upstream may use
 * (as sent, JSON-escaped, URL-encoded, XML-escaped, base64, a Basic login decoded, cut short).
 * Neither a response, a log line, an error, /health, /markets, the fetch log, a recording nor the
 * CLI's stdout and stderr may hold any of the values or a recognizable piece of one. Secrets also
 * never follow a redirect to another host, and login tokens are never recorded or logged.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { connectors } from '../../backend/connectors/registry';
import { periodOf } from '../../backend/connectors/fetch';
import type { Connector } from '../../backend/connectors/types';
import { tokenRequest } from '../../backend/connectors/us/ercot/requests';
import { GridError } from '../../backend/domain';
import { HttpClient } from '../../backend/http/client';
import type { HttpRequest } from '../../backend/http/types';
import { CLIENT_HEADER } from '../../contract';
import { cleanEnv, startTestServer } from '../support/app';
import { withDb } from '../support/db';
import { fakeUpstream, reply, type Step } from '../support/fake-upstream';
import { readOwn } from '../support/fixtures';
import { replayFolder } from '../support/replay';
import { redirected, registered, runGridcell, toOrigin } from './helpers';
import { capturePrinted } from '../support/printed';

// A day well inside every keyed source's history and its unfiltered (non-archive) form, on the real clock the CLI runs on.
const DAY = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
const keyed = connectors.filter((c) => c.market.keys.length > 0);

/**
 * A fake key: a head and a tail of 8 letters and digits, distinct for each variable, around
 * characters that JSON, URL and XML escaping each write differently. An echo of the whole key, in
 * any of those encodings, holds its head and its tail; one cut after 8 or more characters, its head.
 */
function fakeKey(name: string): { value: string; head: string; tail: string } {
  const hex = createHash('sha256').update(name).digest('hex');
  const head = `kx${hex.slice(0, 6)}`;
  const tail = `ky${hex.slice(6, 12)}`;
  return { value: `${head}"/+ &<\\${tail}`, head, tail };
}
const FAKES = Object.fromEntries(keyed.flatMap((c) => c.market.keys.map((k) => [k.env, fakeKey(k.env)])));
const FAKE: Record<string, string> = Object.fromEntries(Object.entries(FAKES).map(([name, k]) => [name, k.value]));

/** Every call a keyed report of the market serves: each of its runs, for the first static location. */
function keyedCalls(c: Connector): string[] {
  const runs = [...new Set(c.reports.filter((r) => r.keys?.length && (r.request || r.fetch)).flatMap((r) => r.runs))];
  return runs.map((run) => `/series?market=${c.market.id}&location=${encodeURIComponent(c.locations[0].name)}&start=${DAY}&run=${run}`);
}

/**
 * 401 and 500 in turn, each body echoing the request in every encoding: the URL as received and
 * decoded, the headers JSON-escaped (once and twice), URL-encoded, XML-escaped and base64, a Basic
 * login decoded, each value cut after 12 characters, and the body. The lines take turns at the
 * top, where an error message's excerpt comes from. Every echo is pushed to `seen`.
 */
function echoingRefusals(seen: string[]): Step {
  let n = 0;
  return (req, res) => {
    const turn = n++;
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const values = Object.values(req.headers).map(String);
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const url = req.url ?? '';
      const lines = [
        `refused ${req.method} ${url}`,
        decodeURIComponent(url),
        JSON.stringify(req.headers),
        JSON.stringify(JSON.stringify(req.headers)),
        encodeURIComponent(JSON.stringify(req.headers)),
        values.map((v) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/&#38;/g, '&amp;')).join(' '),
        values.map((v) => Buffer.from(v).toString('base64')).join(' '),
        basic ? Buffer.from(basic, 'base64').toString() : '',
        [...values, ...new URL(url, 'http://x').searchParams.values()].map((v) => v.slice(0, 12)).join(' | '),
        body,
      ];
      const echo = [...lines.slice(turn % lines.length), ...lines.slice(0, turn % lines.length)].join('\n');
      seen.push(echo);
      res.writeHead(turn % 2 ? 500 : 401, { 'content-type': 'text/plain' });
      res.end(echo);
    });
  };
}

/** No key's head or tail, in any letter case, and no aligned piece of a base64 login that carried a key. */
function expectNoKey(text: string, basicLogins: string[] = []): void {
  const lower = text.toLowerCase();
  for (const { head, tail } of Object.values(FAKES)) {
    expect(lower).not.toContain(head);
    expect(lower).not.toContain(tail);
  }
  for (const login of basicLogins) for (let i = 0; i + 12 <= login.length; i += 4) expect(text).not.toContain(login.slice(i, i + 12));
}

describe('API keys never leave the server', () => {
  let server: RunningServer;
  let up: Awaited<ReturnType<typeof fakeUpstream>>;
  const logLines: string[] = [];
  const seen: string[] = [];
  const printed: string[] = [];
  const recordDir = mkdtempSync(join(tmpdir(), 'gridcell-echo-rec-'));

  beforeAll(async () => {
    up = await fakeUpstream([echoingRefusals(seen)]);
    capturePrinted(printed);
    server = await startTestServer({
      env: cleanEnv(FAKE),
      connectors: connectors.map((c) => redirected(c, up.url)),
      http: new HttpClient({ backoffMs: 1, retries: 1, recordDir, log: (line) => logLines.push(line) }),
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
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify({
        requests: keyed.flatMap(keyedCalls).map((url, i) => ({ id: String(i), method: 'GET', url: url.replace(DAY, '2024-06-06') })),
      }),
    });
    bodies.push(await batch.text());
    for (const path of ['/health', '/markets']) bodies.push(await (await fetch(`${server.url}/api/v1${path}`)).text());

    // The keys did go upstream (the fake upstream saw a key value of every keyed market) ...
    const sent = seen.join('\n');
    expect(keyed.filter((c) => !c.market.keys.some((k) => sent.includes(FAKES[k.env].head))).map((c) => c.market.id)).toEqual([]);
    const logins = up.hits.flatMap((h) => /^Basic (.+)$/i.exec(h.headers.authorization ?? '')?.[1] ?? []);
    expect(logins.length).toBeGreaterThan(0);
    // ... and came back in the refusals' bodies, a short excerpt of which gridcell shows, without them.
    expect(bodies.join('\n')).toMatch(/it said: .{0,200}\*\*\*/);
    expectNoKey(bodies.join('\n'), logins);
    expectNoKey(logLines.join('\n'), logins);
    expectNoKey(printed.join('\n'), logins);
    expectNoKey(JSON.stringify(withDb(server.app.config.dbPath, (db) => db.prepare('SELECT * FROM fetch_log').all())), logins);
    // The recordings hold the whole echoes, every encoding of the keys masked.
    const recorded = readdirSync(recordDir).map((f) => readFileSync(join(recordDir, f), 'utf8'));
    expect(recorded.length).toBeGreaterThan(0);
    expectNoKey(recorded.join('\n'), logins);
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
      writeFileSync(file, `refused ${decodeURIComponent(request.url)}\n${JSON.stringify(request.headers ?? {})}`);
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

describe('a key cut short by a truncation is still removed', () => {
  test("EIA's error excerpt (its first 200 characters) ends 12 characters into the JSON-escaped key", async () => {
    const { value, head } = FAKES.EIA_API_KEY;
    const said = 'Invalid api_key ';
    // JSON.stringify of the error: its opening quote, the padding, `said`, then the escaped key, cut at 200.
    const error = `${'x'.repeat(200 - 1 - said.length - 12)}${said}${value}`;
    const up = await fakeUpstream([reply(200, JSON.stringify({ error }), { 'content-type': 'application/json' })]);
    const server = await startTestServer({
      env: cleanEnv({ EIA_API_KEY: value }),
      connectors: [redirected(registered('GAS'), up.url)],
      http: new HttpClient({ retries: 0 }),
    });
    try {
      const res = await fetch(`${server.url}/api/v1/series?market=GAS&location=HENRY%20HUB&start=${DAY}`);
      const answer = await res.text();
      expect(res.status).toBe(502);
      expect(answer).toMatch(/EIA answered with an error: .*Invalid api_key \*\*\*/);
      const health = await (await fetch(`${server.url}/api/v1/health`)).text();
      const markets = await (await fetch(`${server.url}/api/v1/markets`)).text();
      expect(health).toMatch(/Invalid api_key \*\*\*/);
      const logged = JSON.stringify(withDb(server.app.config.dbPath, (db) => db.prepare('SELECT * FROM fetch_log').all()));
      for (const text of [answer, health, markets, logged]) expect(text.toLowerCase()).not.toContain(head);
    } finally {
      await server.close();
      await up.close();
    }
  });
});

describe('secrets never follow a redirect to another host', () => {
  const KEY = FAKE.PJM_API_KEY;
  const TOKEN = 'id-token-3c9d41aa77e0';
  const hostOf = (up: { url: string }) => new URL(up.url).host;
  const keyedRequest = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
    url,
    headers: { 'Ocp-Apim-Subscription-Key': KEY, Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' },
    secrets: ['Ocp-Apim-Subscription-Key', 'Authorization'],
    ...extra,
  });
  let ups: Awaited<ReturnType<typeof fakeUpstream>>[] = [];
  const upstream = async (...steps: Step[]) => {
    const up = await fakeUpstream(steps);
    ups.push(up);
    return up;
  };
  afterEach(async () => {
    await Promise.all(ups.map((up) => up.close()));
    ups = [];
  });

  test('to an allowed host of another origin the redirect is followed, without the key, the token or any credential header', async () => {
    const there = await upstream(reply(200, 'the answer'));
    const here = await upstream(reply(302, '', { location: `${there.url}/moved?day=${DAY}` }));
    const res = await new HttpClient({ retries: 0 }).get(keyedRequest(`${here.url}/data`, { allowedHosts: [hostOf(here), hostOf(there)] }));
    expect(res.body.toString()).toBe('the answer');
    expect(here.hits[0].headers).toMatchObject({ 'ocp-apim-subscription-key': KEY, authorization: `Bearer ${TOKEN}` });
    expect(there.hits[0].url).toBe(`/moved?day=${DAY}`);
    expect(there.hits[0].headers).toMatchObject({ accept: 'application/json' });
    expect(Object.keys(there.hits[0].headers)).not.toEqual(expect.arrayContaining(['ocp-apim-subscription-key']));
    expect(there.hits[0].headers.authorization).toBeUndefined();
  });

  test('to a host the source may not call, the redirect is refused and that host never asked', async () => {
    const there = await upstream(reply(200, 'should not be asked'));
    const here = await upstream(reply(301, '', { location: `${there.url}/elsewhere` }));
    const err = await new HttpClient({ retries: 0 })
      .get(keyedRequest(`${here.url}/data`, { allowedHosts: [hostOf(here)] }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(GridError);
    expect(err).toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(err.message).toBe(
      `${hostOf(here)} redirected to ${hostOf(there)}, which is not one of the hosts this source may call (${hostOf(here)}).`,
    );
    expect(there.hits).toHaveLength(0);
  });

  test('the first address is checked as well', async () => {
    const here = await upstream(reply(200, 'should not be asked'));
    const err = await new HttpClient().get(keyedRequest(`${here.url}/data`, { allowedHosts: ['api.pjm.com'] })).catch((e) => e);
    expect(err).toMatchObject({
      code: 'UNSAFE_INPUT',
      message: expect.stringMatching(/^Refusing a request to 127\.0\.0\.1:\d+, which is not one of/),
    });
    expect(here.hits).toHaveLength(0);
  });

  test('on its own origin the headers stay; a 303 after a POST is a GET; a fourth redirect is refused', async () => {
    const methods: string[] = [];
    const here = await upstream(
      (req, res) => {
        methods.push(req.method!);
        res.writeHead(303, { location: '/next' }).end();
      },
      (req, res) => {
        methods.push(req.method!);
        res.writeHead(200).end(req.headers['ocp-apim-subscription-key']);
      },
    );
    const res = await new HttpClient({ retries: 0 }).get(keyedRequest(`${here.url}/login`, { method: 'POST', body: 'a=1' }));
    expect(methods).toEqual(['POST', 'GET']);
    expect(res.body.toString()).toBe(KEY);

    const loop = await upstream((_req, res) => res.writeHead(307, { location: '/again' }).end());
    await expect(new HttpClient({ retries: 0 }).get({ url: `${loop.url}/start` })).rejects.toMatchObject({
      code: 'UPSTREAM',
      message: expect.stringMatching(/was redirected more than 3 times; gridcell stopped following/),
    });
    expect(loop.hits).toHaveLength(4);
  });
});

describe("an upstream's error answer shows only as a short excerpt, redacted before it is cut", () => {
  test('a long text answer, an HTML page and a binary body', async () => {
    const key = FAKE.PJM_API_KEY;
    const up = await fakeUpstream([
      reply(500, `${'y'.repeat(150)} ${key} ${'z'.repeat(10_000)}`),
      reply(502, `<!doctype html><html><head><title>Bad gateway ${key}</title><style>body{}</style></head><body>${key}</body></html>`, {
        'content-type': 'text/html',
      }),
      reply(503, '\u0000\u0001PK binary', { 'content-type': 'application/zip' }),
    ]);
    try {
      const client = new HttpClient({ retries: 0 });
      const request = { url: `${up.url}/data`, headers: { 'Ocp-Apim-Subscription-Key': key }, secrets: ['Ocp-Apim-Subscription-Key'] };
      const messages = [];
      for (let i = 0; i < 3; i++) messages.push(((await client.get(request).catch((e) => e)) as Error).message);
      expect(messages[0]).toMatch(new RegExp(`answered 500 for .* \\(it said: "y{150} \\*\\*\\* z{5}…"\\)\\. Try again later`));
      expect(messages[1]).toMatch(/answered 502 for .* \(it said: "Bad gateway \*\*\*"\)\. Try again later/);
      expect(messages[2]).toMatch(/answered 503 for http:\/\/127\.0\.0\.1:\d+\/data\. Try again later/);
      for (const m of messages) expectNoKey(m);
    } finally {
      await up.close();
    }
  });
});

describe('login tokens are never recorded or logged', () => {
  test("ERCOT's login answer is recorded with its tokens masked (and replays so); a token in a URL is masked in the log", async () => {
    const login = {
      ...(JSON.parse(readOwn('ercot/login_id_token_written.json').toString()) as object),
      refresh_token: 'written-refresh-token',
    };
    const up = await fakeUpstream([reply(200, JSON.stringify(login), { 'content-type': 'application/json' })]);
    const recordDir = mkdtempSync(join(tmpdir(), 'gridcell-login-rec-'));
    const logLines: string[] = [];
    try {
      const keys = Object.fromEntries(['ERCOT_API_USERNAME', 'ERCOT_API_PASSWORD', 'ERCOT_API_SUBSCRIPTION_KEY'].map((k) => [k, FAKE[k]]));
      const request = toOrigin(tokenRequest({ period: { key: DAY, days: [DAY] }, run: 'DA', product: 'LMP', keys }), up.url);
      const client = new HttpClient({ recordDir, log: (line) => logLines.push(line) });
      const answer = JSON.parse((await client.get(request)).body.toString()) as Record<string, string>;
      expect(answer.id_token).toBe('written-id-token'); // gridcell itself gets the token ...
      await client.get({ url: `${up.url}/callback?access_token=written-access-token&state=1` });

      const recorded = readdirSync(recordDir).map((f) => readFileSync(join(recordDir, f), 'utf8'));
      const logged = [...logLines, JSON.stringify(client.requests)].join('\n');
      for (const text of [...recorded, logged]) {
        expect(text).not.toMatch(/written-(id|access|refresh)-token/); // ... but never keeps or shows it
        expectNoKey(text);
      }
      expect(logged).toContain('access_token=***&state=1');
      const replayed = JSON.parse((await new HttpClient({ replayDir: recordDir }).get(request)).body.toString()) as Record<string, string>;
      expect(replayed).toMatchObject({ id_token: '***', access_token: '***', refresh_token: '***', token_type: 'Bearer' });
    } finally {
      await up.close();
    }
  });
});
