/**
 * One new process on a scale database (bench/scale.ts, which bundles this file into
 * build/bench/scale-child.js and runs `node build/bench/scale-child.js SPEC_JSON`).
 * It opens the app (createApp, offline), asks ONE single-value lookup first (the cold figure:
 * the first query after open), then, as the spec says, more lookups (warm) and years of hourly
 * points, each through the same handler the route runs (GET_ROUTES) with its answer turned into
 * the JSON the server would send. Every answer is checked against the generated prices. It
 * prints one line of JSON: a ChildResult.
 *
 * Also the generator's shared parts (names, prices, the year), so that both sides agree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SeriesColumnsResponse, SeriesResponse, ValueResponse } from '../contract';
import { GET_ROUTES } from '../backend/api/routes';
import { createApp } from '../backend/app/create-app';
import type { RawParams } from '../backend/validation/fields';

export const MARKET = 'MISO';
export const YEAR = 2025;
/** MISO's five-minute real-time run: the 100-million-point bulk. */
export const NODE_RUN = 'RT5';
export const STEP_MS = 300_000;
/** MISO's day-ahead run, hourly: the stored hourly series a year is read from. */
export const HUB_RUN = 'DA';
export const HOUR_MS = 3_600_000;
/** MISO trading hubs, stored hourly for the year. */
export const HUBS = ['INDIANA.HUB', 'ILLINOIS.HUB', 'MICHIGAN.HUB', 'MINN.HUB'];
/** Series numbers of the hubs in the price generator (apart from the nodes'). */
const HUB_SERIES = 1_000_000;

/** A node's name, as MISO's CPnodes look (`AMIL.EDWARDS8`): `GEN.N000042`. */
export function nodeName(i: number): string {
  return `GEN.N${String(i).padStart(6, '0')}`;
}

export function hubSeries(h: number): number {
  return HUB_SERIES + h;
}

/**
 * A price that looks like one and is the same every run: a daily shape and hashed noise
 * (a few intervals below zero), two decimals. `series` numbers a node or a hub.
 */
