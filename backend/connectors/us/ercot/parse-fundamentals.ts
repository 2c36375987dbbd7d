import { type AncillaryService, LOAD_PRODUCT } from '../../../../contract';
import { GridError, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { decodeText } from '../../../formats/text';
import { isZip, singleZipMember, zipEntries } from '../../../formats/zip';
import { marketDay, pad } from '../../../time/clock';
import type { FileSample, ParseContext, Parser } from '../../types';
import { dayOf, readDateTime, readDay, readInstant } from '../../shared/dates';
import { FuelTally, pushForecast, serviceProduct } from '../../shared/fundamentals';
import { firstLine } from '../../shared/headers';
import { isObject, type JsonObject, readJsonObject, requiredField, requiredObject } from '../../shared/json';
import { refuseMarkup } from '../../shared/markup';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { ERCOT_SYSTEM, ERCOT_SYSTEM_LOCATION, ercotMarket, FORECAST_ZONES, WEATHER_ZONES } from './market';
import { apiTable, csvTable, dayFilter, PRICE_INTERVAL, startOf, type Table } from './parse';
import { ercotInstant, hourEndingStart, isRepeatedHour } from './time';

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

// ---------------------------------------------------------------------------------------------
// Tables: an MIS document (a zip holding one CSV, or the CSV itself when imported) or a page of
// the Public API (`fields` + positional `data` rows), read alike by column keys.
// ---------------------------------------------------------------------------------------------

/** The table in the bytes: an MIS zip (its one CSV), a Public API page (JSON), or a bare MIS CSV. */
function tableOf(body: Buffer, source: string): Table {
  if (isZip(body)) {
    const { name, bytes } = singleZipMember(body, source, /\.csv$/i);
    return csvTable(bytes, source, name);
  }
  const start = decodeText(body.subarray(0, 256)).trimStart();
  if (start.startsWith('{')) return apiTable(body, source, { report: 'data', days: 'these days' });
  refuseMarkup(start, source, 'an ERCOT MIS zip or CSV, or a Public API page');
  return csvTable(body, source);
}

/**
 * When an MIS document was posted: the CSV's name (and the zip's) carries it as
 * `cdr.<type>.<duns>.YYYYMMDD.HHMMSS[mmm].<name>`, on Central prevailing time, e.g.
 * `cdr.00012312.0000000000000000.20231119.233000.LFCWEATHERNP3561.csv`. The name inside the zip is
 * read first; for a bare CSV, the file name it was imported under. A stamp in the repeated
 * fall-back hour is read as its first (daylight-time) pass: the name does not tell them apart.
 */
export function postedAt(names: (string | undefined)[], source: string): number | undefined {
  for (const name of names) {
    const m = name && /(?:^|[\\/.])cdr\.\d{8}\.\d+\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})(\d{2})\d*\./i.exec(name);
    if (!m) continue;
    const where = `posting time in the name ${name}`;
    const day = readDay(`${m[1]}-${m[2]}-${m[3]}`, source, where);
    const [hour, minute, second] = [+m[4], +m[5], +m[6]];
    if (hour > 23 || minute > 59 || second > 59) throw new ParseError(source, `${where}: ${m[4]}:${m[5]}:${m[6]} is not a time of day`);
    return ercotInstant(day, { hour, minute, second }, false, source, where);
  }
  return undefined;
}

/** The first line of an MIS CSV, bare or as the one member of its zip, for `detect` (empty when unreadable). */
export function misHeaderLine(file: FileSample): string {
  if (!isZip(file.bytes)) return firstLine(file.head);
  try {
    const entry = zipEntries(file.bytes, file.name).find((e) => /\.csv$/i.test(e.name));
    return entry ? firstLine(decodeText(entry.head(4096))) : '';
  } catch {
    return '';
  }
}

function infoOf(name: string): LocationInfo {
  return [ERCOT_SYSTEM_LOCATION, ...WEATHER_ZONES, ...FORECAST_ZONES].find((l) => l.name === name) ?? { name, type: 'ZONE' };
}

// ---------------------------------------------------------------------------------------------
// Load by zone, one column per zone (NP6-345-CD actual, NP3-561-CD and NP3-560-CD forecasts)
// ---------------------------------------------------------------------------------------------

