import { LOAD_PRODUCT } from '../../../../contract';
import { GridError, type LocationInfo, type ParsedPoint, type ParseResult, ParseError, vintageRun } from '../../../domain';
import { columnIndex, eachCsvRecord } from '../../../formats/csv';
import { gunzipped } from '../../../formats/gzip';
import { wallTimeInstants } from '../../../time/clock';
import type { Parser, ParseContext } from '../../types';
import { readDateTime, readUsDateTime, utcOf, type WallDateTime } from '../../shared/dates';
import { FuelTally, pushForecast, serviceProduct } from '../../shared/fundamentals';
import { isObject, readJson, requiredObject } from '../../shared/json';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { forecastLocation, PJM_SYSTEM, reserveLocation, reserveService, RT_RESERVE_FIVE_MINUTE_FROM } from './fundamentals';
import { pjmLocations } from './market';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---------------------------------------------------------------------------------------------
// Bodies: a gzip body, an API answer, a download array, a CSV export.

/** Our key of a column -> the names it may have; time columns are read by `Times`. */
type Columns<K extends string> = Record<K, string[]>;

/** One row of a feed, whatever it came in: `cell(key)` is undefined where the file has no such column. */
type RowCell<K extends string> = (key: K) => unknown;

/**
 * Each row of one Data Miner 2 feed: an API answer (`{links, items, totalRows}`), the bare array
 * of a `download=True` answer, or a Data Miner "Export" CSV. The columns are checked against the
 * first item or the header (`columnIndex`: a missing one is a ParseError naming it). An answer
 * with no rows is NOT_PUBLISHED, except a page past the last (`totalRows` > 0), which holds none.
 */
function eachFeedRow<K extends string>(
  raw: Buffer,
  ctx: ParseContext,
  feed: string,
  columns: Columns<K>,
  optional: NoInfer<K>[],
  onRow: (cell: RowCell<K>, where: string, place: number) => void,
): void {
  const source = ctx.source;
  const body = gunzipped(raw, source);
  const start = body
    .subarray(0, 256)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  const none = (): GridError =>
    new GridError('NOT_PUBLISHED', `PJM has no ${feed} data for ${ctx.request?.period.key ?? 'that period'} yet (${source}).`);
  if (start.startsWith('{') || start.startsWith('[')) {
    const doc = readJson(body, source, `the answer of PJM ${feed}`);
    let items: unknown[];
    if (Array.isArray(doc)) items = doc;
    else if (isObject(doc) && Array.isArray(doc.items)) {
      items = doc.items;
      if (items.length === 0 && Number(doc.totalRows) > 0) return;
    } else throw new ParseError(source, `expected the answer of PJM ${feed}: a JSON list, or an object with "items"`);
    if (items.length === 0) throw none();
    const keys = Object.keys(requiredObject(items[0], source, 'item 1'));
    const at = columnIndex(keys, columns, source, optional);
    items.forEach((entry, i) => {
      const item = requiredObject(entry, source, `item ${i + 1}`);
      onRow((k) => (at[k] >= 0 ? item[keys[at[k]]] : undefined), `item ${i + 1}`, i + 1);
    });
    return;
  }
  refuseMarkup(start, source, `a Data Miner 2 export of ${feed}`);
  let rows = 0;
  eachCsvRecord(body, source, { columns, optional, expected: `a Data Miner 2 export of ${feed}` }, (row, at, line) => {
    rows++;
    onRow((k) => (at[k] >= 0 ? row[at[k]] : undefined), `line ${line}`, line);
  });
  if (rows === 0) throw none();
}

/** A time stamp as Data Miner 2 writes it: `2025-02-09T00:00:00` (API) or `3/15/2021 3:00:00 AM` (export). */
function wallOf(value: unknown, source: string, where: string): WallDateTime {
  const text = requiredText(value, source, where);
  return /^\d{1,2}\//.test(text) ? readUsDateTime(text, source, where) : readDateTime(text.replace(/Z$/, ''), source, where);
}

/**
 * The instants of one time column pair, `<name>_utc` preferred, else `<name>_ept` on the market
 * clock. An EPT stamp in the repeated fall-back hour is the first such hour the first time a
 * series shows it and the second the next time (the feeds list rows in time order), so a source
 * without a UTC column still comes out right; a stamp in the spring-forward gap is refused.
 */
class Times {
  private readonly seen = new Set<string>();
  private checked = false;

  constructor(
    private readonly ctx: ParseContext,
    private readonly name: string,
  ) {}

  /** The column names of this pair, for `columnIndex` (both optional: `checkOnce` asks for one). */
  columns(): [string[], string[]] {
    return [[`${this.name}_utc`], [`${this.name}_ept`]];
  }

  /**
   * One of the two columns must be there (a cell undefined: the file has no such column); asked of
   * the first row only, as every row has the same columns.
   */
  checkOnce(utcAt: unknown, eptAt: unknown): void {
    if (this.checked) return;
    if (utcAt === undefined && eptAt === undefined)
      throw new ParseError(this.ctx.source, `missing column "${this.name}_utc" (nor is there "${this.name}_ept")`);
    this.checked = true;
  }

