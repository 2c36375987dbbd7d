import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import { assertNoDuplicateIntervals, hourEndingInterval } from '../../shared/hour-ending';
import { readNumber, pushProducts, refuseHtml } from '../../shared/cells';
import { usDate } from '../../shared/us-dates';
import { isoneMarket } from './market';

const MINUTE_MS = 60_000;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/;

/** Web-services JSON: the container key and the row key inside it, per run. */
const CONTAINERS = {
  hourly: { outer: 'HourlyLmps', inner: 'HourlyLmp', minutes: 60 },
  fiveMinute: { outer: 'FiveMinLmps', inner: 'FiveMinLmp', minutes: 5 },
} as const;
export type WebServicesShape = keyof typeof CONTAINERS;

const COMPONENT_FIELDS = { LMP: 'LmpTotal', ENERGY: 'EnergyComponent', CONGESTION: 'CongestionComponent', LOSS: 'LossComponent' } as const;

function parseJson(body: Buffer, source: string): Record<string, unknown> {
  const text = decodeText(body);
  refuseHtml(text, source);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new ParseError(source, 'not a JSON object; expected the ISO-NE web services JSON');
}

/** The rows of a web-services answer; a single object stands for a one-row list. Empty means not published. */
function webServicesRows(doc: Record<string, unknown>, shape: WebServicesShape, source: string): Record<string, unknown>[] {
  const { outer, inner } = CONTAINERS[shape];
  if (!(outer in doc)) throw new ParseError(source, `missing "${outer}" (keys were: ${Object.keys(doc).join(', ')})`);
  const container = doc[outer];
  const rows = container && typeof container === 'object' ? (container as Record<string, unknown>)[inner] : undefined;
  if (rows === undefined || rows === null || rows === '') {
    throw new GridError('NOT_PUBLISHED', `${source}: ISO-NE returned no ${inner} rows; the prices for that day are not published yet.`);
  }
  const list = Array.isArray(rows) ? rows : [rows];
  return list.map((row) => {
    if (!row || typeof row !== 'object') throw new ParseError(source, `a ${inner} entry is not an object`);
    return row as Record<string, unknown>;
  });
}

/** True when a web-services answer holds no rows (how a not-yet-final day can look). */
export function webServicesIsEmpty(body: Buffer, shape: WebServicesShape): boolean {
  try {
    webServicesRows(parseJson(body, 'ISO-NE'), shape, 'ISO-NE');
    return false;
  } catch (e) {
    return e instanceof GridError && e.code === 'NOT_PUBLISHED';
  }
}

/** `HourlyLmps.HourlyLmp[]` / `FiveMinLmps.FiveMinLmp[]`; `BeginDate` carries its UTC offset. */
export function parseWebServices(body: Buffer, source: string, run: string, shape: WebServicesShape): ParseResult {
  const rows = webServicesRows(parseJson(body, source), shape, source);
  const minutes = CONTAINERS[shape].minutes;
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  rows.forEach((row, i) => {
    const where = `${CONTAINERS[shape].inner}[${i}]`;
    for (const field of ['BeginDate', 'Location', ...Object.values(COMPONENT_FIELDS)]) {
      if (!(field in row)) throw new ParseError(source, `${where}: missing field "${field}"`);
    }
    const begin = String(row.BeginDate);
    if (!OFFSET_TIME.test(begin)) throw new ParseError(source, `${where}: BeginDate "${begin.slice(0, 40)}" has no UTC offset`);
    const loc = row.Location as Record<string, unknown> | null;
    const name = loc && typeof loc === 'object' ? loc.$ : undefined;
    if (typeof name !== 'string' || !name) throw new ParseError(source, `${where}: Location has no name ("$")`);
    const locId = loc?.['@LocId'];
    if (!locations.has(name)) {
      locations.set(name, { name, type: String(loc?.['@LocType'] ?? 'NODE'), aliases: locId === undefined ? [] : [String(locId)] });
    }
    const start = Date.parse(begin);
    const values: Record<string, number | undefined> = {};
    for (const [product, field] of Object.entries(COMPONENT_FIELDS)) values[product] = readNumber(row[field], source, `${where}.${field}`);
    pushProducts(points, { location: name, run, start, end: start + minutes * MINUTE_MS }, values);
  });
  assertNoDuplicateIntervals(points, source);
  return { points, locations: [...locations.values()] };
}

const EXPRESS_COLUMNS = {
  date: ['Date'],
  hour: ['Hour Ending'],
  id: ['Location ID'],
  name: ['Location Name', 'Location'],
  type: ['Location Type'],
  lmp: ['Locational Marginal Price'],
  energy: ['Energy Component'],
  congestion: ['Congestion Component'],
  loss: ['Marginal Loss Component'],
};

/**
 * ISO Express hourly LMP reports: rows typed by their first cell (`C` comment, `H` header, `D` data,
 * `T` trailer). Hour ending `02X` is the repeated hour of the fall-back day.
 */
export function parseIsoExpress(body: Buffer, source: string, run: string): ParseResult {
  const text = decodeText(body);
  refuseHtml(text, source);
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  let col: Record<keyof typeof EXPRESS_COLUMNS, number> | undefined;
  eachCsvRow(text, (raw: CsvRow, line) => {
    const [kind, ...row] = raw;
    if (kind === 'H' && !col) {
      col = columnIndex<keyof typeof EXPRESS_COLUMNS>(row, EXPRESS_COLUMNS, source, ['id', 'type']);
      return;
    }
    if (kind !== 'D') return;
    if (!col) throw new ParseError(source, `line ${line}: data before the "H" header row; not an ISO Express LMP report`);
    const day = usDate(row[col.date] ?? '', source);
    const label = /^(\d{1,2})(X?)$/i.exec((row[col.hour] ?? '').trim());
    if (!label) throw new ParseError(source, `line ${line}: hour ending "${row[col.hour]}" is not 01..24 or 02X`);
    const { start, end } = hourEndingInterval(isoneMarket.clock, day, Number(label[1]), label[2] !== '', source);
    const name = row[col.name];
    if (!name) throw new ParseError(source, `line ${line}: no location name`);
    if (!locations.has(name)) {
      const id = col.id >= 0 ? row[col.id] : undefined;
      locations.set(name, { name, type: col.type >= 0 ? row[col.type] || 'NODE' : 'NODE', aliases: id ? [id] : [] });
    }
    pushProducts(points, { location: name, run, start, end }, {
      LMP: readNumber(row[col.lmp], source, `line ${line}`),
      ENERGY: readNumber(row[col.energy], source, `line ${line}`),
      CONGESTION: readNumber(row[col.congestion], source, `line ${line}`),
      LOSS: readNumber(row[col.loss], source, `line ${line}`),
    });
  });
  if (!col) throw new ParseError(source, 'no "H" header row with "Date","Hour Ending",...; not an ISO Express LMP report');
  assertNoDuplicateIntervals(points, source);
  return { points, locations: [...locations.values()] };
}
