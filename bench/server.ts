import { statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../backend/api/server';
import {
  CLIENT_HEADER,
  type BatchRequest,
  type BatchResponse,
  type CompactBatchResponse,
  type SeriesColumnsResponse,
  type SeriesResponse,
} from '../contract';
import type { App } from '../backend/app/app';
import { createApp } from '../backend/app/create-app';
import { connectors } from '../backend/connectors/registry';
import { SeriesWriter } from '../backend/series/write-path';
import { ClickHouseSeriesStore } from '../backend/store/clickhouse';
import { SqliteSeriesStore } from '../backend/store/sqlite/sqlite-store';
import { formatInstant } from '../backend/time/clock';
import { apiPath } from '../client';
import { measured, type Figure } from './figures';
import { seedYear, type Seeded } from './seed';
import { repeat } from './stats';

const YEAR = 2025;
const LOCATIONS = 12;
const LOOKUPS = 10_000;

/**
 * The Express app behind node http on 127.0.0.1, timing each request in the server: from its
 * arrival to the handler handing the whole response to node (`res.end`), so not the socket flush,
 * which waits on the client reading (here in the same process).
 */
async function timedServer(app: App): Promise<{ url: string; last: () => number; close: () => Promise<void> }> {
  const handler = createServer(app);
  let lastMs = NaN;
  const server = http.createServer((req, res) => {
    const t0 = performance.now();
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      lastMs = performance.now() - t0;
      return end(...args);
    }) as typeof res.end;
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    last: () => lastMs,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Distinct single-value lookups: (location, hour) pairs, each written as GRID.LMP writes it (the
 * client's `apiPath`, the hour as a wall time on the market's clock), as `/value` or in the full
 * `/series` form.
 */
function lookups(market: string, clock: string, seeded: Seeded, count: number, route: '/value' | '/series'): BatchRequest['requests'] {
  return Array.from({ length: count }, (_, i) => {
    const location = seeded.locations[i % seeded.locations.length];
    const hour = seeded.hours[(Math.floor(i / seeded.locations.length) * 37) % seeded.hours.length];
    const start = formatInstant(hour, clock).slice(0, 16); // 2025-07-01T14:00, as functions/dates.ts writes a time
    return { id: String(i), method: 'GET', url: apiPath(route, { market, location, start, run: 'DA' }) };
  });
}

/** Sends a request and returns the end-to-end time, the server's own time and the parsed body. */
async function timed<T>(
  server: { url: string; last: () => number },
  path: string,
  init?: RequestInit,
): Promise<{ e2e: number; inServer: number; body: T }> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${path}`, init);
  const body = (await res.json()) as T;
  const e2e = performance.now() - t0;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { e2e, inServer: server.last(), body };
}

/**
 * The store the reads are asked of: the SQLite file (the default), or a ClickHouse store URL.
 * A labelled store's figures are named `label: ...` and carry no budget (the budgets are the
 * default store's); its storage is not measured here (ClickHouse's: bench/clickhouse.ts).
 */
export type BenchStore = { label?: string } & ({ dbPath: string } | { storeUrl: string });

/** Batches answered before the timed ones: the read path's code is optimized over the first few, as in a server that has been answering. */
const WARM_UP_BATCHES = 3;

/**
 * Warm-cache reads through the real server: a batch of 10,000 single-value lookups and one
 * location's year of hourly points, each timed in the server and end to end; and the storage
 * the seeded year takes. Run in a compiled child (bench/server-child.ts), as `gridcell serve` runs.
 */
export async function serverFigures(market: string, target: BenchStore, env: NodeJS.ProcessEnv, times: number): Promise<Figure[]> {
  const connector = connectors.find((c) => c.market.id === market)!;
  const store = 'dbPath' in target ? new SqliteSeriesStore(target.dbPath) : await ClickHouseSeriesStore.open(target.storeUrl);
  const seeded = await seedYear(new SeriesWriter(store, Date.now), connector, YEAR, LOCATIONS);
  await store.close(); // the last connection to close folds the WAL into the file
  const bytesPerPoint = 'dbPath' in target ? statSync(target.dbPath).size / seeded.points : undefined;
  const { label, ...config } = target;
  const app = createApp({ env, config: { ...config, offline: true } });
  const server = await timedServer(app);
  try {
    const batchOf = async (count: number, route: '/value' | '/series' = '/value') => {
      const requests = lookups(market, connector.market.clock, seeded, count, route);
      // The functions ask for the compact form; the full /series form is what other callers get.
      const batch: BatchRequest = route === '/value' ? { requests, form: 'compact' } : { requests };
      const post = { method: 'POST', headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' }, body: JSON.stringify(batch) };
      const check = (r: BatchResponse | CompactBatchResponse) => {
        const answers = 'responses' in r ? r.responses : r.statuses.map((status, i) => ({ status, body: r.bodies[i] }));
        const one = (body: unknown) => (route === '/value' ? typeof body === 'number' : (body as SeriesResponse).points.length === 1);
        const bad = answers.filter((x) => x.status !== 200 || !one(x.body));
        if (answers.length !== count || bad.length)
          throw new Error(`the batch answered ${bad.length} lookups wrongly: ${JSON.stringify(bad[0]).slice(0, 300)}`);
      };
      for (let i = 0; i < WARM_UP_BATCHES; i++) check((await timed<BatchResponse | CompactBatchResponse>(server, '/batch', post)).body);
      return repeat(times, async () => {
        const r = await timed<BatchResponse | CompactBatchResponse>(server, '/batch', post);
        check(r.body);
        return r;
      });
    };
    const batches = await batchOf(LOOKUPS);
    const smallBatches = await batchOf(1_000);
    const fullBatches = await batchOf(LOOKUPS, '/series');

    const yearPath = `/series?market=${market}&location=${encodeURIComponent(seeded.locations[0])}&run=DA&start=${YEAR}-01-01&end=${YEAR}-12-31`;
    await timed(server, yearPath); // warm-up
    const years = await repeat(times * 2, async () => {
      const r = await timed<SeriesResponse>(server, yearPath);
      if (r.body.points.length !== seeded.hours.length)
        throw new Error(`a year answered ${r.body.points.length} points, not ${seeded.hours.length}`);
      return r;
    });

    const columnsPath = yearPath.replace('/series?', '/columns?');
    await timed(server, columnsPath); // warm-up
    const yearColumns = await repeat(times * 2, async () => {
      const r = await timed<SeriesColumnsResponse>(server, columnsPath);
      if (r.body.values.length !== seeded.hours.length)
        throw new Error(`a year in columns answered ${r.body.values.length} values, not ${seeded.hours.length}`);
      return r;
    });

    const where = `${market} ${YEAR}, ${LOCATIONS} locations, written through the write path; each URL as GRID.LMP writes it`;
    const figures = [
      measured(
        'batch of 10,000 single-value lookups (/value in the compact form, as GRID.LMP asks), warm: in the server',
        'ms',
        batches.map((b) => b.inServer),
        { budget: { kind: 'max', limit: 100 }, note: where },
      ),
      measured(
        'batch of 10,000 single-value lookups (/value), warm: end to end',
        'ms',
        batches.map((b) => b.e2e),
        { budget: { kind: 'max', limit: 150 }, note: 'fetch on 127.0.0.1, JSON parsed' },
      ),
      measured(
        'batch of 10,000 single-value lookups in the full /series form, warm: in the server',
        'ms',
        fullBatches.map((b) => b.inServer),
        { note: 'each answer with its identity, clock, points and quality' },
      ),
      measured(
        'batch of 1,000 single-value lookups (/value), warm: in the server',
        'ms',
        smallBatches.map((b) => b.inServer),
        { budget: { kind: 'max', limit: 15 } },
      ),
      measured(
        'batch of 1,000 single-value lookups, warm: end to end',
        'ms',
        smallBatches.map((b) => b.e2e),
      ),
      measured(
        'one location, a year of hourly points in columns: in the server',
        'ms',
        yearColumns.map((y) => y.inServer),
        { budget: { kind: 'max', limit: 10 }, note: `${seeded.hours.length} values, /api/v1/columns (a start, a step, the values)` },
      ),
      measured(
        'one location, a year of hourly points in columns: end to end',
        'ms',
        yearColumns.map((y) => y.e2e),
      ),
      measured(
        'one location, a year of hourly points (rows): in the server',
        'ms',
        years.map((y) => y.inServer),
        { note: `${seeded.hours.length} points, /api/v1/series` },
      ),
      measured(
        'one location, a year of hourly points: end to end',
        'ms',
        years.map((y) => y.e2e),
      ),
    ];
    if (bytesPerPoint !== undefined)
      figures.push(
        measured('storage, seeded hourly year', 'bytes/point', [bytesPerPoint], {
          budget: { kind: 'max', limit: 32 },
          note: `${seeded.points.toLocaleString('en-US')} points`,
        }),
      );
    return label ? figures.map(({ budget: _budget, ...f }) => ({ ...f, name: `${label}: ${f.name}` })) : figures;
  } finally {
    await server.close();
    await app.close();
  }
}
