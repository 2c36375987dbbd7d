/**
 * A desk server: users added with their own tokens (the registry in a temporary GRIDCELL_HOME),
 * the real server on a random port, each API request needing a known user's token, each user's
 * requests limited on their own, and no token ever written to the users file or the log.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { addUser, removeUser, tokenHash } from '../../backend/app/users';
import { serve } from '../../backend/commands/serve';
import { CLIENT_HEADER, type ErrorBody, type HealthResponse } from '../../contract';
import { cleanEnv, startTestServer } from '../support/app';

const ADMIN_TOKEN = 'desk-admin-token-7c21e9';

function usersFileOf(env: NodeJS.ProcessEnv): string {
  return join(env.GRIDCELL_HOME!, 'users.json');
}

function ask(server: RunningServer, path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/api/v1${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  return ((await res.json()) as ErrorBody).error;
}

/** Every line written to the console, stdout or stderr while `during` runs. */
async function logged(during: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const keep = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(keep),
    jest.spyOn(console, 'info').mockImplementation(keep),
    jest.spyOn(console, 'warn').mockImplementation(keep),
    jest.spyOn(console, 'error').mockImplementation(keep),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (keep(chunk), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (keep(chunk), true)),
  ];
  try {
    await during();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than the server waits between looks at the users file. */
const FILE_RECHECK_WAIT_MS = 1100;

describe('a desk server with two users', () => {
  const env = cleanEnv();
  const usersFile = usersFileOf(env);
  const alice = addUser(usersFile, 'alice');
  const bob = addUser(usersFile, 'bob');
  let server: RunningServer;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'gridcell-static-'));
    writeFileSync(join(staticDir, 'taskpane.html'), '<!doctype html><title>gridcell</title>');
    server = await startTestServer({ env, config: { offline: true } }, { token: ADMIN_TOKEN, staticDir });
  });
  afterAll(() => server.close());

  test("each user's token answers, and health names the caller, only the caller", async () => {
    for (const [token, name] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ]) {
      const res = await ask(server, '/health', token);
      expect(res.status).toBe(200);
      const health = (await res.json()) as HealthResponse;
      expect(health.user).toBe(name);
      const text = JSON.stringify(health);
      expect(text).not.toContain(name === 'alice' ? 'bob' : 'alice');
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    }
  });

  test('no token: 401 with WWW-Authenticate: Bearer, saying to ask for your gridcell token', async () => {
    const res = await ask(server, '/markets');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const error = await errorOf(res);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('your gridcell token (ask whoever runs the desk server)');
    expect(error.message).toContain('Settings > Access token');
  });

  test('a wrong token, or a token sent otherwise than as Bearer: 401', async () => {
    for (const authorization of [`Bearer ${alice}x`, `Bearer gc_${'A'.repeat(43)}`, alice, `Basic ${alice}`]) {
      const res = await fetch(`${server.url}/api/v1/health`, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect((await errorOf(res)).code).toBe('UNAUTHORIZED');
    }
    const wrong = await errorOf(await ask(server, '/health', `${bob}x`));
    expect(wrong.message).toMatch(/does not know that token .* ask whoever runs the desk server/);
  });

  test('GRIDCELL_TOKEN still opens the API, as no user', async () => {
    const res = await ask(server, '/health', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(((await res.json()) as HealthResponse).user).toBeUndefined();
  });

  test('the taskpane page stays reachable without a token (it is where the token is entered)', async () => {
    const res = await fetch(`${server.url}/taskpane.html`);
    expect(res.status).toBe(200);
  });

  test('the users file holds hashes, never a token, and only its owner may read it', () => {
    const text = readFileSync(usersFile, 'utf8');
    for (const token of [alice, bob]) {
      expect(text).not.toContain(token);
      expect(text).toContain(tokenHash(token));
    }
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
    expect(alice).toMatch(/^gc_[A-Za-z0-9_-]{43}$/);
  });

  test('a user added while the server runs gets in; a removed user gets 401, without a restart', async () => {
    const carol = addUser(usersFile, 'carol');
    removeUser(usersFile, 'bob');
    await sleep(FILE_RECHECK_WAIT_MS);
    expect((await ask(server, '/health', carol)).status).toBe(200);
    const removed = await ask(server, '/health', bob);
    expect(removed.status).toBe(401);
    expect((await errorOf(removed)).code).toBe('UNAUTHORIZED');
    expect((await ask(server, '/health', alice)).status).toBe(200);
  });
});