  read(utc: unknown, ept: unknown, where: string, series: string): number {
    const source = this.ctx.source;
    const hasUtc = utc !== undefined && utc !== null && String(utc).trim() !== '';
    if (hasUtc || ept === undefined) return utcOf(wallOf(utc, source, `${where}, ${this.name}_utc`));
    const column = `${where}, ${this.name}_ept`;
    const t = wallOf(ept, source, column);
    const found = wallTimeInstants(this.ctx.market.clock, t.year, t.month, t.day, t.hour, t.minute, t.second);
    if (found.length === 0)
      throw new ParseError(source, `${column}: "${String(ept)}" does not exist on the Eastern clock (the spring-forward gap)`);
    if (found.length === 1) return found[0];
    const key = `${series}\u0000${found[0]}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      return found[0];
    }
    return found[1];
  }
}

/** The location a parsed name is stored under, as gridcell knows it (a zone keeps its pnode id), else a new area. */
function locationOf(name: string): LocationInfo {
  return pjmLocations.find((l) => l.name === name) ?? { name, type: 'AREA' };
}

function result(points: ParsedPoint[], names: Iterable<string>): ParseResult {
  return { points, locations: [...new Set(names)].map(locationOf) };
}

// ---------------------------------------------------------------------------------------------
// hrl_load_metered

type LoadKey = 'utc' | 'ept' | 'area' | 'mw';

/**
 * `hrl_load_metered`: hourly metered load by load area (and the RTO), MW. Rows PJM has not
 * verified yet (`is_verified` False) are kept as published: they are the metered values PJM
 * shows until its verification, and the report is provisional, so they are fetched again.
 */
export const parseLoadMetered: Parser = (body, ctx) => {
  const times = new Times(ctx, 'datetime_beginning');
  const [utc, ept] = times.columns();
  const columns: Columns<LoadKey> = { utc, ept, area: ['load_area'], mw: ['mw'] };
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(ctx.source, { product: LOAD_PRODUCT });
  eachFeedRow(body, ctx, 'hrl_load_metered', columns, ['utc', 'ept'], (cell, where, place) => {
    times.checkOnce(cell('utc'), cell('ept'));
    const location = requiredText(cell('area'), ctx.source, `${where}, load_area`);
    const start = times.read(cell('utc'), cell('ept'), where, location);
    guard.check(location, start, place);
    const value = readNumber(cell('mw'), ctx.source, `${where}, mw`);
    if (value !== undefined) points.push({ location, run: 'ACTUAL', product: LOAD_PRODUCT, start, end: start + HOUR, value });
  });
  return result(
    points,
    points.map((p) => p.location),
  );
};

// ---------------------------------------------------------------------------------------------
// gen_by_fuel

type FuelKey = 'utc' | 'ept' | 'fuel' | 'mw';

/**
 * `gen_by_fuel`: hourly generation by fuel type for the RTO, MW, from the API (with
 * `datetime_beginning_utc` or only `datetime_beginning_ept`) or an export (newest first).
 */
export const parseGenByFuel: Parser = (body, ctx) => {
  const times = new Times(ctx, 'datetime_beginning');
  const [utc, ept] = times.columns();
  const columns: Columns<FuelKey> = { utc, ept, fuel: ['fuel_type'], mw: ['mw'] };
  const tally = new FuelTally(ctx.source);
  const guard = new RowGuard(ctx.source, { product: 'generation' });
  eachFeedRow(body, ctx, 'gen_by_fuel', columns, ['utc', 'ept'], (cell, where, place) => {
    times.checkOnce(cell('utc'), cell('ept'));
    const fuel = requiredText(cell('fuel'), ctx.source, `${where}, fuel_type`);
    const start = times.read(cell('utc'), cell('ept'), where, fuel);
    guard.check(fuel, start, place);
    const value = readNumber(cell('mw'), ctx.source, `${where}, mw`);
    if (value !== undefined) tally.add(PJM_SYSTEM, 'ACTUAL', fuel, start, start + HOUR, value);
  });
  return result(tally.points(), [PJM_SYSTEM]);
};

// ---------------------------------------------------------------------------------------------
// load_frcstd_7_day

type ForecastKey = 'issuedUtc' | 'issuedEpt' | 'startUtc' | 'startEpt' | 'endUtc' | 'endEpt' | 'area' | 'mw';

interface ForecastRow {
  location: string;
  start: number;
  end: number;
  issued: number;
  value: number;
}

/**
 * `load_frcstd_7_day`: PJM's seven-day hourly load forecast by forecast area, MW. Each value is
 * kept under the vintage run of its issue (`evaluated_at_datetime_utc`); the latest issue of each
 * area and hour is also FORECAST. RTO_COMBINED is stored as the RTO.
 */
export const parseLoadForecast: Parser = (body, ctx) => {
  const issuedAt = new Times(ctx, 'evaluated_at_datetime');
  const startAt = new Times(ctx, 'forecast_datetime_beginning');
  const endAt = new Times(ctx, 'forecast_datetime_ending');
  const [issuedUtc, issuedEpt] = issuedAt.columns();
  const [startUtc, startEpt] = startAt.columns();
  const [endUtc, endEpt] = endAt.columns();
  const columns: Columns<ForecastKey> = {
    issuedUtc,
    issuedEpt,
    startUtc,
    startEpt,
    endUtc,
    endEpt,
    area: ['forecast_area'],
    mw: ['forecast_load_mw'],
  };
  const rows: ForecastRow[] = [];
  const guard = new RowGuard(ctx.source, { product: 'LOAD forecast' });
  eachFeedRow(
    body,
    ctx,
    'load_frcstd_7_day',
    columns,
    ['issuedUtc', 'issuedEpt', 'startUtc', 'startEpt', 'endUtc', 'endEpt'],
    (cell, where, place) => {
      issuedAt.checkOnce(cell('issuedUtc'), cell('issuedEpt'));
      startAt.checkOnce(cell('startUtc'), cell('startEpt'));
      const area = requiredText(cell('area'), ctx.source, `${where}, forecast_area`);
      const issued = issuedAt.read(cell('issuedUtc'), cell('issuedEpt'), where, `${area} issued`);
      const start = startAt.read(cell('startUtc'), cell('startEpt'), where, `${area} ${issued}`);
      const hasEnd = cell('endUtc') !== undefined || cell('endEpt') !== undefined;
      const end = hasEnd ? endAt.read(cell('endUtc'), cell('endEpt'), where, `${area} ${issued}`) : start + HOUR;
      if (end <= start)
        throw new ParseError(ctx.source, `${where}: the forecast hour ends (${new Date(end).toISOString()}) before it begins`);
      const location = forecastLocation(area);
      guard.check(`${location} issued ${new Date(issued).toISOString()}`, start, place);
      const value = readNumber(cell('mw'), ctx.source, `${where}, forecast_load_mw`);
      if (value !== undefined) rows.push({ location, start, end, issued, value });
    },
  );
  const latest = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.location}\u0000${r.start}`;
    latest.set(key, Math.max(latest.get(key) ?? -Infinity, r.issued));
  }
  const points: ParsedPoint[] = [];
  for (const r of rows) {
    const point = { location: r.location, product: LOAD_PRODUCT, start: r.start, end: r.end, value: r.value };
    if (latest.get(`${r.location}\u0000${r.start}`) === r.issued) pushForecast(points, point, r.issued);
    else points.push({ ...point, run: vintageRun(r.issued) });
  }
  return result(
    points,
    rows.map((r) => r.location),
  );
};

