import { join } from 'node:path';
import { buildBundles, serverBuildOptions } from '../scripts/build-server';

const ROOT = join(__dirname, '..');
/** Where the bench's own children are bundled (under build/, so that node_modules resolve). */
export const BENCH_BUILD = join(ROOT, 'build/bench');
/** `node build/bench/import-child.js FILE DB`: one in-process import, compiled like build/cli.js. */
export const IMPORT_CHILD = join(BENCH_BUILD, 'import-child.js');
/** `node build/bench/server-child.js ARGS`: the reads through the server (bench/server-child.ts). */
export const SERVER_CHILD = join(BENCH_BUILD, 'server-child.js');
/** `node build/bench/duckdb-child.js CSV DB`: the DuckDB peer. */
export const DUCKDB_CHILD = join(BENCH_BUILD, 'duckdb-child.js');
/** `node -r build/bench/rss-at-exit.js ...`: writes the process's peak RSS (MB) to $BENCH_MAXRSS_FILE at exit. */
export const RSS_AT_EXIT = join(BENCH_BUILD, 'rss-at-exit.js');

/**
 * Bundles the bench's child processes as `npm run build:server` bundles the CLI
 * (scripts/build-server.ts), so that neither tsx nor TypeScript compilation is in their time or
 * memory. The import's parsing thread is started from a script beside the bundle that starts it,
 * through its code cache.
 */
export function compileBench(): void {
  const children = ['import-child.ts', 'duckdb-child.ts', 'rss-at-exit.ts'].map((f) => join(__dirname, f));
  const entries = [...children, join(ROOT, 'backend/import/parse-worker.ts'), join(ROOT, 'backend/code-cache.ts')];
  buildBundles({ ...serverBuildOptions(entries, BENCH_BUILD), sourcemap: false });
  // The reads run in a server built as `gridcell serve`'s (build/serve.js), Express bundled in.
  buildBundles({ ...serverBuildOptions([join(__dirname, 'server-child.ts')], BENCH_BUILD, true), sourcemap: false });
}
