import { KeyStore, loadConfig, type Config } from '../config';
import { connectors as allConnectors } from '../connectors/registry';
import type { Connector } from '../connectors/types';
import { HttpClient, userAgentOf } from '../http/client';
import { proxyShown } from '../http/proxy';
import { redactor } from '../http/secrets';
import { Importer } from '../import/importer';
import { VERSION } from '../paths';
import { Backfills } from '../series/backfill';
import { BackgroundFetches } from '../series/background';
import type { PointsQuery } from '../series/queries';
import { Catalog } from '../series/catalog';
import { coverageReport } from '../series/coverage-report';
import { EcbRates } from '../series/currency/ecb-rates';
import { Fetcher } from '../series/fetcher';
import { QualityChecks } from '../series/quality/report';
import { ReadThrough } from '../series/read-through';
import { SeriesService } from '../series/service';
import { SeriesWriter } from '../series/write-path';
import { storeWhenOpen } from '../store/opening';
import type { SeriesStore } from '../store/series-store';
import { SqliteSeriesStore } from '../store/sqlite/sqlite-store';
import { RequestParser } from '../validation/requests';
import type { App } from './app';
import { KeySettings } from './keys';
import { locationList, marketHealth, marketSummaries } from './markets';

export interface AppOptions {
  /** Settings over those of the environment (the command line's flags). */
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  connectors?: Connector[];
  http?: HttpClient;
  now?: () => number;
  /** Told when a write has to wait for another process's write (the command line says so). */
  onWriteWait?: (reason: string) => void;
}

/** The one place gridcell is put together: the server and the command line both start here. */
export function createApp(options: AppOptions = {}): App {
  const env = options.env ?? process.env;
  const config: Config = { ...loadConfig(env), ...options.config };
  const connectors = options.connectors ?? allConnectors;
  const keys = new KeyStore(env);
  const keyNames = [...new Set(connectors.flatMap((c) => c.market.keys.map((k) => k.env)))];
  const redact = currentRedactor(keys, keyNames);
  const keySettings = new KeySettings(connectors, keys);
  const http =
    options.http ??
    new HttpClient({
      offline: config.offline,
      recordDir: config.recordDir,
      replayDir: config.replayDir,
      userAgent: userAgentOf(VERSION, config.contact),
    });
  for (const c of connectors) http.setHostLimits(c.market.hosts);
  const now = options.now ?? Date.now;

  const store: SeriesStore = config.storeUrl ? openClickHouse(config.storeUrl) : new SqliteSeriesStore(config.dbPath);
  const catalog = new Catalog(connectors, store);
  const writer = new SeriesWriter(store, now, { maxMs: config.writeWaitSeconds * 1000, onWait: options.onWriteWait });
  const fetcher = new Fetcher(http, keys, writer, now);
  const readThrough = new ReadThrough(catalog, store, fetcher, keys, {
    offline: config.offline,
    provisionalTtlSeconds: config.provisionalTtlSeconds,
    now,
  });
  const service = new SeriesService(catalog, store, readThrough, new EcbRates(catalog, store, fetcher, now));
  const importer = new Importer(connectors, writer);
  const quality = new QualityChecks(catalog, store);
  const backfills = new Backfills(service, (market) => catalog.connector(market).market.clock, now, {
    plan: (q) => service.plan(q),
    requestsMade: () => http.requests.length,
    daysStored: (q, since) => service.daysStored(q, since),
  });
  const background = new BackgroundFetches(service, backfills, config.offline);
  /** A question asked with `background=1` may become a job (FETCHING); any other is answered as it comes. */
  const answered = <T>(q: PointsQuery, ask: () => Promise<T>): Promise<T> => (q.background ? background.answer(q, ask) : ask());

  return {
    config,
    requests: new RequestParser(catalog, now),
    series: (q) => answered(q, () => service.series(q)),
    value: (q) => service.value(q),
    columns: (q) => answered(q, () => service.columns(q)),
    aggregate: (q) => answered(q, () => service.aggregate(q)),
    latest: (q) => service.latest(q),
    fx: (q) => service.fx(q),
    markets: () => marketSummaries(connectors, store, keys, redact),
    locations: (q) => locationList(catalog, q),
    quality: (q) => quality.report(q),
    health: async () => {
      await store.refresh(); // a deleted or damaged cache file is an error here, not "ok"
      return {
        status: 'ok',
        version: VERSION,
        database: await store.info(),
        offline: config.offline,
        proxy: proxyShown(env),
        markets: await marketHealth(connectors, store, redact),
      };
    },
    coverage: (q) => coverageReport(store, q),
    blockMeans: (q) => service.blockMeans(q),
    saveKey: (env, body) => keySettings.save(env, body),
    removeKey: (env) => keySettings.remove(env),
    clearCache: async () => {
      await writer.clear();
      return { cleared: true };
    },
    startBackfill: (q) => backfills.start(q),
    planBackfill: (q) => service.plan(q),
    jobs: () => backfills.list(),
    job: (id) => backfills.get(id),
    cancelJob: (id) => backfills.cancel(id),
    jobEnded: (id) => backfills.finished(id),
    importFile: (path, report) => importer.importFile(path, report),
    importBytes: (name, bytes, report) => importer.importBytes(name, bytes, report),
    redact,
    close: () => store.close(),
  };
}

/** The desk's ClickHouse store; its client is loaded only when one is configured. */
function openClickHouse(url: string): SeriesStore {
  return storeWhenOpen(import('../store/clickhouse').then(({ ClickHouseSeriesStore }) => ClickHouseSeriesStore.open(url)));
}

/**
 * Masks every key value known since the start: those of the environment and the config file, and
 * each one saved from the Settings since (a replaced or removed key stays masked).
 */
function currentRedactor(keys: KeyStore, names: string[]): (text: string) => string {
  const known = new Set(keys.allValues(names));
  let redact = redactor([...known]);
  let version = keys.version;
  return (text) => {
    if (keys.version !== version) {
      version = keys.version;
      for (const v of keys.allValues(names)) known.add(v);
      redact = redactor([...known]);
    }
    return redact(text);
  };
}
