import { int, list, seconds, str } from './sql';

/**
 * The latest value of every point matching `where`: rows are only inserted, so a (series, start)
 * may have several versions until merges catch up. argMax per key rather than FINAL: it reads only
 * the primary-key range the WHERE selects, is exact whether or not parts were merged, and its
 * partial aggregates merge across shards; FINAL on 18.16 merges whole partitions on read.
 */
export function latestPoints(where: string): string {
  return `SELECT series_id, start, argMax(duration, version) AS dur, argMax(value, version) AS val
    FROM points WHERE ${where} GROUP BY series_id, start`;
}

export function pointRange(seriesId: number, fromMs: number, toMs: number): string {
  return `series_id = ${int(seriesId)} AND ${startsIn(fromMs, toMs)}`;
}

/** Points starting in [fromMs, toMs), to the second as the SQLite store reads them. */
export function startsIn(fromMs: number, toMs: number): string {
  return `start >= ${seconds(fromMs, Math.floor)} AND start < ${seconds(toMs, Math.ceil)}`;
}

/** The latest coverage row of each (series, day) matching `where`. */
export function latestCoverage(where: string): string {
  return `SELECT series_id, day, argMax(source, version) AS src, argMax(fetched_at, version) AS fetched,
      argMax(final, version) AS fin
    FROM coverage WHERE ${where} GROUP BY series_id, day`;
}

/** Series rows by id: the first version wins (a series keeps the unit it was created with). */
export function seriesRows(where: string): string {
  return `SELECT id, argMin(market, version) AS m, argMin(location, version) AS loc, argMin(run, version) AS r,
      argMin(product, version) AS prod, argMin(currency, version) AS cur, argMin(unit, version) AS u
    FROM series WHERE ${where} GROUP BY id`;
}

export const ids = (values: readonly number[]): string => list(values, int);
export const strings = (values: readonly string[]): string => list(values, str);
