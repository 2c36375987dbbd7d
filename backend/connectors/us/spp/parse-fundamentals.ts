import { type AncillaryService, type Fuel, LOAD_PRODUCT } from '../../../../contract';
import { GridError, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { type CsvRow, eachCsvRecord } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { parseDay, wallTimeInstants } from '../../../time/clock';
import type { FileSample, ParseContext, Parser } from '../../types';
import { readDateTime, readInstant, readUsDateTime, utcOf } from '../../shared/dates';
import { askedOrIssue, FuelTally, pushForecast, serviceProduct } from '../../shared/fundamentals';
import { headerCells } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { SPP_BAA, sppMarket, sppReserveZone, SWPW_BAA } from './market';
import { mtlfForecastPublished } from './requests';

const CLOCK = sppMarket.clock;
const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

function areaOf(name: string): LocationInfo {
  return { name, type: 'AREA' };
}

// ---------------------------------------------------------------------------------------------
// Operations Mid-Term Load Forecast, `OP-MTLF-<YYYYMMDDHHMM>.csv`.

const MTLF_COLUMNS = {
  gmtEnd: ['GMTIntervalEnd'],
  mtlf: ['MTLF'],
  actual: ['Averaged Actual', 'Average Actual'],
  baa: ['BAA'],
};

/**
 * The publication time in an MTLF file's name (`OP-MTLF-202607041000.csv`, Central time; `...0100d`
 * the second 01:00 of the fall-back day). The file's content has no issue time, so this is the only one.
 */
export function mtlfPublishedFromName(name: string): number | undefined {
  const m = /OP-MTLF-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(d?)/i.exec(name);
  if (!m) return undefined;
  const { year, month, day } = parseDay(`${m[1]}-${m[2]}-${m[3]}`);
  const found = wallTimeInstants(CLOCK, year, month, day, +m[4], +m[5]);
  return found[m[6] ? found.length - 1 : 0];
}

/**
 * When the file was issued: from its name when it has one (an import, a URL), else, when fetched
 * for a forecast, the publication the request asked for (`mtlfForecastPublished`, from the same
 * context). Undefined when neither tells (an import renamed): the forecast is then kept under
 * FORECAST only, without its vintage.
 */
function mtlfIssued(ctx: ParseContext): number | undefined {
  const named = mtlfPublishedFromName(ctx.source);
  if (named !== undefined) return named;
  const asked = ctx.request;
  if (asked?.run === 'FORECAST') return mtlfForecastPublished(asked.period.days[0], asked.now ?? Date.now());
  return undefined;
}

/**
 * `OP-MTLF-<YYYYMMDDHHMM>.csv`: `Interval,GMTIntervalEnd,MTLF,Averaged Actual,BAA`, newest row first,
 * one row per hour and balancing authority (`SPP`, `SWPW`; files from before the BAA column are all
 * SPP). `GMTIntervalEnd` is the UTC end of the hour (`Interval` the Central end, ambiguous on the
 * fall-back day, is not read). MTLF is the forecast (seven days ahead), `Averaged Actual` the
 * measured load of the past 24 hours (empty ahead). Both are MW over the hour.
 */
export const parseMtlf: Parser = (body, ctx) => {
  const source = ctx.source;
  const text = decodeText(body);
  refuseMarkup(text, source, 'an SPP mid-term load forecast CSV');
  const issued = mtlfIssued(ctx);
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source);
  const areas = new Set<string>();
  let rows = 0;
  const layout = {
    columns: MTLF_COLUMNS,
    optional: ['actual', 'baa'] as 'actual'[],
    expected: 'an SPP mid-term load forecast (OP-MTLF) CSV',
  };
  eachCsvRecord(text, source, layout, (row, col, line) => {
    rows++;
    const location = col.baa >= 0 ? requiredText(row[col.baa], source, 'column "BAA"', line) : SPP_BAA;
    const end = utcOf(readUsDateTime(row[col.gmtEnd] ?? '', source, `line ${line}, GMTIntervalEnd`));
    const start = end - HOUR;
    guard.check(location, start, line);
    areas.add(location);
    const base = { location, product: LOAD_PRODUCT, start, end };
    const forecast = readNumber(row[col.mtlf], source, 'column "MTLF"', line);
    if (forecast !== undefined) pushForecast(points, { ...base, value: forecast }, issued);
    const actual = col.actual >= 0 ? readNumber(row[col.actual], source, 'column "Averaged Actual"', line) : undefined;
    if (actual !== undefined) points.push({ ...base, run: 'ACTUAL', value: actual });
  });
  if (rows === 0) throw new GridError('NOT_PUBLISHED', `${source}: the load forecast file holds no hours.`);
  return { points: points.filter(askedOrIssue(ctx, CLOCK)), locations: [...areas].map(areaOf) };
};

