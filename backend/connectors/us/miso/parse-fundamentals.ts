import { type AncillaryService, LOAD_PRODUCT } from '../../../../contract';
import { GridError, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { isCompoundFile, readXlsSheet } from '../../../formats/xls';
import { cellText, excelSerialDay, type XlsxCell } from '../../../formats/xlsx';
import { decodeText } from '../../../formats/text';
import { marketDay, parseDay, wallTime } from '../../../time/clock';
import type { ParseContext, Parser } from '../../types';
import { readDay, usDate } from '../../shared/dates';
import { askedOrIssue, FuelTally, pushForecast, serviceProduct } from '../../shared/fundamentals';
import { hourEndingInterval } from '../../shared/hour-ending';
import { type JsonObject, readJsonObject, requiredArray, requiredField, requiredObject, requiredString } from '../../shared/json';
import { refuseMarkup } from '../../shared/markup';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { round6, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { MISO_TOTAL, misoMarket, reserveZoneName } from './market';

const CLOCK = misoMarket.clock;
const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;

/** A location of the load report: the MISO total, or a local resource zone. */
function loadLocation(name: string): LocationInfo {
  return { name, type: name === MISO_TOTAL ? 'SYSTEM' : 'ZONE' };
}

// ---------------------------------------------------------------------------------------------
// The Forecasted and Actual Load report, `<YYYYMMDD>_df_al.xls`.

const LOAD_COLUMN = /^(.+?)\s+(MTLF|ActualLoad)\s+\(MWh\)$/i;
/** The report's hourly actual load: run RTH, beside the real-time API's five-minute LOAD ACTUAL of the MISO total (one series holds one interval length). */
export const HOURLY_ACTUAL = 'RTH';

interface LoadColumn {
  index: number;
  location: string;
  kind: 'MTLF' | 'ACTUAL';
}

/**
 * `<YYYYMMDD>_df_al.xls` (Forecasted and Actual Load Report), one BIFF8 sheet: a title, then
 * `Published Date:` and `Reporting Period:` with Excel date serials, then per market day a header
 * row `Market Day,HourEnding,LRZ1 MTLF (MWh),LRZ1 ActualLoad (MWh),...,MISO MTLF (MWh),MISO ActualLoad (MWh)`,
 * a text row with the day (`March 09, 2025`) and 24 rows: the day as an Excel serial, the hour
 * ending 1..24 in EST (24 hours every day, the spring-forward day too), the MW of each zone.
 * ActualLoad is empty for days not yet run. The values are hourly MWh, that is the hour's average MW.
 *
 * MTLF is kept as FORECAST and as the vintage of the publication: the report gives only the
 * publication day (no time), so the issue is taken as 00:00 EST of `Published Date` (an earlier
 * instant than the real one, never a later one).
 */
export const parseLoadReport: Parser = (body, ctx) => {
  const source = ctx.source;
  if (!isCompoundFile(body)) {
    refuseMarkup(decodeText(body.subarray(0, 512)), source, 'the MISO load report (.xls)');
    throw new ParseError(source, 'not an Excel .xls workbook; expected the MISO Forecasted and Actual Load report (<date>_df_al.xls)');
  }
  const { rows, date1904 } = readXlsSheet(body, source);
  const issued = publishedInstant(rows, date1904, source);
  const header = loadHeader(rows, source);
  const points: ParsedPoint[] = [];
  const guards = {
    MTLF: new RowGuard(source, { where: (r) => `row ${r}`, product: 'MTLF' }),
    ACTUAL: new RowGuard(source, { where: (r) => `row ${r}` }),
  };
  let dataRows = 0;
  rows.forEach((row, i) => {
    const line = i + 1;
    if (i > header.row && cellText(row[0]) === 'Market Day') {
      const repeated = row.map(cellText).join('|');
      if (repeated !== header.text)
        throw new ParseError(source, `row ${line}: the header row differs from the first one (row ${header.row + 1})`);
      return;
    }
    if (i <= header.row || typeof row[0] !== 'number') return; // titles, the day's text row, the disclaimer
    dataRows++;
    const day = excelSerialDay(row[0], date1904);
    const hourEnding = readWholeNumber(row[header.hourEnding], source, 'HourEnding', line);
    const { start, end } = hourEndingInterval(CLOCK, day, hourEnding, false, source, `row ${line}`);
    for (const column of header.columns) {
      const mw = readNumber(row[column.index], source, `column ${column.index + 1}`, line);
      if (mw === undefined) continue;
      guards[column.kind].check(column.location, start, line);
      const point = { location: column.location, product: LOAD_PRODUCT, start, end, value: round6(mw) };
      if (column.kind === 'MTLF') pushForecast(points, point, issued);
      else points.push({ ...point, run: HOURLY_ACTUAL });
    }
  });
  if (dataRows === 0) throw new GridError('NOT_PUBLISHED', `${source}: the load report holds no hours yet.`);
  const kept = points.filter(askedOrIssue(ctx, CLOCK));
  if (ctx.request && !kept.some((p) => p.run === ctx.request!.run))
    throw new GridError(
      'NOT_PUBLISHED',
      `${source}: the load report has no ${ctx.request.run} load for ${ctx.request.period.days.join(', ')} yet.`,
    );
  const locations = [...new Set(header.columns.map((c) => c.location))].map(loadLocation);
  return { points: kept, locations };
};

/** `Published Date:` and its Excel serial: 00:00 EST of that day (with the time of day when the serial has one). */
function publishedInstant(rows: XlsxCell[][], date1904: boolean, source: string): number {
  const row = rows.find((r) => /^published date:?$/i.test(cellText(r[0])));
  const serial = row?.[1];
  if (typeof serial !== 'number' || !(serial > 0))
    throw new ParseError(source, 'no "Published Date:" row with a date above the header: the issue time of the MTLF is unknown');
  const { year, month, day } = parseDay(excelSerialDay(serial, date1904));
  const minutes = Math.round((serial - Math.floor(serial)) * 1440);
  return wallTime(CLOCK, year, month, day, Math.floor(minutes / 60), minutes % 60);
}

function loadHeader(rows: XlsxCell[][], source: string): { row: number; text: string; hourEnding: number; columns: LoadColumn[] } {
  const row = rows.findIndex((r) => cellText(r[0]) === 'Market Day');
  if (row < 0)
    throw new ParseError(source, 'no header row starting "Market Day"; the file is not the MISO Forecasted and Actual Load report');
  const cells = rows[row].map(cellText);
  const hourEnding = cells.indexOf('HourEnding');
  if (hourEnding < 0) throw new ParseError(source, `missing column "HourEnding" (header was: ${cells.join(',')})`);
  const columns: LoadColumn[] = [];
  cells.forEach((text, index) => {
    if (index === 0 || index === hourEnding || text === '') return;
    const m = LOAD_COLUMN.exec(text);
    if (!m) throw new ParseError(source, `column "${text}" is neither "<zone> MTLF (MWh)" nor "<zone> ActualLoad (MWh)"`);
    columns.push({ index, location: m[1].trim(), kind: m[2].toUpperCase() === 'MTLF' ? 'MTLF' : 'ACTUAL' });
  });
  if (!columns.some((c) => c.kind === 'MTLF'))
    throw new ParseError(source, `no "<zone> MTLF (MWh)" column (header was: ${cells.join(',')})`);
  return { row, text: cells.join('|'), hourEnding, columns };
}

/** Does the workbook look like the load report: its header row `Market Day,HourEnding,... MTLF (MWh)`? */
export function isLoadReport(bytes: Buffer): boolean {
  if (!isCompoundFile(bytes)) return false;
  try {
    const { rows } = readXlsSheet(bytes, 'sample');
    const header = rows.find((r) => cellText(r[0]) === 'Market Day');
    return !!header && cellText(header[1]) === 'HourEnding' && header.some((c) => /MTLF \(MWh\)$/i.test(cellText(c)));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The real-time API's snapshots (public-api.misoenergy.org/api/...). Every answer is of the running
// market day; fetched for another day it is not published (the snapshot has moved on, or not yet).

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `02-Oct-2026 - Interval 16:45 EST`: the market day and the interval's instant. */
function readRefId(text: string, source: string): { day: string; instant: number } {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) - Interval (\d{1,2}):(\d{2}) EST$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2].toUpperCase()) + 1 : 0;
  if (!m || month === 0) throw new ParseError(source, `RefId "${text.slice(0, 60)}" is not of the form "02-Oct-2026 - Interval 16:45 EST"`);
  const day = readDay(`${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`, source, 'RefId');
  return { day, instant: wallOf(day, `${m[4]}:${m[5]}`, source, 'RefId') };
}

/** `16:45` (EST) on a market day. */
function wallOf(day: string, time: string, source: string, where: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || +m[1] > 23 || +m[2] > 59) throw new ParseError(source, `${where}: "${time.slice(0, 20)}" is not a time HH:MM`);
  const { year, month, day: d } = parseDay(day);
  return wallTime(CLOCK, year, month, d, +m[1], +m[2]);
}

