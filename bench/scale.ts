/**
 * `npm run bench -- --scale`: issue 11's scale goal. Databases of about 1, 10 and 100 million
 * points (MISO five-minute real-time LMP for a year of 10, 96 and 952 generated nodes, plus a
 * year of hourly day-ahead LMP for four hubs), each written day by day through the write path
 * (`SeriesWriter`: open, add a node at a time, commit with coverage), then read by new processes
 * (bench/scale-child.ts) through the app's read path:
 *
 * - a single-value lookup cold: the first query after `createApp` opened the database, in a new
 *   process, with the database file evicted from the OS page cache first (posix_fadvise through
 *   `dd iflag=nocache`: only that file, so other work keeps its cache) and with it cached;
 * - single-value lookups warm (more, at new locations and days, in the same process);
 * - a year of hourly points: a hub's stored day-ahead year (8,760 points) in rows and columns,
 *   and a node's five-minute year averaged to hours by the API (`interval=hour`).
 *
 * Sizes: GRIDCELL_SCALE_POINTS sets the largest (default 100,000,000); the others are a tenth and
 * a hundredth of it. GRIDCELL_SCALE_DIR keeps the databases there and reuses those already built
 * (else they are built under the OS temp folder and deleted at the end, unless
 * GRIDCELL_SCALE_KEEP=1). GRIDCELL_SCALE_RUNS: new processes per measurement (default 7).
 *
 * With clickhouse-server installed, the same data set (GRIDCELL_SCALE_CLICKHOUSE_POINTS, default
 * the largest size) is also written through SeriesWriter into one ClickHouse server and into a
 * two-shard cluster, whose data folders live in the scale folder beside the SQLite files (reused
 * alike), and the desk's question, the monthly on-peak mean of every node (one `blockMeans`), is
 * timed on both and on SQLite. Writing into ClickHouse is slow (about 50,000 points/s on 2 cores):
 * 100 million points take over half an hour per store.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { ParsedPoint } from '../backend/domain';
import { connectors } from '../backend/connectors/registry';
import { SeriesWriter } from '../backend/series/write-path';
import type { SeriesStore } from '../backend/store/series-store';
import { SqliteSeriesStore } from '../backend/store/sqlite/sqlite-store';
import { dayBounds, daysBetween } from '../backend/time/clock';
import { createApp } from '../backend/app/create-app';
import { ClickHouseSeriesStore } from '../backend/store/clickhouse';
import { clickhouseQuery, clickhouseServerPath } from '../test/support/clickhouse';
import { childAnswer } from './child';
import { CLICKHOUSE_MISSING, optimizedBytes, startTargets } from './clickhouse';
import { measured, skipped, type Budget, type Figure } from './figures';
import {
  evictFromPageCache,
  HOUR_MS,
  HUB_RUN,
  HUBS,
  hubSeries,
  MARKET,
  NODE_RUN,
  nodeName,
  price,
  STEP_MS,
  YEAR,
  type ChildResult,
  type ChildSpec,
  type Lookup,
} from './scale-child';
import { median } from './stats';

const ROOT = join(__dirname, '..');
/** The child bundled like build/cli.js (under build/, so that node_modules resolve): no tsx in its start. */
const CHILD = join(ROOT, 'build/bench/scale-child.js');
const SOURCE = 'bench:scale';
const DAYS = daysBetween(`${YEAR}-01-01`, `${YEAR}-12-31`);
const NODE_POINTS_PER_YEAR = DAYS.length * (86_400_000 / STEP_MS);
const HUB_POINTS = HUBS.length * DAYS.length * 24;
/** The goal holds from this many points on: below it the figures carry no budget. */
const GOAL_POINTS = 100_000_000;
const COLD_LOOKUP: Budget = { kind: 'max', limit: 5 };
const HOURLY_YEAR: Budget = { kind: 'max', limit: 15 };
const WARM_LOOKUPS = 20;
const YEAR_REPEATS = 5;