/** A wide load table: the stamp's columns and one column per zone (our location -> its header spellings). */
export interface LoadTable {
  date: string[];
  hour: string[];
  repeated: string[];
  zones: Record<string, string[]>;
}

/** NP6-345-CD Actual System Load by Weather Zone: MIS CSV `OperDay,HourEnding,COAST,...,TOTAL,DSTFlag`; API `operatingDay, hourEnding, coast, ..., total, DSTFlag`. */
export const ACTUAL_LOAD_TABLE: LoadTable = {
  date: ['OperDay', 'operatingDay'],
  hour: ['HourEnding'],
  repeated: ['DSTFlag'],
  zones: {
    COAST: ['COAST'],
    EAST: ['EAST'],
    FAR_WEST: ['FAR_WEST', 'farWest'],
    NORTH: ['NORTH'],
    NORTH_C: ['NORTH_C', 'northC'],
    SOUTHERN: ['SOUTHERN'],
    SOUTH_C: ['SOUTH_C', 'southC'],
    WEST: ['WEST'],
    [ERCOT_SYSTEM]: ['TOTAL'],
  },
};

/** NP3-561-CD Seven-Day Load Forecast by Weather Zone: `DeliveryDate,HourEnding,Coast,East,FarWest,North,NorthCentral,SouthCentral,Southern,West,SystemTotal,DSTFlag`. */
export const WEATHER_ZONE_FORECAST_TABLE: LoadTable = {
  date: ['DeliveryDate'],
  hour: ['HourEnding'],
  repeated: ['DSTFlag'],
  zones: {
    COAST: ['Coast'],
    EAST: ['East'],
    FAR_WEST: ['FarWest'],
    NORTH: ['North'],
    NORTH_C: ['NorthCentral'],
    SOUTHERN: ['Southern'],
    SOUTH_C: ['SouthCentral'],
    WEST: ['West'],
    [ERCOT_SYSTEM]: ['SystemTotal'],
  },
};

/** NP3-560-CD Seven-Day Load Forecast by Forecast Zone: `DeliveryDate,HourEnding,North,South,West,Houston,SystemTotal,DSTFlag`. */
export const FORECAST_ZONE_FORECAST_TABLE: LoadTable = {
  date: ['DeliveryDate'],
  hour: ['HourEnding'],
  repeated: ['DSTFlag'],
  zones: {
    FZ_NORTH: ['North'],
    FZ_SOUTH: ['South'],
    FZ_WEST: ['West'],
    FZ_HOUSTON: ['Houston'],
    [ERCOT_SYSTEM]: ['SystemTotal'],
  },
};

/**
 * Hourly load by zone, each hour ending (`01:00` in NP6-345-CD, `1:00` in the forecasts, `24:00`
 * the last) with its DSTFlag (Y on the repeated fall-back hour). `ACTUAL` as it is; `FORECAST`
 * under the latest run and the vintage of the document's posting time (its CSV name). A forecast
 * with no posting time in its names (a bare CSV renamed on import) is kept under `FORECAST` only.
 */
export function loadParser(table: LoadTable, run: 'ACTUAL' | 'FORECAST'): Parser {
  return (body, ctx) => {
    const { source } = ctx;
    const data = tableOf(body, source);
    const issued = run === 'FORECAST' ? postedAt([data.member, source], source) : undefined;
    const zones = Object.keys(table.zones);
    const columns: Record<string, string[]> = { date: table.date, hour: table.hour, repeated: table.repeated };
    for (const zone of zones) columns[`zone:${zone}`] = table.zones[zone];
    const wanted = dayFilter(ctx);
    const guard = new RowGuard(source, { product: LOAD_PRODUCT });
    const points: ParsedPoint[] = [];
    const seen = new Set<string>();
    data.each(columns, (cell, line) => {
      const where = `line ${line}`;
      const start = startOf({ date: cell('date'), hour: cell('hour'), repeated: cell('repeated') }, 60, wanted, source, where);
      if (start === undefined) return;
      for (const zone of zones) {
        guard.check(zone, start, line);
        const value = readNumber(cell(`zone:${zone}`), source, `${where}, ${table.zones[zone][0]}`);
        if (value === undefined) continue;
        seen.add(zone);
        const point = { location: zone, product: LOAD_PRODUCT, start, end: start + HOUR, value };
        if (run === 'ACTUAL') points.push({ ...point, run });
        else pushForecast(points, point, issued);
      }
    });
    return { points, locations: [...seen].map(infoOf) };
  };
}

