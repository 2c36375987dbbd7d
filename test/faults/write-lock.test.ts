/**
 * A long import blocks no one (issue 13, H6). Another process holds the cache's write lock, as
 * `gridcell import` does for the length of a file: the server keeps answering health and cached
 * reads, a new process can open the cache and read, and a write (a fetch, clearing the cache, a
 * second import) waits without blocking the event loop, then lands once the lock is released, or
 * after GRIDCELL_WRITE_WAIT_SECONDS answers "cache busy" saying why, the cache unchanged.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { HttpClient } from '../../backend/http/client';
import { CLIENT_HEADER, type ErrorBody, type SeriesResponse } from '../../contract';
import { cleanEnv, startTestServer, tempDbPath } from '../support/app';
import { tableCountsAt } from '../support/db';
import { fakeUpstream } from '../support/fake-upstream';
import { soleCsvMember } from '../../backend/import/pieces';
import { describeShared, readShared, sharedPath, tempFile } from '../support/fixtures';
import { exitOf, holdWriteLock, redirected, registered, runGridcell } from './helpers';

const CAISO_ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const PJM_CSV = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const ALL_APNODES = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
// From the files: CAISO TH_SP15_GEN-APND 2023-01-01 OPR_HR 8 LMP 122.23325; PJM WESTERN HUB
// 2025-07-01 00:00 EPT total_lmp_da 36.851144.
const CAISO_HOUR_8 = 122.23325;
const PJM_MIDNIGHT = 36.851144;
const CAISO_DAY = '/api/v1/series?market=CAISO&location=TH_SP15_GEN-APND&start=2023-01-01&run=DA';
const PJM_DAY = '/api/v1/series?market=PJM&location=WESTERN%20HUB&start=2025-07-01&run=DA';

async function serverWithUpstream(dbPath: string, writeWaitSeconds: number): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const up = await fakeUpstream([
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-zip-compressed' });
      res.end(readShared(CAISO_ZIP));
    },
  ]);
  const server = await startTestServer({
    config: { dbPath, writeWaitSeconds },
    connectors: [redirected(registered('CAISO'), up.url), registered('PJM')],
    http: new HttpClient({ backoffMs: 5, retries: 0, timeoutMs: 5000 }),
  });
  await server.app.importFile(sharedPath(PJM_CSV));
  return {
    server,
    close: async () => {
      await server.close();
      await up.close();
    },
  };
}

/** Settles to 'pending' when the promise has not settled by the time the others have. */
function stateOf(p: Promise<unknown>): Promise<'pending' | 'settled'> {
  return Promise.race([p.then(() => 'settled' as const), new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

/**
 * `gridcell import FILE` started as a user runs it (TypeScript through tsx): its output so far,
 * once it has said it is waiting for the write lock, and its exit.
 */
function importing(env: NodeJS.ProcessEnv, file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/cli.ts', 'import', file], {
    env,
    cwd: join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  const waiting = new Promise<void>((resolve) =>
    child.stderr.on('data', (d) => {
      out.stderr += d;
      if (out.stderr.includes('\n')) resolve();
    }),
  );
  return { child, out, waiting, exited: exitOf(child) };
}

describeShared([CAISO_ZIP, PJM_CSV, ALL_APNODES])('another process holds the write lock', () => {
  jest.setTimeout(60_000);

  test('health, cached reads and a new `gridcell query` answer; a fetch waits, then stores once the lock is released', async () => {
    const dbPath = tempDbPath();
    const { server, close } = await serverWithUpstream(dbPath, 60);
    const lock = await holdWriteLock(dbPath);
    try {
      const fetching = fetch(`${server.url}${CAISO_DAY}`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as SeriesResponse,
      }));

      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
      const cached = await fetch(`${server.url}${PJM_DAY}`);
      expect(cached.status).toBe(200);
      expect(((await cached.json()) as SeriesResponse).points[0].value).toBe(PJM_MIDNIGHT);
      const query = await runGridcell(cleanEnv({ GRIDCELL_DB: dbPath }), ['query', 'PJM', 'WESTERN HUB', '2025-07-01', '--offline']);
      expect(query.stderr).toBe('');
      expect(query.code).toBe(0);
      expect(query.stdout).toContain(String(PJM_MIDNIGHT));

      expect(await stateOf(fetching)).toBe('pending'); // still waiting for the lock, and nobody above waited for it
      await lock.release();
      const fetched = await fetching;
      expect(fetched.status).toBe(200);
      expect(fetched.body.points[7].value).toBe(CAISO_HOUR_8);
    } finally {
      await lock.release();
      await close();
    }
  });

  test('a write still locked out after GRIDCELL_WRITE_WAIT_SECONDS answers CACHE_BUSY saying why; nothing changes', async () => {
    const dbPath = tempDbPath();
    const { server, close } = await serverWithUpstream(dbPath, 0.5);
    const before = tableCountsAt(dbPath);
    const lock = await holdWriteLock(dbPath);
    try {
      const fetched = await fetch(`${server.url}${CAISO_DAY}`);
      expect(fetched.status).toBe(503);
      const fetchError = ((await fetched.json()) as ErrorBody).error;
      expect(fetchError.code).toBe('CACHE_BUSY');
      expect(fetchError.message).toContain(`The cache ${dbPath} is being written by another gridcell process (an import?)`);

      const cleared = await fetch(`${server.url}/api/v1/cache`, { method: 'DELETE', headers: { [CLIENT_HEADER]: '1' } });
      expect(cleared.status).toBe(503);
      expect(((await cleared.json()) as ErrorBody).error.code).toBe('CACHE_BUSY');
    } finally {
      await lock.release();
    }
    try {
      expect(tableCountsAt(dbPath)).toEqual(before);
      const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { markets: { id: string; lastError?: string }[] };
      expect(health.markets.find((m) => m.id === 'CAISO')?.lastError).toBeUndefined(); // the fetch itself did not fail
    } finally {
      await close();
    }
  });

  test('`gridcell import` says it is waiting, and imports once the lock is released', async () => {
    const dbPath = tempDbPath();
    const env = cleanEnv({ GRIDCELL_DB: dbPath });
    expect((await runGridcell(env, ['import', sharedPath(PJM_CSV)])).code).toBe(0); // creates the cache
    const lock = await holdWriteLock(dbPath);
    const { child, out, waiting, exited } = importing(env, sharedPath(CAISO_ZIP));
    try {
      await waiting;
      expect(out.stderr).toBe(`gridcell: waiting: The cache ${dbPath} is being written by another gridcell process (an import?).\n`);
      expect(child.exitCode).toBeNull();
    } finally {
      await lock.release();
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    // The file's 24 hours of LMP and its four components: 5 series, 120 values.
    expect(out.stdout).toBe(
      'PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip: caiso.prc_lmp -> CAISO: 5 series, 120 points (120 new or changed), days 2023-01-01\n',
    );
  });

  test('a streamed file whose first piece is refused while the import waits for the lock: the error once it may write, nothing stored', async () => {
    const dbPath = tempDbPath();
    const env = cleanEnv({ GRIDCELL_DB: dbPath });
    expect((await runGridcell(env, ['import', sharedPath(PJM_CSV)])).code).toBe(0); // creates the cache
    const before = tableCountsAt(dbPath);
    // The all-APNodes CSV's header, a row whose MW is not a number, then 9 MiB of its rows: streamed (over 8 MiB).
    const csv = soleCsvMember(readShared(ALL_APNODES), ALL_APNODES)!.read();
    const lines = csv
      .subarray(0, 9.5 * 1024 * 1024)
      .toString('latin1')
      .split('\n');
    const header = lines[0].split(',');
    const broken = lines[1].split(',');
    broken[header.indexOf('MW')] = 'not-a-price';
    const file = tempFile(
      'PRC_LMP_DAM_20200101_broken.csv',
      Buffer.from([lines[0], broken.join(','), ...lines.slice(2, -1), ''].join('\n')),
    );
    const lock = await holdWriteLock(dbPath);
    const { child, out, waiting, exited } = importing(env, file);
    try {
      await waiting;
      // The parsing thread refuses the first piece within milliseconds; the import still waits to write.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(child.exitCode).toBeNull();
    } finally {
      await lock.release();
    }
    expect(await exited).toEqual({ code: 1, signal: null });
    expect(out.stderr).toMatch(/waiting.*\n.*line 2.*not-a-price.*nothing from it was stored\.\n$/s);
    expect(out.stderr).not.toMatch(/Unhandled|at .*importer/);
    expect(tableCountsAt(dbPath)).toEqual(before);
  });
});
