import type { LocationInfo, MarketInfo, ParsedColumns, ParseResult, Period, PointSink } from '../domain';
import type { HttpGet, HttpRequest } from '../http/types';

export interface RequestContext {
  period: Period;
  run: string;
  product: string;
  /** The location asked for (canonical name) when the report is fetched per location. */
  location?: LocationInfo;
  /** Every location of a request that names several (`limits.maxLocations` > 1); `location` is the first. */
  locations?: LocationInfo[];
  /** The period is older than the report's archive cut-off: ask in the source's archive form. */
  archive?: boolean;
  /** Credentials worth reusing across requests (an id token until it expires). */
  session?: SessionCache;
  /** When the request is made, on the app's clock (a source whose file depends on the hour asks it). Now when absent. */
  now?: number;
  /** Secrets from the environment, by variable name; only those the report declared. */
  keys: Record<string, string>;
  /** Currency asked for, where the source can serve several. */
  currency?: string;
}

export interface ParseContext {
  market: MarketInfo;
  /** File name or URL, for error messages. */
  source: string;
  /** The request's context when the bytes came from a fetch (absent for a file import). */
  request?: RequestContext;
  /**
   * A piece of a larger file (a streamed import): its first line is the file's header, and its
   * other lines are this many lines further down the file, as errors should name them.
   */
  lineOffset?: number;
}

/** Pure: bytes to points. Throws ParseError (or GridError NOT_PUBLISHED) on anything it cannot trust. */
export type Parser = (body: Buffer, ctx: ParseContext) => ParseResult;

/** The same reading as a `Parser`, into columns: what a streamed import's parsing thread asks of a large file. */
export type ColumnParser = (body: Buffer, ctx: ParseContext) => ParsedColumns;

/** A parser written once against a sink of points: `Parser` and `ColumnParser` are made from it (`sinkParsers`). */
export type SinkReader = (body: Buffer, ctx: ParseContext, sink: PointSink) => LocationInfo[];

/**
 * A SinkReader's reading of the same bytes without decoding them (`formats/plain-csv.ts`), for the
 * reports imported by the hundred thousand rows: undefined when it meets anything it cannot read
 * exactly as the text reader would, which then reads the bytes (`sinkParsers`), its sink's points
 * thrown away. The text reader is the reference: it alone names what is wrong with a file.
 */
export type PlainSinkReader = (body: Buffer, ctx: ParseContext, sink: PointSink) => LocationInfo[] | undefined;

/** The first bytes and name of a file offered for import, for content sniffing. */
export interface FileSample {
  name: string;
  /** Up to the first 64 KiB, decoded as latin1 (safe for any bytes). */
  head: string;
  bytes: Buffer;
}

/** A value reused across requests until it expires, made once however many ask at the same time. */
export interface SessionCache {
  reuse(key: string, make: () => Promise<{ value: string; expiresInMs: number }>): Promise<string>;
  /** The source refused the value (expired early, revoked): the next `reuse` makes a new one. */
  forget(key: string): void;
}

/**
 * How much one request of a report may ask for, as the source documents it. The fetch planner
 * reads these: it coalesces missing market days into windows and locations into requests.
 */
export interface RequestLimits {
  /** Most market days one request may cover. */
  maxDays: number;
  /** A window may not cross a calendar month or year (as the source requires). */
  within?: 'month' | 'year';
  /** Most locations one request may name (1 when absent). */
  maxLocations?: number;
  /** Rows the source returns per page (pages are followed; this sizes the plan's estimate). */
  rowsPerPage?: number;
  /**
   * Market days older than this many days before today are only in the source's archive form
   * (`RequestContext.archive`): no window spans the cut-off, and the archive answers for every location.
   */
  archiveAfterDays?: number;
  /** Most market days one archive request covers, where the archive answers far more rows than a filtered request. */
  archiveMaxDays?: number;
  /** The source serves only the last this many market days (a rolling window); older days go to the next report. */
  keepsDays?: number;
}

/** One downloadable product of a source: how to ask for it and how to read it. */
export interface Report {
  /** Stable id used by `--report` and in coverage: `<market id lower-cased>.<[a-z0-9_]+>`, e.g. `pjm.da_hrl_lmps`. */
  id: string;
  description: string;
  runs: string[];
  products: string[];
  /** Environment variables this report needs; if one is unset another report (or a clear error) is used. */
  keys?: string[];
  /** `location`: one request per location; `market`: one request serves every location. */
  scope: 'location' | 'market';
  /** Where a market has reports for different kinds of location (IESO zone vs interties): which it serves. */
  serves?(location: LocationInfo): boolean;
  /** Data that the source revises later (preliminary, unverified, ex-ante): cached but fetched again. */
  provisional?: boolean;
  /** First and last market days the report publishes (inclusive), where it has limits. */
  validFrom?: string;
  validUntil?: string;
  /** Why nothing comes after `validUntil` (the source stopped publishing), said when a later day is asked. */
  endedNote?: string;
  /** The period (download unit) holding a market day, for sources that publish fixed files (a month, a year). */
  periodOf?(day: string): Period;
  /** For sources asked by date range: how many days and locations one request may cover. One day, one location when absent. */
  limits?: RequestLimits;
  /** Pure: the first request for a period. */
  request?(ctx: RequestContext): HttpRequest;
  /** Pure: the next page's request, given the previous page's body. */
  nextPage?(body: Buffer, previous: HttpRequest, ctx: RequestContext): HttpRequest | undefined;
  /** For sources that need several dependent calls (a document list, a token): all through `get`. */
  fetch?(ctx: RequestContext, get: HttpGet): Promise<Buffer[]>;
  /**
   * Each CSV row parses on its own given the header line, so a large file may be parsed in
   * line-aligned pieces (the header repeated) and streamed into the store with flat memory.
   */
  rowsIndependent?: boolean;
  /** Bytes to points: see `Parser`. */
  parse: Parser;
  /** The same in columns, where the report's files are large (no object per point). */
  parseColumns?: ColumnParser;
  /** Pure: does this file look like this report? Used by `gridcell import`. */
  detect?(file: FileSample): boolean;
}

export interface Connector {
  market: MarketInfo;
  /** Locations known without fetching (hubs, zones, areas); files add more. */
  locations: LocationInfo[];
  /** In priority order: the first usable report for a run/product/day serves it. */
  reports: Report[];
}
