/**
 * The desk server as it will be checked: real files imported into a SQLite file, one ClickHouse
 * server and a two-shard ClickHouse cluster; the same acceptance queries answered identically by
 * the three, with values taken from the files; and a server on ClickHouse serving two users.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX, type BlockMeansResponse } from '../../contract';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { addUser } from '../../backend/app/users';
import { startServer, type RunningServer } from '../../backend/api/server';
import { aggregateOf, cleanEnv, seriesOf, tempDbPath } from '../support/app';
import { clickhouseServerPath, startClickHouse, type ClickHouseCluster } from '../support/clickhouse';
import { sharedPath } from '../support/fixtures';

const PJM_DA = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const SPP_FALL_BACK = 'spp/DA-LMP-SL-202511020100_reduced_legacy_noBAA_fallback.csv';

if (!clickhouseServerPath())
  console.warn('Desk store tests skipped: /usr/sbin/clickhouse-server is not installed (apt-get install clickhouse-server).');
const describeCH = clickhouseServerPath() ? describe : describe.skip;

/** Hub LMPs of the Data Miner file: hub -> [EPT hour-beginning text, value]. */
function pjmFile(): { hub: string; ept: string; lmp: number }[] {
  const [header, ...lines] = readFileSync(sharedPath(PJM_DA), 'utf8').trim().split(/\r?\n/);
  const col = header.split(',');
  const [ept, hub, lmp] = ['datetime_beginning_ept', 'pnode_name', 'total_lmp_da'].map((c) => col.indexOf(c));
  return lines.map((l) => l.split(',')).map((c) => ({ hub: c[hub], ept: c[ept], lmp: Number(c[lmp]) }));
}

/** On-peak (PJM: weekdays, hours beginning 07..22 EPT) mean of a hub over the file's two weekdays, from the file. */
function onPeakMean(hub: string): { mean: number; count: number } {
  const onPeak = pjmFile().filter((r) => {
    if (r.hub !== hub) return false;
    const m = /^\d+\/\d+\/2025 (\d+):00:00 (AM|PM)$/.exec(r.ept)!;
    const hour = (Number(m[1]) % 12) + (m[2] === 'PM' ? 12 : 0);
    return hour >= 7 && hour < 23;
  });
  return { mean: onPeak.reduce((s, r) => s + r.lmp, 0) / onPeak.length, count: onPeak.length };
}

