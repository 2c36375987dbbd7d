import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { childAnswer } from './child';
import { IMPORT_CHILD, RSS_AT_EXIT } from './compile';
import { duckdbMissing, duckdbOnce, type DuckdbRun } from './duckdb';
import { measured, skipped, type Budget, type Figure } from './figures';
import { caisoDays, caisoFiveMinute, inflatedCsv, utf8Csv } from './generate';
import { pandasOnce, pythonWithPandas, type PandasRun } from './pandas';
import { zipSlice } from './slices';
import { median, repeat } from './stats';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..');
/** tsx's CLI, for children that run TypeScript directly (the import children are compiled instead). */
export const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** `gridcell` as a user runs it: the compiled CLI, as `npm ci` and `npm start` build it, with its code cache. */
export const GRIDCELL = join(ROOT, 'bin/gridcell.js');

/** Issue 11's goals for an import. */
const GOALS = {
  /** Whole process, `gridcell import FILE` against `python3 bench/pandas_baseline.py FILE`: at most 0.5x. */
  pandasRatio: { kind: 'max', limit: 0.5, inclusive: true },
  /** In-process, file to commit: at least 400,000 points/s... */
  pointsPerSecond: { kind: 'min', limit: 400_000, inclusive: true },
  /** ...and 500,000 with parsing and writing overlapped. */
  overlappedPointsPerSecond: { kind: 'min', limit: 500_000, inclusive: true },
  /** Peak RSS of the whole-file import within 1.3x of its first tenth's. */
  flatMemory: { kind: 'max', limit: 1.3, inclusive: true },
  caisoPeakRssMb: { kind: 'max', limit: 150 },
  sixteenPeakRssMb: { kind: 'max', limit: 250 },
  /** At most 26 bytes/point on the CAISO file; the 16x file at the same or better. */
  bytesPerPoint: { kind: 'max', limit: 26, inclusive: true },
} satisfies Record<string, Budget>;

/** One `gridcell import FILE` as a user runs it: `node bin/gridcell.js import FILE`, a new database. */
interface CliRun {
  /** Spawn to exit. */
  ms: number;
  points: number;
  peakRssMb: number;
  /** The database file (and its WAL, if one is left) after the process exits. */
  dbBytes: number;
}