interface Size {
  nodes: number;
  /** Every point stored: the nodes' five-minute years and the hubs' hourly ones. */
  points: number;
  label: string;
}

interface Built {
  dbPath: string;
  bytes: number;
  /** Seconds of the build (generation and write path). */
  seconds: number;
  /** Of which in the write path's add and commit. */
  writeSeconds: number;
  /** A kept database (GRIDCELL_SCALE_DIR) reused: its build figures are those of when it was built. */
  reused?: boolean;
}

interface Measured {
  size: Size;
  built: Built;
  warmOs: ChildResult[];
  dropped: ChildResult[];
  /** Why there is no series with the database evicted from the page cache, when there is none. */
  noDrop?: string;
  /** The machine's one-minute load average as each process started. */
  loads: number[];
}

function millions(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e8 ? 1 : 2)}M` : `${(n / 1e3).toFixed(0)}k`;
}

/** A point count from the environment (else `fallback`). */
function pointsOf(name: string, fallback: number): number {
  const points = Number(process.env[name] || fallback);
  if (!Number.isFinite(points) || points < 1) throw new Error(`${name}=${process.env[name]} is not a count`);
  return points;
}

/** The data set of about `target` points: that many nodes' five-minute years, and the hubs. */
function sizeOf(target: number): Size {
  const nodes = Math.max(1, Math.ceil(target / NODE_POINTS_PER_YEAR));
  const points = nodes * NODE_POINTS_PER_YEAR + HUB_POINTS;
  return { nodes, points, label: `${millions(points)} points` };
}

function sizes(): Size[] {
  const largest = pointsOf('GRIDCELL_SCALE_POINTS', GOAL_POINTS);
  const all = [largest / 100, largest / 10, largest].map(sizeOf);
  return all.filter((s, i) => all.findIndex((o) => o.nodes === s.nodes) === i);
}

/** A small deterministic generator (mulberry32) for the places and instants asked. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bytesOf(dbPath: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) if (existsSync(dbPath + suffix)) bytes += statSync(dbPath + suffix).size;
  return bytes;
}

/**
 * A year of MISO five-minute LMP for `nodes` nodes and of hourly day-ahead LMP for the hubs,
 * one write per market day holding every series' day (so every day's coverage is whole and
 * final, and the offline read path answers from the cache).
 */
async function build(
  store: SeriesStore,
  size: Size,
  label: string,
  log: (line: string) => void,
): Promise<Pick<Built, 'seconds' | 'writeSeconds'>> {
  const market = connectors.find((c) => c.market.id === MARKET)!.market;
  const names = Array.from({ length: size.nodes }, (_, i) => nodeName(i));
  const writer = new SeriesWriter(store, Date.now);
  const t0 = performance.now();
  let writeMs = 0;
  let written = 0;
  let lastLog = t0;
  for (const [d, day] of DAYS.entries()) {
    const { start, end } = dayBounds(day, market.clock);
    const intervals = (end - start) / STEP_MS;
    const w0 = performance.now();
    const open = await writer.open(market, { source: SOURCE });
    writeMs += performance.now() - w0;
    try {
      for (let n = 0; n < size.nodes; n++) {
        const points: ParsedPoint[] = new Array(intervals);
        for (let i = 0; i < intervals; i++) {
          const s = start + i * STEP_MS;
          points[i] = { location: names[n], run: NODE_RUN, product: 'LMP', start: s, end: s + STEP_MS, value: price(n, s) };
        }
        const a0 = performance.now();
        await open.add({ points });
        writeMs += performance.now() - a0;
      }
      const hubPoints: ParsedPoint[] = [];
      for (const [h, location] of HUBS.entries())
        for (let s = start; s < end; s += HOUR_MS)
          hubPoints.push({ location, run: HUB_RUN, product: 'LMP', start: s, end: s + HOUR_MS, value: price(hubSeries(h), s) });
      const c0 = performance.now();
      await open.add({ points: hubPoints });
      const summary = await open.commit();
      writeMs += performance.now() - c0;
      written += summary.points;
    } catch (e) {
      await open.abort();
      throw e;
    }
    const now = performance.now();
    if (now - lastLog > 30_000 || d === DAYS.length - 1) {
      lastLog = now;
      const rate = written / ((now - t0) / 1000);
      const eta = (size.points - written) / rate;
      log(
        `scale ${label}: ${day} written, ${millions(written)} points, ${Math.round(rate).toLocaleString('en-US')} points/s` +
          (eta > 1 ? `, about ${Math.ceil(eta / 60)} min to go` : ''),
      );
    }
  }
  if (written !== size.points) throw new Error(`the write path stored ${written} points, not ${size.points}`);
  return { seconds: (performance.now() - t0) / 1000, writeSeconds: writeMs / 1000 };
}

/** The SQLite database of `size`, built through the write path. */
async function buildSqlite(dbPath: string, size: Size, log: (line: string) => void): Promise<Built> {
  const store = new SqliteSeriesStore(dbPath);
  let timing: Pick<Built, 'seconds' | 'writeSeconds'>;
  try {
    timing = await build(store, size, size.label, log);
  } finally {
    await store.close(); // the last connection to close folds the WAL into the file
  }
  return { dbPath, bytes: bytesOf(dbPath), ...timing };
}

/** Reads the whole file, so that the OS holds its pages. */
function warmFile(path: string): void {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(16 << 20);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/** How much of a file the OS holds in its page cache (fincore, util-linux), when it can say. */
function residentMb(path: string): number | undefined {
  try {
    const bytes = Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', path], { encoding: 'utf8' }).trim());
    return Number.isFinite(bytes) ? bytes / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** The environment of a child: no API keys, no gridcell settings of the user's, its own home. */
function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/_(API_KEY|USERNAME|PASSWORD|SUBSCRIPTION_KEY)$/.test(k) || k.startsWith('GRIDCELL_')) continue;
    env[k] = v;
  }
  return { ...env, GRIDCELL_HOME: home };
}

async function child(spec: ChildSpec, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return (await childAnswer<ChildResult>(process.execPath, [CHILD, JSON.stringify(spec)], { env, cwd: ROOT })).answer;
}

/** A node and an instant of the year, any minute of it. */
function lookupOf(next: () => number, size: Size): Lookup {
  const from = dayBounds(DAYS[0], connectors.find((c) => c.market.id === MARKET)!.market.clock).start;
  const minutes = DAYS.length * 1440;
  return { node: Math.floor(next() * size.nodes), at: from + Math.floor(next() * minutes) * 60_000 };
}

/**
 * New processes on every database, the sizes taken in turn (one process on each, then the next
 * round), so that a machine whose load drifts weighs on every size alike: first with the
 * databases in the OS page cache, then with each evicted before its process starts.
 */
async function measure(
  builds: { size: Size; built: Built }[],
  runs: number,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<Measured[]> {
  const all: Measured[] = builds.map(({ size, built }) => ({ size, built, warmOs: [], dropped: [], loads: [] }));
  const nexts = builds.map(({ size }) => random(size.nodes * 7919 + 17));
  const spec = (m: Measured, next: () => number, i: number, warm: boolean): ChildSpec => ({
    dbPath: m.built.dbPath,
    cold: lookupOf(next, m.size),
    warm: warm ? Array.from({ length: WARM_LOOKUPS }, () => lookupOf(next, m.size)) : [],
    hub: i % HUBS.length,
    yearRepeats: warm ? YEAR_REPEATS : 0,
    aggregateNode: warm ? Math.floor(next() * m.size.nodes) : undefined,
    reopen: lookupOf(next, m.size),
    dropCache: !warm,
  });

  for (const m of all) warmFile(m.built.dbPath);
  for (let i = 0; i < runs; i++)
    for (const [k, m] of all.entries()) {
      m.loads.push(loadavg()[0]);
      m.warmOs.push(await child(spec(m, nexts[k], i, true), env));
    }
  for (const m of all)
    log(
      `scale ${m.size.label}: cold process, database in the OS cache: lookup ${median(m.warmOs.map((r) => r.coldMs)).toFixed(2)} ms, ` +
        `warm lookups ${median(m.warmOs.flatMap((r) => r.warmMs)).toFixed(2)} ms, hourly year ${median(m.warmOs.flatMap((r) => r.yearRowsMs)).toFixed(1)} ms` +
        ` (load average ${median(m.loads).toFixed(1)})`,
    );

  let noDrop: string | undefined;
  for (let i = 0; i < runs && !noDrop; i++)
    for (const [k, m] of all.entries()) {
      const before = residentMb(m.built.dbPath);
      noDrop = evictFromPageCache(m.built.dbPath);
      if (noDrop) break;
      const after = residentMb(m.built.dbPath);
      if (i === 0 && before !== undefined && after !== undefined)
        log(
          `scale ${m.size.label}: database evicted from the page cache (${before.toFixed(0)} MB of it cached before, ${after.toFixed(1)} MB after)`,
        );
      m.loads.push(loadavg()[0]);
      m.dropped.push(await child(spec(m, nexts[k], i, false), env));
    }
  if (noDrop) {
    log(`scale: a database could not be evicted from the OS page cache (${noDrop}): cold means a new process on a warm OS cache`);
    for (const m of all) {
      m.dropped = [];
      m.noDrop = noDrop;
    }
  } else
    for (const m of all)
      log(
        `scale ${m.size.label}: cold process, database not in the OS cache: lookup ${median(m.dropped.map((r) => r.coldMs)).toFixed(2)} ms`,
      );
  return all;
}

function figuresOf(m: Measured): Figure[] {
  const { size, built, warmOs, dropped } = m;
  const atGoal = size.points >= GOAL_POINTS;
  const goal = (budget: Budget) => (atGoal ? { budget } : {});
  const name = (what: string) => `scale ${size.label}: ${what}`;
  const shape = `MISO ${NODE_RUN} LMP, ${size.nodes.toLocaleString('en-US')} nodes x ${YEAR} at 5 min + ${HUBS.length} hubs ${HUB_RUN} hourly`;
  const out: Figure[] = [
    measured(name('database size'), 'MB', [built.bytes / 1e6], {
      note: `${built.bytes.toLocaleString('en-US')} bytes after close; ${size.points.toLocaleString('en-US')} points: ${shape}`,
    }),
    measured(name('storage'), 'bytes/point', [built.bytes / size.points]),
  ];
  out.push(
    measured(name('build through SeriesWriter'), 'points/s', [size.points / built.seconds], {
      note:
        `${built.seconds.toFixed(0)} s, ${built.writeSeconds.toFixed(0)} s of it in add and commit; ${DAYS.length} commits of a day of every series` +
        (built.reused ? '; a kept database reused, figures of its build' : ''),
    }),
  );
  const procs = `median of ${warmOs.length} new processes (node, the child bundled by esbuild)`;
  out.push(
    measured(
      name('process open (createApp)'),
      'ms',
      warmOs.map((r) => r.openMs),
      {
        note: `${procs}; modules loaded ${median(warmOs.map((r) => r.uptimeAtOpenMs - r.openMs)).toFixed(0)} ms before; load average ${median(m.loads).toFixed(1)} on ${cpus().length} CPUs as they started`,
      },
    ),
  );
  if (dropped.length)
    out.push(
      measured(
        name('single-value lookup, cold: first query after open, database not in the OS cache'),
        'ms',
        dropped.map((r) => r.coldMs),
        {
          ...goal(COLD_LOOKUP),
          note: `/value handler + JSON; new process, the database file evicted from the page cache before it started (its code's files stay cached); open took ${median(dropped.map((r) => r.openMs)).toFixed(0)} ms`,
        },
      ),
    );
  else out.push(skipped(name('single-value lookup, cold, database not in the OS cache'), m.noDrop ?? 'not measured'));
  out.push(
    measured(
      name('single-value lookup, cold: first query after open, database in the OS cache'),
      'ms',
      warmOs.map((r) => r.coldMs),
      {
        ...goal(COLD_LOOKUP),
        note: `/value handler + JSON; ${procs}, database file read through first`,
      },
    ),
  );
  const reopened = dropped.filter((r) => r.reopenDropped);
  if (reopened.length)
    out.push(
      measured(
        name('single-value lookup, first query after re-open in a warm process, database not in the OS cache'),
        'ms',
        reopened.map((r) => r.reopenMs!),
        {
          note: 'the same process closed its app, evicted the database from the page cache and opened a new app: the database part of a cold query',
        },
      ),
    );
  out.push(
    measured(
      name('single-value lookup, first query after re-open in a warm process, database in the OS cache'),
      'ms',
      warmOs.map((r) => r.reopenMs!),
      {
        note: 'new app (new SQLite connection, empty caches) in a process that has answered before',
      },
    ),
    measured(
      name('single-value lookup, warm'),
      'ms',
      warmOs.flatMap((r) => r.warmMs),
      {
        note: `${WARM_LOOKUPS} more per process, each a new node and day (read from SQLite, not the app's day cache)`,
      },
    ),
    measured(
      name('a year of hourly points (stored hourly, /series rows)'),
      'ms',
      warmOs.flatMap((r) => r.yearRowsMs),
      {
        ...goal(HOURLY_YEAR),
        note: `a hub's ${HUB_RUN} year, 8,760 points, handler + JSON; ${YEAR_REPEATS} repeats in each process after its first read`,
      },
    ),
    measured(
      name('a year of hourly points (stored hourly, /columns)'),
      'ms',
      warmOs.flatMap((r) => r.yearColumnsMs),
      {
        ...goal(HOURLY_YEAR),
      },
    ),
    measured(
      name('a year of hourly points, first read in the process, database in the OS cache'),
      'ms',
      warmOs.map((r) => r.yearFirstMs!),
      {
        note: 'after the lookups; /series rows',
      },
    ),
  );
  if (dropped.length)
    out.push(
      measured(
        name('a year of hourly points, first read, database not in the OS cache'),
        'ms',
        dropped.map((r) => r.yearFirstMs!),
        {
          note: 'right after the cold lookup in the same new process; /series rows',
        },
      ),
    );
  out.push(
    measured(
      name('a five-minute year averaged to hourly (interval=hour)'),
      'ms',
      warmOs.flatMap((r) => r.aggregateMs),
      {
        note: `a node's 105,120 points read, 8,760 answered; first read in a process ${median(warmOs.map((r) => r.aggregateFirstMs!)).toFixed(1)} ms`,
      },
    ),
  );
  return out;
}

