import { ident } from './sql';

/**
 * The tables, for ClickHouse 18.16. Every table is a ReplacingMergeTree (or a plain MergeTree for
 * logs): rows are only ever inserted, and readers take the latest version of a key themselves
 * (argMax) rather than trusting merges to have happened. Times are UTC: DateTime (seconds) for
 * instants of the data, UInt64 milliseconds for when something was fetched or written.
 *
 * On a cluster each table is `<name>_local` on every shard, and `<name>` a Distributed table over
 * them sharded by series id (by market for the small market tables): the store only ever names
 * `<name>`, and a series' rows all live on one shard, so per-key argMax is exact shard by shard.
 */
interface TableSpec {
  name: string;
  columns: string;
  engine: string;
  /** The Distributed table's sharding key. */
  shardBy: string;
}

// LowCardinality(String) needs allow_experimental_low_cardinality_type on 18.16: market is a plain String.
export const TABLES: TableSpec[] = [
  {
    name: 'points',
    columns: 'market String, series_id UInt64, start DateTime, duration UInt32, value Float64, version UInt64',
    engine: 'ReplacingMergeTree(version) PARTITION BY (market, toYYYYMM(start)) ORDER BY (series_id, start)',
    shardBy: 'series_id',
  },
  {
    name: 'series',
    columns:
      'id UInt64, market String, location String, run String, product String, currency String, unit String, step UInt32, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY id',
    shardBy: 'id',
  },
  {
    name: 'coverage',
    columns: 'market String, series_id UInt64, day Date, source String, fetched_at UInt64, final UInt8, version UInt64',
    engine: 'ReplacingMergeTree(version) PARTITION BY toYYYYMM(day) ORDER BY (series_id, day)',
    shardBy: 'series_id',
  },
  {
    name: 'revisions',
    columns: 'series_id UInt64, start DateTime, old_value Float64, new_value Float64, revised_at DateTime',
    engine: 'MergeTree PARTITION BY toYYYYMM(start) ORDER BY (series_id, start)',
    shardBy: 'series_id',
  },
  {
    name: 'locations',
    columns: 'market String, name String, type String, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY (market, name)',
    shardBy: 'cityHash64(market)',
  },
  {
    name: 'location_aliases',
    columns: 'market String, alias String, name String, version UInt64',
    engine: 'ReplacingMergeTree(version) ORDER BY (market, alias)',
    shardBy: 'cityHash64(market)',
  },
  {
    name: 'fetch_log',
    columns: "market String, kind Enum8('fetch' = 1, 'error' = 2), at UInt64, message String, version UInt64",
    engine: 'ReplacingMergeTree(version) ORDER BY (market, kind)',
    shardBy: 'cityHash64(market)',
  },
  {
    // One row per commit or clear, of any process: its largest id is what `refresh` polls.
    name: 'writes',
    columns: 'id UInt64, at UInt64',
    engine: 'MergeTree ORDER BY id',
    shardBy: 'id',
  },
];

export const DATA_TABLES = TABLES.filter((t) => t.name !== 'writes').map((t) => t.name);

/** Where the rows of each table live: the name the store reads and writes is always the plain one. */
export function localName(table: string, cluster: string | undefined): string {
  return cluster ? `${table}_local` : table;
}

/**
 * The DDL for one server (or, with `onCluster`, for every server of the cluster at once through
 * distributed DDL, which needs ZooKeeper on 18.16).
 */
export function schemaStatements(database: string, cluster: string | undefined, onCluster: boolean): string[] {
  const db = ident(database);
  const on = cluster && onCluster ? ` ON CLUSTER ${ident(cluster)}` : '';
  const out = [`CREATE DATABASE IF NOT EXISTS ${db}${on}`];
  for (const t of TABLES) {
    const local = localName(t.name, cluster);
    out.push(`CREATE TABLE IF NOT EXISTS ${db}.${local}${on} (${t.columns}) ENGINE = ${t.engine}`);
    if (cluster)
      out.push(
        `CREATE TABLE IF NOT EXISTS ${db}.${t.name}${on} (${t.columns}) ENGINE = Distributed(${ident(cluster)}, ${db}, ${local}, ${t.shardBy})`,
      );
  }
  return out;
}

/** Empties every data table (the writes log stays: other processes notice the clear through it). */
export function truncateStatements(database: string, cluster: string | undefined, onCluster: boolean): string[] {
  const on = cluster && onCluster ? ` ON CLUSTER ${ident(cluster)}` : '';
  return DATA_TABLES.map((t) => `TRUNCATE TABLE IF EXISTS ${ident(database)}.${localName(t, cluster)}${on}`);
}

/** The per-write staging table: on the server the store talks to, never distributed. */
export function stageStatement(database: string, stage: string): string {
  return `CREATE TABLE ${ident(database)}.${ident(stage)} (market String, series_id UInt64, start_s UInt32, duration UInt32, value Float64, seq UInt64) ENGINE = Log`;
}