/** The snapshot's day must be the day asked for (when fetched). */
function checkSnapshotDay(day: string, ctx: ParseContext, what: string): void {
  const asked = ctx.request?.period.days;
  if (asked && !asked.includes(day))
    throw new GridError('NOT_PUBLISHED', `${ctx.source}: MISO's ${what} is of ${day} (EST), not ${asked.join(', ')}.`);
}

/** An entry of a list that wraps each item in one named object: `{"Load":{"Time":..,"Value":..}}`. */
function wrapped(item: unknown, key: string, source: string, where: string): JsonObject {
  return requiredObject(requiredField(requiredObject(item, source, where), key, source, where), source, `${where}.${key}`);
}

/**
 * `GET /api/RealTimeTotalLoad`: `{"LoadInfo":{"RefId","ClearedMW":[{"ClearedMWHourly":{"Hour","Value"}}],
 * "MediumTermLoadForecast":[{"Forecast":{"HourEnding","LoadForecast"}}],"FiveMinTotalLoad":[{"Load":{"Time","Value"}}]}}`,
 * every number a string, the day only in `RefId`. For the MISO total: ClearedMW is the day-ahead
 * cleared load by hour ending 1..24 (run DA), MediumTermLoadForecast the MTLF by hour ending
 * (FORECAST, issued at the RefId interval), FiveMinTotalLoad the five-minute actual load so far,
 * each `Time` the start of its interval (EST), as MISO's five-minute labels are.
 */
