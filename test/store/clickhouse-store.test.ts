import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { pointColumns, type SeriesKey } from '../../backend/domain';
import { ClickHouseSeriesStore, type ClickHouseStoreOptions } from '../../backend/store/clickhouse';
import { clickhouseServerPath, startClickHouse, type ClickHouseCluster } from '../support/clickhouse';
import { describeSeriesStore } from './series-store-contract';

const serverPath = clickhouseServerPath();
if (!serverPath)
  console.warn('ClickHouse store tests skipped: /usr/sbin/clickhouse-server is not installed (apt-get install clickhouse-server).');
const describeCH = serverPath ? describe : describe.skip;

const H = 3_600_000;
const T0 = Date.parse('2025-07-01T04:00:00Z');
const HUB: SeriesKey = { market: 'PJM', location: 'WESTERN HUB', run: 'DA', product: 'LMP', currency: 'USD' };
const day = (v: number) =>
  pointColumns(
    Array.from({ length: 24 }, (_, h) => ({
      location: HUB.location,
      run: 'DA',
      product: 'LMP',
      start: T0 + h * H,
      end: T0 + (h + 1) * H,
      value: v + h,
    })),
  );
const META = { market: 'PJM', currency: 'USD', unit: 'MWh', source: 'test', final: () => true, fetchedAt: 1 };

/**
 * A TCP hop in front of a server that, once told to, drops a kept-alive connection when a second
 * request arrives on it: what the client meets when the server's keep-alive timeout passed while
 * the client still held the socket as idle.
 */