/** How the lookups grow from the smallest database to the largest: largest / smallest. */
function growth(all: Measured[]): Figure[] {
  if (all.length < 2) return [];
  const [small, large] = [all[0], all[all.length - 1]];
  const span = `${small.size.label} -> ${large.size.label}`;
  const ratio = (f: (m: Measured) => number[]) => median(f(large)) / median(f(small));
  const out: Figure[] = [];
  const reopened = (m: Measured) => m.dropped.filter((r) => r.reopenDropped).map((r) => r.reopenMs!);
  if (reopened(small).length && reopened(large).length)
    out.push(
      measured(
        `scale: first query after re-open (database not in the OS cache), ${span}`,
        'x',
        [median(reopened(large)) / median(reopened(small))],
        {
          note: all.map((m) => `${m.size.label}: ${median(reopened(m)).toFixed(2)} ms`).join(', '),
        },
      ),
    );
  out.push(
    measured(
      `scale: first query after re-open (database in the OS cache), ${span}`,
      'x',
      [ratio((m) => m.warmOs.map((r) => r.reopenMs!))],
      { note: all.map((m) => `${m.size.label}: ${median(m.warmOs.map((r) => r.reopenMs!)).toFixed(2)} ms`).join(', ') },
    ),
  );
  if (small.dropped.length && large.dropped.length)
    out.push(
      measured(`scale: cold lookup (database not in the OS cache), ${span}`, 'x', [ratio((m) => m.dropped.map((r) => r.coldMs))], {
        note: all.map((m) => `${m.size.label}: ${median(m.dropped.map((r) => r.coldMs)).toFixed(2)} ms`).join(', '),
      }),
    );
  out.push(
    measured(`scale: cold lookup (database in the OS cache), ${span}`, 'x', [ratio((m) => m.warmOs.map((r) => r.coldMs))], {
      note: all.map((m) => `${m.size.label}: ${median(m.warmOs.map((r) => r.coldMs)).toFixed(2)} ms`).join(', '),
    }),
    measured(`scale: warm lookup, ${span}`, 'x', [ratio((m) => m.warmOs.flatMap((r) => r.warmMs))], {
      note: all.map((m) => `${m.size.label}: ${median(m.warmOs.flatMap((r) => r.warmMs)).toFixed(3)} ms`).join(', '),
    }),
    measured(`scale: hourly year, ${span}`, 'x', [ratio((m) => m.warmOs.flatMap((r) => r.yearRowsMs))], {
      note: all.map((m) => `${m.size.label}: ${median(m.warmOs.flatMap((r) => r.yearRowsMs)).toFixed(1)} ms`).join(', '),
    }),
  );
  return out;
}

