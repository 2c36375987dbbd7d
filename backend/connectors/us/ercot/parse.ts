import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { isZip, singleZipMember } from '../../../formats/zip';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import type { ParseContext } from '../../types';
import { ERCOT_SYSTEM, settlementPoint } from './market';
import { ercotDay, ercotInstant, hourEndingOf, hourEndingStart, isRepeatedHour } from './time';

const HOUR = 3_600_000;
const QUARTER = 900_000;
const FIVE_MINUTES = 300_000;

/** JSON text of a body, or a ParseError that says what came instead (an HTML page, mostly). */
function json(body: Buffer, source: string, what: string): unknown {
  const text = decodeText(body);
  try {
    return JSON.parse(text);
  } catch {
    const seen = text.trimStart().startsWith('<') ? 'an HTML page' : 'text that is not JSON';
    throw new ParseError(source, `got ${seen} where ${what} was expected`);
  }
}

/** The id token from ERCOT's login answer. */
export function idTokenOf(body: Buffer, source: string): string {
  const answer = json(body, source, 'the ERCOT login answer') as { id_token?: unknown; error_description?: unknown };
  if (typeof answer.id_token === 'string' && answer.id_token) return answer.id_token;
  throw new GridError('MISSING_KEY', `ERCOT's login gave no id token${answer.error_description ? ` (${String(answer.error_description)})` : ''}: check ERCOT_API_USERNAME and ERCOT_API_PASSWORD.`);
}

/** Only rows of the period's days when the bytes were fetched for a period (MIS files span day edges). */
function dayFilter(ctx: ParseContext): (day: string) => boolean {
  const days = ctx.request ? new Set(ctx.request.period.days) : undefined;
  return (day) => !days || days.has(day);
}

function priceOf(cell: unknown, source: string, line: number, column: string): number | undefined {
  if (cell === null || cell === undefined) return undefined;
  const text = String(cell).trim();
  if (text === '' || text === '-') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ParseError(source, `line ${line}: ${column} "${text}" is not a number`);
  return value;
}

class Collector {
  readonly points: ParsedPoint[] = [];
  private readonly seen = new Map<string, LocationInfo>();

  add(location: string, run: string, product: string, start: number, length: number, value: number | undefined): void {
    if (value === undefined) return;
    if (!this.seen.has(location)) this.seen.set(location, location === ERCOT_SYSTEM ? { name: location, type: 'SYSTEM' } : settlementPoint(location));
    this.points.push({ location, run, product, start, end: start + length, value });
  }

  result(): ParseResult {
    return { points: this.points, locations: [...this.seen.values()] };
  }
}

const API_FIELDS: Record<'DAM' | 'RT', Record<string, string[]>> = {
  DAM: { date: ['deliveryDate'], hour: ['hourEnding'], point: ['settlementPoint'], price: ['settlementPointPrice'], dst: ['DSTFlag'] },
  RT: { date: ['deliveryDate'], hour: ['deliveryHour'], interval: ['deliveryInterval'], point: ['settlementPoint'], price: ['settlementPointPrice'], dst: ['DSTFlag'] },
};

interface ApiPage {
  _meta?: { totalRecords?: number };
  report?: { reportEMIL?: string };
  fields?: { name?: string }[];
  data?: unknown[][];
}

/**
 * One page of the Public API's settlement point prices: positional rows described by `fields`.
 * `DAM` rows carry `hourEnding` ("01:00".."24:00"); `RT` rows `deliveryHour` and `deliveryInterval`.
 */
export function parseApiPrices(body: Buffer, kind: 'DAM' | 'RT', ctx: ParseContext): ParseResult {
  const { source } = ctx;
  const page = json(body, source, 'an ERCOT Public API JSON page') as ApiPage;
  if (!Array.isArray(page.fields) || !Array.isArray(page.data)) throw new ParseError(source, 'the JSON has no "fields" and "data": not an ERCOT Public API report page');
  if (page._meta?.totalRecords === 0) throw new GridError('NOT_PUBLISHED', `ERCOT has no ${page.report?.reportEMIL ?? 'prices'} for this day and settlement point yet.`);
  const names = page.fields.map((f) => String(f.name ?? ''));
  const col = columnIndex(names, API_FIELDS[kind], source);
  const out = new Collector();
  const wanted = dayFilter(ctx);
  page.data.forEach((row, i) => {
    const line = i + 1;
    if (!Array.isArray(row)) throw new ParseError(source, `data row ${line} is not an array`);
    const day = ercotDay(String(row[col.date]), source, line);
    if (!wanted(day)) return;
    const hourEnding = hourEndingOf(row[col.hour], source, line);
    const repeated = isRepeatedHour(row[col.dst]);
    const start = kind === 'DAM' ? hourEndingStart(day, hourEnding, 1, 60, repeated, source, line) : hourEndingStart(day, hourEnding, Number(row[col.interval]), 15, repeated, source, line);
    out.add(String(row[col.point]), kind === 'DAM' ? 'DA' : 'RT15', 'LMP', start, kind === 'DAM' ? HOUR : QUARTER, priceOf(row[col.price], source, line, 'settlementPointPrice'));
  });
  return out.result();
}

/** The CSV of an MIS download (a zip holding one CSV), or the CSV itself when imported. */
function misCsv(body: Buffer, source: string): Buffer {
  if (isZip(body)) return singleZipMember(body, source, /\.csv$/i).bytes;
  if (decodeText(body.subarray(0, 256)).trimStart().startsWith('<')) throw new ParseError(source, 'got an HTML page where an ERCOT MIS zip or CSV was expected');
  return body;
}

