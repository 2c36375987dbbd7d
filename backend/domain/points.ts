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