// ---------------------------------------------------------------------------------------------
// Ancillary-service clearing prices for capacity (NP4-188-CD day-ahead, NP6-331-CD real time)
// ---------------------------------------------------------------------------------------------

/**
 * ERCOT's AS types and the vocabulary's services. RRS (Responsive Reserve) is ERCOT's synchronized
 * 10-minute-class reserve, so it is SPIN; ECRS keeps its own name.
 */
export const ERCOT_AS_SERVICES: Readonly<Record<string, AncillaryService>> = {
  REGUP: 'REG_UP',
  REGDN: 'REG_DOWN',
  RRS: 'SPIN',
  NSPIN: 'NONSPIN',
  ECRS: 'ECRS',
};

function serviceOf(cell: unknown, source: string, where: string): string {
  const name = String(cell ?? '').trim();
  const service = ERCOT_AS_SERVICES[name.toUpperCase()];
  if (!service)
    throw new ParseError(
      source,
      `${where}: unknown ancillary service type "${name.slice(0, 20)}" (known: ${Object.keys(ERCOT_AS_SERVICES).join(', ')})`,
    );
  return serviceProduct(service);
}

type AsKind = 'DAM' | 'RT';

/**
 * AS MCPC columns. Day-ahead (NP4-188-CD): MIS `DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag`,
 * the API's `deliveryDate, hourEnding, ancillaryType, MCPC, DSTFlag` alike. Real time (NP6-331-CD,
 * since RTC+B on 2025-12-05): `DeliveryDate,DeliveryHour,DeliveryInterval,RepeatedHourFlag,ASType,MCPC`.
 */
const AS_COLUMNS: Record<AsKind, Record<string, string[]>> = {
  DAM: { date: ['DeliveryDate'], hour: ['HourEnding'], type: ['AncillaryType'], price: ['MCPC'], repeated: ['DSTFlag'] },
  RT: {
    date: ['DeliveryDate'],
    hour: ['DeliveryHour'],
    interval: ['DeliveryInterval'],
    repeated: ['RepeatedHourFlag', 'DSTFlag'],
    type: ['ASType', 'AncillaryType'],
    price: ['MCPC'],
  },
};

/** System-wide AS clearing prices, one row per service and interval, at location `ERCOT`. */
export function asPricesParser(kind: AsKind): Parser {
  const { run, minutes } = PRICE_INTERVAL[kind];
  return (body, ctx) => {
    const { source } = ctx;
    const wanted = dayFilter(ctx);
    const guards = new Map<string, RowGuard>();
    const points: ParsedPoint[] = [];
    tableOf(body, source).each(AS_COLUMNS[kind], (cell, line) => {
      const where = `line ${line}`;
      const start = startOf(
        { date: cell('date'), hour: cell('hour'), interval: cell('interval'), repeated: cell('repeated') },
        minutes,
        wanted,
        source,
        where,
      );
      if (start === undefined) return;
      const product = serviceOf(cell('type'), source, `${where}, ${AS_COLUMNS[kind].type[0]}`);
      let guard = guards.get(product);
      if (!guard) guards.set(product, (guard = new RowGuard(source, { product })));
      guard.check(ERCOT_SYSTEM, start, line);
      const value = readNumber(cell('price'), source, `${where}, MCPC`);
      if (value !== undefined) points.push({ location: ERCOT_SYSTEM, run, product, start, end: start + minutes * 60_000, value });
    });
    return { points, locations: points.length ? [ERCOT_SYSTEM_LOCATION] : [] };
  };
}

// ---------------------------------------------------------------------------------------------
// Dashboards (www.ercot.com/api/1/services/read/dashboards/*.json)
// ---------------------------------------------------------------------------------------------

