import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

/** Milliseconds of one whole node process with these arguments, spawn to exit. */
function nodeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, cwd: ROOT, stdio: 'ignore' });
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`node ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Milliseconds of a whole `gridcell --version` process (node and the compiled CLI). */
export async function versionBench(times: number, env: NodeJS.ProcessEnv): Promise<Figure> {
  return measured('gridcell --version, whole process', 'ms', await repeat(times, () => nodeProcess([GRIDCELL, '--version'], env)), {
    budget: { kind: 'max', limit: 150 },
  });
}

/**
 * Node's own start (`node -e 0`), the floor under every whole-process figure. Node 20 reads
 * NODE_EXTRA_CA_CERTS at start, building its store of bundled root certificates and parsing the
 * file's, before any script runs (nodejs/node#40524): where the environment sets it, the start is
 * also measured without it, to show what that costs every `gridcell` process (and the parsing thread's).
 */
export async function nodeStartBench(times: number, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  const extra = env.NODE_EXTRA_CA_CERTS;
  const asIs = measured('node start (node -e 0), whole process', 'ms', await repeat(times, () => nodeProcess(['-e', '0'], env)), {
    note: extra ? `NODE_EXTRA_CA_CERTS=${extra} (${certificates(extra)}), as in every figure here` : 'NODE_EXTRA_CA_CERTS not set',
  });
  if (!extra) return [asIs];
  const { NODE_EXTRA_CA_CERTS: _unset, ...without } = env;
  const bare = measured('node start without NODE_EXTRA_CA_CERTS', 'ms', await repeat(times, () => nodeProcess(['-e', '0'], without)), {
    note: 'information: the same, the variable unset',
  });
  return [asIs, bare];
}

function certificates(file: string): string {
  try {
    return `${readFileSync(file, 'latin1').split('-----BEGIN CERTIFICATE-----').length - 1} certificates`;
  } catch {
    return 'unreadable';
  }
}