/** One in-process import (bench/import-child.ts, compiled): app.importFile timed alone. */
export interface ChildRun {
  points: number;
  ms: number;
  peakRssMb: number;
  baseRssMb: number;
  liveHeapMb?: number;
  dbBytes: number;
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gridcell-bench-${prefix}-`));
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

async function cliOnce(file: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const dir = tempDir('db');
  const db = join(dir, 'bench.db');
  const rssFile = join(dir, 'maxrss');
  try {
    const t0 = performance.now();
    const { stdout } = await run(process.execPath, ['-r', RSS_AT_EXIT, GRIDCELL, 'import', file], {
      env: { ...env, GRIDCELL_DB: db, BENCH_MAXRSS_FILE: rssFile },
      cwd: ROOT,
    });
    const ms = performance.now() - t0;
    const points = /, (\d+) points/.exec(stdout);
    if (!points) throw new Error(`gridcell import ${basename(file)} printed no point count: ${stdout}`);
    return {
      ms,
      points: Number(points[1]),
      peakRssMb: Number(readFileSync(rssFile, 'utf8')),
      dbBytes: fileBytes(db) + fileBytes(`${db}-wal`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One in-process import into a new SQLite file, or into `store` (a ClickHouse store URL) when given. */
export async function childOnce(file: string, env: NodeJS.ProcessEnv, sampleHeap = false, store?: string): Promise<ChildRun> {
  const dir = tempDir('db');
  try {
    const args = [...(sampleHeap ? ['--expose-gc'] : []), IMPORT_CHILD, file, store ?? join(dir, 'bench.db')];
    return (await childAnswer<ChildRun>(process.execPath, args, { env, cwd: ROOT })).answer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The peers that run in this bench, or why each does not. */
interface Peers {
  python?: string;
  pandasMissing?: string;
  duckdbMissing?: string;
}

/** What to measure on one file. */
interface Case {
  label: string;
  file: string;
  /** A bare CSV of the same rows for DuckDB (made outside the timing, as `made` says), or why DuckDB does not run on it. */
  duckdb: { csv: string; made: string } | { skip: string };
  peakRssBudget?: Budget;
  storageBudget?: Budget;
}

interface CaseRuns {
  cli: CliRun[];
  child: ChildRun[];
  pandas?: PandasRun[];
  duckdb?: DuckdbRun[];
}

const points = (n: number) => `${n.toLocaleString('en-US')} points`;

/** Each run measures gridcell (whole process, then in-process), then pandas, then DuckDB: interleaved, so drift hits all alike. */
async function caseRuns(c: Case, times: number, env: NodeJS.ProcessEnv, peers: Peers): Promise<CaseRuns> {
  const out: CaseRuns = {
    cli: [],
    child: [],
    pandas: peers.python ? [] : undefined,
    duckdb: 'csv' in c.duckdb && !peers.duckdbMissing ? [] : undefined,
  };
  for (let i = 0; i < times; i++) {
    out.cli.push(await cliOnce(c.file, env));
    out.child.push(await childOnce(c.file, env));
    if (out.pandas && peers.python) out.pandas.push(await pandasOnce(peers.python, c.file));
    if (out.duckdb && 'csv' in c.duckdb) out.duckdb.push(await duckdbOnce(c.duckdb.csv, env));
  }
  return out;
}

function caseFigures(c: Case, r: CaseRuns, peers: Peers): Figure[] {
  const n = r.cli[0].points;
  const cliMs = r.cli.map((x) => x.ms);
  const childMs = r.child.map((x) => x.ms);
  const figures: Figure[] = [
    measured(`import ${c.label}: gridcell import, whole process`, 'ms', cliMs, {
      note: `${points(n)}; node bin/gridcell.js import FILE, spawn to exit, new database`,
    }),
  ];
  if (r.pandas) {
    const pandasWall = r.pandas.map((x) => x.wallMs);
    figures.push(
      measured(`pandas baseline, ${c.label}: whole process`, 'ms', pandasWall, {
        note: `python3 bench/pandas_baseline.py FILE, spawn to exit; ${r.pandas[0].rows.toLocaleString('en-US')} rows`,
      }),
      measured(
        `import ${c.label}: whole process / pandas whole process`,
        'x',
        cliMs.map((ms, i) => ms / pandasWall[i]),
        { budget: GOALS.pandasRatio, note: 'gridcell time / pandas time, run by run' },
      ),
    );
  } else {
    figures.push(skipped(`import ${c.label}: whole process / pandas whole process`, peers.pandasMissing ?? 'pandas did not run'));
  }
  const perSecond = r.child.map((x) => x.points / (x.ms / 1000));
  figures.push(
    measured(`import ${c.label}: in-process, file to commit`, 'points/s', perSecond, {
      budget: GOALS.pointsPerSecond,
      note: 'app.importFile in a compiled child (build/bench/import-child.js)',
    }),
    measured(`import ${c.label}: in-process, goal with parsing and writing overlapped`, 'points/s', perSecond, {
      budget: GOALS.overlappedPointsPerSecond,
      note: 'the same runs against the overlapped goal (the bench cannot tell whether they overlap)',
    }),
  );
  if (r.pandas) {
    const pandasMs = r.pandas.map((x) => x.seconds * 1000);
    figures.push(
      measured(
        `pandas baseline, ${c.label}: in-process`,
        'rows/s',
        r.pandas.map((x) => x.rows_per_s),
        { note: `read + to_datetime + reshape, in memory, nothing stored; ${points(r.pandas[0].points)} in the frame` },
      ),
      measured(
        `import ${c.label}: in-process / pandas in-process`,
        'x',
        childMs.map((ms, i) => ms / pandasMs[i]),
        { note: 'gridcell time / pandas time, run by run' },
      ),
    );
  }
  if (r.duckdb && 'made' in c.duckdb) {
    const made = c.duckdb.made;
    const duckMs = r.duckdb.map((x) => x.ms);
    const duckWall = r.duckdb.map((x) => x.wallMs);
    figures.push(
      measured(
        `DuckDB, ${c.label}: in-process`,
        'rows/s',
        r.duckdb.map((x) => x.rows / (x.ms / 1000)),
        {
          note: `threads=1, INSERT INTO a keyed table SELECT FROM read_csv of a bare CSV (${made}); ${r.duckdb[0].rows.toLocaleString('en-US')} rows`,
        },
      ),
      measured(`DuckDB, ${c.label}: whole process`, 'ms', duckWall, { note: 'node + @duckdb/node-api: load, create, insert, close' }),
      measured(
        `import ${c.label}: in-process / DuckDB in-process`,
        'x',
        childMs.map((ms, i) => ms / duckMs[i]),
        { note: `gridcell time / DuckDB time, run by run; DuckDB read ${made}` },
      ),
      measured(
        `import ${c.label}: whole process / DuckDB whole process`,
        'x',
        cliMs.map((ms, i) => ms / duckWall[i]),
        { note: 'gridcell time / DuckDB time, run by run' },
      ),
    );
  } else {
    figures.push(skipped(`DuckDB, ${c.label}`, 'skip' in c.duckdb ? c.duckdb.skip : (peers.duckdbMissing ?? 'DuckDB did not run')));
  }
  if (r.pandas)
    figures.push(
      measured(
        `pandas baseline, ${c.label}: peak RSS`,
        'MB',
        r.pandas.map((x) => x.peak_rss_mb),
        { note: 'information' },
      ),
    );
  if (r.duckdb)
    figures.push(
      measured(
        `DuckDB, ${c.label}: peak RSS`,
        'MB',
        r.duckdb.map((x) => x.peakRssMb),
        { note: 'information' },
      ),
    );
  figures.push(
    measured(
      `import ${c.label}: peak RSS, whole process`,
      'MB',
      r.cli.map((x) => x.peakRssMb),
      {
        budget: c.peakRssBudget,
        note: `gridcell import; in-process child ${median(r.child.map((x) => x.peakRssMb - x.baseRssMb)).toFixed(0)} MB above its RSS before the import`,
      },
    ),
    measured(
      `storage, ${c.label}`,
      'bytes/point',
      r.cli.map((x) => x.dbBytes / x.points),
      { budget: c.storageBudget, note: 'database file after gridcell import exits / points' },
    ),
  );
  return figures;
}

/**
 * Import speed, memory and storage, gridcell against its peers measured in the same run (issue
 * 11): the CAISO all-APNodes day-ahead zip (and its first tenth and half, for how memory grows),
 * the JEPX fiscal-year CSV, a generated 5-minute nodal file (CAISO PRC_INTVL_LMP layout) and the
 * CAISO zip repeated over 16 days (2.6 million points).
 */
export async function importBench(
  caisoZip: string,
  jepxCsv: string,
  times: number,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const python = await pythonWithPandas();
  const peers: Peers = {
    python,
    pandasMissing: python ? undefined : 'pandas not installed (apt-get install python3-pandas)',
    duckdbMissing: await duckdbMissing(),
  };
  if (!python) log('pandas baseline: skipped (pandas not installed)');
  if (peers.duckdbMissing) log(`DuckDB peer: skipped (${peers.duckdbMissing})`);

  if (!existsSync(caisoZip)) {
    figures.push(skipped('import CAISO DAM all APNodes', `fixture ${basename(caisoZip)} is absent`));
  } else {
    log('bench: generating the 5-minute and 16-day files and the bare CSV for DuckDB (once; kept in the temp folder) ...');
    const caisoCsv = inflatedCsv(caisoZip);
    const fiveMinute = caisoFiveMinute(caisoZip);
    const fiveMinuteCsv = inflatedCsv(fiveMinute);
    const sixteen = caisoDays(caisoZip, 16);

    const caiso: Case = {
      label: 'CAISO DAM zip',
      file: caisoZip,
      duckdb: { csv: caisoCsv, made: 'the CSV member, inflated before, untimed' },
      peakRssBudget: GOALS.caisoPeakRssMb,
      storageBudget: GOALS.bytesPerPoint,
    };
    const caisoRuns = await caseRuns(caiso, times, env, peers);
    figures.push(...caseFigures(caiso, caisoRuns, peers));

    // Memory: the whole zip against its first tenth (header and first tenth of the CSV's rows), whole processes.
    const tenthFile = zipSlice(caisoZip, 0.1);
    const tenthCli = await repeat(times, () => cliOnce(tenthFile, env));
    const tenthChild = await repeat(times, () => childOnce(tenthFile, env));
    const wholeRss = caisoRuns.cli.map((x) => x.peakRssMb);
    figures.push(
      measured(
        'import CAISO DAM first tenth: peak RSS, whole process',
        'MB',
        tenthCli.map((x) => x.peakRssMb),
        { note: `${points(tenthCli[0].points)}; gridcell import of the header and first tenth of the rows` },
      ),
      measured(
        'import memory, CAISO DAM whole zip / first tenth',
        'x',
        wholeRss.map((mb, i) => mb / tenthCli[i].peakRssMb),
        { budget: GOALS.flatMemory, note: 'peak RSS of gridcell import, whole process; 10x the rows' },
      ),
      measured(
        'import memory above the process, whole zip / first tenth',
        'x',
        caisoRuns.child.map((x, i) => (x.peakRssMb - x.baseRssMb) / (tenthChild[i].peakRssMb - tenthChild[i].baseRssMb)),
        { note: 'in-process child: peak RSS above its RSS before the import (modules loaded, database open); information' },
      ),
    );
    rmSync(tenthFile, { force: true });

    // What the import holds, without the garbage peak RSS also counts (sampling slows it: separate runs).
    const halfFile = zipSlice(caisoZip, 0.5);
    const halfHeap = await repeat(times, async () => (await childOnce(halfFile, env, true)).liveHeapMb ?? NaN);
    const wholeHeap = await repeat(times, async () => (await childOnce(caisoZip, env, true)).liveHeapMb ?? NaN);
    rmSync(halfFile, { force: true });
    figures.push(
      measured('import CAISO DAM whole zip: live heap high-water', 'MB', wholeHeap, {
        note: 'sampled after a forced GC every 50 ms, above the start; information',
      }),
      measured(
        'import live heap, whole zip / first half',
        'x',
        wholeHeap.map((mb, i) => mb / halfHeap[i]),
        { note: `first half ${median(halfHeap).toFixed(1)} MB; information` },
      ),
    );

    const fiveMinuteCase: Case = {
      label: 'CAISO 5-minute nodal (generated)',
      file: fiveMinute,
      duckdb: { csv: fiveMinuteCsv, made: 'the CSV member, inflated before, untimed' },
    };
    figures.push(...caseFigures(fiveMinuteCase, await caseRuns(fiveMinuteCase, times, env, peers), peers));

    // 16x: memory and storage as the file grows; whole processes only.
    const sixteenRuns = await repeat(times, () => cliOnce(sixteen, env));
    const caisoBytes = median(caisoRuns.cli.map((x) => x.dbBytes / x.points));
    figures.push(
      measured(
        'import CAISO DAM x16 days (generated): gridcell import, whole process',
        'ms',
        sixteenRuns.map((x) => x.ms),
        {
          note: `${points(sixteenRuns[0].points)}; ${(median(sixteenRuns.map((x) => x.points / x.ms)) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} points/s whole process`,
        },
      ),
      measured(
        'import CAISO DAM x16 days (generated): peak RSS, whole process',
        'MB',
        sixteenRuns.map((x) => x.peakRssMb),
        { budget: GOALS.sixteenPeakRssMb },
      ),
      measured(
        'storage, CAISO DAM x16 days (generated)',
        'bytes/point',
        sixteenRuns.map((x) => x.dbBytes / x.points),
        {
          budget: { kind: 'max', limit: Math.min(GOALS.bytesPerPoint.limit, caisoBytes), inclusive: true },
          note: `at most the CAISO zip's ${caisoBytes.toFixed(1)} (this run) and 26`,
        },
      ),
    );
  }

  if (!existsSync(jepxCsv)) {
    figures.push(skipped('import JEPX fiscal year', `fixture ${basename(jepxCsv)} is absent`));
  } else {
    const jepx: Case = {
      label: 'JEPX fiscal-year CSV',
      file: jepxCsv,
      duckdb: { csv: utf8Csv(jepxCsv), made: 'a UTF-8 copy, made before, untimed' },
    };
    figures.push(...caseFigures(jepx, await caseRuns(jepx, times, env, peers), peers));
  }
  return figures;
}
