import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measured, type Figure } from './figures';
import { servingUrl } from '../test/support/app';
import { GRIDCELL, ROOT } from './imports';
import { repeat } from './stats';

/** Builds the compiled CLI (esbuild, well under a second) so that the figures are of the current sources. */
export function buildServer(): void {
  execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

/** Milliseconds from spawning `gridcell serve --port 0` to its first 200 on /api/v1/health. */
async function startOnce(env: NodeJS.ProcessEnv): Promise<number> {
  const db = join(mkdtempSync(join(tmpdir(), 'gridcell-bench-db-')), 'bench.db');
  const t0 = performance.now();
  const child = spawn(process.execPath, [GRIDCELL, 'serve', '--port', '0'], {
    env: { ...env, GRIDCELL_DB: db, GRIDCELL_HTTPS: '0' },
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await servingUrl(child);
    for (;;) {
      const res = await fetch(`${url}/api/v1/health`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

export async function startupBench(times: number, env: NodeJS.ProcessEnv): Promise<Figure> {
  return measured('server start to first answer (gridcell serve)', 'ms', await repeat(times, () => startOnce(env)), {
    budget: { kind: 'max', limit: 300 },
    note: 'spawn of node and the compiled CLI to the first 200 on /api/v1/health',
  });
}

/** Milliseconds of a whole `gridcell --version` process (node and the compiled CLI). */
export async function versionBench(times: number, env: NodeJS.ProcessEnv): Promise<Figure> {
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [GRIDCELL, '--version'], { env, cwd: ROOT, stdio: 'ignore' });
      child.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`gridcell --version exited ${code}`))));
    });
  return measured('gridcell --version, whole process', 'ms', await repeat(times, once), { budget: { kind: 'max', limit: 150 } });
}