/** `2025-10-09 06:46:00-0500` (the dashboards' stamps, with their offset) as epoch ms. */
function dashboardInstant(text: unknown, source: string, where: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})([+-]\d{2}):?(\d{2})$/.exec(String(text ?? '').trim());
  if (!m)
    throw new ParseError(source, `${where}: "${String(text).slice(0, 30)}" is not a time stamp with an offset (YYYY-MM-DD HH:MM:SS-0500)`);
  return readInstant(`${m[1]}T${m[2]}${m[3]}:${m[4]}`, source, where);
}

/** Nothing for the days asked: the dashboard holds only yesterday and today. */
function nothingFor(ctx: ParseContext, what: string): GridError {
  const days = ctx.request?.period.days ?? [];
  return new GridError(
    'NOT_PUBLISHED',
    `ERCOT's ${what} dashboard holds nothing for ${days.join(', ')} (it shows only yesterday and today, and today's values as they come in).`,
  );
}

/**
 * The fuel-mix dashboard (`fuel-mix.json`): `data: { <day>: { <stamp>: { <fuel>: { gen } } } }`
 * for yesterday and today (today as far as it has come), in both layouts seen: since 2025 `{gen}`
 * beside a `monthlyCapacity`; before, `{gen, hsl, seasonalCapacity}` (only `gen` is read).
 *
 * Each stamp is a few seconds before a five-minute mark (`00:04:56`, ..., `23:59:56`): the value
 * is the five-minute interval ENDING at the mark it rounds to, [00:00, 00:05) for `00:04:56`. So
 * a day's key holds exactly its own 288 intervals, from 00:00 to 24:00, which is checked: an
 * interval that falls outside the day it is listed under is a ParseError. Generation is in MW at
 * location `ERCOT`; `Power Storage` (STORAGE) is net output, negative while charging.
 */
export const parseFuelMix: Parser = (body, ctx) => {
  const { source } = ctx;
  const answer = readJsonObject(body, source, "ERCOT's fuel-mix dashboard");
  const data = requiredObject(requiredField(answer, 'data', source), source, '"data"');
  const wanted = dayFilter(ctx);
  const tally = new FuelTally(source);
  const guard = new RowGuard(source, { product: 'fuel mix', where: (i) => `stamp ${i}` });
  let stamps = 0;
  for (const [dayKey, byStamp] of Object.entries(data)) {
    const day = readDay(dayKey, source, `data key "${dayKey}"`);
    if (!wanted(day)) continue;
    for (const [stamp, fuels] of Object.entries(requiredObject(byStamp, source, `data["${dayKey}"]`))) {
      const where = `data["${dayKey}"]["${stamp}"]`;
      const at = dashboardInstant(stamp, source, where);
      const end = Math.round(at / FIVE_MINUTES) * FIVE_MINUTES;
      const start = end - FIVE_MINUTES;
      if (marketDay(start, ercotMarket.clock) !== day)
        throw new ParseError(source, `${where}: the five minutes ending at this stamp are not on ${day}, the day it is listed under`);
      guard.check(ERCOT_SYSTEM, start, ++stamps);
      for (const [fuel, value] of Object.entries(requiredObject(fuels, source, where))) {
        if (!isObject(value) || !('gen' in value)) throw new ParseError(source, `${where}["${fuel}"] has no "gen"`);
        const mw = readNumber(value.gen, source, `${where}["${fuel}"].gen`);
        if (mw !== undefined) tally.add(ERCOT_SYSTEM, 'ACTUAL', fuel, start, end, mw);
      }
    }
  }
  const points = tally.points();
  if (!points.length && ctx.request) throw nothingFor(ctx, 'fuel-mix');
  return { points, locations: points.length ? [ERCOT_SYSTEM_LOCATION] : [] };
};

const LOAD_DAYS = ['previousDay', 'currentDay', 'nextDay'] as const;

