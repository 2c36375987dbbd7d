import { LOAD_PRODUCT } from '../../../../contract';
import { cidKey, readCidTables, type CidTable } from '../../../formats/aemo-cid';
import { columnIndex } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { inflateBudget, isZip, zipEntries, type InflateBudget } from '../../../formats/zip';
import { GridError, type ParsedPoint, ParseError } from '../../../domain';
import { wallTime } from '../../../time/clock';
import type { ParseContext, Parser } from '../../types';
import { readDateTime, zonedOf } from '../../shared/dates';
import { readJsonObject, requiredArray, requiredField, requiredObject } from '../../shared/json';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { periodBounds } from '../../shared/period';
import { pushForecast } from '../../shared/fundamentals';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { FCAS_PRODUCTS, NEM_CLOCK } from './market';
import { intervalEndingAt, nemInstant, stampInstant } from './time';

type Window = { start: number; end: number };

/** Product -> column of a region table (DISPATCH,PRICE; TRADING,PRICE; DREGION; DISPATCH,REGIONSUM). */
const COLUMN_OF: Record<string, string> = {
  LMP: 'RRP',
  ...Object.fromEntries(FCAS_PRODUCTS.map((p) => [p, `${p}RRP`])),
  DEMAND: 'TOTALDEMAND',
};
const PRICE_TABLE_PRODUCTS = ['LMP', ...FCAS_PRODUCTS, 'DEMAND'];
const ONE_SECOND_FCAS = new Set<string>(['RAISE1SEC', 'LOWER1SEC']);
/** The 1-second FCAS markets opened on 2023-10-09; the columns hold placeholder zeros before. */
const ONE_SECOND_FCAS_FROM = wallTime(NEM_CLOCK, 2023, 10, 9, 0, 0);

/** Which tables of a NEMWeb report hold the prices (and demand), and how long its intervals are. */
export interface NemwebTables {
  price: [report: string, table: string];
  demand?: [report: string, table: string];
  intervalMinutes(end: number): number;
  /** Members are named by their interval's end (`PUBLIC_TRADINGIS_202308301800_<id>`), so unneeded ones can be skipped. */
  namedByInterval: boolean;
}

/** The UTC bounds of the period the bytes were fetched for; an interval belongs to the day its START falls in. */
function requestWindow(ctx: ParseContext): Window | undefined {
  return ctx.request ? periodBounds(ctx.request.period, NEM_CLOCK) : undefined;
}

/**
 * A NEMWeb report as downloaded (a zip, a zip of zips for archives, or its CSV): region prices,
 * FCAS prices and demand. With a request, only the period's intervals are read and returned.
 * AEMO re-issues an interval in a later file (a higher file id), so across the files of an archive
 * the one read last gives the interval's values; one file giving an interval twice is refused.
 */
export function nemwebParser(tables: NemwebTables): Parser {
  return (body, ctx) => {
    const window = requestWindow(ctx);
    const points = new Map<string, ParsedPoint>();
    for (const file of cidFiles(body, ctx.source, tables.namedByInterval ? window : undefined, inflateBudget())) {
      const text = decodeText(file.bytes);
      refuseMarkup(text, file.name, 'an AEMO CSV report');
      const cid = readCidTables(text, file.name);
      const price = cid.get(cidKey(...tables.price));
      if (!price) throw new ParseError(file.name, `no ${tables.price.join(',')} table in the report`);
      readRegionRows(price, file.name, tables.intervalMinutes, PRICE_TABLE_PRODUCTS, points);
      const demand = tables.demand && cid.get(cidKey(...tables.demand));
      if (demand) readRegionRows(demand, file.name, tables.intervalMinutes, ['DEMAND'], points);
    }
    return { points: inWindow([...points.values()], window) };
  };
}

/**
 * The CSVs inside (nested) zips, one at a time; with a window, members stamped outside it are not
 * even inflated. Every zip, however deep, draws on one budget of inflated bytes.
 */