async function droppingReusedConnections(
  port: number,
): Promise<{ port: number; drop: () => void; dropped: () => number; close: () => void }> {
  let dropping = false;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let answered = false;
    upstream.on('data', (chunk) => {
      answered = true;
      client.write(chunk);
    });
    client.on('data', (chunk) => {
      if (dropping && answered) {
        dropped++;
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    const end = () => (client.destroy(), upstream.destroy());
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    drop: () => (dropping = true),
    dropped: () => dropped,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

let databases = 0;
const nextDatabase = () => `gridcell_${process.pid}_${++databases}`;

describeCH('ClickHouse store', () => {
  let single: ClickHouseCluster;
  let pair: ClickHouseCluster;
  beforeAll(async () => {
    [single, pair] = await Promise.all([startClickHouse(1), startClickHouse(2)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([single?.stop(), pair?.stop()]);
  });

  const openSingle = (options: ClickHouseStoreOptions = {}, database = nextDatabase()) =>
    ClickHouseSeriesStore.open(single.servers[0].url(database), { refreshIntervalMs: 0, ...options });
  const clusterOptions = (): ClickHouseStoreOptions => ({
    cluster: pair.name,
    // 18.16 runs ON CLUSTER DDL only with ZooKeeper: the shard tables are made on each server.
    shardUrls: pair.servers.map((s) => s.url('default')),
    refreshIntervalMs: 0,
  });

  describeSeriesStore('ClickHouse, one server', () => openSingle());
  describeSeriesStore('ClickHouse, two shards', () => ClickHouseSeriesStore.open(pair.servers[0].url(nextDatabase()), clusterOptions()));

  test('the schema: ReplacingMergeTree points partitioned by market and month, sorted by series and start', async () => {
    const database = nextDatabase();
    const store = await openSingle({}, database);
    try {
      const res = await fetch(
        `http://127.0.0.1:${single.servers[0].httpPort}/?query=${encodeURIComponent(
          `SELECT name, engine, partition_key, sorting_key FROM system.tables WHERE database = '${database}' FORMAT JSONEachRow`,
        )}`,
        { headers: { Authorization: `Basic ${Buffer.from(`default:${single.servers[0].password}`).toString('base64')}` } },
      );
      const tables = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; engine: string; partition_key: string; sorting_key: string });
      const byName = new Map(tables.map((t) => [t.name, t]));
      expect([...byName.keys()].sort()).toEqual([
        'coverage',
        'fetch_log',
        'location_aliases',
        'locations',
        'points',
        'revisions',
        'series',
        'writes',
      ]);
      expect(byName.get('points')).toMatchObject({
        engine: 'ReplacingMergeTree',
        partition_key: '(market, toYYYYMM(start))',
        sorting_key: 'series_id, start',
      });
      expect(byName.get('coverage')).toMatchObject({ engine: 'ReplacingMergeTree', sorting_key: 'series_id, day' });
      expect(byName.get('revisions')?.engine).toBe('MergeTree');
    } finally {
      await store.close();
    }
  });

  test('on a cluster the store reads and writes Distributed tables over per-shard tables, rows spread by series', async () => {
    const database = nextDatabase();
    const store = await ClickHouseSeriesStore.open(pair.servers[0].url(database), clusterOptions());
    try {
      const writer = await store.beginWrite(META);
      const names = Array.from({ length: 40 }, (_, i) => `N${i}`);
      await writer.points(
        pointColumns(names.map((location, i) => ({ location, run: 'DA', product: 'LMP', start: T0, end: T0 + H, value: i }))),
      );
      await writer.commit([]);
      const counts = await Promise.all(
        pair.servers.map(async (s) => {
          const res = await fetch(
            `http://127.0.0.1:${s.httpPort}/?query=${encodeURIComponent(`SELECT count() FROM ${database}.points_local`)}`,
            {
              headers: { Authorization: `Basic ${Buffer.from(`default:${s.password}`).toString('base64')}` },
            },
          );
          return Number((await res.text()).trim());
        }),
      );
      expect(counts[0] + counts[1]).toBe(40);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBeGreaterThan(0);
      expect((await store.marketStats()).get('PJM')).toEqual({ series: 40, points: 40, days: 0 });
    } finally {
      await store.close();
    }
  });

  test('a write interrupted after its points were moved, before its coverage, leaves the days uncovered', async () => {
    const database = nextDatabase();
    const store = await openSingle({ afterPointsMoved: async () => Promise.reject(new Error('the process died here')) }, database);
    try {
      const writer = await store.beginWrite(META);
      await writer.points(day(10));
      await expect(writer.commit([{ series: HUB, day: '2025-07-01' }])).rejects.toThrow('the process died here');
      await writer.abort();
      const id = (await store.findSeries(HUB))!;
      expect(await store.coverage(id, '2025-07-01')).toBeUndefined();
      expect(await store.coverageDays(id, '2025-07-01', '2025-07-01')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('info names the server and database without the password, and counts bytes on disk', async () => {
    const database = nextDatabase();
    const store = await openSingle({}, database);
    try {
      const writer = await store.beginWrite(META);
      await writer.points(day(1));
      await writer.commit([{ series: HUB, day: '2025-07-01' }]);
      const info = await store.info();
      expect(info).toMatchObject({
        engine: 'clickhouse',
        path: `clickhouse://default@127.0.0.1:${single.servers[0].httpPort}/${database}`,
      });
      expect(JSON.stringify(info)).not.toContain(single.servers[0].password);
      expect(info.bytes).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  test('an error never shows the password', async () => {
    const url = single.servers[0].url('no such database!');
    const err = await ClickHouseSeriesStore.open(url).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain(single.servers[0].password);
    const wrong = await ClickHouseSeriesStore.open(`clickhouse://default:wrong-secret@127.0.0.1:${single.servers[0].httpPort}/x`).catch(
      (e: Error) => e,
    );
    expect(String((wrong as Error).message)).not.toContain('wrong-secret');
  });

  test("another process's write is seen after refresh", async () => {
    const database = nextDatabase();
    const reader = await openSingle({}, database);
    const writerStore = await openSingle({}, database);
    try {
      expect(await reader.findSeries(HUB)).toBeUndefined();
      const g = reader.generation;
      const writer = await writerStore.beginWrite(META);
      await writer.points(day(5));
      await writer.commit([{ series: HUB, day: '2025-07-01' }]);
      expect(await reader.findSeries(HUB)).toBeUndefined(); // cached until refresh
      await reader.refresh();
      expect(reader.generation).toBeGreaterThan(g);
      const id = (await reader.findSeries(HUB))!;
      expect(await reader.coverage(id, '2025-07-01')).toMatchObject({ final: true });
      expect((await reader.points(id, T0, T0 + 24 * H)).map((p) => p.value)).toEqual(Array.from({ length: 24 }, (_, h) => 5 + h));
    } finally {
      await reader.close();
      await writerStore.close();
    }
  });

  test('a read sent on a kept-alive connection the server has dropped is asked again on another', async () => {
    const hop = await droppingReusedConnections(single.servers[0].httpPort);
    const url = single.servers[0].url(nextDatabase()).replace(`:${single.servers[0].httpPort}/`, `:${hop.port}/`);
    const store = await ClickHouseSeriesStore.open(url, { refreshIntervalMs: 0 });
    try {
      const writer = await store.beginWrite(META);
      await writer.points(day(7));
      await writer.commit([{ series: HUB, day: '2025-07-01' }]);
      hop.drop();
      const id = (await store.findSeries(HUB))!;
      expect((await store.points(id, T0, T0 + 24 * H)).map((p) => p.value)).toEqual(Array.from({ length: 24 }, (_, h) => 7 + h));
      expect(hop.dropped()).toBeGreaterThan(0);
    } finally {
      await store.close();
      hop.close();
    }
  });

  test('a second write in the same process fails at once with CACHE_BUSY', async () => {
    const store = await openSingle();
    try {
      const writer = await store.beginWrite(META);
      await expect(store.beginWrite(META)).rejects.toMatchObject({ code: 'CACHE_BUSY' });
      await writer.abort();
      await (await store.beginWrite(META)).abort();
    } finally {
      await store.close();
    }
  });
});
