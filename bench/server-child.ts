/**
 * The reads through the server, in a process of their own, compiled like build/cli.js (bench/compile.ts):
 * `node build/bench/server-child.js '{"market","target","times"}'` prints bench/server.ts's figures
 * as JSON. So the read path is timed as `gridcell serve` runs it, bundled, not through tsx's
 * module wrappers.
 */
import { serverFigures, type BenchStore } from './server';

async function main(): Promise<void> {
  const { market, target, times } = JSON.parse(process.argv[2]) as { market: string; target: BenchStore; times: number };
  const figures = await serverFigures(market, target, process.env, times);
  process.stdout.write(JSON.stringify(figures) + '\n');
}

void main();