/** The desk question: the monthly on-peak mean of every node, July, in one `blockMeans`. */
const BLOCK_MEANS = { run: NODE_RUN, product: 'LMP', start: `${YEAR}-07-01`, end: `${YEAR}-07-31`, block: 'ONPEAK' };
const BLOCK_MEANS_RUNS = 5;
const CLICKHOUSE_DB = 'scale';

/** A store the desk question is asked of, in this process. */
interface DeskStore {
  label: string;
  config: { dbPath: string } | { storeUrl: string };
  size: Size;
}

/**
 * The desk question on each store, in-process through `app.blockMeans` (what GET
 * /markets/MISO/block-means runs): a first call per store, then rounds of one call on each store
 * in turn, so that the machine's drift weighs on all alike.
 */
async function blockMeansRuns(stores: DeskStore[], env: NodeJS.ProcessEnv): Promise<{ first: number; runs: number[] }[]> {
  const apps = stores.map((s) => createApp({ env, config: { ...s.config, offline: true } }));
  try {
    const ask = async (k: number) => {
      const t0 = performance.now();
      const answer = await apps[k].blockMeans(apps[k].requests.blockMeans(MARKET, BLOCK_MEANS));
      const ms = performance.now() - t0;
      if (answer.rows.length !== stores[k].size.nodes)
        throw new Error(`${stores[k].label}: block means answered ${answer.rows.length} rows, not ${stores[k].size.nodes}`);
      return ms;
    };
    const out = [];
    for (const k of stores.keys()) out.push({ first: await ask(k), runs: [] as number[] });
    for (let i = 0; i < BLOCK_MEANS_RUNS; i++) for (const k of stores.keys()) out[k].runs.push(await ask(k));
    return out;
  } finally {
    await Promise.all(apps.map((app) => app.close()));
  }
}

