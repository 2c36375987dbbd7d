import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { measured, skipped, type Figure } from './figures';
import { zipSlice } from './slices';
import { median, repeat } from './stats';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..');
export const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const IMPORT_BUDGET = { kind: 'min' as const, limit: 500_000 };
const STORAGE_BUDGET = { kind: 'max' as const, limit: 32 };
/** "Flat": the whole file may take at most this many times the memory its first tenth takes. */
const FLAT_FACTOR = 1.5;

interface ImportRun {
  points: number;
  ms: number;
  peakRssMb: number;
  baseRssMb: number;
  liveHeapMb?: number;
  dbBytes: number;
}

/** Several imports of one file, each into a new database in a child process of its own. */
interface ImportRuns {
  label: string;
  points: number;
  pointsPerSecond: number[];
  peakRssMb: number[];
  /** Peak RSS above the child's RSS just before the import (modules loaded, database open). */
  importMb: number[];
  bytesPerPoint: number[];
}

async function importOnce(file: string, env: NodeJS.ProcessEnv, sampleHeap = false): Promise<ImportRun> {
  const db = join(mkdtempSync(join(tmpdir(), 'gridcell-bench-db-')), 'bench.db');
  const args = sampleHeap
    ? ['--expose-gc', '--import', 'tsx', join(__dirname, 'import-child.ts'), file, db]
    : [TSX, join(__dirname, 'import-child.ts'), file, db];
  const { stdout } = await run(process.execPath, args, { env, cwd: ROOT });
  return JSON.parse(stdout) as ImportRun;
}

/** The live-heap high-water mark of one import (a separate run: the sampling slows it down). */
async function liveHeapMb(file: string, times: number, env: NodeJS.ProcessEnv): Promise<number[]> {
  return repeat(times, async () => (await importOnce(file, env, true)).liveHeapMb ?? NaN);
}

async function importRuns(label: string, file: string, times: number, env: NodeJS.ProcessEnv): Promise<ImportRuns> {
  const results = await repeat(times, () => importOnce(file, env));
  return {
    label,
    points: results[0].points,
    pointsPerSecond: results.map((r) => r.points / (r.ms / 1000)),
    peakRssMb: results.map((r) => r.peakRssMb),
    importMb: results.map((r) => r.peakRssMb - r.baseRssMb),
    bytesPerPoint: results.map((r) => r.dbBytes / r.points),
  };
}

function importFigures(r: ImportRuns): Figure[] {
  return [
    measured(`import ${r.label}: file to commit`, 'points/s', r.pointsPerSecond, {
      budget: IMPORT_BUDGET,
      note: `${r.points.toLocaleString('en-US')} points`,
    }),
    measured(`import ${r.label}: peak RSS`, 'MB', r.peakRssMb, {
      note: `${median(r.importMb).toFixed(0)} MB above the process before the import`,
    }),
  ];
}

/**
 * Import speed, memory and storage: the CAISO all-APNodes day-ahead zip whole, its first half
 * and first tenth (memory should not grow with the file), and the JEPX fiscal-year CSV.
 */
export async function importBench(caisoZip: string, jepxCsv: string, times: number, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (!existsSync(caisoZip)) {
    figures.push(skipped('import CAISO DAM all APNodes', `fixture ${basename(caisoZip)} is absent`));
  } else {
    const tenth = await importRuns('CAISO DAM, first tenth', zipSlice(caisoZip, 0.1), times, env);
    const half = await importRuns('CAISO DAM, first half', zipSlice(caisoZip, 0.5), times, env);
    const whole = await importRuns('CAISO DAM, whole zip', caisoZip, times, env);
    for (const r of [tenth, half, whole]) figures.push(...importFigures(r));
    const growth = whole.importMb.map((mb, i) => mb / tenth.importMb[i]);
    const halfHeap = await liveHeapMb(zipSlice(caisoZip, 0.5), times, env);
    const wholeHeap = await liveHeapMb(caisoZip, times, env);
    figures.push(
      measured('import CAISO DAM, first half: live heap high-water', 'MB', halfHeap, {
        note: 'streamed in 1 MiB pieces; sampled after a forced GC every 50 ms, above the start',
      }),
      measured('import CAISO DAM, whole zip: live heap high-water', 'MB', wholeHeap, { note: 'streamed in 1 MiB pieces' }),
      measured(
        'import live heap, whole zip / first half',
        'x',
        wholeHeap.map((mb, i) => mb / halfHeap[i]),
        {
          budget: { kind: 'max', limit: FLAT_FACTOR },
          note: `both streamed; flat = under ${FLAT_FACTOR}x for 2x the rows`,
        },
      ),
    );
    figures.push(
      measured('import memory, whole zip / first tenth', 'x', growth, {
        budget: { kind: 'max', limit: FLAT_FACTOR },
        note: `flat = under ${FLAT_FACTOR}x for 10x the rows (memory above the process's own)`,
      }),
      measured('storage, CAISO DAM whole zip', 'bytes/point', whole.bytesPerPoint, {
        budget: STORAGE_BUDGET,
        note: 'database file after close / points',
      }),
    );
  }
  if (!existsSync(jepxCsv)) figures.push(skipped('import JEPX fiscal year', `fixture ${basename(jepxCsv)} is absent`));
  else figures.push(...importFigures(await importRuns('JEPX fiscal-year CSV', jepxCsv, times, env)));
  return figures;
}