/** Streams the CSV rows after its header, with the header's checked column positions. */
function eachRow<K extends string>(body: Buffer, ctx: ParseContext, names: Record<K, string[]>, onRow: (row: string[], col: Record<K, number>, line: number) => void, optional: NoInfer<K>[] = []): void {
  let col: Record<K, number> | undefined;
  eachCsvRow(
    misCsv(body, ctx.source),
    (row, line) => {
      if (!col) {
        col = columnIndex(row, names, ctx.source, optional);
        return;
      }
      if (row.length === 1 && row[0] === '') return;
      onRow(row, col, line);
    },
  );
  if (!col) throw new ParseError(ctx.source, 'the file is empty; expected an ERCOT CSV with a header line');
}

/** NP4-190-CD `DAMSPNP4190` CSV: DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag. */
export function parseMisDam(body: Buffer, ctx: ParseContext): ParseResult {
  const out = new Collector();
  const wanted = dayFilter(ctx);
  const names = { date: ['DeliveryDate'], hour: ['HourEnding'], point: ['SettlementPoint'], price: ['SettlementPointPrice'], dst: ['DSTFlag'] };
  eachRow(body, ctx, names, (row, col, line) => {
    const day = ercotDay(row[col.date], ctx.source, line);
    if (!wanted(day)) return;
    const start = hourEndingStart(day, hourEndingOf(row[col.hour], ctx.source, line), 1, 60, isRepeatedHour(row[col.dst]), ctx.source, line);
    out.add(row[col.point], 'DA', 'LMP', start, HOUR, priceOf(row[col.price], ctx.source, line, 'SettlementPointPrice'));
  });
  return out.result();
}

/** NP6-905-CD `SPPHLZNP6905` CSV: DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag. */
export function parseMisRt(body: Buffer, ctx: ParseContext): ParseResult {
  const out = new Collector();
  const wanted = dayFilter(ctx);
  const names = { date: ['DeliveryDate'], hour: ['DeliveryHour'], interval: ['DeliveryInterval'], point: ['SettlementPointName'], price: ['SettlementPointPrice'], dst: ['DSTFlag'] };
  eachRow(body, ctx, names, (row, col, line) => {
    const day = ercotDay(row[col.date], ctx.source, line);
    if (!wanted(day)) return;
    const start = hourEndingStart(day, hourEndingOf(row[col.hour], ctx.source, line), Number(row[col.interval]), 15, isRepeatedHour(row[col.dst]), ctx.source, line);
    out.add(row[col.point], 'RT15', 'LMP', start, QUARTER, priceOf(row[col.price], ctx.source, line, 'SettlementPointPrice'));
  });
  return out.result();
}

/**
 * NP6-324-CD real-time price adders per 15-minute settlement interval, system-wide. Until
 * 2025-12-05: RTRSVPOR, RTRSVPOFF, RTRDP with DSTFlag; since RTC+B: RTRDPA (with per-service
 * splits gridcell does not store) and RepeatedHourFlag.
 */
export function parseMisAdders(body: Buffer, ctx: ParseContext): ParseResult {
  const out = new Collector();
  const wanted = dayFilter(ctx);
  const names = {
    date: ['DeliveryDate'],
    hour: ['DeliveryHour'],
    interval: ['DeliveryInterval'],
    online: ['RTRSVPOR'],
    offline: ['RTRSVPOFF'],
    reliability: ['RTRDP', 'RTRDPA'],
    repeated: ['DSTFlag', 'RepeatedHourFlag', 'RepeatHourFlag'],
  };
  eachRow(body, ctx, names, (row, col, line) => {
    const day = ercotDay(row[col.date], ctx.source, line);
    if (!wanted(day)) return;
    const start = hourEndingStart(day, hourEndingOf(row[col.hour], ctx.source, line), Number(row[col.interval]), 15, isRepeatedHour(row[col.repeated]), ctx.source, line);
    if (col.online >= 0) out.add(ERCOT_SYSTEM, 'RT15', 'ORDC_ONLINE', start, QUARTER, priceOf(row[col.online], ctx.source, line, 'RTRSVPOR'));
    if (col.offline >= 0) out.add(ERCOT_SYSTEM, 'RT15', 'ORDC_OFFLINE', start, QUARTER, priceOf(row[col.offline], ctx.source, line, 'RTRSVPOFF'));
    out.add(ERCOT_SYSTEM, 'RT15', 'RDPA', start, QUARTER, priceOf(row[col.reliability], ctx.source, line, 'RTRDP'));
  }, ['online', 'offline']);
  return out.result();
}

const SCED_TIME = /^(\d{2}\/\d{2}\/\d{4}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * NP6-788-CD `LMPSROSNODENP6788` CSV (one SCED run): SCEDTimestamp,RepeatedHourFlag,SettlementPoint,LMP.
 * The LMP is right-aligned with leading spaces; each run's price holds for the five minutes after its
 * timestamp.
 */
export function parseScedLmp(body: Buffer, ctx: ParseContext): ParseResult {
  const out = new Collector();
  const names = { time: ['SCEDTimestamp'], repeated: ['RepeatedHourFlag'], point: ['SettlementPoint'], lmp: ['LMP'] };
  eachRow(body, ctx, names, (row, col, line) => {
    const m = SCED_TIME.exec(row[col.time]);
    if (!m) throw new ParseError(ctx.source, `line ${line}: "${row[col.time]}" is not a SCED timestamp`);
    const start = ercotInstant(ercotDay(m[1], ctx.source, line), Number(m[2]), Number(m[3]), isRepeatedHour(row[col.repeated]), ctx.source, line, Number(m[4]));
    out.add(row[col.point], 'RT5', 'LMP', start, FIVE_MINUTES, priceOf(row[col.lmp], ctx.source, line, 'LMP'));
  });
  return out.result();
}
