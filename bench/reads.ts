import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SERVER_CHILD } from './compile';
import type { Figure } from './figures';
import type { BenchStore } from './server';

const run = promisify(execFile);

/** bench/server.ts's reads through the server, run in the compiled child (bench/server-child.ts). */
export async function serverBench(market: string, target: BenchStore, env: NodeJS.ProcessEnv, times: number): Promise<Figure[]> {
  const { stdout } = await run(process.execPath, [SERVER_CHILD, JSON.stringify({ market, target, times })], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Figure[];
}