// ---------------------------------------------------------------------------------------------
// reserve_market_results, da_reserve_market_results

type ReserveKey = 'utc' | 'ept' | 'locale' | 'service' | 'mcp';

/**
 * The reserve market clearing prices (`mcp`, $/MWh) by reserve zone and service: `DA` for
 * `da_reserve_market_results` (hourly); for `reserve_market_results`, RT5 from 2022-09-01 and
 * RTH (hourly) before, as PJM changed the feed's interval then. A service gridcell does not know
 * is a ParseError naming it.
 */
export function reserveResultsParser(market: 'DA' | 'RT'): Parser {
  const feed = market === 'DA' ? 'da_reserve_market_results' : 'reserve_market_results';
  return (body, ctx) => {
    const times = new Times(ctx, 'datetime_beginning');
    const [utc, ept] = times.columns();
    const columns: Columns<ReserveKey> = { utc, ept, locale: ['locale'], service: ['service'], mcp: ['mcp'] };
    const points: ParsedPoint[] = [];
    const guards = new Map<string, RowGuard>();
    eachFeedRow(body, ctx, feed, columns, ['utc', 'ept'], (cell, where, place) => {
      times.checkOnce(cell('utc'), cell('ept'));
      const locale = requiredText(cell('locale'), ctx.source, `${where}, locale`);
      const name = requiredText(cell('service'), ctx.source, `${where}, service`);
      const service = reserveService(name);
      if (!service)
        throw new ParseError(
          ctx.source,
          `${where}, service: unknown reserve service "${name}"; gridcell does not know which product it is`,
        );
      const product = serviceProduct(service);
      const location = reserveLocation(locale);
      const start = times.read(cell('utc'), cell('ept'), where, `${location} ${product}`);
      let guard = guards.get(product);
      if (!guard) guards.set(product, (guard = new RowGuard(ctx.source, { product })));
      guard.check(location, start, place);
      const value = readNumber(cell('mcp'), ctx.source, `${where}, mcp`);
      if (value === undefined) return;
      const fiveMinute = market === 'RT' && start >= RT_RESERVE_FIVE_MINUTE_FROM;
      const run = market === 'DA' ? 'DA' : fiveMinute ? 'RT5' : 'RTH';
      points.push({ location, run, product, start, end: start + (fiveMinute ? 5 * MINUTE : HOUR), value });
    });
    return result(
      points,
      points.map((p) => p.location),
    );
  };
}
