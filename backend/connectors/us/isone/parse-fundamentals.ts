import { LOAD_PRODUCT } from '../../../../contract';
import { FORECAST_RUN, GridError, type LocationInfo, type ParsedPoint, ParseError, vintageRun } from '../../../domain';
import type { FileSample, Parser } from '../../types';
import { readInstant } from '../../shared/dates';
import { fuelProduct } from '../../shared/fundamentals';
import { isObject, type JsonObject, readJson, requiredArray, requiredField, requiredObject } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { round6, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { ISONE_SYSTEM, isoneSystem } from './market';
import { containerRows } from './parse';

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;
const HOUR = 60 * MINUTE;

/** The area a row's `Location` names: NEPOOL AREA (LocId 32) is the system; another area is kept as the file names it. */
function areaOf(value: unknown, source: string, where: string): LocationInfo {
  const loc = requiredObject(value, source, `${where}.Location`);
  const name = requiredText(loc.$, source, `${where}, Location name ("$")`);
  const id = loc['@LocId'];
  if (name === ISONE_SYSTEM || String(id) === '32') {
    if (name !== ISONE_SYSTEM || String(id) !== '32')
      throw new ParseError(source, `${where}: Location "${name}" with LocId ${String(id)}; LocId 32 is ${ISONE_SYSTEM}`);
    return isoneSystem;
  }
  return { name, type: 'AREA', aliases: id === undefined ? [] : [String(id)] };
}

/**
 * Web services `hourlysysload/day/{day}`: `HourlySystemLoads.HourlySystemLoad[]`, one row per hour
 * (25 on the fall-back day, `BeginDate` carrying its offset) with `Load` (= `NativeLoad` +
 * `ArdDemand`, the asset-related demand of pumping and storage): LOAD RTH, the hourly actual beside
 * the five-minute LOAD ACTUAL of ISO Express (one series holds one interval length).
 */
export const parseHourlySystemLoad: Parser = (body, { source }) => {
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  const guard = new RowGuard(source, { where: (i) => `HourlySystemLoad[${i}]` });
  containerRows(body, 'HourlySystemLoads', 'HourlySystemLoad', source).forEach((row, i) => {
    const where = `HourlySystemLoad[${i}]`;
    const start = readInstant(String(requiredField(row, 'BeginDate', source, where)), source, `${where}.BeginDate`);
    const area = areaOf(requiredField(row, 'Location', source, where), source, where);
    guard.check(area.name, start, i);
    locations.set(area.name, area);
    const value = readNumber(requiredField(row, 'Load', source, where), source, `${where}.Load`);
    if (value !== undefined) points.push({ location: area.name, run: 'RTH', product: LOAD_PRODUCT, start, end: start + HOUR, value });
  });
  return { points, locations: [...locations.values()] };
};

/** One forecast value as issued: the hour it is for and when it was made. */
interface Issued {
  start: number;
  issued: number;
  value: number;
}

/**
 * Forecast values with their issue times: each kept under its vintage run, and under FORECAST the
 * value of the latest issue for each hour. The same hour and issue twice must say the same thing.
 */
function pushIssues(points: ParsedPoint[], location: string, rows: Issued[], source: string, where: string): void {
  const seen = new Map<string, number>();
  const latest = new Map<number, Issued>();
  for (const r of rows) {
    const key = `${r.start} ${r.issued}`;
    const before = seen.get(key);
    if (before !== undefined) {
      if (before !== r.value)
        throw new ParseError(
          source,
          `${where}: the forecast issued ${new Date(r.issued).toISOString()} gives the hour of ${new Date(r.start).toISOString()} twice (${before} and ${r.value})`,
        );
      continue;
    }
    seen.set(key, r.value);
    const point = { location, product: LOAD_PRODUCT, start: r.start, end: r.start + HOUR, value: r.value };
    points.push({ ...point, run: vintageRun(r.issued) });
    const current = latest.get(r.start);
    if (!current || r.issued > current.issued) latest.set(r.start, r);
  }
  for (const r of latest.values())
    points.push({ location, product: LOAD_PRODUCT, start: r.start, end: r.start + HOUR, value: r.value, run: FORECAST_RUN });
}

/**
 * Web services `hourlyloadforecast/all/day/{day}`: `HourlyLoadForecasts.HourlyLoadForecast[]`, every
 * issue of the day's forecast (`CreationDate`, several a day from two days ahead), `LoadMw` per
 * hour: LOAD FORECAST at NEPOOL AREA, each issue under its vintage and the latest under FORECAST.
 */
export const parseHourlyLoadForecast: Parser = (body, { source }) => {
  const points: ParsedPoint[] = [];
  const rows: Issued[] = [];
  containerRows(body, 'HourlyLoadForecasts', 'HourlyLoadForecast', source).forEach((row, i) => {
    const where = `HourlyLoadForecast[${i}]`;
    const start = readInstant(String(requiredField(row, 'BeginDate', source, where)), source, `${where}.BeginDate`);
    const issued = readInstant(String(requiredField(row, 'CreationDate', source, where)), source, `${where}.CreationDate`);
    const value = readNumber(requiredField(row, 'LoadMw', source, where), source, `${where}.LoadMw`);
    if (value !== undefined) rows.push({ start, issued, value });
  });
  pushIssues(points, ISONE_SYSTEM, rows, source, 'HourlyLoadForecast');
  return { points, locations: [isoneSystem] };
};

/**
 * Web services `genfuelmix/day/{day}`: `GenFuelMixes.GenFuelMix[]`, readings of the output of each
 * fuel category (`FuelCategory`, `GenMw`) taken at irregular times (`00:08:35`, `00:10:32`, ...),
 * every category at each reading time while it runs (Solar only in daylight).
 *
 * A reading holds until the file's next reading time (the last one to the end of its five-minute
 * interval). gridcell stores, on the five-minute grid, the time-weighted mean of what held during
 * each interval, for a category whose readings cover the whole interval: points at the readings'
 * own times would make intervals of every length, which no hourly or daily mean could add up (an
 * hour would be covered in part only). Landfill Gas and Wood are both BIOMASS, summed, where both
 * cover the interval.
 */
export const parseGenFuelMix: Parser = (body, { source }) => {
  const guard = new RowGuard(source, { where: (i) => `GenFuelMix[${i}]` });
  const readings = new Map<string, Map<number, number | undefined>>();
  const times = new Set<number>();
  containerRows(body, 'GenFuelMixes', 'GenFuelMix', source).forEach((row, i) => {
    const where = `GenFuelMix[${i}]`;
    const at = readInstant(String(requiredField(row, 'BeginDate', source, where)), source, `${where}.BeginDate`);
    const fuel = requiredText(requiredField(row, 'FuelCategory', source, where), source, `${where}.FuelCategory`);
    fuelProduct(fuel, source); // an unknown category is refused here, before any arithmetic
    guard.check(fuel, at, i);
    times.add(at);
    let byTime = readings.get(fuel);
    if (!byTime) readings.set(fuel, (byTime = new Map()));
    byTime.set(at, readNumber(requiredField(row, 'GenMw', source, where), source, `${where}.GenMw`));
  });
  const ordered = [...times].sort((a, b) => a - b);
  const meansByFuel = new Map<string, Map<number, number>>();
  for (const [fuel, byTime] of readings) meansByFuel.set(fuel, fiveMinuteMeans(ordered, byTime));
  const byProduct = new Map<string, string[]>();
  for (const fuel of readings.keys()) {
    const product = fuelProduct(fuel, source);
    byProduct.set(product, [...(byProduct.get(product) ?? []), fuel]);
  }
  const points: ParsedPoint[] = [];
  for (const [product, fuels] of byProduct) {
    const [first, ...others] = fuels.map((f) => meansByFuel.get(f)!);
    for (const [start, value] of first) {
      if (!others.every((m) => m.has(start))) continue;
      const sum = others.reduce((total, m) => total + m.get(start)!, value);
      points.push({ location: ISONE_SYSTEM, run: 'ACTUAL', product, start, end: start + FIVE_MINUTES, value: round6(sum) });
    }
  }
  return { points, locations: [isoneSystem] };
};

/**
 * The five-minute means of one category's readings. `times` are every reading time of the file in
 * order; the category's reading at each holds until the next (none where it has no reading there).
 */
function fiveMinuteMeans(times: number[], readings: Map<number, number | undefined>): Map<number, number> {
  const sums = new Map<number, { weighted: number; covered: number }>();
  times.forEach((from, i) => {
    const value = readings.get(from);
    if (value === undefined) return;
    const to = i + 1 < times.length ? times[i + 1] : Math.floor(from / FIVE_MINUTES) * FIVE_MINUTES + FIVE_MINUTES;
    for (let bucket = Math.floor(from / FIVE_MINUTES) * FIVE_MINUTES; bucket < to; bucket += FIVE_MINUTES) {
      const overlap = Math.min(to, bucket + FIVE_MINUTES) - Math.max(from, bucket);
      const acc = sums.get(bucket) ?? { weighted: 0, covered: 0 };
      acc.weighted += value * overlap;
      acc.covered += overlap;
      sums.set(bucket, acc);
    }
  });
  const means = new Map<number, number>();
  for (const [bucket, { weighted, covered }] of sums) if (covered === FIVE_MINUTES) means.set(bucket, weighted / covered);
  return means;
}

/** The form fields' answer of the ISO Express system-load chart: `[{"data":{...},"namespace":"_nstmp_"}]`. */
function wsclientData(body: Buffer, source: string): JsonObject {
  const answer = readJson(body, source, 'the ISO Express system-load answer');
  if (!Array.isArray(answer) || answer.length !== 1)
    throw new ParseError(source, 'expected a list of one chart answer ([{"data":{...}}]), as ISO Express sends the system load');
  return requiredObject(
    requiredField(requiredObject(answer[0], source, 'the chart answer'), 'data', source, 'the chart answer'),
    source,
    'data',
  );
}

/**
 * The ISO Express system-load chart (`wsclient`, `_nstmp_requestType=systemload`): `actual` the
 * five-minute load of the day so far (`LoadMw` = native load + pumping; LOAD ACTUAL), `forecast`
 * and `priorDay` hourly forecasts with their `CreationDate` (each issue under its vintage, the
 * latest under FORECAST), `cleared` the day-ahead cleared load (LOAD DA). All at NEPOOL AREA.
 */
export const parseWsclientSystemLoad: Parser = (body, { source }) => {
  const data = wsclientData(body, source);
  const points: ParsedPoint[] = [];
  const rows = (key: string): JsonObject[] =>
    requiredArray(data, key, source, 'data').map((row, i) => requiredObject(row, source, `data.${key}[${i}]`));
  const instant = (row: JsonObject, field: string, where: string) =>
    readInstant(String(requiredField(row, field, source, where)), source, `${where}.${field}`);

  const actual = new RowGuard(source, { where: (i) => `data.actual[${i}]` });
  rows('actual').forEach((row, i) => {
    const where = `data.actual[${i}]`;
    const start = instant(row, 'BeginDate', where);
    actual.check(ISONE_SYSTEM, start, i);
    const value = readNumber(requiredField(row, 'LoadMw', source, where), source, `${where}.LoadMw`);
    if (value !== undefined)
      points.push({ location: ISONE_SYSTEM, run: 'ACTUAL', product: LOAD_PRODUCT, start, end: start + FIVE_MINUTES, value });
  });

  const issues: Issued[] = [];
  for (const key of ['forecast', 'priorDay'])
    rows(key).forEach((row, i) => {
      const where = `data.${key}[${i}]`;
      const value = readNumber(requiredField(row, 'Mw', source, where), source, `${where}.Mw`);
      if (value !== undefined) issues.push({ start: instant(row, 'BeginDate', where), issued: instant(row, 'CreationDate', where), value });
    });
  pushIssues(points, ISONE_SYSTEM, issues, source, 'data.forecast');

  const cleared = new RowGuard(source, { where: (i) => `data.cleared[${i}]` });
  rows('cleared').forEach((row, i) => {
    const where = `data.cleared[${i}]`;
    const start = instant(row, 'BeginDate', where);
    const area = isObject(row.Location) ? areaOf(row.Location, source, where) : isoneSystem;
    if (area !== isoneSystem) throw new ParseError(source, `${where}: the cleared load is for ${area.name}, not ${ISONE_SYSTEM}`);
    cleared.check(ISONE_SYSTEM, start, i);
    const value = readNumber(requiredField(row, 'Mw', source, where), source, `${where}.Mw`);
    if (value !== undefined) points.push({ location: ISONE_SYSTEM, run: 'DA', product: LOAD_PRODUCT, start, end: start + HOUR, value });
  });

  if (!points.length)
    throw new GridError('NOT_PUBLISHED', `${source}: ISO Express returned no system load for that day (not published yet).`);
  return { points, locations: [isoneSystem] };
};

/** Is this the web services' JSON of this container (`{"HourlySystemLoads":...`)? */
export function isContainerJson(file: FileSample, container: string): boolean {
  return new RegExp(`^\\s*\\{\\s*"${container}"\\s*:`).test(file.head);
}

/** Is this the ISO Express system-load chart answer (`[{"data":{"actual":[...`)? */
export function isWsclientSystemLoad(file: FileSample): boolean {
  return /^\s*\[\s*\{\s*"data"\s*:\s*\{\s*"(actual|priorDay|forecast|cleared)"\s*:\s*\[/.test(file.head);
}
