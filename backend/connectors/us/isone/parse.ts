import { GridError, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { checkRowWidth, columnIndex, eachCsvRow, headerWidth, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { Parser } from '../../types';
import { readInstant, usDate } from '../../shared/dates';
import { hourEndingInterval, readHourEnding } from '../../shared/hour-ending';
import { isObject, readJsonObject, requiredField, requiredObject, type JsonObject } from '../../shared/json';
import { refuseHtml } from '../../shared/markup';
import { isNotPublished } from '../../shared/not-published';
import { readNumber } from '../../shared/numbers';
import { pushProducts, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { isoneMarket } from './market';

const MINUTE_MS = 60_000;

/** Web-services JSON: the container key and the row key inside it, per run. */
const CONTAINERS = {
  hourly: { outer: 'HourlyLmps', inner: 'HourlyLmp', minutes: 60 },
  fiveMinute: { outer: 'FiveMinLmps', inner: 'FiveMinLmp', minutes: 5 },
} as const;
export type WebServicesShape = keyof typeof CONTAINERS;

const COMPONENT_FIELDS = { LMP: 'LmpTotal', ENERGY: 'EnergyComponent', CONGESTION: 'CongestionComponent', LOSS: 'LossComponent' } as const;

/** The rows of a web-services answer; a single object stands for a one-row list. Empty means not published. */
function webServicesRows(body: Buffer, shape: WebServicesShape, source: string): JsonObject[] {
  const { outer, inner } = CONTAINERS[shape];
  return containerRows(body, outer, inner, source);
}

/**
 * The rows of any web-services answer, `{"<outer>":{"<inner>":[...]}}`; a single object stands for a
 * one-row list. No rows (an empty container) means not published.
 */
export function containerRows(body: Buffer, outer: string, inner: string, source: string): JsonObject[] {
  const container = requiredField(readJsonObject(body, source, 'the ISO-NE web services answer'), outer, source);
  const rows = isObject(container) ? container[inner] : undefined;
  if (rows === undefined || rows === null || rows === '') {
    throw new GridError('NOT_PUBLISHED', `${source}: ISO-NE returned no ${inner} rows; that day is not published yet.`);
  }
  const list = Array.isArray(rows) ? rows : [rows];
  return list.map((row, i) => requiredObject(row, source, `${inner}[${i}]`));
}

/** True when a web-services answer holds no rows (how a not-yet-final day can look). */
export function webServicesIsEmpty(body: Buffer, shape: WebServicesShape): boolean {
  try {
    webServicesRows(body, shape, 'ISO-NE');
    return false;
  } catch (e) {
    return isNotPublished(e);
  }
}

/** `HourlyLmps.HourlyLmp[]` / `FiveMinLmps.FiveMinLmp[]`; `BeginDate` carries its UTC offset. */
export function webServicesParser(run: string, shape: WebServicesShape): Parser {
  const { inner, minutes } = CONTAINERS[shape];
  return (body, { source }) => {
    const points: ParsedPoint[] = [];
    const locations = new Map<string, LocationInfo>();
    const guard = new RowGuard(source, { where: (i) => `${inner}[${i}]` });
    webServicesRows(body, shape, source).forEach((row, i) => {
      const where = `${inner}[${i}]`;
      const field = (name: string) => requiredField(row, name, source, where);
      const start = readInstant(String(field('BeginDate')), source, `${where}.BeginDate`);
      const loc = requiredObject(field('Location'), source, `${where}.Location`);
      const name = requiredText(loc.$, source, `${where}, Location name ("$")`);
      guard.check(name, start, i);
      if (!locations.has(name)) {
        const locId = loc['@LocId'];
        locations.set(name, { name, type: String(loc['@LocType'] ?? 'NODE'), aliases: locId === undefined ? [] : [String(locId)] });
      }
      const values: Record<string, number | undefined> = {};
      for (const [product, column] of Object.entries(COMPONENT_FIELDS))
        values[product] = readNumber(field(column), source, `${where}.${column}`);
      pushProducts(points, { location: name, run, start, end: start + minutes * MINUTE_MS }, values);
    });
    return { points, locations: [...locations.values()] };
  };
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

/** `"T","Total # of Data Records: 28"`: the trailer closing an ISO Express report, and its count of `D` rows. */
const TRAILER_COUNT = /(\d+)\s*$/;

/**
 * ISO Express hourly LMP reports: rows typed by their first cell (`C` comment, `H` header, `D` data,
 * `T` trailer). Hour ending `02X` is the repeated hour of the fall-back day. The report is whole
 * when it ends with its `T` row and that row counts the `D` rows there are.
 */
export function isoExpressParser(run: string): Parser {
  return (body, { source }) => {
    const text = decodeText(body);
    refuseHtml(text, source, 'an ISO Express LMP report');
    const points: ParsedPoint[] = [];
    const locations = new Map<string, LocationInfo>();
    const guard = new RowGuard(source);
    let col: Record<keyof typeof EXPRESS_COLUMNS, number> | undefined;
    let width = 0;
    let records = 0;
    let trailer: { line: number; count?: number } | undefined;
    eachCsvRow(text, source, (raw: CsvRow, line) => {
      const [kind, ...row] = raw;
      if (trailer && raw.some((c) => c !== ''))
        throw new ParseError(source, `line ${line} follows the "T" trailer row of line ${trailer.line}`);
      if (kind === 'T') {
        const count = TRAILER_COUNT.exec(row.join(','))?.[1];
        trailer = { line, count: count === undefined ? undefined : Number(count) };
        return;
      }
      if (kind === 'H' && !col) {
        col = columnIndex<keyof typeof EXPRESS_COLUMNS>(row, EXPRESS_COLUMNS, source, ['id', 'type']);
        width = headerWidth(row) + 1;
        return;
      }
      if (kind !== 'D') return;
      if (!col) throw new ParseError(source, `line ${line}: data before the "H" header row; not an ISO Express LMP report`);
      checkRowWidth(raw, width, source, line);
      records++;
      const where = `line ${line}`;
      const day = usDate(row[col.date] ?? '', source, where);
      const { hourEnding, repeated } = readHourEnding(row[col.hour] ?? '', source, where);
      const { start, end } = hourEndingInterval(isoneMarket.clock, day, hourEnding, repeated, source, where);
      const name = requiredText(row[col.name], source, `${where}, location name`);
      guard.check(name, start, line);
      if (!locations.has(name)) {
        const id = col.id >= 0 ? row[col.id] : undefined;
        locations.set(name, { name, type: col.type >= 0 ? row[col.type] || 'NODE' : 'NODE', aliases: id ? [id] : [] });
      }
      pushProducts(
        points,
        { location: name, run, start, end },
        {
          LMP: readNumber(row[col.lmp], source, where),
          ENERGY: readNumber(row[col.energy], source, where),
          CONGESTION: readNumber(row[col.congestion], source, where),
          LOSS: readNumber(row[col.loss], source, where),
        },
      );
    });
    if (!col) throw new ParseError(source, 'no "H" header row with "Date","Hour Ending",...; not an ISO Express LMP report');
    if (!trailer) throw new ParseError(source, 'no "T" trailer row at the end: the report is truncated; download it again');
    if (trailer.count !== undefined && trailer.count !== records)
      throw new ParseError(
        source,
        `the "T" trailer row counts ${trailer.count} data rows but the report has ${records}: rows were lost or added; download it again`,
      );
    return { points, locations: [...locations.values()] };
  };
}