function* cidFiles(
  body: Buffer,
  source: string,
  window: Window | undefined,
  budget: InflateBudget,
  depth = 0,
): Generator<{ name: string; bytes: Buffer }> {
  if (!isZip(body)) {
    yield { name: source, bytes: body };
    return;
  }
  if (depth > 1) throw new ParseError(source, 'zips nested more than two deep');
  let found = false;
  for (const entry of zipEntries(body, source, { budget })) {
    if (window && !memberInWindow(entry.name, window)) continue;
    const name = `${source}/${entry.name}`;
    const bytes = entry.read();
    if (isZip(bytes)) {
      for (const file of cidFiles(bytes, name, window, budget, depth + 1)) {
        found = true;
        yield file;
      }
    } else if (/\.csv$/i.test(entry.name)) {
      found = true;
      yield { name, bytes };
    }
  }
  if (!found && !window) throw new ParseError(source, 'the zip holds no AEMO CSV report');
}

function memberInWindow(name: string, window: Window): boolean {
  const stamp = /_(\d{12})_/.exec(name);
  if (!stamp) return true;
  const end = stampInstant(stamp[1]);
  return end > window.start && end <= window.end;
}

function readRegionRows(
  table: CidTable,
  source: string,
  minutes: (end: number) => number,
  products: string[],
  points: Map<string, ParsedPoint>,
): void {
  const where = `${source} (${table.report},${table.table})`;
  const names: Record<string, string[]> = { date: ['SETTLEMENTDATE'], region: ['REGIONID'], intervention: ['INTERVENTION'] };
  for (const p of products) names[p] = [COLUMN_OF[p]];
  const optional = ['intervention', ...products.filter((p) => p !== products[0])];
  const index = columnIndex(table.columns, names, where, optional);
  const guard = new RowGuard(where, { where: (row) => `row ${row}` });
  table.rows.forEach((row, i) => {
    // Intervention runs repeat an interval with INTERVENTION 1; prices come from the pricing run (0).
    if (index.intervention >= 0 && (row[index.intervention] ?? '') !== '' && row[index.intervention] !== '0') return;
    const end = nemInstant(row[index.date] ?? '', where, `row ${i + 1}, SETTLEMENTDATE`);
    const { start } = intervalEndingAt(end, minutes(end));
    const region = requiredText(row[index.region], where, `row ${i + 1}, REGIONID`);
    guard.check(region, start, i + 1);
    for (const product of products) {
      if (index[product] < 0 || (ONE_SECOND_FCAS.has(product) && start < ONE_SECOND_FCAS_FROM)) continue;
      const value = readNumber(row[index[product]], where, `row ${i + 1}, ${COLUMN_OF[product]}`);
      if (value === undefined) continue;
      points.set(`${region}|${product}|${start}`, { location: region, run: 'RT', product, start, end, value });
      // Regional demand is also the vocabulary's LOAD, as measured (ACTUAL).
      if (product === 'DEMAND')
        points.set(`${region}|${LOAD_PRODUCT}|${start}`, { location: region, run: 'ACTUAL', product: LOAD_PRODUCT, start, end, value });
    }
  });
}

function inWindow(points: ParsedPoint[], window: Window | undefined): ParsedPoint[] {
  return window ? points.filter((p) => p.start >= window.start && p.end <= window.end) : points;
}

/**
 * aemo.com.au `report/5MIN`: `{"5MIN":[{SETTLEMENTDATE, REGIONID, RRP, TOTALDEMAND, PERIODTYPE}]}`.
 * TOTALDEMAND is stored as DEMAND (run RT) and as LOAD ACTUAL.
 */
