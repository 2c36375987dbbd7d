import { GridError } from '../errors';
import type { Connector, LocationInfo } from '../connectors/types';
import type { SeriesStore } from '../store/series-store';
import { nearest } from './suggest';

const PRODUCT_ALIASES: Record<string, string> = { PRICE: 'LMP', RRP: 'LMP' };

/**
 * Names to things: markets, locations (static lists, names and aliases seen in stored files),
 * runs and products, matched case-insensitively, with suggestions when nothing matches.
 */
export class Catalog {
  private readonly byId = new Map<string, Connector>();
  private readonly locationIndex = new Map<string, { version: number; byKey: Map<string, LocationInfo>; all: LocationInfo[] }>();
  private version = 0;

  constructor(readonly connectors: Connector[], private readonly store: SeriesStore) {
    for (const c of connectors) this.byId.set(c.market.id, c);
  }

  /** Call after a write that may have added locations. */
  invalidate(): void {
    this.version++;
  }

  market(name: string | undefined): Connector {
    if (!name || !name.trim()) throw new GridError('BAD_REQUEST', `Say which market: one of ${[...this.byId.keys()].join(', ')}.`);
    const key = name.trim().toUpperCase().replace(/[-\s]/g, '');
    const found = this.byId.get(key) ?? [...this.byId.values()].find((c) => c.market.id.replace(/[-\s]/g, '') === key);
    if (found) return found;
    const [best] = nearest(name, [...this.byId.keys()], 1);
    throw new GridError('UNKNOWN_MARKET', `Unknown market "${name}". Did you mean ${best}? Markets: ${[...this.byId.keys()].join(', ')}.`);
  }

  locations(connector: Connector): LocationInfo[] {
    return this.index(connector).all;
  }

  location(connector: Connector, name: string | undefined): LocationInfo {
    const id = connector.market.id;
    if (!name || !name.trim()) throw new GridError('BAD_REQUEST', `Say which ${id} location, e.g. ${connector.locations[0]?.name ?? 'a hub name'}.`);
    const found = this.index(connector).byKey.get(name.trim().toUpperCase());
    if (found) return found;
    const names = this.index(connector).all.map((l) => l.name);
    const suggestions = nearest(name.trim(), names, 3);
    throw new GridError(
      'UNKNOWN_LOCATION',
      `${id} has no location "${name}".${suggestions.length ? ` Nearest: ${suggestions.join(', ')}.` : ''} See gridcell locations ${id}.`,
    );
  }

  run(connector: Connector, run: string | undefined): string {
    const m = connector.market;
    const wanted = (run ?? '').trim().toUpperCase() || m.defaultRun;
    const canonical = m.runAliases?.[wanted] ?? wanted;
    if (m.runs.some((r) => r.id === canonical)) return canonical;
    throw new GridError('UNKNOWN_RUN', `${m.id} has no run "${run}". Runs: ${m.runs.map((r) => r.id).concat(Object.keys(m.runAliases ?? {})).join(', ')}.`);
  }

  product(connector: Connector, product: string | undefined): string {
    const m = connector.market;
    const wanted = (product ?? '').trim().toUpperCase() || 'LMP';
    const ids = m.products.map((p) => p.id);
    if (ids.includes(wanted)) return wanted;
    const aliased = m.productAliases?.[wanted] ?? PRODUCT_ALIASES[wanted];
    if (aliased && ids.includes(aliased)) return aliased;
    if (wanted === 'LMP' && ids.length) return ids[0];
    throw new GridError('UNKNOWN_PRODUCT', `${m.id} has no product "${product}". Products: ${ids.join(', ')}.`);
  }

  /** Locations whose name or alias contains the search text. */
  search(connector: Connector, q: string | undefined, limit: number): { total: number; locations: LocationInfo[] } {
    const all = this.index(connector).all;
    const needle = (q ?? '').trim().toUpperCase();
    const hits = needle ? all.filter((l) => l.name.toUpperCase().includes(needle) || (l.aliases ?? []).some((a) => a.toUpperCase().includes(needle))) : all;
    return { total: hits.length, locations: hits.slice(0, limit) };
  }

  private index(connector: Connector): { byKey: Map<string, LocationInfo>; all: LocationInfo[] } {
    const id = connector.market.id;
    const cached = this.locationIndex.get(id);
    if (cached && cached.version === this.version) return cached;
    const merged = new Map<string, LocationInfo>();
    for (const l of [...connector.locations, ...this.store.storedLocations(id)]) {
      const prev = merged.get(l.name);
      const aliases = [...new Set([...(prev?.aliases ?? []), ...(l.aliases ?? [])])];
      merged.set(l.name, { name: l.name, type: prev && prev.type !== 'NODE' ? prev.type : l.type, aliases });
    }
    const byKey = new Map<string, LocationInfo>();
    const all = [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const l of all) byKey.set(l.name.toUpperCase(), l);
    for (const l of all) for (const a of l.aliases ?? []) if (!byKey.has(a.toUpperCase())) byKey.set(a.toUpperCase(), l);
    const entry = { version: this.version, byKey, all };
    this.locationIndex.set(id, entry);
    return entry;
  }
}
