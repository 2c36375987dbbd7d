import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { runGridcell } from '../faults/helpers';
import { cleanEnv } from '../support/app';
import { tableCountsAt } from '../support/db';
import { bgeReplayFolder, FAKE_PJM_KEY, PJM_ZONES_FILE } from '../support/pjm-bge';
import { describeShared, sharedPath } from '../support/fixtures';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const PJM_RT = 'pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const MISO_DA = 'miso/20260923_da_expost_lmp_reduced.csv';
const CAISO_RTPD = 'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_49_39_v2.csv';

/** Runs `gridcell ...` as a user would, in a child process. */
const gridcell = (env: NodeJS.ProcessEnv, ...args: string[]) => runGridcell(env, args, 60_000);

describeShared([PJM_RT, MISO_DA, CAISO_RTPD, PJM_ZONES_FILE])('gridcell CLI, as a new user runs it', () => {
  const env = cleanEnv();
  jest.setTimeout(60_000);

  beforeAll(async () => {
    const r = await gridcell(env, 'import', sharedPath(PJM_RT), sharedPath(MISO_DA), sharedPath(CAISO_RTPD));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv: .* -> PJM: \d+ series, \d+ points/);
  });

  test('query --format json --offline gives the file values with their offsets', async () => {
    const r = await gridcell(env, 'query', 'PJM', 'WESTERN HUB', '2025-07-01', '--run', 'RT', '--format', 'json', '--offline');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(Object.keys(body)).toEqual(['market', 'location', 'run', 'product', 'currency', 'unit', 'points']);
    expect(body.points).toHaveLength(24);
    expect(body.points[0]).toEqual({ start: '2025-07-01T00:00:00-04:00', end: '2025-07-01T01:00:00-04:00', value: 71.381889 });
  });

  test('by pnode id and in UTC', async () => {
    const r = await gridcell(env, 'query', 'PJM', '51288', '2025-07-02', '--run', 'RT', '--tz', 'UTC', '--format', 'json', '--offline');
    const body = JSON.parse(r.stdout);
    expect(body.location).toBe('WESTERN HUB');
    expect(body.points[0]).toEqual({ start: '2025-07-02T04:00:00Z', end: '2025-07-02T05:00:00Z', value: 33.892602 });
    expect(body.points[1].value).toBe(28.192464);
  });

  test('MISO ENERGY on EST, CAISO at RT15', async () => {
    const miso = JSON.parse(
      (await gridcell(env, 'query', 'MISO', 'INDIANA.HUB', '2026-09-23', '--product', 'ENERGY', '--format', 'json', '--offline')).stdout,
    );
    expect(miso.points[0].start).toBe('2026-09-23T00:00:00-05:00');
    expect(miso.points[0].value).toBeCloseTo(27.67, 6);
    const caiso = JSON.parse(
      (await gridcell(env, 'query', 'CAISO', 'CAS_PP_GNODE7', '2023-09-18', '--run', 'RT15', '--format', 'json', '--offline')).stdout,
    );
    expect(caiso.points).toHaveLength(96);
    expect(caiso.points[0]).toEqual({ start: '2023-09-18T00:00:00-07:00', end: '2023-09-18T00:15:00-07:00', value: 32.5862 });
  });

  test('a date-time START with no END is the one interval holding it', async () => {
    const r = await gridcell(env, 'query', 'PJM', 'WESTERN HUB', '2025-07-01T01:30', '--run', 'RT', '--format', 'json', '--offline');
    expect(JSON.parse(r.stdout).points).toEqual([
      { start: '2025-07-01T01:00:00-04:00', end: '2025-07-01T02:00:00-04:00', value: 30.414547 },
    ]);
  });

  test('a junk file is refused with a message and leaves the cache as it was', async () => {
    const before = tableCountsAt(env.GRIDCELL_DB!);
    const junk = join(dirname(env.GRIDCELL_DB!), 'junk.csv');
    writeFileSync(junk, '<html><body>Service unavailable</body></html>\n');
    const r = await gridcell(env, 'import', junk);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/junk.csv: gridcell does not recognize this file/);
    expect(tableCountsAt(env.GRIDCELL_DB!)).toEqual(before);
  });

  test('serve --port with GRIDCELL_HTTPS=0 answers /api/v1/series the same', async () => {
    const child = spawn(process.execPath, [TSX, join(ROOT, 'backend/cli.ts'), 'serve', '--port', '0', '--offline'], {
      env: { ...env, GRIDCELL_HTTPS: '0' },
      cwd: ROOT,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const res = await fetch(`${url}/api/v1/series?market=PJM&location=51288&start=2025-07-01&run=RT`);
      const body = (await res.json()) as { points: { start: string; value: number }[] };
      expect(body.points[0]).toMatchObject({ start: '2025-07-01T00:00:00-04:00', value: 71.381889 });
      expect(body.points).toHaveLength(24);
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('every wrong option is named in one message', async () => {
    const r = await gridcell(
      env,
      'query',
      'PJM',
      'WESTERN HUB',
      '2025-02-30',
      '--interval',
      'fortnight',
      '--tz',
      'Mars/Olympus',
      '--offline',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"2025-02-30" is not a calendar date');
    expect(r.stderr).toContain(
      'interval=fortnight is not valid: interval is one of 5min, 15min, 30min, hour, day, week, month, quarter, year',
    );
    expect(r.stderr).toContain('Unknown time zone "Mars/Olympus"');
  });

  test('backfill fetches a range with progress, and query then answers it offline', async () => {
    const replay = cleanEnv({ PJM_API_KEY: FAKE_PJM_KEY, GRIDCELL_REPLAY_DIR: bgeReplayFolder() });
    const r = await gridcell(replay, 'backfill', 'PJM', 'BGE', '--from', '2026-06-09', '--to', '2026-06-09');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Backfilling PJM DA LMP at BGE from 2026-06-09 to 2026-06-09 (1 day, 1 request(s) planned)...');
    expect(r.stdout).toContain('[########################] 100%  1 of 1 days, 1 of 1 requests');
    expect(r.stdout).toContain('Done: 1 of 1 day asked for.');
    const q = await gridcell({ ...replay, GRIDCELL_REPLAY_DIR: '' }, 'query', 'PJM', 'BGE', '2026-06-09', '--format', 'json', '--offline');
    expect(JSON.parse(q.stdout).points[0]).toEqual({
      start: '2026-06-09T00:00:00-04:00',
      end: '2026-06-09T01:00:00-04:00',
      value: 44.243725,
    });
  });

  test('check reports what the cache holds for a market and what is worth a look', async () => {
    const r = await gridcell(env, 'check', 'PJM', '--start', '2025-07-01', '--end', '2025-07-02', '--run', 'RT', '--product', 'LMP');
    expect(r.code).toBe(0);
    // The real-time hubs file: 12 hubs, 2 EDT days of 24 hours.
    expect(r.stdout).toContain('PJM 2025-07-01 to 2025-07-02: 12 series in the cache');
    expect(r.stdout).toMatch(/ {2}WESTERN HUB RTH LMP +48\/48 intervals, 2 days \(2 final\), 0 revisions\n/);
    const json = JSON.parse((await gridcell(env, 'check', 'PJM', '--start', '2025-07-01', '--end', '2025-07-02', '--json')).stdout);
    expect(json.series.length).toBeGreaterThanOrEqual(12 * 4);
    expect(json.findings.every((f: { kind: string }) => f.kind !== 'gap')).toBe(true);
  });

  test('an unknown market names it', async () => {
    const r = await gridcell(env, 'query', 'PJN', 'WESTERN HUB', '2025-07-01', '--offline');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unknown market "PJN". Did you mean PJM\?/);
  });
});
