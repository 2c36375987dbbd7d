import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childAnswer } from './child';
import { DUCKDB_CHILD } from './compile';

/** Whether @duckdb/node-api (a dev dependency) loads on this machine: its reason when it does not. */
export async function duckdbMissing(): Promise<string | undefined> {
  try {
    await import('@duckdb/node-api');
    return undefined;
  } catch (e) {
    return `@duckdb/node-api does not load here (${(e as Error).message.split('\n')[0]}); run npm ci`;
  }
}

/** One run of the DuckDB peer (bench/duckdb-child.ts) on a bare OASIS CSV, into a new database file. */
export interface DuckdbRun {
  /** Spawn to exit: node, loading DuckDB, create, insert, close (with its checkpoint). */
  wallMs: number;
  /** The INSERT ... SELECT FROM read_csv alone, in-process. */
  ms: number;
  rows: number;
  peakRssMb: number;
}

export async function duckdbOnce(csv: string, env: NodeJS.ProcessEnv): Promise<DuckdbRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-bench-duckdb-'));
  try {
    const { answer, wallMs } = await childAnswer<Omit<DuckdbRun, 'wallMs'>>(
      process.execPath,
      [DUCKDB_CHILD, csv, join(dir, 'peer.duckdb')],
      { env },
    );
    return { ...answer, wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