export const parseRealTimeTotalLoad: Parser = (body, ctx) => {
  const source = ctx.source;
  const doc = readJsonObject(body, source, 'the answer of MISO RealTimeTotalLoad');
  const info = requiredObject(requiredField(doc, 'LoadInfo', source), source, 'LoadInfo');
  const ref = readRefId(requiredString(info, 'RefId', source, 'LoadInfo'), source);
  checkSnapshotDay(ref.day, ctx, 'RealTimeTotalLoad');
  const points: ParsedPoint[] = [];
  const base = { location: MISO_TOTAL, product: LOAD_PRODUCT };

  const cleared = new RowGuard(source, { where: (i) => `ClearedMW[${i}]`, product: 'cleared load' });
  requiredArray(info, 'ClearedMW', source, 'LoadInfo').forEach((item, i) => {
    const where = `ClearedMW[${i}]`;
    const hour = wrapped(item, 'ClearedMWHourly', source, where);
    const { start, end } = hourEndingInterval(CLOCK, ref.day, readWholeNumber(hour.Hour, source, `${where}.Hour`), false, source, where);
    cleared.check(MISO_TOTAL, start, i);
    const mw = readNumber(requiredField(hour, 'Value', source, where), source, `${where}.Value`);
    if (mw !== undefined) points.push({ ...base, run: 'DA', start, end, value: mw });
  });

  const forecast = new RowGuard(source, { where: (i) => `MediumTermLoadForecast[${i}]`, product: 'MTLF' });
  requiredArray(info, 'MediumTermLoadForecast', source, 'LoadInfo').forEach((item, i) => {
    const where = `MediumTermLoadForecast[${i}]`;
    const hour = wrapped(item, 'Forecast', source, where);
    const he = readWholeNumber(hour.HourEnding, source, `${where}.HourEnding`);
    const { start, end } = hourEndingInterval(CLOCK, ref.day, he, false, source, where);
    forecast.check(MISO_TOTAL, start, i);
    const mw = readNumber(requiredField(hour, 'LoadForecast', source, where), source, `${where}.LoadForecast`);
    if (mw !== undefined) pushForecast(points, { ...base, start, end, value: mw }, ref.instant);
  });

  const actual = new RowGuard(source, { where: (i) => `FiveMinTotalLoad[${i}]`, product: 'load' });
  requiredArray(info, 'FiveMinTotalLoad', source, 'LoadInfo').forEach((item, i) => {
    const where = `FiveMinTotalLoad[${i}]`;
    const load = wrapped(item, 'Load', source, where);
    const start = wallOf(ref.day, requiredText(load.Time, source, `${where}.Time`), source, `${where}.Time`);
    actual.check(MISO_TOTAL, start, i);
    const mw = readNumber(requiredField(load, 'Value', source, where), source, `${where}.Value`);
    if (mw !== undefined) points.push({ ...base, run: 'ACTUAL', start, end: start + FIVE_MINUTES, value: mw });
  });
  if (!points.length) throw new GridError('NOT_PUBLISHED', `${source}: MISO's RealTimeTotalLoad holds no values yet.`);
  return { points, locations: [loadLocation(MISO_TOTAL)] };
};

