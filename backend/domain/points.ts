import { SeriesMemo } from './series-memo';
import type { LocationInfo } from './location';

/** One normalized value as a source gives it. Times are UTC epoch milliseconds, interval [start, end). */
export interface ParsedPoint {
  location: string;
  run: string;
  product: string;
  start: number;
  end: number;
  value: number;
  /** When the report serves another currency than the market's (Nord Pool in SEK). */
  currency?: string;
}

/** What a parser read from one body or file. */
export interface ParseResult {
  points: ParsedPoint[];
  /** Locations seen in the file, with aliases it reveals (pnode ids, LocIds). */
  locations?: LocationInfo[];
}

/** A point of one series as the cache holds it: UTC epoch milliseconds, interval [start, end). */
export interface StoredPoint {
  start: number;
  end: number;
  value: number;
}

/** The series a point belongs to, as a parser names it (the market is the write's). */
export interface PointSeries {
  location: string;
  run: string;
  product: string;
  currency?: string;
}

/**
 * Parsed points in columns: each distinct series once, then one number per point and column.
 * What crosses from the parsing thread to the writing one (typed arrays move without copying),
 * and what the store writes: no object per point.
 */
export interface PointColumns {
  series: PointSeries[];
  /** Index into `series`, per point. */
  seriesIndex: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  value: Float64Array;
}

/** Points in columns, each series listed once. */
export function pointColumns(points: readonly ParsedPoint[]): PointColumns {
  const n = points.length;
  const columns: PointColumns = {
    series: [],
    seriesIndex: new Uint32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    value: new Float64Array(n),
  };
  const indices = new SeriesMemo();
  // Parsers give a series' points one after another: the series of the point before is not looked up again.
  let previous: ParsedPoint | undefined;
  let index = 0;
  for (let i = 0; i < n; i++) {
    const point = points[i];
    const { location, run, product, currency } = point;
    if (
      previous === undefined ||
      location !== previous.location ||
      run !== previous.run ||
      product !== previous.product ||
      currency !== previous.currency
    ) {
      let found = indices.get(location, run, product, currency);
      if (found === undefined) {
        found = columns.series.length;
        columns.series.push({ location, run, product, currency });
        indices.set(location, run, product, currency, found);
      }
      index = found;
    }
    previous = point;
    columns.seriesIndex[i] = index;
    columns.start[i] = point.start;
    columns.end[i] = point.end;
    columns.value[i] = point.value;
  }
  return columns;
}

/** What a parser read, in columns (`pointColumns`): as a parsing thread hands it over. */
export interface ParsedColumns {
  columns: PointColumns;
  locations?: LocationInfo[];
}
