import { type LocationInfo, type ParsedPoint, ParseError, PointBuffer, PointList, type PointSink } from '../../domain';
import type { ColumnParser, ParseContext, Parser, PlainSinkReader, SinkReader } from '../types';

/** One point per product that has a value; a missing product is simply not stored. */
export function pushProducts(
  points: ParsedPoint[],
  base: Omit<ParsedPoint, 'product' | 'value'>,
  values: Record<string, number | undefined>,
): void {
  for (const [product, value] of Object.entries(values)) {
    if (value !== undefined) points.push({ ...base, product, value });
  }
}

/** Rounded to a millionth: sums and differences of prices carry float noise the source never wrote. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The energy part where a source publishes only the price and its other parts: LMP - CONGESTION - LOSS. */
export function energyOf(lmp: number | undefined, congestion: number | undefined, loss: number | undefined): number | undefined {
  if (lmp === undefined || congestion === undefined || loss === undefined) return undefined;
  return round6(lmp - congestion - loss);
}

/** The interval starts one guard has seen for a location, and the row of each. */
interface Seen {
  starts: number[];
  places: number[];
  /** start in minutes -> place, once a location has so many rows that a scan would cost more than a lookup. */
  index?: Map<number, number>;
}

const SCAN_LIMIT = 32;
/**
 * The index is keyed by the start in minutes: a start on a whole minute (every market's) is then
 * a small integer, which a Map hashes without making a number object per row; any other start
 * keeps its own key (the quotient of two integers differs wherever they do).
 */
const MINUTE = 60_000;

/**
 * A parser's guard against a file that gives one location two values for one interval (a row
 * repeated, a damaged or edited file): gridcell would keep only the last. Rows are told apart by
 * location and interval start; where each row holds one product, a parser keeps one guard per
 * product. Each row's place (a line, an item) is kept, so that the error names both rows.
 * Files list a location's rows together, so the location last seen is looked up once per run.
 */
export class RowGuard {
  private readonly seen = new Map<string, Seen>();
  private lastLocation: string | undefined;
  private last: Seen = { starts: [], places: [] };
  private readonly where: (place: number) => string;
  private readonly when: (start: number) => string;
  private readonly label: string;

  constructor(
    private readonly source: string,
    options: {
      /** A row's place in the error: a line of a CSV by default, an item of a JSON list. */
      where?: (place: number) => string;
      /** The product every row of this guard holds, for the error. */
      product?: string;
      /** An interval start in the error: its UTC instant by default. */
      when?: (start: number) => string;
    } = {},
  ) {
    this.where = options.where ?? ((line) => `line ${line}`);
    this.when = options.when ?? ((start) => new Date(start).toISOString());
    this.label = options.product ? ` ${options.product}` : '';
  }

  /** Refuses a second row for `location` at `start`. */
  check(location: string, start: number, place: number): void {
    if (location !== this.lastLocation) {
      let seen = this.seen.get(location);
      if (!seen) this.seen.set(location, (seen = { starts: [], places: [] }));
      this.last = seen;
      this.lastLocation = location;
    }
    const seen = this.last;
    const at = seen.index ? -1 : seen.starts.indexOf(start);
    const first = seen.index ? seen.index.get(start / MINUTE) : at < 0 ? undefined : seen.places[at];
    if (first !== undefined)
      throw new ParseError(
        this.source,
        `${this.where(first)} and ${this.where(place)} both give ${location}${this.label} at ${this.when(start)}; a report has one row for each, so the file is damaged or was edited. Download it again`,
      );
    if (seen.index) {
      seen.index.set(start / MINUTE, place);
    } else {
      seen.starts.push(start);
      seen.places.push(place);
      if (seen.starts.length > SCAN_LIMIT) seen.index = new Map(seen.starts.map((s, i) => [s / MINUTE, seen.places[i]]));
    }
  }
}

/**
 * A reader written against a sink, as the report's `parse` (objects) and `parseColumns` (columns);
 * with its reading of plain bytes (`PlainSinkReader`) tried first, when it has one.
 */
export function sinkParsers(read: SinkReader, readPlain?: PlainSinkReader): { parse: Parser; parseColumns: ColumnParser } {
  const readInto = <S extends PointSink>(body: Buffer, ctx: ParseContext, sink: () => S): { sink: S; locations: LocationInfo[] } => {
    if (readPlain) {
      const plain = sink();
      const locations = readPlain(body, ctx, plain);
      if (locations) return { sink: plain, locations };
    }
    const text = sink();
    return { sink: text, locations: read(body, ctx, text) };
  };
  return {
    parse: (body, ctx) => {
      const { sink, locations } = readInto(body, ctx, () => new PointList());
      return { points: sink.points, locations };
    },
    parseColumns: (body, ctx) => {
      const { sink, locations } = readInto(body, ctx, () => new PointBuffer());
      return { columns: sink.columns(), locations };
    },
  };
}