/** When the load dashboard was updated: `lastUpdated` with its offset, or (older layout) `lastUpdate` in Central wall time. */
function loadDashboardIssued(answer: JsonObject, source: string): number {
  if (answer.lastUpdated !== undefined) return dashboardInstant(answer.lastUpdated, source, 'lastUpdated');
  if (answer.lastUpdate === undefined)
    throw new ParseError(source, 'missing field "lastUpdated" (or "lastUpdate"): not the load dashboard');
  const t = readDateTime(String(answer.lastUpdate), source, 'lastUpdate');
  // The older layout writes Central wall time without an offset: the repeated fall-back hour reads as its first pass.
  return ercotInstant(dayOf(t), t, false, source, 'lastUpdate');
}

/**
 * The load dashboard (`loadForecastVsActual.json`): `previousDay`, `currentDay`, `nextDay`, each
 * `{ dayDate, data: [{ hourEnding, dstFlag, systemLoad?, currentLoadForecast?, dayAheadForecast?, ..., epoch }] }`.
 * The hour is placed by the day, `hourEnding` and `dstFlag`; `epoch` (and `timestamp` since 2024)
 * is the hour's END, which is checked against it.
 *
 * - `systemLoad` -> LOAD ACTUAL at `ERCOT`, only for hours that have it (today's so far).
 * - `currentLoadForecast` -> LOAD FORECAST, issued at `lastUpdated` (`lastUpdate` in the older layout).
 * - `dayAheadForecast` is not stored: it is the forecast of the day before, with no time of issue,
 *   so it cannot be placed among the vintages (the hourly NP3-560/561-CD documents hold every issue).
 * - The `*Hsl` columns (high sustained limits of generation) are not load.
 */
export const parseLoadDashboard: Parser = (body, ctx) => {
  const { source } = ctx;
  const answer = readJsonObject(body, source, "ERCOT's load dashboard");
  const issued = loadDashboardIssued(answer, source);
  const wanted = dayFilter(ctx);
  const points: ParsedPoint[] = [];
  const places: string[] = [];
  const at = (place: number) => places[place];
  const guards = {
    actual: new RowGuard(source, { product: 'systemLoad', where: at }),
    forecast: new RowGuard(source, { product: 'currentLoadForecast', where: at }),
  };
  for (const key of LOAD_DAYS) {
    const part = requiredObject(requiredField(answer, key, source), source, `"${key}"`);
    const day = readDay(String(requiredField(part, 'dayDate', source, key)).slice(0, 10), source, `${key}.dayDate`);
    const rows = requiredField(part, 'data', source, key);
    if (!Array.isArray(rows)) throw new ParseError(source, `${key}: field "data" is not a list`);
    if (!wanted(day)) continue;
    rows.forEach((raw, i) => {
      const where = `${key}.data[${i}]`;
      const row = requiredObject(raw, source, where);
      const hourEnding = readWholeNumber(requiredField(row, 'hourEnding', source, where), source, `${where}.hourEnding`);
      const start = hourEndingStart(day, hourEnding, 1, 60, isRepeatedHour(row.dstFlag), source, where);
      const epoch = row.epoch === undefined ? undefined : readNumber(row.epoch, source, `${where}.epoch`);
      if (epoch !== undefined && epoch !== start + HOUR)
        throw new ParseError(
          source,
          `${where}: epoch ${epoch} is not the end of hour ending ${pad(hourEnding)} on ${day} (${new Date(start + HOUR).toISOString()})`,
        );
      const place = places.push(where) - 1;
      const actual = readNumber(row.systemLoad, source, `${where}.systemLoad`);
      guards.actual.check(ERCOT_SYSTEM, start, place);
      if (actual !== undefined)
        points.push({ location: ERCOT_SYSTEM, run: 'ACTUAL', product: LOAD_PRODUCT, start, end: start + HOUR, value: actual });
      const forecast = readNumber(row.currentLoadForecast, source, `${where}.currentLoadForecast`);
      guards.forecast.check(ERCOT_SYSTEM, start, place);
      if (forecast !== undefined)
        pushForecast(points, { location: ERCOT_SYSTEM, product: LOAD_PRODUCT, start, end: start + HOUR, value: forecast }, issued);
    });
  }
  if (!points.length && ctx.request) throw nothingFor(ctx, 'load');
  return { points, locations: points.length ? [ERCOT_SYSTEM_LOCATION] : [] };
};