/**
 * `INTERVALEST` as MISO writes it: `2026-10-02 4:45:00 PM` (EST, a 12-hour clock). It is the start of
 * the five-minute interval, as MISO's other five-minute labels are (its RefId says `Interval 16:45`).
 */
function intervalEst(text: string, source: string, where: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})(?::(\d{2}))? ([AP]M)$/i.exec(text.trim());
  if (!m || +m[2] < 1 || +m[2] > 12)
    throw new ParseError(source, `${where}: "${text.slice(0, 30)}" is not a time like 2026-10-02 4:45:00 PM`);
  const hour = (+m[2] % 12) + (m[5].toUpperCase() === 'PM' ? 12 : 0);
  return wallOf(readDay(m[1], source, where), `${hour}:${m[3]}`, source, where);
}

/**
 * `GET /api/FuelMix`: `{"RefId","TotalMW","Fuel":{"Type":[{"INTERVALEST","CATEGORY","ACT","FUEL_CATEGORY"}]}}`,
 * the current five-minute interval's generation by category for the MISO total (strings).
 * `Imports` is net imports; `Battery Storage` storage. An unknown category is an error.
 */
export const parseFuelMix: Parser = (body, ctx) => {
  const source = ctx.source;
  const doc = readJsonObject(body, source, 'the answer of MISO FuelMix');
  const fuel = requiredObject(requiredField(doc, 'Fuel', source), source, 'Fuel');
  const types = requiredArray(fuel, 'Type', source, 'Fuel');
  if (!types.length) throw new GridError('NOT_PUBLISHED', `${source}: MISO's FuelMix lists no generation right now.`);
  const tally = new FuelTally(source);
  const guard = new RowGuard(source, { where: (i) => `Fuel.Type[${i}]` });
  let day: string | undefined;
  types.forEach((item, i) => {
    const where = `Fuel.Type[${i}]`;
    const row = requiredObject(item, source, where);
    const start = intervalEst(requiredString(row, 'INTERVALEST', source, where), source, `${where}.INTERVALEST`);
    day ??= marketDay(start, CLOCK);
    const category = requiredString(row, 'CATEGORY', source, where);
    guard.check(category, start, i);
    const mw = readNumber(requiredField(row, 'ACT', source, where), source, `${where}.ACT`);
    if (mw !== undefined) tally.add(MISO_TOTAL, 'ACTUAL', category, start, start + FIVE_MINUTES, mw);
  });
  checkSnapshotDay(day!, ctx, 'FuelMix');
  return { points: tally.points(), locations: [loadLocation(MISO_TOTAL)] };
};