describe("each desk user's request limit", () => {
  const LIMIT = 3;
  const env = cleanEnv();
  const usersFile = usersFileOf(env);
  const busy = addUser(usersFile, 'busy');
  const calm = addUser(usersFile, 'calm');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ env, config: { offline: true, userRequestsPerMinute: LIMIT } });
  });
  afterAll(() => server.close());

  test('a batch counts as one request; over the limit a user gets 429 with Retry-After while another user still gets 200', async () => {
    const batch = await ask(server, '/batch', busy, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
      body: JSON.stringify({ requests: ['1', '2', '3', '4', '5'].map((id) => ({ id, method: 'GET', url: '/health' })) }),
    });
    expect(batch.status).toBe(200);
    for (let i = 1; i < LIMIT; i++) expect((await ask(server, '/markets', busy)).status).toBe(200);
    const over = await ask(server, '/markets', busy);
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const error = await errorOf(over);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain(`try again in ${retryAfter} second`);
    expect((await ask(server, '/markets', calm)).status).toBe(200);
  });

  test('with every user removed it stays a desk server: no token is still 401', async () => {
    removeUser(usersFile, 'busy');
    removeUser(usersFile, 'calm');
    await sleep(FILE_RECHECK_WAIT_MS);
    expect((await ask(server, '/health')).status).toBe(401);
    expect((await ask(server, '/health', calm)).status).toBe(401);
  });

  test('a users file broken while the server runs: no token works, and the log says why', async () => {
    const dave = addUser(usersFile, 'dave');
    await sleep(FILE_RECHECK_WAIT_MS);
    expect((await ask(server, '/health', dave)).status).toBe(200);
    writeFileSync(usersFile, '{ not json');
    await sleep(FILE_RECHECK_WAIT_MS);
    const log = await logged(async () => {
      expect((await ask(server, '/health', dave)).status).toBe(401);
    });
    expect(log).toContain(`${usersFile} is not a gridcell users file`);
    expect(log).not.toContain(dave);
  });
});

describe('where a desk server may listen', () => {
  test('beyond loopback with desk users and no GRIDCELL_TOKEN', async () => {
    const env = cleanEnv();
    const token = addUser(usersFileOf(env), 'alice');
    const server = await startTestServer({ env }, { host: '0.0.0.0' });
    try {
      const res = await fetch(`http://127.0.0.1:${new URL(server.url).port}/api/v1/health`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('not beyond loopback with neither users nor a token; the message says both ways', async () => {
    await expect(startTestServer({}, { host: '0.0.0.0' })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0 without an access token: set GRIDCELL_TOKEN, or add desk users with "gridcell users add NAME"/,
    );
  });

  test('a server without users stays open on 127.0.0.1 as before', async () => {
    const server = await startTestServer();
    try {
      const res = await ask(server, '/health');
      expect(res.status).toBe(200);
      expect(((await res.json()) as HealthResponse).user).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe("gridcell serve's log on a desk server", () => {
  test('says how many users there are, and never shows a token, nor does answering them', async () => {
    const env = cleanEnv();
    const token = addUser(usersFileOf(env), 'alice');
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const lines: string[] = [];
    let server: RunningServer | undefined;
    try {
      const log = await logged(async () => {
        server = await serve({ config: { https: false, port: 0, offline: true }, log: (line) => lines.push(line) });
        expect((await ask(server, '/health', token)).status).toBe(200);
        expect((await ask(server, '/series?market=NOPE', token)).status).toBe(400);
        expect((await ask(server, '/health', `${token}x`)).status).toBe(401);
      });
      const all = `${lines.join('\n')}\n${log}`;
      expect(all).toContain('1 desk user(s)');
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.slice(3));
    } finally {
      await server?.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