describeCH('a desk on ClickHouse answers as the SQLite file does', () => {
  let single: ClickHouseCluster;
  let pair: ClickHouseCluster;
  const apps = new Map<string, App>();

  beforeAll(async () => {
    [single, pair] = await Promise.all([startClickHouse(1), startClickHouse(2)]);
    const [first, second] = pair.servers;
    const shards = pair.servers.map((s) => `127.0.0.1:${s.httpPort}`).join(',');
    const stores = {
      sqlite: { dbPath: tempDbPath() },
      'clickhouse, one server': { storeUrl: single.servers[0].url('desk') },
      'clickhouse, two shards': { storeUrl: `${first.url('desk')}?cluster=${pair.name}&shards=${shards}` },
    };
    expect(second.httpPort).not.toBe(first.httpPort);
    for (const [name, config] of Object.entries(stores)) {
      const app = createApp({ env: cleanEnv(), config: { ...config, offline: true } });
      apps.set(name, app);
      await app.importFile(sharedPath(PJM_DA));
      await app.importFile(sharedPath(SPP_FALL_BACK));
    }
  }, 180_000);

  afterAll(async () => {
    for (const app of apps.values()) await app.close();
    await Promise.all([single?.stop(), pair?.stop()]);
  });

  /**
   * The same question of every store: the answers, which must all be equal but for when each store
   * imported the files and the last digits of means (sums taken in another order; checked against
   * the file where they are asked).
   */
  async function everyStore<T>(ask: (app: App) => Promise<T>): Promise<T[]> {
    const answers = await Promise.all([...apps.values()].map(ask));
    const comparable = (answer: T) =>
      JSON.parse(
        JSON.stringify(answer, (key, value: unknown) => (['fetchedAt', 'oldestFetchedAt', 'mean'].includes(key) ? undefined : value)),
      ) as unknown;
    for (const answer of answers.slice(1)) expect(comparable(answer)).toEqual(comparable(answers[0]));
    return answers;
  }

  test('a series, read from each store, is the file', async () => {
    const [western] = await everyStore((app) =>
      seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-02' }),
    );
    expect(western.points.map((p) => p.value)).toEqual(
      pjmFile()
        .filter((r) => r.hub === 'WESTERN HUB')
        .map((r) => r.lmp),
    );
    expect(western.quality).toMatchObject({ days: 2, finalDays: 2, sources: [`import:${PJM_DA.split('/')[1]}`] });
  });

  test('the fall-back day holds 25 hours, the repeated 01:00 twice, in each store', async () => {
    const [hub] = await everyStore((app) => seriesOf(app, { market: 'SPP', location: 'SPPNORTH_HUB', start: '2025-11-02' }));
    const file = readFileSync(sharedPath(SPP_FALL_BACK), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[2] === 'SPPNORTH_HUB');
    expect(file).toHaveLength(25);
    expect(hub.points.map((p) => p.value)).toEqual(file.map((c) => Number(c[4])));
    expect(hub.points.slice(0, 3).map((p) => p.start)).toEqual([
      '2025-11-02T00:00:00-05:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T01:00:00-06:00',
    ]);
  });

  test('one value, an on-peak mean, and the coverage of a market', async () => {
    const [first] = pjmFile().filter((r) => r.hub === 'EASTERN HUB' && r.ept === '7/2/2025 3:00:00 PM');
    const [value] = await everyStore(async (app) =>
      app.value(app.requests.value({ market: 'PJM', location: 'EASTERN HUB', start: '2025-07-02T15:00' })),
    );
    expect(value.value).toBe(first.lmp);
    const [agg] = await everyStore((app) =>
      aggregateOf(app, { market: 'PJM', location: 'EASTERN HUB', start: '2025-07-01', end: '2025-07-02', block: 'ONPEAK' }),
    );
    expect(agg.value).toBeCloseTo(onPeakMean('EASTERN HUB').mean, 9);
    const [coverage] = await everyStore(async (app) => app.coverage(await app.requests.coverage('PJM', {})));
    expect(coverage.groups.find((g) => g.run === 'DA' && g.product === 'LMP')).toMatchObject({ locations: 12, days: 2, finalDays: 2 });
  });

  test('block means of every hub by month: one question, pushed down to the store', async () => {
    const answers: BlockMeansResponse[] = await everyStore((app) =>
      app.blockMeans(
        app.requests.blockMeans('PJM', { run: 'DA', product: 'LMP', start: '2025-07-01', end: '2025-07-02', block: 'ONPEAK' }),
      ),
    );
    const hubs = [...new Set(pjmFile().map((r) => r.hub))].sort();
    for (const answer of answers) {
      expect(answer.rows.map((r) => r.location)).toEqual(hubs);
      for (const row of answer.rows) {
        const expected = onPeakMean(row.location);
        expect(row).toMatchObject({ month: '2025-07', count: expected.count });
        expect(row.mean).toBeCloseTo(expected.mean, 9);
      }
    }
  });

  test('block means over the fall-back day: 25 hours of every location, on the wall clock', async () => {
    const answers = await everyStore((app) =>
      app.blockMeans(app.requests.blockMeans('SPP', { run: 'DA', product: 'LMP', start: '2025-11-02', block: 'ATC' })),
    );
    const rows = readFileSync(sharedPath(SPP_FALL_BACK), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','));
    for (const answer of answers)
      for (const row of answer.rows) {
        const values = rows.filter((c) => c[2] === row.location).map((c) => Number(c[4]));
        expect(row).toMatchObject({ month: '2025-11', count: values.length });
        expect(row.mean).toBeCloseTo(values.reduce((a, v) => a + v, 0) / values.length, 9);
      }
    expect(answers[0].rows).toHaveLength(new Set(rows.map((c) => c[2])).size);
    // The file keeps every hour of the day only for the hubs (a reduced copy).
    expect(answers[0].rows.find((r) => r.location === 'SPPNORTH_HUB')?.count).toBe(25);
  });

  test('health names each store, never the password', async () => {
    const healths = await Promise.all([...apps.values()].map((app) => app.health()));
    expect(healths.map((h) => h.database.engine)).toEqual(['sqlite', 'clickhouse', 'clickhouse']);
    for (const h of healths.slice(1)) {
      expect(h.database.path).toMatch(/^clickhouse:\/\/default@127\.0\.0\.1:\d+\/desk/);
      expect(JSON.stringify(h)).not.toContain(single.servers[0].password);
      expect(h.database.bytes).toBeGreaterThan(0);
    }
  });

  test('a store that refuses the password, or is not there, says so and what to do, never the password', async () => {
    const port = single.servers[0].httpPort;
    for (const [url, advice] of [
      [`clickhouse://default:Wr0ngPass@127.0.0.1:${port}/desk`, 'Check the user and password in GRIDCELL_STORE (or --store).'],
      ['clickhouse://default:Wr0ngPass@127.0.0.1:1/desk', 'Check that the ClickHouse server runs there'],
    ]) {
      const app = createApp({ env: cleanEnv(), config: { storeUrl: url, offline: true } });
      try {
        const failed = app.health();
        await expect(failed).rejects.toMatchObject({ code: 'CACHE_UNUSABLE' });
        await expect(failed).rejects.toThrow(advice);
        await expect(failed).rejects.not.toThrow('Wr0ngPass');
      } finally {
        await app.close();
      }
    }
  });

  describe('served to two users', () => {
    let server: RunningServer;
    let tokens: string[];
    beforeAll(async () => {
      const usersPath = join(mkdtempSync(join(tmpdir(), 'gridcell-desk-')), 'users.json');
      tokens = [addUser(usersPath, 'alice'), addUser(usersPath, 'bob')];
      const app = createApp({ env: cleanEnv(), config: { storeUrl: single.servers[0].url('desk'), offline: true, usersPath } });
      server = await startServer(app, { port: 0 });
    });
    afterAll(() => server?.close());

    const ask = (path: string, token?: string) =>
      fetch(`${server.url}${API_PREFIX}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    test('each user reads the shared store with their own token; without one, 401', async () => {
      const path = '/value?market=PJM&location=WESTERN%20HUB&start=2025-07-01T08:00';
      const [expected] = pjmFile().filter((r) => r.hub === 'WESTERN HUB' && r.ept === '7/1/2025 8:00:00 AM');
      for (const token of tokens) {
        const res = await ask(path, token);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { value: number }).value).toBe(expected.lmp);
      }
      expect((await ask(path)).status).toBe(401);
      const health = await ask('/health', tokens[1]);
      expect(await health.json()).toMatchObject({ user: 'bob', database: { engine: 'clickhouse' } });
    });
  });
});
