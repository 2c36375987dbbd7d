import { createHash } from 'node:crypto';
import type { SeriesKey } from '../../domain';

/**
 * A series' id, the same in every process without asking the server: the first 53 bits of the
 * SHA-256 of its key, so it is exact as a JS number. A collision (two keys, one id) is checked
 * when a write first names a series.
 */
export function seriesIdOf(key: SeriesKey): number {
  const digest = createHash('sha256').update(seriesKeyText(key)).digest();
  return digest.readUIntBE(0, 6) * 32 + (digest[6] >> 3);
}

/** A series key as one text: what the id is hashed from, and what the store's caches are keyed by. */
export function seriesKeyText(key: SeriesKey): string {
  return JSON.stringify([key.market, key.location, key.run, key.product, key.currency]);
}

export function sameKey(a: SeriesKey, b: SeriesKey): boolean {
  return a.market === b.market && a.location === b.location && a.run === b.run && a.product === b.product && a.currency === b.currency;
}
