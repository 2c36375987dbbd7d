import { datasetOf, type LocationsResponse, type MarketSummary } from '../../contract';
import type { KeyStore } from '../config';
import type { Connector } from '../connectors/types';
import type { Catalog } from '../series/catalog';
import type { LocationsQuery } from '../series/queries';
import type { SeriesStore } from '../store/series-store';
import { blocksOf } from '../time/blocks';

function iso(ms: number | undefined): string | undefined {
  return ms ? new Date(ms).toISOString() : undefined;
}

type MarketStats = Awaited<ReturnType<SeriesStore['marketStats']>>;

/** Each store's market statistics as last read, with the store's generation they were read at. */
const statsRead = new WeakMap<SeriesStore, { generation: number; stats: MarketStats }>();

/**
 * The store's series, points and days per market, read again only once the stored data changed
 * (on SQLite the count reads every point; GRID.FUELMIX asks /markets at each recalculation).
 * Another process's commit is looked for first, as the read path does.
 */
async function marketStats(store: SeriesStore): Promise<MarketStats> {
  try {
    await store.refresh();
  } catch {
    // A store that cannot say whether it changed (its file replaced, its server unreachable) is asked as before.
    return store.marketStats();
  }
  const generation = store.generation;
  const last = statsRead.get(store);
  if (last && last.generation === generation) return last.stats;
  const stats = await store.marketStats();
  statsRead.set(store, { generation, stats });
  return stats;
}

/** What `gridcell markets`, GET /markets and the taskpane show about each market. Never a key value. */
export async function marketSummaries(
  connectors: readonly Connector[],
  store: SeriesStore,
  keys: KeyStore,
  redact: (text: string) => string,
): Promise<MarketSummary[]> {
  const stats = await marketStats(store);
  const log = await store.fetchLog();
  return connectors.map(({ market }) => {
    const keyStates = market.keys.map((k) => {
      const from = keys.source(k.env);
      return { env: k.env, description: k.description, set: from !== undefined, ...(from ? { from } : {}) };
    });
    const s = stats.get(market.id);
    const l = log.get(market.id);
    return {
      id: market.id,
      name: market.name,
      region: market.region,
      clock: market.clock,
      currency: market.currency,
      unit: market.unit,
      runs: market.runs.map((r) => ({ id: r.id, description: r.description, intervalMinutes: r.intervalMinutes })),
      defaultRun: market.defaultRun,
      products: market.products.map((p) => ({
        id: p.id,
        description: p.description,
        dataset: datasetOf(p.id),
        ...(p.unit ? { unit: p.unit } : {}),
        ...(p.defaultRun ? { defaultRun: p.defaultRun } : {}),
      })),
      unavailable: market.unavailable ?? [],
      blocks: blocksOf(market.id),
      keys: keyStates,
      keyless: market.keyless,
      ready: market.keyless || (keyStates.length > 0 && keyStates.every((k) => k.set)),
      notes: market.notes ?? [],
      cache: {
        series: s?.series ?? 0,
        points: s?.points ?? 0,
        days: s?.days ?? 0,
        lastFetch: iso(l?.lastFetch),
        lastError: l?.lastError ? redact(l.lastError) : undefined,
      },
    };
  });
}

/** Market health: when each was last fetched and its last error, with secrets removed. */
export async function marketHealth(
  connectors: readonly Connector[],
  store: SeriesStore,
  redact: (text: string) => string,
): Promise<{ id: string; lastFetch?: string; lastError?: string }[]> {
  const log = await store.fetchLog();
  return connectors.map(({ market }) => {
    const l = log.get(market.id);
    return { id: market.id, lastFetch: iso(l?.lastFetch), lastError: l?.lastError ? redact(l.lastError) : undefined };
  });
}

export async function locationList(catalog: Catalog, query: LocationsQuery): Promise<LocationsResponse> {
  const found = await catalog.search(catalog.connector(query.market), query.search, query.limit);
  return {
    market: query.market,
    total: found.total,
    locations: found.locations.map((l) => ({ name: l.name, type: l.type, aliases: l.aliases ?? [] })),
  };
}
