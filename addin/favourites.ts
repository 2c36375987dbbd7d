import type { LocationSummary } from '../contract';

/**
 * Favourite locations, per market, kept in the add-in's storage (localStorage; inside Office it is
 * the add-in's partitioned storage, the same API). A storage that cannot be read or written (full,
 * blocked) leaves the favourites of this session only.
 */

const KEY_PREFIX = 'gridcell.favourites ';

/** What a favourite keeps to be listed without a search: its name, type and first aliases. */
export type Favourite = Pick<LocationSummary, 'name' | 'type' | 'aliases'>;

export interface Favourites {
  list(market: string): Favourite[];
  has(market: string, name: string): boolean;
  /** Adds or removes; answers whether it is a favourite now. */
  toggle(market: string, location: Favourite): boolean;
  /** The favourites whose name or an alias contains the text (case ignored), or all when it is empty. */
  matching(market: string, text: string): Favourite[];
}

export function favourites(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = safeLocalStorage()): Favourites {
  const memory = new Map<string, Favourite[]>();
  const read = (market: string): Favourite[] => {
    if (memory.has(market)) return memory.get(market)!;
    let stored: Favourite[] = [];
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(KEY_PREFIX + market) ?? '[]');
      if (Array.isArray(parsed))
        stored = parsed
          .filter((f): f is Favourite => typeof f?.name === 'string')
          .map((f) => ({ name: f.name, type: String(f.type ?? ''), aliases: Array.isArray(f.aliases) ? f.aliases.map(String) : [] }));
    } catch {
      stored = [];
    }
    memory.set(market, stored);
    return stored;
  };
  const write = (market: string, list: Favourite[]) => {
    memory.set(market, list);
    try {
      storage?.setItem(KEY_PREFIX + market, JSON.stringify(list));
    } catch {
      // Kept for this session only.
    }
  };
  const api: Favourites = {
    list: (market) => [...read(market)],
    has: (market, name) => read(market).some((f) => f.name === name),
    toggle(market, location) {
      const list = read(market);
      if (list.some((f) => f.name === location.name)) {
        write(
          market,
          list.filter((f) => f.name !== location.name),
        );
        return false;
      }
      const kept: Favourite = { name: location.name, type: location.type, aliases: location.aliases.slice(0, 3) };
      write(
        market,
        [...list, kept].sort((a, b) => a.name.localeCompare(b.name)),
      );
      return true;
    },
    matching(market, text) {
      const wanted = text.trim().toLowerCase();
      return read(market).filter((f) => !wanted || [f.name, ...f.aliases].some((n) => n.toLowerCase().includes(wanted)));
    },
  };
  return api;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
