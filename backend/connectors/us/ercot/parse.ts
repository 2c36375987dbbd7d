import { GridError, type LocationInfo, type ParsedPoint, ParseError, type ParseResult } from '../../../domain';
import { columnIndex, eachCsvRecord, type CsvLayout, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { isZip, singleZipMember } from '../../../formats/zip';
import type { ParseContext, Parser } from '../../types';
import { dayOf, readUsDateTime } from '../../shared/dates';
import { readHourEnding } from '../../shared/hour-ending';
import { readJsonObject } from '../../shared/json';
import { refuseMarkup } from '../../shared/markup';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { ERCOT_SYSTEM, ERCOT_SYSTEM_LOCATION, settlementPoint } from './market';
import { ercotDay, ercotInstant, hourEndingStart, isRepeatedHour } from './time';

const QUARTER = 900_000;
const FIVE_MINUTES = 300_000;

/** ERCOT's tokens last an hour (`expires_in` 3600) where the answer does not say. */
const TOKEN_LIFETIME_MS = 3_600_000;

/** The id token from ERCOT's login answer, and how long it lasts. */
export function idTokenOf(body: Buffer, source: string): { value: string; expiresInMs: number } {
  const answer = readJsonObject(body, source, 'the ERCOT login answer');
  const seconds = Number(answer.expires_in);
  const expiresInMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : TOKEN_LIFETIME_MS;
  if (typeof answer.id_token === 'string' && answer.id_token) return { value: answer.id_token, expiresInMs };
  throw new GridError(
    'MISSING_KEY',
    `ERCOT's login gave no id token${answer.error_description ? ` (${String(answer.error_description)})` : ''}: check ERCOT_API_USERNAME and ERCOT_API_PASSWORD.`,
  );
}

/** Only rows of the period's days when the bytes were fetched for a period (MIS files span day edges). */
export function dayFilter(ctx: ParseContext): (day: string) => boolean {
  const days = ctx.request ? new Set(ctx.request.period.days) : undefined;
  return (day) => !days || days.has(day);
}

/** The cells that place a row in time: delivery date, hour ending, 15-minute interval (not in hourly files), repeated-hour flag. */
export interface Stamp {
  date: unknown;
  hour: unknown;
  interval?: unknown;
  repeated: unknown;
}

/** The start of a row's interval, or undefined when its day is not one the parse is for. */
export function startOf(
  stamp: Stamp,
  minutes: 15 | 60,
  wanted: (day: string) => boolean,
  source: string,
  where: string,
): number | undefined {
  const day = ercotDay(String(stamp.date), source, where);
  if (!wanted(day)) return undefined;
  const { hourEnding } = readHourEnding(String(stamp.hour), source, where);
  const interval = minutes === 60 ? 1 : readWholeNumber(stamp.interval, source, `${where}, DeliveryInterval`);
  return hourEndingStart(day, hourEnding, interval, minutes, isRepeatedHour(stamp.repeated), source, where);
}

/** Points and their settlement points, each row checked: a settlement point named, one row per point, product and interval. */
class Collector {
  readonly points: ParsedPoint[] = [];
  private readonly seen = new Map<string, LocationInfo>();
  private readonly guards = new Map<string, RowGuard>();

  constructor(private readonly source: string) {}

  /** The value of `product` at a settlement point (its name cell as read) from the row at `line`. */
  add(cell: unknown, run: string, product: string, start: number, length: number, value: number | undefined, line: number): void {
    const location = requiredText(cell, this.source, 'settlement point', line);
    let guard = this.guards.get(product);
    if (!guard) this.guards.set(product, (guard = new RowGuard(this.source, { product })));
    guard.check(location, start, line);
    if (value === undefined) return;
    if (!this.seen.has(location)) this.seen.set(location, location === ERCOT_SYSTEM ? ERCOT_SYSTEM_LOCATION : settlementPoint(location));
    this.points.push({ location, run, product, start, end: start + length, value });
  }

  result(): ParseResult {
    return { points: this.points, locations: [...this.seen.values()] };
  }
}

type PriceKind = 'DAM' | 'RT';

/**
 * Settlement point price columns, named alike in the Public API's `fields` and the MIS CSVs (header
 * names match whatever their case): `DAM` rows carry `HourEnding` ("01:00".."24:00"), `RT` rows
 * `DeliveryHour` and a 15-minute `DeliveryInterval`.
 */
const PRICE_COLUMNS: Record<PriceKind, Record<string, string[]>> = {
  DAM: { date: ['DeliveryDate'], hour: ['HourEnding'], point: ['SettlementPoint'], price: ['SettlementPointPrice'], dst: ['DSTFlag'] },
  RT: {
    date: ['DeliveryDate'],
    hour: ['DeliveryHour'],
    interval: ['DeliveryInterval'],
    point: ['SettlementPoint', 'SettlementPointName'],
    price: ['SettlementPointPrice'],
    dst: ['DSTFlag'],
  },
};
/** The run and interval length of each kind of price: day-ahead hourly, real-time by 15 minutes. */
export const PRICE_INTERVAL = { DAM: { run: 'DA', minutes: 60 }, RT: { run: 'RT15', minutes: 15 } } as const;

/** Settlement point price rows of one kind, whatever they come in: each row's cells by our column key. */
function priceRows(kind: PriceKind, ctx: ParseContext, eachRow: (onRow: (cell: Cell, line: number) => void) => void): ParseResult {
  const { run, minutes } = PRICE_INTERVAL[kind];
  const out = new Collector(ctx.source);
  const wanted = dayFilter(ctx);
  eachRow((cell, line) => {
    const where = `line ${line}`;
    const start = startOf(
      { date: cell('date'), hour: cell('hour'), interval: cell('interval'), repeated: cell('dst') },
      minutes,
      wanted,
      ctx.source,
      where,
    );
    if (start !== undefined)
      out.add(
        cell('point'),
        run,
        'LMP',
        start,
        minutes * 60_000,
        readNumber(cell('price'), ctx.source, `${where}, SettlementPointPrice`),
        line,
      );
  });
  return out.result();
}

// ---------------------------------------------------------------------------------------------
// Tables: an MIS CSV or a page of the Public API (`fields` + positional `data` rows), read alike
// by column keys.
// ---------------------------------------------------------------------------------------------

/** One row's cell by our column key: undefined where the table has no such (optional) column. */
type Cell = (key: string) => unknown;

export interface Table {
  /** The CSV's name inside the MIS zip (it carries the posting time), when the bytes were a zip. */
  member?: string;
  each(columns: Record<string, string[]>, onRow: (cell: Cell, line: number) => void, optional?: string[]): void;
}

const MIS_CSV = 'an ERCOT MIS CSV';

/**
 * A page of the Public API, its rows positional and described by `fields`. A page of no records
 * is NOT_PUBLISHED: "ERCOT has no <the page's report, else `none.report`> for <`none.days`> yet."
 */
export function apiTable(body: Buffer, source: string, none: { report: string; days: string }): Table {
  const page = readJsonObject(body, source, 'an ERCOT Public API page') as {
    _meta?: { totalRecords?: number };
    report?: { reportEMIL?: string };
    fields?: unknown;
    data?: unknown;
  };
  if (!Array.isArray(page.fields) || !Array.isArray(page.data))
    throw new ParseError(source, 'the JSON has no "fields" and "data": not an ERCOT Public API report page');
  if (page._meta?.totalRecords === 0)
    throw new GridError('NOT_PUBLISHED', `ERCOT has no ${page.report?.reportEMIL ?? none.report} for ${none.days} yet.`);
  const names = page.fields.map((f: { name?: unknown }) => String(f?.name ?? ''));
  const rows: unknown[] = page.data;
  return {
    each(columns, onRow, optional) {
      const col = columnIndex(names, columns, source, optional);
      rows.forEach((row, i) => {
        if (!Array.isArray(row)) throw new ParseError(source, `data row ${i + 1} is not an array`);
        onRow((key) => (col[key] < 0 ? undefined : row[col[key]]), i + 1);
      });
    },
  };
}

/** The rows of an MIS CSV (`member`: its name inside the zip it came in). */
export function csvTable(csv: Buffer, source: string, member?: string): Table {
  return {
    member,
    each(columns, onRow, optional) {
      eachCsvRecord(csv, source, { columns, optional, expected: MIS_CSV }, (row, col, line) =>
        onRow((key) => (col[key] < 0 ? undefined : row[col[key]]), line),
      );
    },
  };
}

/** Pages of the Public API's settlement point prices (NP4-190-CD, NP6-905-CD): positional rows described by `fields`. */
export function apiPricesParser(kind: PriceKind): Parser {
  return (body, ctx) => {
    const table = apiTable(body, ctx.source, { report: 'prices', days: 'this day and settlement point' });
    return priceRows(kind, ctx, (onRow) => table.each(PRICE_COLUMNS[kind], onRow));
  };
}

/** The CSV of an MIS download (a zip holding one CSV), or the CSV itself when imported. */
function misCsv(body: Buffer, source: string): Buffer {
  if (isZip(body)) return singleZipMember(body, source, /\.csv$/i).bytes;
  refuseMarkup(decodeText(body.subarray(0, 256)), source, 'an ERCOT MIS zip or CSV');
  return body;
}

function eachMisRow<K extends string>(
  body: Buffer,
  source: string,
  layout: Omit<CsvLayout<K>, 'expected'>,
  onRow: (row: CsvRow, col: Record<K, number>, line: number) => void,
): void {
  eachCsvRecord(misCsv(body, source), source, { ...layout, expected: MIS_CSV }, onRow);
}

/**
 * MIS settlement point prices, all settlement points: NP4-190-CD `DAMSPNP4190`
 * (DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag) or NP6-905-CD `SPPHLZNP6905`
 * (DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag).
 */
export function misPricesParser(kind: PriceKind): Parser {
  return (body, ctx) => priceRows(kind, ctx, (onRow) => csvTable(misCsv(body, ctx.source), ctx.source).each(PRICE_COLUMNS[kind], onRow));
}

/**
 * NP6-324-CD real-time price adders per 15-minute settlement interval, system-wide. Until
 * 2025-12-05: RTRSVPOR, RTRSVPOFF, RTRDP with DSTFlag; since RTC+B: RTRDPA (with per-service
 * splits gridcell does not store) and RepeatedHourFlag.
 */
export const parseMisAdders: Parser = (body, ctx) => {
  const out = new Collector(ctx.source);
  const wanted = dayFilter(ctx);
  const columns = {
    date: ['DeliveryDate'],
    hour: ['DeliveryHour'],
    interval: ['DeliveryInterval'],
    online: ['RTRSVPOR'],
    offline: ['RTRSVPOFF'],
    reliability: ['RTRDP', 'RTRDPA'],
    repeated: ['DSTFlag', 'RepeatedHourFlag', 'RepeatHourFlag'],
  };
  eachMisRow(body, ctx.source, { columns, optional: ['online', 'offline'] }, (row, col, line) => {
    const where = `line ${line}`;
    const start = startOf(
      { date: row[col.date], hour: row[col.hour], interval: row[col.interval], repeated: row[col.repeated] },
      15,
      wanted,
      ctx.source,
      where,
    );
    if (start === undefined) return;
    if (col.online >= 0)
      out.add(ERCOT_SYSTEM, 'RT15', 'ORDC_ONLINE', start, QUARTER, readNumber(row[col.online], ctx.source, `${where}, RTRSVPOR`), line);
    if (col.offline >= 0)
      out.add(ERCOT_SYSTEM, 'RT15', 'ORDC_OFFLINE', start, QUARTER, readNumber(row[col.offline], ctx.source, `${where}, RTRSVPOFF`), line);
    out.add(ERCOT_SYSTEM, 'RT15', 'RDPA', start, QUARTER, readNumber(row[col.reliability], ctx.source, `${where}, RTRDP`), line);
  });
  return out.result();
};

/**
 * NP6-788-CD `LMPSROSNODENP6788` CSV (one SCED run): SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP.
 * The LMP is right-aligned with leading spaces; each run's price holds for the five minutes after its
 * timestamp.
 */
export const parseScedLmp: Parser = (body, ctx) => {
  const out = new Collector(ctx.source);
  const columns = { time: ['SCEDTimestamp'], repeated: ['RepeatedHourFlag'], point: ['SettlementPoint'], lmp: ['LMP'] };
  eachMisRow(body, ctx.source, { columns }, (row, col, line) => {
    const where = `line ${line}`;
    const t = readUsDateTime(row[col.time], ctx.source, `${where}, SCEDTimestamp`);
    const start = ercotInstant(dayOf(t), t, isRepeatedHour(row[col.repeated]), ctx.source, where);
    out.add(row[col.point], 'RT5', 'LMP', start, FIVE_MINUTES, readNumber(row[col.lmp], ctx.source, `${where}, LMP`), line);
  });
  return out.result();
};