export function isMtlfFile(file: FileSample): boolean {
  const header = headerCells(file.head).map((h) => h.toLowerCase());
  return header.includes('mtlf') && header.includes('gmtintervalend') && header.includes('averaged actual');
}

// ---------------------------------------------------------------------------------------------
// Generation mix, `GenMix365_<BAA>.csv` / `GenMix2Hour_<BAA>.csv`.

/** SPP's fuel names that the vocabulary's aliases lack. Waste heat (heat recovery) is no fuel of its own: OTHER. */
const SPP_FUELS: Readonly<Record<string, Fuel>> = {
  'DIESEL FUEL OIL': 'OIL',
  'WASTE DISPOSAL SERVICES': 'WASTE',
  'WASTE DISPOSAL': 'WASTE',
  'WASTE HEAT': 'OTHER',
};

const GENMIX_TIME = ['GMTTime', 'GMT MKT Interval'];
/** Columns of the file that are not generation (the short-term load forecast, the actual load). */
const GENMIX_OTHER = new Set(['load', 'average actual load', 'averaged actual load', 'short term load forecast', 'baa']);
const FUEL_COLUMN = /^(.+?)\s+(Market|Self)$/i;

/** The balancing authority of a generation-mix file: the one asked for, else the one in its name (`_SWPW`), else SPP. */
function genMixArea(ctx: ParseContext): string {
  const asked = ctx.request?.location?.name;
  if (asked) return asked;
  return /_SWPW\b|SWPW\.csv$/i.test(ctx.source) ? SWPW_BAA : SPP_BAA;
}

/**
 * SPP's generation mix by balancing authority (`GenMix365_SPP.csv`, the last 365 days, and
 * `GenMix2Hour_SPP.csv`, the last two hours): `GMTTime` (UTC, the start of the five-minute interval),
 * then `<Fuel> Market` and `<Fuel> Self` per fuel (market-dispatched and self-scheduled generation,
 * summed here per fuel), and the load columns (not read). The file has no BAA column: the BAA is the
 * one asked for, or on import the one its name ends with (SPP when it names none).
 */
export const parseGenMix: Parser = (body, ctx) => {
  const source = ctx.source;
  const text = decodeText(body);
  refuseMarkup(text, source, 'an SPP generation-mix CSV');
  const location = genMixArea(ctx);
  const tally = new FuelTally(source, SPP_FUELS);
  const guard = new RowGuard(source);
  // The fuel columns of the header (`Coal Market`, `Coal Self`, ...), by key `f<index>`, with their fuel's name.
  const fuels = new Map<string, string>();
  const columns = (header: CsvRow): Record<string, string[]> => {
    const named: Record<string, string[]> = { time: GENMIX_TIME };
    header.forEach((cell, i) => {
      const m = FUEL_COLUMN.exec(cell.trim());
      if (!m) return;
      named[`f${i}`] = [cell.trim()];
      fuels.set(`f${i}`, m[1]);
    });
    return named;
  };
  const layout = { columns, expected: 'an SPP generation-mix CSV (GMTTime, <Fuel> Market, <Fuel> Self, ...)' };
  let rows = 0;
  eachCsvRecord(text, source, layout, (row, col, line) => {
    if (rows++ === 0 && !fuels.size)
      throw new ParseError(source, 'no "<Fuel> Market" or "<Fuel> Self" column: not an SPP generation-mix file');
    const start = gmtTime(row[col.time] ?? '', source, line);
    guard.check(location, start, line);
    for (const [key, name] of fuels) {
      const mw = readNumber(row[col[key]], source, `column "${name}"`, line);
      if (mw !== undefined) tally.add(location, 'ACTUAL', name, start, start + FIVE_MINUTES, mw);
    }
  });
  if (rows === 0) throw new GridError('NOT_PUBLISHED', `${source}: the generation-mix file holds no intervals.`);
  return { points: tally.points().filter(askedOrIssue(ctx, CLOCK)), locations: [areaOf(location)] };
};

