import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { GridError } from '../../domain';
import { ident } from './sql';

/** Where a store lives: the server, the database and, for a desk, the cluster its tables span. */
export interface ClickHouseTarget {
  /** The HTTP endpoint, without credentials. */
  endpoint: string;
  username: string;
  password: string;
  database: string;
  cluster?: string;
  /** `?shards=host:port,host:port`: each shard's own server, where the cluster has no distributed DDL (see ClickHouseStoreOptions.shardUrls). */
  shardUrls?: string[];
  /** The URL as it may be shown: everything but the password. */
  publicUrl: string;
}

/**
 * Reads `clickhouse://user:password@host:8123/database[?cluster=NAME]`. The password is never
 * part of an error: a URL that does not parse is described by its shape.
 */
export function parseClickHouseUrl(url: string, cluster?: string): ClickHouseTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('A ClickHouse store URL looks like clickhouse://user:password@host:8123/database');
  }
  if (u.protocol !== 'clickhouse:' && u.protocol !== 'clickhouses:')
    throw new Error(`A ClickHouse store URL starts with clickhouse://, not ${u.protocol}//`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'default';
  const username = decodeURIComponent(u.username) || 'default';
  const named = cluster ?? u.searchParams.get('cluster') ?? undefined;
  const host = `${u.hostname}:${u.port || '8123'}`;
  const scheme = u.protocol === 'clickhouses:' ? 'https' : 'http';
  return {
    endpoint: `${scheme}://${host}`,
    username,
    password: decodeURIComponent(u.password),
    database: ident(database),
    cluster: named === undefined ? undefined : ident(named),
    shardUrls: u.searchParams
      .get('shards')
      ?.split(',')
      .filter(Boolean)
      .map((shard) => `${u.protocol}//${u.username}:${u.password}@${shard}/${database}`),
    publicUrl: `${u.protocol}//${encodeURIComponent(username)}@${host}/${database}${named ? `?cluster=${named}` : ''}`,
  };
}

/** Settings every request carries: large IN lists, and inserts through a Distributed table that land before they return. */
const SETTINGS: ClickHouseSettings = {
  max_query_size: '67108864',
  insert_distributed_sync: 1,
  // Keeps a long INSERT ... SELECT's connection alive through proxies.
  send_progress_in_http_headers: 1,
  http_headers_progress_interval_ms: '10000',
};

export function connect(target: ClickHouseTarget, database: string = target.database): ClickHouseClient {
  return createClient({
    url: target.endpoint,
    username: target.username,
    password: target.password,
    database,
    clickhouse_settings: SETTINGS,
    request_timeout: 300_000,
    application: 'gridcell',
    // The client's own log prints failed requests; every failure reaches the caller, cleaned by withoutPassword.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/**
 * An error of the server or the network as the store's own (CACHE_UNUSABLE), saying what to do,
 * with anything that could hold the password taken out.
 */
export function withoutPassword(e: unknown, target: ClickHouseTarget): GridError {
  const message = e instanceof Error ? e.message : String(e);
  const clean = (target.password ? message.split(target.password).join('***') : message)
    .trim()
    .replace(/, e\.what\(\) = DB::Exception$/, '');
  const todo = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket hang up/.test(clean)
    ? 'Check that the ClickHouse server runs there and that GRIDCELL_STORE (or --store) names its HTTP port.'
    : /Code: (193|194|516)\b/.test(clean)
      ? 'Check the user and password in GRIDCELL_STORE (or --store).'
      : 'The desk store could not answer; ask whoever runs it, and try again.';
  return new GridError('CACHE_UNUSABLE', `The desk store ${target.publicUrl} failed: ${clean}. ${todo}`);
}
