import { KeyStore, loadConfig, type Config } from './config';
import { connectors as allConnectors } from './connectors/registry';
import type { Connector } from './connectors/types';
import { HttpClient } from './http/client';
import { scrub } from './http/secrets';
import { Importer } from './import/importer';
import { Catalog } from './series/catalog';
import { EcbConverter } from './series/currency';
import { Fetcher } from './series/fetcher';
import { EcbRates } from './series/fx-rates';
import { SeriesService } from './series/service';
import { openDb, type Db } from './store/db';
import { SeriesStore } from './store/series-store';

/** Everything one gridcell process needs, wired once: the CLI and the server both start here. */
export interface App {
  config: Config;
  db: Db;
  store: SeriesStore;
  catalog: Catalog;
  keys: KeyStore;
  http: HttpClient;
  service: SeriesService;
  rates: EcbRates;
  importer: Importer;
  connectors: Connector[];
  /** Removes every API key value from a text (for logs and error messages). */
  redact(text: string): string;
  close(): void;
}

export interface AppOptions {
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  connectors?: Connector[];
  http?: HttpClient;
  now?: () => number;
}

export function createApp(options: AppOptions = {}): App {
  const env = options.env ?? process.env;
  const config = { ...loadConfig(env), ...options.config };
  const connectors = options.connectors ?? allConnectors;
  const keys = new KeyStore(env);
  const allKeyNames = [...new Set(connectors.flatMap((c) => c.market.keys.map((k) => k.env)))];
  const secretValues = keys.allValues(allKeyNames);
  const redact = (text: string) => scrub(text, secretValues);
  const http =
    options.http ??
    new HttpClient({ offline: config.offline, recordDir: config.recordDir, replayDir: config.replayDir });
  for (const c of connectors) http.setHostLimits(c.market.hosts);
  const now = options.now ?? Date.now;
  const db = openDb(config.dbPath);
  const store = new SeriesStore(db);
  const catalog = new Catalog(connectors, store);
  const onWrite = () => catalog.invalidate();
  const fetcher = new Fetcher(store, http, keys, now, onWrite);
  const rates = new EcbRates(catalog, store, fetcher, now);
  const service = new SeriesService(catalog, store, fetcher, keys, new EcbConverter(rates.cross), rates.cross, {
    offline: config.offline,
    provisionalTtlSeconds: config.provisionalTtlSeconds,
    now,
  });
  const importer = new Importer(connectors, store, now, onWrite);
  return { config, db, store, catalog, keys, http, service, rates, importer, connectors, redact, close: () => db.close() };
}
