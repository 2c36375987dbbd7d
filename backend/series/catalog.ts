import { DEFAULT_PRODUCT, fuelOf, GEN_PREFIX, PRODUCT_ALIASES, oneOf, type Run } from '../../contract';
import type { Connector } from '../connectors/types';
import { andThen, GridError, type LocationInfo, type Maybe } from '../domain';
import type { SeriesStore } from '../store/series-store';
import { nearest } from './suggest';

interface LocationIndex {
  generation: number;
  byKey: Map<string, LocationInfo>;
  all: LocationInfo[];
}

/**
 * Names to things: markets, locations (static lists, names and aliases seen in stored files),
 * runs and products, matched case-insensitively, with suggestions when nothing matches.
 */
export class Catalog {
  private readonly byId = new Map<string, Connector>();
  private readonly locationIndex = new Map<string, LocationIndex>();
  private readonly exact = new Map<string, LocationInfo | undefined>();
  private exactGeneration = -1;

  constructor(
    readonly connectors: readonly Connector[],
    private readonly store: SeriesStore,
  ) {
    for (const c of connectors) this.byId.set(c.market.id, c);
  }

  /** The connector of a market's id, as a validated query carries it. */
  connector(id: string): Connector {
    const found = this.byId.get(id);
    if (!found) throw new GridError('INTERNAL', `No connector is registered for market ${id}.`);
    return found;
  }

  /** The connector a market name written by a person means (`iso-ne` finds ISONE). */
  market(name: string): Connector {
    const key = name.trim().toUpperCase().replace(/[-\s]/g, '');
    const found = this.byId.get(key);
    if (found) return found;
    const [best] = nearest(name, [...this.byId.keys()], 1);
    throw new GridError('UNKNOWN_MARKET', `Unknown market "${name}". Did you mean ${best}? Markets: ${[...this.byId.keys()].join(', ')}.`);
  }

  async locations(connector: Connector): Promise<LocationInfo[]> {
    return (await this.index(connector)).all;
  }

  /**
   * The location a name or alias means, if the catalog knows it. Until a market's index is built
   * (the first question after start), a name written exactly as listed or stored is found on its
   * own: a market of thousands of nodes is not read whole to answer one formula.
   */
  knows(connector: Connector, name: string): Maybe<LocationInfo | undefined> {
    const key = name.trim();
    const index = this.currentIndex(connector);
    if (index) return index.byKey.get(key.toUpperCase());
    const exact = this.exactly(connector, key);
    return andThen(exact, (found) => found ?? this.fromIndex(connector, key));
  }

  private async fromIndex(connector: Connector, name: string): Promise<LocationInfo | undefined> {
    return (await this.index(connector)).byKey.get(name.toUpperCase());
  }

  async location(connector: Connector, name: string): Promise<LocationInfo> {
    const id = connector.market.id;
    const found = await this.knows(connector, name);
    if (found) return found;
    const suggestions = nearest(
      name.trim(),
      (await this.index(connector)).all.map((l) => l.name),
      3,
    );
    throw new GridError(
      'UNKNOWN_LOCATION',
      `${id} has no location "${name}".${suggestions.length ? ` Nearest: ${suggestions.join(', ')}.` : ''} Search ${id}'s locations to find its spelling.`,
    );
  }

  /** The market's run a name means (its default when blank, `RT` through its alias). */
  /** The run a name means; blank is the product's own default (ACTUAL for load), else the market's. */
  run(connector: Connector, name: string | undefined, product?: string): Run {
    const m = connector.market;
    const wanted = name?.trim().toUpperCase() || m.products.find((p) => p.id === product)?.defaultRun || m.defaultRun;
    const run = m.runs.find((r) => r.id === (m.runAliases?.[wanted as Run] ?? wanted));
    if (run) return run.id;
    const names = [...m.runs.map((r) => r.id), ...Object.keys(m.runAliases ?? {})];
    throw new GridError('UNKNOWN_RUN', `${m.id} has no run "${name}". Runs: ${names.join(', ')}.`);
  }

