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

/** Where a parser puts each point it reads: an array of objects, or columns (`PointBuffer`). */
export interface PointSink {
  add(location: string, run: string, product: string, start: number, end: number, value: number, currency?: string): void;
  /**
   * A series named once, for a reader that adds to the same few series on every row (a JEPX row
   * holds 17): `addTo` then finds it without comparing or looking up its names per point.
   */
  seriesHandle(location: string, run: string, product: string, currency?: string): number;
  addTo(handle: number, start: number, end: number, value: number): void;
}

/**
 * Points gathered straight into columns, each series listed once: no object per point, so a
 * parser of a large file makes little garbage. Parsers give a series' points one after another,
 * so the series of the point before is compared by identity before any lookup.
 */
export class PointBuffer implements PointSink {
  private readonly series: PointSeries[] = [];
  private readonly indices = new SeriesMemo();
  private last: PointSeries | undefined;
  private lastIndex = 0;
  private count = 0;
  private seriesIndex: Uint32Array;
  private start: Float64Array;
  private end: Float64Array;
  private value: Float64Array;

  constructor(capacity = 1024) {
    this.seriesIndex = new Uint32Array(capacity);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  add(location: string, run: string, product: string, start: number, end: number, value: number, currency?: string): void {
    const last = this.last;
    if (!last || location !== last.location || run !== last.run || product !== last.product || currency !== last.currency)
      this.lastIndex = this.indexOf(location, run, product, currency);
    this.addTo(this.lastIndex, start, end, value);
  }

  seriesHandle(location: string, run: string, product: string, currency?: string): number {
    return this.indexOf(location, run, product, currency);
  }

  addTo(handle: number, start: number, end: number, value: number): void {
    if (this.count === this.start.length) this.grow();
    const i = this.count++;
    this.seriesIndex[i] = handle;
    this.start[i] = start;
    this.end[i] = end;
    this.value[i] = value;
  }

  get length(): number {
    return this.count;
  }

  columns(): PointColumns {
    const n = this.count;
    return {
      series: this.series,
      seriesIndex: this.seriesIndex.subarray(0, n),
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
      value: this.value.subarray(0, n),
    };
  }

  private indexOf(location: string, run: string, product: string, currency: string | undefined): number {
    let index = this.indices.get(location, run, product, currency);
    if (index === undefined) {
      index = this.series.length;
      this.series.push({ location, run, product, currency });
      this.indices.set(location, run, product, currency, index);
    }
    this.last = this.series[index];
    return index;
  }

  private grow(): void {
    const larger = <T extends Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.seriesIndex = larger(this.seriesIndex);
    this.start = larger(this.start);
    this.end = larger(this.end);
    this.value = larger(this.value);
  }
}

/** Points as objects, for parsers and callers that want them so. */
export class PointList implements PointSink {
  readonly points: ParsedPoint[] = [];
  private readonly handles: PointSeries[] = [];

  add(location: string, run: string, product: string, start: number, end: number, value: number, currency?: string): void {
    this.points.push(
      currency === undefined ? { location, run, product, start, end, value } : { location, run, product, start, end, value, currency },
    );
  }

  seriesHandle(location: string, run: string, product: string, currency?: string): number {
    return this.handles.push({ location, run, product, currency }) - 1;
  }

  addTo(handle: number, start: number, end: number, value: number): void {
    const { location, run, product, currency } = this.handles[handle];
    this.add(location, run, product, start, end, value, currency);
  }
}

/** Points in columns, each series listed once. */
export function pointColumns(points: readonly ParsedPoint[]): PointColumns {
  const buffer = new PointBuffer(Math.max(1, points.length));
  for (const p of points) buffer.add(p.location, p.run, p.product, p.start, p.end, p.value, p.currency);
  return buffer.columns();
}

/**
 * Each series' usual duration as a write first meets it, in seconds: its first point's (a new
 * series takes it as its step); NaN for a series without points.
 */
export function firstDurations({ series, seriesIndex, start, end }: PointColumns): Float64Array {
  const seconds = new Float64Array(series.length).fill(NaN);
  for (let i = 0; i < seriesIndex.length; i++)
    if (Number.isNaN(seconds[seriesIndex[i]])) seconds[seriesIndex[i]] = Math.round((end[i] - start[i]) / 1000);
  return seconds;
}

/** What a parser read, in columns (`pointColumns`): as a parsing thread hands it over. */
export interface ParsedColumns {
  columns: PointColumns;
  locations?: LocationInfo[];
}

/** The point of `points` (in start order, not overlapping) that holds the instant `ms`, if any. */
export function pointHolding(points: readonly StoredPoint[], ms: number): StoredPoint | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].start <= ms) lo = mid + 1;
    else hi = mid;
  }
  const p = points[lo - 1];
  return p && p.end > ms ? p : undefined;
}
