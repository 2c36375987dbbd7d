/**
 * The server answers only as itself, and only its own pages and programs change its state, on
 * plain http (GRIDCELL_HTTPS=0, or no certificate). DNS rebinding: a request addressed to another
 * host name (the audit's `curl -H 'Host: attacker.example:PORT'`) is refused for every kind of
 * route. CSRF: a cross-origin POST or DELETE, a form post, an image request. The access token is
 * taken only as `Authorization: Bearer`. Raw requests go through node:http, which sends the Host
 * and Origin headers it is given; then headless Chromium loads pages of another origin and of a
 * rebound name and tries to read and clear the cache.
 */
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../backend/api/server';
import { CLIENT_HEADER, type ErrorBody } from '../../contract';
import { chromiumMissing, launchChromium } from '../e2e/browser';
import { startTestServer } from '../support/app';
import { tableCountsAt } from '../support/db';
import { fakeUpstream, rawRequest, reply } from '../support/fake-upstream';
import { describeShared, hasShared, sharedPath } from '../support/fixtures';

const RT_FILE = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const SERIES = '/api/v1/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01&run=RT';
const BATCH_BODY = JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/health' }] });

type Answer = Awaited<ReturnType<typeof rawRequest>>;

const send = (server: RunningServer, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  rawRequest(server.url, method, path, headers, body);

/** A folder of static files: a taskpane page. */
function staticFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-static-'));
  writeFileSync(join(dir, 'taskpane.html'), '<!doctype html><title>gridcell</title>');
  return dir;
}

/** A server of the imported real-time day, serving a static folder too. */
async function serverWithData(): Promise<RunningServer> {
  const server = await startTestServer({ config: { offline: true } }, { staticDir: staticFolder() });
  await server.app.importFile(sharedPath(RT_FILE));
  return server;
}

function refusal(answer: Answer): string {
  expect(answer.status).toBe(403);
  return answer.text;
}

describeShared(RT_FILE)('a request addressed to another host name (DNS rebinding) is refused', () => {
  let server: RunningServer;
  let port: string;
  const json = { 'content-type': 'application/json', [CLIENT_HEADER]: '1' };

  beforeAll(async () => {
    server = await serverWithData();
    port = new URL(server.url).port;
  });
  afterAll(() => server.close());

  test.each([
    ['GET /health (the database path)', 'GET', '/api/v1/health', {}, undefined],
    ['GET /series (cached prices)', 'GET', SERIES, {}, undefined],
    ['a static file', 'GET', '/taskpane.html', {}, undefined],
    ['DELETE /cache', 'DELETE', '/api/v1/cache', { [CLIENT_HEADER]: '1' }, undefined],
    ['POST /batch', 'POST', '/api/v1/batch', json, BATCH_BODY],
  ])('%s, with the client header where one is needed: nothing is read or changed', async (_what, method, path, headers, body) => {
    const before = tableCountsAt(server.app.config.dbPath);
    const refused = refusal(await send(server, method, path, { ...headers, host: `attacker.example:${port}` }, body));
    const text = path.startsWith('/api/') ? (JSON.parse(refused) as ErrorBody).error.message : refused;
    expect(text).toMatch(
      /answers only to its own addresses, such as http:\/\/localhost:\d+; this request was addressed to "attacker\.example:\d+"/,
    );
    expect(refused).not.toContain(server.app.config.dbPath);
    expect(refused).not.toMatch(/"(cleared|points|responses)"/);
    expect(tableCountsAt(server.app.config.dbPath)).toEqual(before);
  });

  test('look-alike names, another port, no port and no Host at all are refused too', async () => {
    for (const host of [
      `localhost.attacker.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.1:${Number(port) + 1}`,
      'localhost',
      `[::2]:${port}`,
    ]) {
      refusal(await send(server, 'GET', '/api/v1/health', { host }));
    }
    // HTTP/1.0 lets a request leave out Host; node sends none when told so.
    const bare = await new Promise<number>((resolve, reject) => {
      const req = http.request({ hostname: '127.0.0.1', port, path: '/api/v1/health', setHost: false }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect([400, 403]).toContain(bare);
  });

  test('its own names are answered: localhost, 127.0.0.1 and [::1] on its port', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await send(server, 'GET', '/api/v1/health', { host })).status).toBe(200);
      expect((await send(server, 'GET', '/taskpane.html', { host })).status).toBe(200);
    }
  });
});