/** MISO's MCP fields and the service each clears. The `Demand*Mcp` fields (demand-curve prices) are not read. */
const MCP_FIELDS: ReadonlyArray<[string, AncillaryService]> = [
  ['GenRegMCP', 'REG'],
  ['GenSpinMCP', 'SPIN'],
  ['GenSuppMCP', 'SUPP'],
  ['StrMcp', 'STR'],
  ['RcpUpMcp', 'RAMP_UP'],
  ['RcpDownMcp', 'RAMP_DOWN'],
];

/**
 * `GET /api/MarketPricing/GetAncillaryServicesMcp`: `{"MCPData":{"RefId","MktDay":"10-02-2026",
 * "RealTimeMCP":{"HourAndMin":"16:45","Zone":[{"number":"1","GenRegMCP",...}]},"DayAheadMCP":{"HourEnding":"17","Zone":[...]}}}`:
 * the current real-time interval's MCPs (RT5, `HourAndMin` the interval start, EST) and the current
 * day-ahead hour's (DA, hour ending), per reserve zone (`ZONE 1`..`ZONE 8`), $/MWh as strings.
 */
export const parseAncillaryMcp: Parser = (body, ctx) => {
  const source = ctx.source;
  const doc = readJsonObject(body, source, 'the answer of MISO GetAncillaryServicesMcp');
  const data = requiredObject(requiredField(doc, 'MCPData', source), source, 'MCPData');
  const day = usDate(requiredString(data, 'MktDay', source, 'MCPData').replace(/-/g, '/'), source, 'MCPData.MktDay');
  checkSnapshotDay(day, ctx, 'GetAncillaryServicesMcp');
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  const read = (
    key: 'RealTimeMCP' | 'DayAheadMCP',
    run: string,
    interval: (block: JsonObject, where: string) => { start: number; end: number },
  ) => {
    const value = data[key];
    if (value === null || value === undefined) return; // a block not posted yet
    const block = requiredObject(value, source, `MCPData.${key}`);
    const { start, end } = interval(block, `MCPData.${key}`);
    const guard = new RowGuard(source, { where: (i) => `${key}.Zone[${i}]` });
    requiredArray(block, 'Zone', source, `MCPData.${key}`).forEach((item, i) => {
      const where = `${key}.Zone[${i}]`;
      const zone = requiredObject(item, source, where);
      const location = reserveZoneName(readWholeNumber(zone.number, source, `${where}.number`));
      guard.check(location, start, i);
      locations.set(location, { name: location, type: 'ZONE' });
      for (const [field, service] of MCP_FIELDS) {
        const price = readNumber(requiredField(zone, field, source, where), source, `${where}.${field}`);
        if (price !== undefined) points.push({ location, run, product: serviceProduct(service), start, end, value: price });
      }
    });
  };
  read('RealTimeMCP', 'RT5', (block, where) => {
    const start = wallOf(day, requiredString(block, 'HourAndMin', source, where), source, `${where}.HourAndMin`);
    return { start, end: start + FIVE_MINUTES };
  });
  read('DayAheadMCP', 'DA', (block, where) =>
    hourEndingInterval(CLOCK, day, readWholeNumber(block.HourEnding, source, `${where}.HourEnding`), false, source, where),
  );
  if (!points.length) throw new GridError('NOT_PUBLISHED', `${source}: MISO's GetAncillaryServicesMcp holds no prices right now.`);
  return { points, locations: [...locations.values()] };
};

/** The real-time API's snapshots told apart by their JSON's first key (and the keys that follow it). */
export function snapshotKind(head: string): 'load' | 'fuel' | 'mcp' | undefined {
  const start = head.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').trimStart();
  if (/^\{\s*"LoadInfo"\s*:\s*\{\s*"RefId"/.test(start)) return 'load';
  if (/^\{\s*"MCPData"\s*:\s*\{\s*"RefId"/.test(start)) return 'mcp';
  if (/^\{\s*"RefId"\s*:/.test(start) && /"Fuel"\s*:\s*\{\s*"Type"\s*:\s*\[/.test(start) && start.includes('"INTERVALEST"')) return 'fuel';
  return undefined;
}