  /** The market's product a name means (LMP when blank; PRICE and the market's own aliases too). */
  product(connector: Connector, name: string | undefined): string {
    const m = connector.market;
    const ids = m.products.map((p) => p.id);
    const wanted = name?.trim().toUpperCase() || DEFAULT_PRODUCT;
    const fuel = wanted.startsWith(GEN_PREFIX) ? fuelOf(wanted) : undefined;
    const aliased = m.productAliases?.[wanted] ?? PRODUCT_ALIASES[wanted] ?? (fuel ? GEN_PREFIX + fuel : wanted);
    const found = oneOf(ids, aliased) ?? (aliased === DEFAULT_PRODUCT ? ids[0] : undefined);
    if (found) return found;
    throw new GridError('UNKNOWN_PRODUCT', `${m.id} has no product "${name}". Products: ${ids.join(', ')}.`);
  }

  /** Locations whose name or alias contains the search text. */
  async search(connector: Connector, q: string | undefined, limit: number): Promise<{ total: number; locations: LocationInfo[] }> {
    const all = (await this.index(connector)).all;
    const needle = (q ?? '').trim().toUpperCase();
    const hits = needle
      ? all.filter((l) => l.name.toUpperCase().includes(needle) || (l.aliases ?? []).some((a) => a.toUpperCase().includes(needle)))
      : all;
    return { total: hits.length, locations: hits.slice(0, limit) };
  }

  private currentIndex(connector: Connector): LocationIndex | undefined {
    const cached = this.locationIndex.get(connector.market.id);
    return cached && cached.generation === this.store.generation ? cached : undefined;
  }

  /** A location by its exact name, from the connector's list and the store; remembered until the store changes. */
  private exactly(connector: Connector, name: string): Maybe<LocationInfo | undefined> {
    if (this.exactGeneration !== this.store.generation) {
      this.exact.clear();
      this.exactGeneration = this.store.generation;
    }
    const key = `${connector.market.id}\u0000${name}`;
    return this.exact.has(key) ? this.exact.get(key) : this.exactlyFromStore(connector, name, key);
  }

  private async exactlyFromStore(connector: Connector, name: string, key: string): Promise<LocationInfo | undefined> {
    const id = connector.market.id;
    const generation = this.exactGeneration;
    const stored = await this.store.storedLocation(id, name);
    const found = mergedByName([...connector.locations.filter((l) => l.name === name), ...(stored ? [stored] : [])]).get(name);
    if (generation === this.exactGeneration) this.exact.set(key, found);
    return found;
  }

  private async index(connector: Connector): Promise<LocationIndex> {
    const cached = this.currentIndex(connector);
    if (cached) return cached;
    const generation = this.store.generation;
    const merged = mergedByName([...connector.locations, ...(await this.store.storedLocations(connector.market.id))]);
    const byKey = new Map<string, LocationInfo>();
    const all = [...merged.values()].sort((a, b) => byName(a.name, b.name));
    for (const l of all) byKey.set(l.name.toUpperCase(), l);
    for (const l of all) for (const a of l.aliases ?? []) if (!byKey.has(a.toUpperCase())) byKey.set(a.toUpperCase(), l);
    const entry = { generation, byKey, all };
    this.locationIndex.set(connector.market.id, entry);
    return entry;
  }
}

/** Locations listed more than once (the connector's list, the store) as one each: the more telling type, every alias. */
function mergedByName(locations: LocationInfo[]): Map<string, LocationInfo> {
  const merged = new Map<string, LocationInfo>();
  for (const l of locations) {
    const prev = merged.get(l.name);
    const aliases = [...new Set([...(prev?.aliases ?? []), ...(l.aliases ?? [])])];
    merged.set(l.name, { name: l.name, type: prev && prev.type !== 'NODE' ? prev.type : l.type, aliases });
  }
  return merged;
}

/**
 * The order of `localeCompare`, without building a collator per comparison (a market of thousands
 * of nodes is sorted at the first question); made at that question, not at start (ICU takes ~5 ms).
 */
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string): number => (collator ??= new Intl.Collator()).compare(a, b);