describeShared(RT_FILE)("another site's page cannot change the server's state (CSRF)", () => {
  let server: RunningServer;
  let before: Record<string, number>;

  beforeAll(async () => {
    server = await serverWithData();
    before = tableCountsAt(server.app.config.dbPath);
  });
  afterEach(() => expect(tableCountsAt(server.app.config.dbPath)).toEqual(before));
  afterAll(() => server.close());

  test('a cross-Origin DELETE or POST is refused, even with the client header and JSON', async () => {
    for (const origin of [
      'http://attacker.example',
      'null',
      `http://localhost:${Number(new URL(server.url).port) + 1}`,
      server.url.replace('http:', 'https:'),
    ]) {
      const headers = { origin, [CLIENT_HEADER]: '1' };
      expect(refusal(await send(server, 'DELETE', '/api/v1/cache', headers))).toMatch(/answers only its own pages/);
      refusal(await send(server, 'POST', '/api/v1/batch', { ...headers, 'content-type': 'application/json' }, BATCH_BODY));
    }
  });

  test('a form post (form-encoded or text/plain JSON, with or without Origin) is refused', async () => {
    const forms = [
      { 'content-type': 'application/x-www-form-urlencoded', body: 'requests=%5B%5D' },
      // <form enctype="text/plain"> with a field named '{"requests":[...],"x":"' sends a JSON body.
      { 'content-type': 'text/plain', body: `${BATCH_BODY.slice(0, -1)},"x":"="}` },
    ];
    for (const { body, ...type } of forms) {
      for (const origin of [{ origin: 'http://attacker.example' }, {}] as Record<string, string>[]) {
        refusal(await send(server, 'POST', '/api/v1/batch', { ...type, ...origin }, body));
        refusal(await send(server, 'POST', '/api/v1/cache', { ...type, ...origin }, body));
      }
    }
    const answer = await send(server, 'POST', '/api/v1/batch', forms[0]);
    expect((JSON.parse(answer.text) as ErrorBody).error).toEqual({
      code: 'FORBIDDEN',
      message: `POST /api/v1/batch needs the header "${CLIENT_HEADER}: 1": gridcell's add-in sends it and a page of another site cannot. Add it to calls from your own programs.`,
    });
  });

  test('an <img>-style GET changes nothing: no route clears on GET, and a cross-site one is refused', async () => {
    for (const path of ['/api/v1/cache', '/api/v1/cache?_method=DELETE', '/api/v1/batch?requests=%5B%5D']) {
      const plain = await send(server, 'GET', path);
      expect(plain.status).toBe(400);
      expect((JSON.parse(plain.text) as ErrorBody).error.message).toMatch(/^No API route GET/);
      refusal(await send(server, 'GET', path, { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image', 'sec-fetch-mode': 'no-cors' }));
    }
    refusal(await send(server, 'GET', SERIES, { 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'image' }));
  });

  test("the server's own page may clear the cache (and nothing else above could)", async () => {
    const own = await send(server, 'DELETE', '/api/v1/cache', {
      origin: server.url,
      'sec-fetch-site': 'same-origin',
      [CLIENT_HEADER]: '1',
    });
    expect(own).toEqual({ status: 200, text: '{"cleared":true}' });
    before = tableCountsAt(server.app.config.dbPath);
    expect(before.points).toBe(0);
  });
});

describe('a server started with GRIDCELL_TOKEN takes the token only as "Authorization: Bearer"', () => {
  const TOKEN = 'web-token-5e1f0a9c3b7d';
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({}, { token: TOKEN, staticDir: staticFolder() });
  });
  afterAll(() => server.close());

  test.each([
    ['no token', {}],
    ['the token without "Bearer"', { authorization: TOKEN }],
    ['the token as a Basic login', { authorization: `Basic ${TOKEN}` }],
    ['the token in the old x-gridcell-token header', { 'x-gridcell-token': TOKEN }],
    ['a token one character longer', { authorization: `Bearer ${TOKEN}x` }],
    ['a token one character shorter', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ] as [string, Record<string, string>][])('%s: 401 that says where the token goes', async (_what, headers) => {
    const answer = await send(server, 'GET', '/api/v1/health', headers);
    expect(answer.status).toBe(401);
    expect((JSON.parse(answer.text) as ErrorBody).error).toEqual({
      code: 'UNAUTHORIZED',
      message:
        'This gridcell server needs its access token (GRIDCELL_TOKEN): enter it under Settings > Access token in the gridcell taskpane, or send it as "Authorization: Bearer <token>".',
    });
  });

  test('"Authorization: Bearer <token>" opens the API, any case of "Bearer"; the taskpane page loads without it (to ask for it)', async () => {
    expect((await send(server, 'GET', '/api/v1/health', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await send(server, 'GET', '/api/v1/health', { authorization: `bearer  ${TOKEN}` })).status).toBe(200);
    const clear = await send(server, 'DELETE', '/api/v1/cache', { authorization: `Bearer ${TOKEN}`, [CLIENT_HEADER]: '1' });
    expect(clear.status).toBe(200);
    expect((await send(server, 'GET', '/taskpane.html')).status).toBe(200);
  });

  test("listening on every interface, the machine's own name and addresses are served, another name still is not", async () => {
    const everywhere = await startTestServer({}, { host: '0.0.0.0', token: TOKEN });
    const port = new URL(everywhere.url).port;
    const health = (host: string) => send(everywhere, 'GET', '/api/v1/health', { host, authorization: `Bearer ${TOKEN}` });
    try {
      const own = [
        hostname(),
        ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address)),
      ];
      for (const name of own) expect((await health(`${name}:${port}`)).status).toBe(200);
      refusal(await health(`attacker.example:${port}`));
    } finally {
      await everywhere.close();
    }
  });
});

const browserMissing = [chromiumMissing, !hasShared(RT_FILE) && `../shared/fixtures/${RT_FILE}`].filter(Boolean);
const describeBrowser = browserMissing.length ? describe.skip : describe;

describeBrowser('in headless Chromium, a page of another origin cannot read or clear the cache', () => {
  let server: RunningServer;
  let browser: Browser;
  let before: Record<string, number>;

  beforeAll(async () => {
    server = await serverWithData();
    before = tableCountsAt(server.app.config.dbPath);
    // rebound.test is an attacker's name, now pointing at this computer.
    browser = await launchChromium(['--host-resolver-rules=MAP rebound.test 127.0.0.1']);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A new page, and every answer the gridcell server gives it as "METHOD /path status", read from
   * the browser's network layer: answers that CORS or ORB then hide from the page count too.
   */
  async function watchedPage(): Promise<{ page: Page; answers: (count: number) => Promise<string[]> }> {
    const page = await (await browser.newContext()).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const requests = new Map<string, string>();
    const statuses = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, `${e.request.method} ${e.request.url}`));
    cdp.on('Network.responseReceivedExtraInfo', (e) => statuses.set(e.requestId, e.statusCode));
    const port = new URL(server.url).port;
    const seen = () =>
      [...statuses].flatMap(([id, status]) => {
        const [method, url] = (requests.get(id) ?? ' ').split(' ');
        return url && new URL(url).port === port ? [`${method} ${new URL(url).pathname} ${status}`] : [];
      });
    const answers = async (count: number) => {
      for (const deadline = Date.now() + 10_000; seen().length < count && Date.now() < deadline;)
        await new Promise((r) => setTimeout(r, 20));
      return seen().sort();
    };
    return { page, answers };
  }

  test('a page of another port of 127.0.0.1: its fetches, a form post and an image are all refused', async () => {
    const attacker = await fakeUpstream([
      reply(200, '<!doctype html><title>elsewhere</title><iframe name="sink"></iframe>', { 'content-type': 'text/html' }),
    ]);
    try {
      const { page, answers } = await watchedPage();
      await page.goto(`${attacker.url}/`);
      const results = await page.evaluate(
        async ({ target, header, series, batch }) => {
          const attempt = (p: Promise<Response>) =>
            p.then(
              async (r) => `${r.status} ${r.type === 'opaque' ? '(opaque)' : await r.text()}`,
              (e: Error) => `failed: ${e.message}`,
            );
          const form = Object.assign(document.createElement('form'), { method: 'POST', action: `${target}/api/v1/batch`, target: 'sink' });
          form.append(Object.assign(document.createElement('input'), { name: 'requests', value: '[]' }));
          document.body.append(form);
          form.submit();
          document.body.append(Object.assign(document.createElement('img'), { src: `${target}/api/v1/cache` }));
          return {
            read: await attempt(fetch(`${target}${series}`)),
            clear: await attempt(fetch(`${target}/api/v1/cache`, { method: 'DELETE', headers: { [header]: '1' } })),
            blindBatch: await attempt(fetch(`${target}/api/v1/batch`, { method: 'POST', mode: 'no-cors', body: batch })),
          };
        },
        { target: server.url, header: CLIENT_HEADER, series: SERIES, batch: BATCH_BODY },
      );
      expect(results).toEqual({ read: 'failed: Failed to fetch', clear: 'failed: Failed to fetch', blindBatch: '0 (opaque)' });
      // The server refused each itself; the DELETE never got past its preflight.
      expect(await answers(5)).toEqual([
        'GET /api/v1/cache 403',
        'GET /api/v1/series 403',
        'OPTIONS /api/v1/cache 403',
        'POST /api/v1/batch 403',
        'POST /api/v1/batch 403',
      ]);
      expect(tableCountsAt(server.app.config.dbPath)).toEqual(before);
      await page.context().close();
    } finally {
      await attacker.close();
    }
  });

  test('a page whose name was rebound to 127.0.0.1 (same origin, as far as the browser knows) reads and clears nothing', async () => {
    const { page, answers } = await watchedPage();
    // The attacker's page came from its own server before its name pointed here; its script is page.evaluate's.
    await page.goto(`http://rebound.test:${new URL(server.url).port}/taskpane.html`);
    const results = await page.evaluate(
      async ({ header, series }) => {
        const attempt = (p: Promise<Response>) => p.then(async (r) => ({ status: r.status, text: await r.text() }));
        return [
          await attempt(fetch('/api/v1/health')),
          await attempt(fetch(series)),
          await attempt(fetch('/api/v1/cache', { method: 'DELETE', headers: { [header]: '1' } })),
          await attempt(
            fetch('/api/v1/batch', {
              method: 'POST',
              headers: { [header]: '1', 'content-type': 'application/json' },
              body: '{"requests":[]}',
            }),
          ),
        ];
      },
      { header: CLIENT_HEADER, series: SERIES },
    );
    for (const answer of results) {
      expect(answer.status).toBe(403);
      expect((JSON.parse(answer.text) as ErrorBody).error.message).toMatch(/this request was addressed to "rebound\.test:\d+"/);
      expect(answer.text).not.toContain(server.app.config.dbPath);
    }
    const answered = await answers(5);
    expect(answered).toEqual(
      expect.arrayContaining([
        'DELETE /api/v1/cache 403',
        'GET /api/v1/health 403',
        'GET /api/v1/series 403',
        'GET /taskpane.html 403',
        'POST /api/v1/batch 403',
      ]),
    );
    for (const answer of answered) expect(answer).toMatch(/ 403$/); // the browser's own /favicon.ico too
    expect(tableCountsAt(server.app.config.dbPath)).toEqual(before);
    await page.context().close();
  });
});
