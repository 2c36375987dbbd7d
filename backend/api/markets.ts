import type { App } from '../app';
import type { LocationsResponse, MarketSummary } from './contract';
import { blocksOf } from '../time/blocks';

/** What `gridcell markets`, GET /markets and the taskpane show about each market. Never a key value. */
export function marketSummaries(app: App): MarketSummary[] {
  const stats = app.store.marketStats();
  const log = app.store.fetchLog();
  return app.connectors.map(({ market }) => {
    const keys = market.keys.map((k) => ({ env: k.env, description: k.description, set: app.keys.has(k.env) }));
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
      products: market.products.map((p) => ({ id: p.id, description: p.description, ...(p.unit ? { unit: p.unit } : {}) })),
      blocks: blocksOf(market.id),
      keys,
      keyless: market.keyless,
      ready: market.keyless || (keys.length > 0 && keys.every((k) => k.set)),
      notes: market.notes ?? [],
      cache: {
        series: s?.series ?? 0,
        points: s?.points ?? 0,
        days: s?.days ?? 0,
        lastFetch: l?.lastFetch ? new Date(l.lastFetch).toISOString() : undefined,
        lastError: l?.lastError ? app.redact(l.lastError) : undefined,
      },
    };
  });
}

export function locationList(app: App, market: string | undefined, q: string | undefined, limit: number): LocationsResponse {
  const connector = app.catalog.market(market);
  const found = app.catalog.search(connector, q, limit);
  return {
    market: connector.market.id,
    total: found.total,
    locations: found.locations.map((l) => ({ name: l.name, type: l.type, aliases: l.aliases ?? [] })),
  };
}