/**
 * ClickHouse at scale: the five-minute data set (GRIDCELL_SCALE_CLICKHOUSE_POINTS, default the
 * largest SQLite size) written through SeriesWriter into one server and into a two-shard cluster
 * (their data kept under the scale folder with the SQLite files, and reused like them), then the
 * desk question on both and on the SQLite databases of the same size and the largest.
 */
async function clickhouseScale(
  dir: string,
  builds: { size: Size; built: Built }[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<Figure[]> {
  if (!clickhouseServerPath()) return [skipped('scale on ClickHouse', CLICKHOUSE_MISSING)];
  const largest = builds[builds.length - 1].size;
  const size = process.env.GRIDCELL_SCALE_CLICKHOUSE_POINTS ? sizeOf(pointsOf('GRIDCELL_SCALE_CLICKHOUSE_POINTS', 0)) : largest;
  const { targets, stop } = await startTargets((servers) => join(dir, `clickhouse-${servers}`));
  const figures: Figure[] = [];
  try {
    const stores: DeskStore[] = [];
    // GRIDCELL_SCALE_CLICKHOUSE_SERVERS=1 builds and asks only the one server (2: only the cluster).
    const wanted = (process.env.GRIDCELL_SCALE_CLICKHOUSE_SERVERS || '1,2').split(',').map(Number);
    for (const [k, t] of targets.entries()) {
      if (!wanted.includes(t.cluster.servers.length)) continue;
      const label = `${t.label}, ${size.label}`;
      const metaPath = join(dir, `clickhouse-${k + 1}.json`);
      const kept = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Built & { nodes: number }) : undefined;
      let built: Pick<Built, 'seconds' | 'writeSeconds' | 'reused'>;
      if (kept?.nodes === size.nodes) {
        built = { ...kept, reused: true };
        log(`scale ${label}: reusing the data in ${dir}/clickhouse-${k + 1}`);
      } else {
        for (const server of t.cluster.servers) await clickhouseQuery(server, `DROP DATABASE IF EXISTS ${CLICKHOUSE_DB}`);
        log(`scale ${label}: building (${size.nodes} nodes x ${DAYS.length} days at 5 min + ${HUBS.length} hourly hubs)`);
        const store = await ClickHouseSeriesStore.open(t.url(CLICKHOUSE_DB));
        try {
          built = await build(store, size, label, log);
        } finally {
          await store.close();
        }
        writeFileSync(metaPath, JSON.stringify({ ...built, nodes: size.nodes, points: size.points }) + '\n');
      }
      const bytes = await optimizedBytes(t, CLICKHOUSE_DB, env);
      log(`scale ${label}: ${(bytes / 1e6).toFixed(0)} MB after OPTIMIZE FINAL, ${(bytes / size.points).toFixed(1)} bytes/point`);
      figures.push(
        measured(`scale ${label}: build through SeriesWriter`, 'points/s', [size.points / built.seconds], {
          note:
            `${built.seconds.toFixed(0)} s, ${built.writeSeconds.toFixed(0)} s of it in add and commit; ${DAYS.length} commits` +
            (built.reused ? '; a kept store reused, figures of its build' : ''),
        }),
        measured(`scale ${label}: storage`, 'bytes/point', [bytes / size.points], {
          note: `${bytes.toLocaleString('en-US')} bytes: health database.bytes after OPTIMIZE TABLE points FINAL on every shard`,
        }),
      );
      stores.push({ label: t.label, config: { storeUrl: t.url(CLICKHOUSE_DB) }, size });
    }
    for (const b of builds.filter((b) => b.size.nodes === size.nodes || b === builds[builds.length - 1]))
      stores.push({ label: 'SQLite', config: { dbPath: b.built.dbPath }, size: b.size });
    log(`scale: the monthly on-peak mean of every node on ${stores.map((s) => `${s.label} ${s.size.label}`).join(', ')} ...`);
    const times = await blockMeansRuns(stores, env);
    const name = (s: DeskStore) => `scale ${s.label}, ${s.size.label}: monthly on-peak mean of every node`;
    for (const [k, s] of stores.entries())
      figures.push(
        measured(name(s), 'ms', times[k].runs, {
          note: `one app.blockMeans (MISO ${NODE_RUN} LMP, ONPEAK, ${BLOCK_MEANS.start}..${BLOCK_MEANS.end}): ${s.size.nodes.toLocaleString('en-US')} rows; first call ${times[k].first.toFixed(0)} ms`,
        }),
      );
    const ms = (s: DeskStore | undefined) => (s ? median(times[stores.indexOf(s)].runs) : NaN);
    const [one, two] = targets.map((t) => stores.find((s) => s.label === t.label));
    const sqlite = stores.find((s) => s.label === 'SQLite')!;
    const question = `scale ${size.label}: monthly on-peak mean of every node`;
    if (one && two) figures.push(measured(`${question}, two shards / one server`, 'x', [ms(two) / ms(one)]));
    for (const ch of [one, two].filter((s) => s !== undefined))
      figures.push(measured(`${question}, ${ch.label} / SQLite`, 'x', [ms(ch) / ms(sqlite)], { note: `SQLite ${sqlite.size.label}` }));
    return figures;
  } finally {
    await stop();
  }
}

export async function scaleBench(log: (line: string) => void): Promise<Figure[]> {
  if (!connectors.some((c) => c.market.id === MARKET))
    return [skipped('scale', `the ${MARKET} connector is not registered in backend/connectors/registry.ts`)];
  const keptDir = process.env.GRIDCELL_SCALE_DIR;
  const dir = keptDir || mkdtempSync(join(tmpdir(), 'gridcell-scale-'));
  mkdirSync(dir, { recursive: true });
  const keep = !!keptDir || /^(1|true|yes)$/i.test(process.env.GRIDCELL_SCALE_KEEP ?? '');
  const runs = Math.max(1, Number(process.env.GRIDCELL_SCALE_RUNS || 7));
  const home = mkdtempSync(join(tmpdir(), 'gridcell-scale-home-'));
  const env = childEnv(home);
  buildSync({
    entryPoints: [join(__dirname, 'scale-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: CHILD,
    logLevel: 'warning',
  });
  const builds: { size: Size; built: Built }[] = [];
  const t0 = performance.now();
  try {
    for (const size of sizes()) {
      const dbPath = join(dir, `miso-${NODE_RUN.toLowerCase()}-${size.nodes}-nodes-${YEAR}.db`);
      const metaPath = `${dbPath}.json`;
      let built: Built;
      if (keptDir && existsSync(metaPath) && existsSync(dbPath)) {
        built = { ...(JSON.parse(readFileSync(metaPath, 'utf8')) as Built), dbPath, bytes: bytesOf(dbPath), reused: true };
        log(`scale ${size.label}: reusing ${dbPath}`);
      } else {
        for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(dbPath + suffix, { force: true });
        log(`scale ${size.label}: building ${dbPath} (${size.nodes} nodes x ${DAYS.length} days at 5 min + ${HUBS.length} hourly hubs)`);
        built = await buildSqlite(dbPath, size, log);
        if (keptDir) writeFileSync(metaPath, JSON.stringify({ ...built, points: size.points }) + '\n');
        log(
          `scale ${size.label}: built in ${built.seconds.toFixed(0)} s, ${(built.bytes / 1e6).toFixed(0)} MB, ${(built.bytes / size.points).toFixed(1)} bytes/point`,
        );
      }
      builds.push({ size, built });
    }
    const all = await measure(builds, runs, env, log);
    const desk = await clickhouseScale(dir, builds, env, log);
    log(`scale: done in ${((performance.now() - t0) / 60_000).toFixed(1)} min`);
    return [...all.flatMap(figuresOf), ...growth(all), ...desk];
  } finally {
    rmSync(home, { recursive: true, force: true });
    if (keep) log(`scale: the databases are kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
