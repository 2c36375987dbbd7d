import type { SeriesKey } from './series';

interface Held {
  run: string;
  product: string;
  currency: string | undefined;
  id: number;
}

/**
 * A number per series (an id, an index) found without building a string per lookup: a write
 * resolves every point's series, and a file of 160,000 rows names a few thousand. Per location,
 * the handful of (run, product, currency) it is stored under are compared in place.
 */
export class SeriesMemo {
  private readonly byLocation = new Map<string, Held[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(location: string, run: string, product: string, currency: string | undefined): number | undefined {
    const held = this.byLocation.get(location);
    if (!held) return undefined;
    for (const h of held) if (h.run === run && h.product === product && h.currency === currency) return h.id;
    return undefined;
  }

  getKey(key: SeriesKey): number | undefined {
    return this.get(key.location, key.run, key.product, key.currency);
  }

  set(location: string, run: string, product: string, currency: string | undefined, id: number): void {
    let held = this.byLocation.get(location);
    if (!held) this.byLocation.set(location, (held = []));
    held.push({ run, product, currency, id });
    this.count++;
  }

  clear(): void {
    this.byLocation.clear();
    this.count = 0;
  }
}