/** `GMTTime`: UTC, with its `Z` (or an offset) or without one, ISO or US-style. */
function gmtTime(text: string, source: string, line: number): number {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return readInstant(t, source, 'GMTTime', line);
  if (/^\d{1,2}\//.test(t)) return utcOf(readUsDateTime(t, source, `line ${line}, GMTTime`));
  return utcOf(readDateTime(t, source, `line ${line}, GMTTime`));
}

export function isGenMixFile(file: FileSample): boolean {
  const header = headerCells(file.head).map((h) => h.toLowerCase());
  return (
    GENMIX_TIME.some((t) => header.includes(t.toLowerCase())) &&
    header.some((h) => / market$/.test(h)) &&
    header.some((h) => / self$/.test(h)) &&
    header.every((h) => h === '' || GENMIX_TIME.some((t) => t.toLowerCase() === h) || GENMIX_OTHER.has(h) || FUEL_COLUMN.test(h))
  );
}

// ---------------------------------------------------------------------------------------------
// Reserve market clearing prices, `DA-MCP-<YYYYMMDD>0100.csv` and `RTBM-MCP-DAILY-<YYYYMMDD>.csv`.

/** SPP's MCP columns (DA spelling, then RTBM's) and the service each clears. UncUP and the mileage columns are not read. */
const MCP_COLUMNS: ReadonlyArray<[AncillaryService, string[], boolean]> = [
  ['REG_UP', ['RegUP', 'RegUPService'], true],
  ['REG_DOWN', ['RegDN', 'RegDNService'], true],
  ['SPIN', ['Spin'], true],
  ['SUPP', ['Supp'], true],
  // Ramp capability since March 2022: older files lack it.
  ['RAMP_UP', ['RampUP'], false],
  ['RAMP_DOWN', ['RampDN'], false],
];

/**
 * An SPP reserve MCP file: `Interval,GMTIntervalEnd,Reserve Zone,<services>` (the interval files add a
 * trailing `BAA`), one row per interval and reserve zone (`1`..`7`, and `SWPW`). `GMTIntervalEnd`
 * is the UTC end of the interval. Prices are $/MWh.
 */
export function sppMcpParser(run: string, intervalMinutes: number): Parser {
  const length = intervalMinutes * 60_000;
  const columns = {
    gmtEnd: ['GMTIntervalEnd'],
    zone: ['Reserve Zone'],
    ...Object.fromEntries(MCP_COLUMNS.map(([service, names]) => [service, names])),
  } as Record<string, string[]>;
  const optional = MCP_COLUMNS.filter(([, , required]) => !required).map(([service]) => service);
  return (body, ctx) => {
    const source = ctx.source;
    const text = decodeText(body);
    refuseMarkup(text, source, 'an SPP reserve MCP CSV');
    const points: ParsedPoint[] = [];
    const zones = new Map<string, LocationInfo>();
    const guard = new RowGuard(source);
    eachCsvRecord(text, source, { columns, optional, expected: 'an SPP reserve MCP CSV' }, (row, col, line) => {
      const location = sppReserveZone(requiredText(row[col.zone], source, 'column "Reserve Zone"', line));
      const end = utcOf(readUsDateTime(row[col.gmtEnd] ?? '', source, `line ${line}, GMTIntervalEnd`));
      guard.check(location, end - length, line);
      if (!zones.has(location)) zones.set(location, { name: location, type: location === SWPW_BAA ? 'AREA' : 'ZONE' });
      for (const [service] of MCP_COLUMNS) {
        if (col[service] < 0) continue;
        const price = readNumber(row[col[service]], source, `column "${service}"`, line);
        if (price !== undefined) points.push({ location, run, product: serviceProduct(service), start: end - length, end, value: price });
      }
    });
    if (!points.length) throw new GridError('NOT_PUBLISHED', `${source}: the reserve MCP file holds no prices.`);
    return { points, locations: [...zones.values()] };
  };
}

/** Which MCP file this is from its header: `RegUP` (day-ahead) or `RegUPService` (real-time). */
export function sppMcpKind(file: FileSample): 'DA' | 'RT5' | undefined {
  const header = headerCells(file.head).map((h) => h.toLowerCase());
  if (!header.includes('reserve zone') || !header.includes('gmtintervalend')) return undefined;
  if (header.includes('regupservice')) return 'RT5';
  if (header.includes('regup')) return 'DA';
  return undefined;
}