export const parseFiveMinute: Parser = (body, ctx) => {
  const { source } = ctx;
  const rows = requiredArray(readJsonObject(body, source, 'the aemo.com.au 5MIN answer'), '5MIN', source);
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `5MIN row ${i}` });
  rows.forEach((entry, i) => {
    const where = `5MIN row ${i + 1}`;
    const row = requiredObject(entry, source, where);
    const field = (name: string) => requiredField(row, name, source, where);
    if (field('PERIODTYPE') !== 'ACTUAL') return;
    const end = nemInstant(String(field('SETTLEMENTDATE')), source, `${where}, SETTLEMENTDATE`);
    const { start } = intervalEndingAt(end, 5);
    const location = requiredText(field('REGIONID'), source, `${where}, REGIONID`);
    guard.check(location, start, i + 1);
    const rrp = readNumber(field('RRP'), source, `${where}, RRP`);
    if (rrp !== undefined) points.push({ location, run: 'RT', product: 'LMP', start, end, value: rrp });
    const demand = readNumber(row.TOTALDEMAND, source, `${where}, TOTALDEMAND`);
    if (demand !== undefined) {
      points.push({ location, run: 'RT', product: 'DEMAND', start, end, value: demand });
      points.push({ location, run: 'ACTUAL', product: LOAD_PRODUCT, start, end, value: demand });
    }
  });
  const window = requestWindow(ctx);
  const kept = inWindow(points, window);
  if (window && !kept.length) {
    throw new GridError(
      'NOT_PUBLISHED',
      `AEMO's 5-minute feed holds only the latest day or so; it has nothing for ${ctx.request!.period.key}.`,
    );
  }
  return { points: kept };
};

const HALF_HOUR_MINUTES = 30;

/** A NEM date-time (`2025/04/01 17:27:41`) to the second, as UTC ms. */
function nemInstantToSecond(stamp: string, source: string, where: string): number {
  return zonedOf(readDateTime(stamp, source, where), NEM_CLOCK);
}

/**
 * `PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_<first interval>_<issued>.zip` (or its CSV): the C/I/D table
 * `OPERATIONAL_DEMAND,FORECAST` with `REGIONID`, `INTERVAL_DATETIME` (the END of a half-hour, NEM
 * time), `LOAD_DATE` (when the forecast was made) and `OPERATIONAL_DEMAND_POE10/50/90`. The POE50
 * value is stored as LOAD FORECAST per region and under the vintage of its LOAD_DATE; the POE10 and
 * POE90 bounds are not kept (the vocabulary has one LOAD). With a request, only the period's
 * intervals are returned; a period the file does not reach is not published.
 */
export const parseOperationalDemandForecast: Parser = (body, ctx) => {
  const window = requestWindow(ctx);
  const points: ParsedPoint[] = [];
  for (const file of cidFiles(body, ctx.source, undefined, inflateBudget())) {
    const text = decodeText(file.bytes);
    refuseMarkup(text, file.name, 'an AEMO CSV report');
    const table = readCidTables(text, file.name).get(cidKey('OPERATIONAL_DEMAND', 'FORECAST'));
    if (!table) throw new ParseError(file.name, 'no OPERATIONAL_DEMAND,FORECAST table in the report');
    const where = `${file.name} (OPERATIONAL_DEMAND,FORECAST)`;
    const index = columnIndex(
      table.columns,
      { region: ['REGIONID'], end: ['INTERVAL_DATETIME'], issued: ['LOAD_DATE'], poe50: ['OPERATIONAL_DEMAND_POE50'] },
      where,
    );
    const guard = new RowGuard(where, { where: (row) => `row ${row}` });
    table.rows.forEach((row, i) => {
      const at = `row ${i + 1}`;
      const end = nemInstant(row[index.end] ?? '', where, `${at}, INTERVAL_DATETIME`);
      const { start } = intervalEndingAt(end, HALF_HOUR_MINUTES);
      const region = requiredText(row[index.region], where, `${at}, REGIONID`);
      guard.check(region, start, i + 1);
      const issued = nemInstantToSecond(row[index.issued] ?? '', where, `${at}, LOAD_DATE`);
      const value = readNumber(row[index.poe50], where, `${at}, OPERATIONAL_DEMAND_POE50`);
      if (value !== undefined) pushForecast(points, { location: region, product: LOAD_PRODUCT, start, end, value }, issued);
    });
  }
  const kept = inWindow(points, window);
  if (window && !kept.length)
    throw new GridError(
      'NOT_PUBLISHED',
      `${ctx.source}: AEMO's operational demand forecast holds no half-hour of ${ctx.request!.period.key} (it reaches about eight days ahead).`,
    );
  return { points: kept };
};