export function price(series: number, start: number): number {
  let h = Math.imul(series + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(Math.floor(start / STEP_MS), 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  const noise = (h >>> 0) / 4294967296;
  const hourOfDay = (start % 86_400_000) / HOUR_MS;
  const shape = 14 * Math.sin(((hourOfDay - 10) / 24) * 2 * Math.PI);
  return Math.round((32 + shape + (noise - 0.08) * 30) * 100) / 100 || 0;
}

export interface Lookup {
  /** Index of the node. */
  node: number;
  /** The instant asked, UTC epoch ms (the interval holding it answers). */
  at: number;
}

export interface ChildSpec {
  dbPath: string;
  cold: Lookup;
  /** More lookups after the cold one, each timed (new locations and days: warm process). */
  warm: Lookup[];
  /** Hub index whose stored hourly year is read: first read, then `yearRepeats` more each in rows and columns. */
  hub?: number;
  yearRepeats: number;
  /**
   * After the rest: close the app, evict the database from the OS page cache when `dropCache`, open a new
   * app on the same file and ask this one lookup. The process's code is warm by then, so this
   * is what the database's size costs a first query, apart from the process warming up.
   */
  reopen?: Lookup;
  dropCache?: boolean;
  /** Node index whose five-minute year is read averaged to hours (interval=hour), first then `yearRepeats`. */
  aggregateNode?: number;
}

export interface ChildResult {
  /** createApp: the store opened (schema read, statements prepared). */
  openMs: number;
  /** Process start (node, modules loaded) to the app being open. */
  uptimeAtOpenMs: number;
  coldMs: number;
  warmMs: number[];
  yearFirstMs?: number;
  yearRowsMs: number[];
  yearColumnsMs: number[];
  aggregateFirstMs?: number;
  aggregateMs: number[];
  /** The first lookup after re-opening (see ChildSpec.reopen). */
  reopenMs?: number;
  /** Whether the database was evicted from the page cache before re-opening. */
  reopenDropped?: boolean;
}

/** `YYYY-MM-DDTHH:MMZ`, as a cell or the batch asks. */
export function minuteText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

const YEAR_RANGE = { start: `${YEAR}-01-01`, end: `${YEAR}-12-31` };

/**
 * Evicts a database's files from the OS page cache (written out first, then `dd iflag=nocache`,
 * i.e. posix_fadvise DONTNEED): the next read comes from the disk. Only these files, so that
 * other work on the machine keeps its cache. The reason when it cannot, else undefined.
 */
export function evictFromPageCache(dbPath: string): string | undefined {
  try {
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((f) => existsSync(f))) {
      execFileSync('sync', [file]);
      execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    }
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as ChildSpec;
  const t0 = performance.now();
  let app = createApp({ config: { dbPath: spec.dbPath, offline: true } });
  const openMs = performance.now() - t0;
  const uptimeAtOpenMs = process.uptime() * 1000;

  /** One call of a GET route's handler, as the server makes it, to the JSON text it would send. */
  const ask = async <T>(route: '/value' | '/series' | '/columns', params: RawParams): Promise<{ ms: number; body: T }> => {
    const start = performance.now();
    const body = (await GET_ROUTES[route](app, params, {})) as T;
    const text = JSON.stringify(body);
    const ms = performance.now() - start;
    if (!text) throw new Error(`${route} gave no answer`);
    return { ms, body };
  };

  const lookup = async ({ node, at }: Lookup): Promise<number> => {
    const r = await ask<ValueResponse>('/value', { market: MARKET, location: nodeName(node), run: NODE_RUN, start: minuteText(at) });
    const expected = price(node, at - (at % STEP_MS));
    if (r.body.value !== expected)
      throw new Error(`${nodeName(node)} at ${minuteText(at)} answered ${JSON.stringify(r.body)}, not ${expected}`);
    return r.ms;
  };

  try {
    const coldMs = await lookup(spec.cold);
    const warmMs: number[] = [];
    for (const l of spec.warm) warmMs.push(await lookup(l));

    const result: ChildResult = { openMs, uptimeAtOpenMs, coldMs, warmMs, yearRowsMs: [], yearColumnsMs: [], aggregateMs: [] };
    if (spec.hub !== undefined) {
      const params = { market: MARKET, location: HUBS[spec.hub], run: HUB_RUN, ...YEAR_RANGE };
      const rows = async () => {
        const r = await ask<SeriesResponse>('/series', params);
        const first = r.body.points[0];
        if (r.body.points.length !== 8760 || first.value !== price(hubSeries(spec.hub!), Date.parse(first.start)))
          throw new Error(`a year of ${HUBS[spec.hub!]} answered ${r.body.points.length} points, first ${JSON.stringify(first)}`);
        return r.ms;
      };
      result.yearFirstMs = await rows();
      for (let i = 0; i < spec.yearRepeats; i++) result.yearRowsMs.push(await rows());
      for (let i = 0; i < spec.yearRepeats; i++) {
        const r = await ask<SeriesColumnsResponse>('/columns', params);
        if (r.body.values.length !== 8760) throw new Error(`a year in columns answered ${r.body.values.length} values`);
        result.yearColumnsMs.push(r.ms);
      }
    }
    if (spec.aggregateNode !== undefined) {
      const params = { market: MARKET, location: nodeName(spec.aggregateNode), run: NODE_RUN, interval: 'hour', ...YEAR_RANGE };
      const averaged = async () => {
        const r = await ask<SeriesResponse>('/series', params);
        if (r.body.points.length !== 8760) throw new Error(`a five-minute year by the hour answered ${r.body.points.length} points`);
        return r.ms;
      };
      result.aggregateFirstMs = await averaged();
      for (let i = 0; i < spec.yearRepeats; i++) result.aggregateMs.push(await averaged());
    }
    if (spec.reopen) {
      await app.close();
      result.reopenDropped = spec.dropCache ? !evictFromPageCache(spec.dbPath) : false;
      app = createApp({ config: { dbPath: spec.dbPath, offline: true } });
      result.reopenMs = await lookup(spec.reopen);
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await app.close();
  }
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`scale-child: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
