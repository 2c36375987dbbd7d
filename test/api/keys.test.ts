/**
 * API keys given from the taskpane's Settings: PUT /keys/:env stores a key in the server's config
 * file (made when missing, mode 0600, its other content kept) and the server uses it at once, the
 * redactor masks it at once; DELETE removes it. The value never comes back: not in an answer,
 * /health, /markets, an error or a log line. Only gridcell's own client may set or remove a key.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { connectors } from '../../backend/connectors/registry';
import { HttpClient } from '../../backend/http/client';
import {
  CLIENT_HEADER,
  KEY_VALUE_MAX_LENGTH,
  type ErrorBody,
  type KeyResponse,
  type MarketsResponse,
  type SeriesResponse,
} from '../../contract';
import { cleanEnv, startTestServer } from '../support/app';
import { fakeUpstream, rawRequest } from '../support/fake-upstream';
import { readOwn } from '../support/fixtures';
import { redirected, registered } from '../faults/helpers';
import { capturePrinted } from '../support/printed';

const KEY_HEADER = 'ocp-apim-subscription-key';
/** Keys with characters that JSON, URL and XML escape differently, so an echo in any form is looked for. */
const KEY = 'pjm-settings-kA7"/+&<q93ZtW';
const KEY2 = 'pjm-rotated-kB8x2Lm0QpRs4';
const FIXTURE = 'pjm/da_hrl_lmps_2025-03-09_western_hub.json';
const KEY_NAMES = [...new Set(connectors.flatMap((c) => c.market.keys.map((k) => k.env)))];

/** The config file the user already had: other settings and another key, which a save must keep. */
const EXISTING = { theme: 'dark', keys: { EIA_API_KEY: 'eia-kept-key-0123456789' }, nested: { list: [1, 2, 3] } };

/** The fixture's WESTERN HUB day-ahead LMPs of 2025-03-09, in time order. */
function fixtureValues(): number[] {
  const { items } = JSON.parse(readOwn(FIXTURE).toString('utf8')) as { items: { datetime_beginning_utc: string; total_lmp_da: number }[] };
  return [...items].sort((a, b) => a.datetime_beginning_utc.localeCompare(b.datetime_beginning_utc)).map((i) => i.total_lmp_da);
}

/** No trace of a key: as is, JSON-escaped, URL-encoded, and its head and tail, in any letter case. */
function expectNoKey(text: string, ...keys: string[]): void {
  const lower = text.toLowerCase();
  for (const key of keys) {
    for (const form of [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), key.slice(0, 10), key.slice(-10)])
      expect(lower).not.toContain(form.toLowerCase());
  }
}

