/**
 * The desk store beside the SQLite file, in the same run: ClickHouse (Debian's 18.16) as one
 * server and as a two-shard cluster, started by test/support/clickhouse.ts. The CAISO zip imported
 * in-process (points/s), the warm reads of bench/server.ts through the real server, and the
 * storage per point; each with its ratio to SQLite measured in the same section. The scale part
 * (monthly on-peak means of every node of a large five-minute data set) is in bench/scale.ts.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createApp } from '../backend/app/create-app';
import { tempDbPath } from '../test/support/app';
import { clickhouseQuery, clickhouseServerPath, startClickHouse, type ClickHouseCluster } from '../test/support/clickhouse';
import { measured, skipped, type Figure } from './figures';
import { childOnce, type ChildRun } from './imports';
import { serverBench } from './reads';
import type { BenchStore } from './server';
import { median } from './stats';

export const CLICKHOUSE_MISSING = 'clickhouse-server is not installed (/usr/sbin/clickhouse-server; apt-get install clickhouse-server)';

/** A ClickHouse store to measure: its name in the figures, its URL, and the servers under it. */
export interface ClickHouseTarget {
  label: string;
  cluster: ClickHouseCluster;
  url(database: string): string;
}

/** One server and a two-shard cluster, started together; `keepDir` keeps (and reuses) their data there. */
export async function startTargets(
  keepDir?: (servers: number) => string,
): Promise<{ targets: ClickHouseTarget[]; stop: () => Promise<void> }> {
  const [single, pair] = await Promise.all([startClickHouse(1, keepDir?.(1)), startClickHouse(2, keepDir?.(2))]);
  return {
    targets: [
      { label: 'ClickHouse, one server', cluster: single, url: (db) => single.servers[0].url(db) },
      { label: 'ClickHouse, two shards', cluster: pair, url: (db) => pair.clusterUrl(db) },
    ],
    stop: async () => {
      await Promise.all([single.stop(), pair.stop()]);
    },
  };
}

/**
 * The store's bytes on disk as health reports them (active parts of its tables, summed over the
 * shards), after `OPTIMIZE TABLE points FINAL` on every shard: parts merged and compressed, as a
 * store that has sat a while is; right after a write ClickHouse holds it in small parts.
 */
export async function optimizedBytes(target: ClickHouseTarget, database: string, env: NodeJS.ProcessEnv): Promise<number> {
  const points = target.cluster.servers.length > 1 ? 'points_local' : 'points';
  for (const server of target.cluster.servers) await clickhouseQuery(server, `OPTIMIZE TABLE ${database}.${points} FINAL`);
  const app = createApp({ env, config: { storeUrl: target.url(database), offline: true } });
  try {
    return (await app.health()).database.bytes;
  } finally {
    await app.close();
  }
}

const perSecond = (r: ChildRun) => r.points / (r.ms / 1000);

/** ClickHouse figure / SQLite figure, from the medians measured in this section. */
function ratio(name: string, unit: string, ch: number, sqlite: number, note: string): Figure {
  return measured(name, 'x', [ch / sqlite], { note: `${note}; SQLite ${sqlite.toFixed(sqlite >= 100 ? 0 : 2)} ${unit} in this section` });
}

/** The CAISO zip imported into SQLite and each ClickHouse store, runs interleaved; then the storage of the first run's store. */
async function importFigures(caisoZip: string, targets: ClickHouseTarget[], times: number, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  if (!existsSync(caisoZip)) return [skipped('ClickHouse: import CAISO DAM zip', `fixture ${basename(caisoZip)} is absent`)];
  const sqlite: ChildRun[] = [];
  const ch: ChildRun[][] = targets.map(() => []);
  for (let i = 0; i < times; i++) {
    sqlite.push(await childOnce(caisoZip, env));
    for (const [k, t] of targets.entries()) ch[k].push(await childOnce(caisoZip, env, false, t.url(`caiso_${i}`)));
  }
  const sqliteRate = median(sqlite.map(perSecond));
  const sqliteBytes = median(sqlite.map((r) => r.dbBytes / r.points));
  const figures: Figure[] = [];
  for (const [k, t] of targets.entries()) {
    const rate = ch[k].map(perSecond);
    const bytes = (await optimizedBytes(t, 'caiso_0', env)) / ch[k][0].points;
    figures.push(
      measured(`${t.label}: import CAISO DAM zip, in-process, file to commit`, 'points/s', rate, {
        note: `${ch[k][0].points.toLocaleString('en-US')} points; app.importFile in build/bench/import-child.js, a new database each run`,
      }),
      ratio(`${t.label} / SQLite: import CAISO DAM zip, in-process points/s`, 'points/s', median(rate), sqliteRate, 'the same child'),
      measured(`${t.label}: storage, CAISO DAM zip`, 'bytes/point', [bytes], {
        note: 'health database.bytes (active parts) after OPTIMIZE TABLE points FINAL on every shard / points',
      }),
      ratio(`${t.label} / SQLite: storage, CAISO DAM zip`, 'bytes/point', bytes, sqliteBytes, 'SQLite: the file after the import'),
    );
  }
  return figures;
}

/** bench/server.ts's reads on SQLite and on each ClickHouse store: each store's figures in the server, and their ratio to SQLite's. */
async function readFigures(market: string, targets: ClickHouseTarget[], times: number, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  const reads = (store: BenchStore) => serverBench(market, store, env, times);
  const sqlite = await reads({ label: 'SQLite', dbPath: tempDbPath() });
  const figures: Figure[] = [];
  for (const t of targets) {
    const ch = await reads({ label: t.label, storeUrl: t.url('reads') });
    figures.push(...ch);
    for (const f of ch.filter((f) => f.name.endsWith('in the server'))) {
      const what = f.name.slice(t.label.length + 2);
      const peer = sqlite.find((s) => s.name === `SQLite: ${what}`)!;
      figures.push(ratio(`${t.label} / SQLite: ${what}`, 'ms', f.value!, peer.value!, 'median / median'));
    }
  }
  return figures;
}

/** The section of `npm run bench`: skipped, saying why, where clickhouse-server is not installed. */
export async function clickhouseBench(
  caisoZip: string,
  market: string,
  env: NodeJS.ProcessEnv,
  times: { reads: number; imports: number },
  log: (line: string) => void,
): Promise<Figure[]> {
  if (!clickhouseServerPath()) {
    log(`ClickHouse: skipped (${CLICKHOUSE_MISSING})`);
    return [skipped('ClickHouse desk store', CLICKHOUSE_MISSING)];
  }
  const { targets, stop } = await startTargets();
  try {
    log('ClickHouse: one server and a two-shard cluster started; importing the CAISO zip ...');
    const imports = await importFigures(caisoZip, targets, times.imports, env);
    log('ClickHouse: reads through the server ...');
    return [...imports, ...(await readFigures(market, targets, times.reads, env))];
  } finally {
    await stop();
  }
}
