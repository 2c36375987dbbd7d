/** `gridcell ingest` and `gridcell serve --ingest` as a user runs them, in a child process (offline: no network). */
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { servingUrl, cleanEnv } from '../support/app';
import type { HealthResponse } from '../../contract';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const CLI = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'backend/cli.ts')];
const PLAN = [{ market: 'PJM', run: 'DA', locations: ['WESTERN HUB'] }];

async function gridcell(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { env, cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

function withPlan(plan: unknown): NodeJS.ProcessEnv {
  const env = cleanEnv({ GRIDCELL_HTTPS: '0' });
  writeFileSync(join(env.GRIDCELL_HOME!, 'ingest.json'), JSON.stringify(plan));
  return env;
}

describe('gridcell ingest', () => {
  jest.setTimeout(60_000);

  test('without a plan file it says where to write one', async () => {
    const r = await gridcell(cleanEnv(), 'ingest');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gridcell: There is no ingest plan at .*ingest\.json\. Write one: \[\{"market": "PJM"/);
  });

  test('a wrong plan is refused before anything runs, naming the entry and the field, by serve --ingest too', async () => {
    const env = withPlan([...PLAN, { market: 'PJM', run: 'DA', locations: ['WESTERN HUBB'] }]);
    const r = await gridcell(env, 'ingest');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ingest.json entry 2, "locations": PJM has no location "WESTERN HUBB" that gridcell knows.');
    const served = await gridcell(env, 'serve', '--port', '0', '--ingest');
    expect(served.code).toBe(1);
    expect(served.stderr).toContain('entry 2, "locations"');
  });

  test('runs in the foreground, one line per fetch with the error in terminal words; Ctrl-C stops it', async () => {
    const child = spawn(process.execPath, [...CLI, 'ingest', '--offline'], { env: withPlan(PLAN), cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 400 && !/PJM DA \d{4}-\d\d-\d\d: failed/.test(out); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toContain('Keeping current: PJM DA at 1 location. Ctrl-C stops.');
    expect(out).toMatch(
      /Z PJM DA \d{4}-\d\d-\d\d: failed: PJM WESTERN HUB DA LMP for \d{4}-\d\d-\d\d is not in the cache, and gridcell is offline/,
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped. What was fetched is kept.');
  });

  test('serve --ingest serves its state in health', async () => {
    const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--offline', '--ingest'], { env: withPlan(PLAN), cwd: ROOT });
    try {
      const url = await servingUrl(child);
      let health: HealthResponse | undefined;
      for (let i = 0; i < 200 && health?.ingest?.[0].state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        health = (await (await fetch(`${url}/api/v1/health`)).json()) as HealthResponse;
      }
      expect(health!.ingest![0]).toMatchObject({ market: 'PJM', run: 'DA', locations: 1, state: 'failed' });
      expect(health!.ingest![0].lastError).toContain('gridcell is offline');
      expect(Date.parse(health!.ingest![0].nextRun!)).toBeGreaterThan(Date.now());
    } finally {
      child.kill('SIGTERM');
    }
  });
});