describe('API keys set from the Settings', () => {
  let server: RunningServer;
  let up: Awaited<ReturnType<typeof fakeUpstream>>;
  let configFile: string;
  /** The key the fake PJM accepts. */
  const expected = { key: KEY };
  const texts: string[] = [];
  const printed: string[] = [];
  const logLines: string[] = [];
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}/api/v1${path}`, init);
    const text = await res.text();
    texts.push(text);
    return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
  };
  const put = (env: string, body: unknown, headers: Record<string, string> = { [CLIENT_HEADER]: '1' }) =>
    api(`/keys/${env}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const del = (env: string, headers: Record<string, string> = { [CLIENT_HEADER]: '1' }) =>
    api(`/keys/${env}`, { method: 'DELETE', headers });
  const config = () => JSON.parse(readFileSync(configFile, 'utf8')) as { keys: Record<string, string> } & Record<string, unknown>;

  beforeAll(async () => {
    // PJM answers the fixture to a request carrying the key it expects, and refuses any other, echoing what it got.
    up = await fakeUpstream([
      (req, res) => {
        const got = String(req.headers[KEY_HEADER] ?? '');
        if (got === expected.key && !req.url!.includes('2025-03-10')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(readOwn(FIXTURE));
        } else {
          res.writeHead(401, { 'content-type': 'text/plain' });
          res.end(`Access denied for key ${got} (${encodeURIComponent(got)}, ${JSON.stringify(got)})`);
        }
      },
    ]);
    capturePrinted(printed);
    const env = cleanEnv();
    configFile = join(env.GRIDCELL_HOME!, 'config.json');
    writeFileSync(configFile, JSON.stringify(EXISTING), { mode: 0o644 });
    server = await startTestServer({
      env,
      connectors: connectors.map((c) => (c.market.id === 'PJM' ? redirected(registered('PJM'), up.url) : c)),
      http: new HttpClient({ retries: 0, log: (line) => logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await server.close();
    await up.close();
    jest.restoreAllMocks();
  });

  test('a key PUT once is stored in the config file (0600, other content kept) and used by the next fetch, never sent back', async () => {
    const series = '/series?market=PJM&location=WESTERN%20HUB&start=2025-03-09';
    const before = await api(series);
    expect(before.status).toBe(424);
    expect(before.json<ErrorBody>().error.code).toBe('MISSING_KEY');
    expect(up.hits).toHaveLength(0);

    const saved = await put('PJM_API_KEY', { value: ` ${KEY} ` });
    expect(saved.status).toBe(200);
    expect(saved.json<KeyResponse>()).toEqual({ env: 'PJM_API_KEY', set: true, from: 'config', markets: ['PJM'] });

    expect(config()).toEqual({ ...EXISTING, keys: { ...EXISTING.keys, PJM_API_KEY: KEY } });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dirname(configFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const markets = (await api('/markets')).json<MarketsResponse>().markets;
    const pjm = markets.find((m) => m.id === 'PJM')!;
    expect(pjm.keys).toEqual([expect.objectContaining({ env: 'PJM_API_KEY', set: true, from: 'config' })]);
    expect(pjm.ready).toBe(true);
    expect(markets.find((m) => m.id === 'GAS')?.keys).toEqual([expect.objectContaining({ env: 'EIA_API_KEY', set: true })]);

    // No restart: the next fetch carries the key, and answers the fixture's prices.
    const after = await api(series);
    expect(after.status).toBe(200);
    expect(after.json<SeriesResponse>().points.map((p) => p.value)).toEqual(fixtureValues());
    expect(up.hits).toHaveLength(1);
    expect(up.hits[0].headers[KEY_HEADER]).toBe(KEY);
  });

  test('an upstream that echoes the key back is masked at once, in the error, /health and /markets', async () => {
    const refused = await api('/series?market=PJM&location=WESTERN%20HUB&start=2025-03-10');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.json<ErrorBody>().error.message).toContain('401');
    expect(up.hits.at(-1)!.headers[KEY_HEADER]).toBe(KEY);
    expect(server.app.redact(`it said ${KEY} and ${encodeURIComponent(KEY)}`)).toBe('it said *** and ***');
    for (const path of ['/health', '/markets']) {
      const answer = await api(path);
      expect(answer.status).toBe(200);
      expectNoKey(answer.text, KEY);
    }
  });

  test('a replaced key is used at once and the old one stays masked; DELETE removes it and keeps the rest of the file', async () => {
    expected.key = KEY2;
    expect((await put('pjm_api_key', { value: KEY2 })).json<KeyResponse>()).toMatchObject({ env: 'PJM_API_KEY', set: true });
    expect(config().keys.PJM_API_KEY).toBe(KEY2);
    await api('/series?market=PJM&location=WESTERN%20HUB&start=2025-03-11');
    expect(up.hits.at(-1)!.headers[KEY_HEADER]).toBe(KEY2);
    expect(server.app.redact(`${KEY} ${KEY2}`)).toBe('*** ***');

    const removed = await del('PJM_API_KEY');
    expect(removed.status).toBe(200);
    expect(removed.json<KeyResponse>()).toEqual({ env: 'PJM_API_KEY', set: false, markets: ['PJM'] });
    expect(config()).toEqual(EXISTING);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const hits = up.hits.length;
    const without = await api('/series?market=PJM&location=WESTERN%20HUB&start=2025-03-12');
    expect(without.json<ErrorBody>().error.code).toBe('MISSING_KEY');
    expect(up.hits).toHaveLength(hits);
    expect((await api('/markets')).json<MarketsResponse>().markets.find((m) => m.id === 'PJM')!.keys[0].set).toBe(false);
  });

  test('a name no market uses, and an empty, long or garbled value, are refused without a trace of the value', async () => {
    const file = readFileSync(configFile, 'utf8');
    const unknown = await put('MY_SECRET', { value: KEY });
    expect(unknown.status).toBe(400);
    const message = unknown.json<ErrorBody>().error.message;
    expect(message).toContain('MY_SECRET');
    for (const name of KEY_NAMES) expect(message).toContain(name);

    const bad: [unknown, RegExp][] = [
      [{ value: '' }, /empty/],
      [{ value: '   ' }, /empty/],
      [{ value: 'k'.repeat(KEY_VALUE_MAX_LENGTH + 1) }, new RegExp(`at most ${KEY_VALUE_MAX_LENGTH}`)],
      [{ value: `${KEY}\n` }, /control character/],
      [{ value: `${KEY.slice(0, 8)}\u0000${KEY.slice(8)}` }, /control character/],
      [{ value: `${KEY.slice(0, 8)}\t${KEY.slice(8)}` }, /control character/],
      [{ value: 12345 }, /must be text/],
      [{ value: KEY, extra: KEY }, /other than "value"/],
      [[KEY], /Send \{"value"/],
      [`{"value": "${KEY}`, /not valid JSON/],
    ];
    for (const [body, why] of bad) {
      const answer = await put('PJM_API_KEY', body);
      expect(answer.status).toBe(400);
      expect(answer.json<ErrorBody>().error.message).toMatch(why);
      expectNoKey(answer.text, KEY);
    }
    // The longest key is accepted; a body beyond the cap is refused before it is read whole.
    const longest = 'k'.repeat(KEY_VALUE_MAX_LENGTH);
    expect((await put('PJM_API_KEY', { value: longest })).status).toBe(200);
    expect((await del('PJM_API_KEY')).status).toBe(200);
    const huge = await put('PJM_API_KEY', { value: 'k'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.json<ErrorBody>().error.code).toBe('TOO_LARGE');
    expect(readFileSync(configFile, 'utf8')).toBe(file);
  });

  test("only gridcell's own client sets or removes a key: no client header, another site's page, a preflight are refused", async () => {
    const file = readFileSync(configFile, 'utf8');
    const refusals = [
      await put('PJM_API_KEY', { value: KEY }, {}),
      await put('PJM_API_KEY', { value: KEY }, { [CLIENT_HEADER]: '1', Origin: 'https://evil.example' }),
      await put('PJM_API_KEY', { value: KEY }, { [CLIENT_HEADER]: '1', 'Sec-Fetch-Site': 'cross-site' }),
      await del('PJM_API_KEY', {}),
      await del('EIA_API_KEY', { [CLIENT_HEADER]: '1', Origin: 'null' }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.json<ErrorBody>().error.code).toBe('FORBIDDEN');
    }
    // The browser's preflight for a cross-site PUT is refused too, and grants nothing.
    const preflight = await rawRequest(server.url, 'OPTIONS', '/api/v1/keys/PJM_API_KEY', {
      Host: new URL(server.url).host,
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': CLIENT_HEADER,
    });
    expect(preflight.status).toBe(403);
    // Another name for this computer (DNS rebinding) is refused before anything is read.
    const rebound = await rawRequest(
      server.url,
      'PUT',
      '/api/v1/keys/PJM_API_KEY',
      { Host: `evil.example:${new URL(server.url).port}`, [CLIENT_HEADER]: '1', 'Content-Type': 'application/json' },
      JSON.stringify({ value: KEY }),
    );
    expect(rebound.status).toBe(403);
    expect(readFileSync(configFile, 'utf8')).toBe(file);
    expect(config().keys.PJM_API_KEY).toBeUndefined();
    expect(config().keys.EIA_API_KEY).toBe(EXISTING.keys.EIA_API_KEY);
  });

  test('no answer, log line or printed text ever held a key value', () => {
    expect(texts.length).toBeGreaterThan(20);
    for (const text of [...texts, ...printed, ...logLines]) expectNoKey(text, KEY, KEY2);
  });
});

describe('the config file', () => {
  test('is made with its folder when missing, with mode 0600', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gridcell-cfg-')), 'deep', 'er', 'config.json');
    const server = await startTestServer({ env: cleanEnv({ GRIDCELL_CONFIG: file }) });
    try {
      const res = await fetch(`${server.url}/api/v1/keys/EIA_API_KEY`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
        body: JSON.stringify({ value: 'eia-new-key-abcdef' }),
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ keys: { EIA_API_KEY: 'eia-new-key-abcdef' } });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(file)).mode & 0o077).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('that is not a JSON object is left as it is, and the answer says so without the key', async () => {
    const env = cleanEnv();
    const file = join(env.GRIDCELL_HOME!, 'config.json');
    writeFileSync(file, '{"keys": {"EIA_API_KEY": "x"');
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const server = await startTestServer({ env });
    try {
      const res = await fetch(`${server.url}/api/v1/keys/PJM_API_KEY`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
        body: JSON.stringify({ value: KEY }),
      });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect((JSON.parse(text) as ErrorBody).error.message).toContain(`${file} is not a JSON object`);
      expectNoKey(text, KEY);
      expect(readFileSync(file, 'utf8')).toBe('{"keys": {"EIA_API_KEY": "x"');
    } finally {
      await server.close();
      jest.restoreAllMocks();
    }
  });

  test("a key set in the server's environment comes first: saving over it is refused, and /markets says where it comes from", async () => {
    const server = await startTestServer({ env: cleanEnv({ PJM_API_KEY: 'pjm-env-key-123456789' }) });
    try {
      const res = await fetch(`${server.url}/api/v1/keys/PJM_API_KEY`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
        body: JSON.stringify({ value: KEY }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toContain("set in the server's environment");
      const markets = ((await (await fetch(`${server.url}/api/v1/markets`)).json()) as MarketsResponse).markets;
      expect(markets.find((m) => m.id === 'PJM')!.keys).toEqual([expect.objectContaining({ set: true, from: 'environment' })]);
    } finally {
      await server.close();
    }
  });
});
