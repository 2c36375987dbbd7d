import { GridError, type LocationInfo, ParseError, type PointSink } from '../../../domain';
import { type CsvRow, eachCsvRecord, readCsv } from '../../../formats/csv';
import { bytesEqual, isPlainText, plainCsv, PlainRows, sameBytes } from '../../../formats/plain-csv';
import { decodeText } from '../../../formats/text';
import { parseXml } from '../../../formats/xml';
import { isZip, zipEntries } from '../../../formats/zip';
import type { FileSample, PlainSinkReader, SinkReader } from '../../types';
import { fixedInstantAt, readInstant } from '../../shared/dates';
import { headLines } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { plainDecimalAt, readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { locationOfNode } from './market';
import type { OasisQuery } from './requests';

/** LMP_TYPE codes, and the products they hold (`PRODUCT_OF_LMP_TYPE[i]`); a component not listed is not stored. */
const LMP_TYPES = ['LMP', 'MCE', 'MCC', 'MCL', 'MGHG'];
const PRODUCT_OF_LMP_TYPE = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS', 'GHG'];

/**
 * The product of an LMP_TYPE cell. Compared with each code rather than looked up as an object's
 * property: a cell is a new string every row, and a property lookup by it hashes it into V8's
 * string table first.
 */
function productOfLmpType(lmpType: string): string | undefined {
  for (let i = 0; i < LMP_TYPES.length; i++) if (lmpType === LMP_TYPES[i]) return PRODUCT_OF_LMP_TYPE[i];
  return undefined;
}

/** `productOfLmpType` of a plain cell's bytes. */
function productAt(bytes: Uint8Array, from: number, to: number): string | undefined {
  for (let i = 0; i < LMP_TYPES.length; i++) if (bytesEqual(bytes, from, to, LMP_TYPES[i])) return PRODUCT_OF_LMP_TYPE[i];
  return undefined;
}

/** OASIS answers "no data" with this code inside the zip, under HTTP 200. */
const OASIS_NO_DATA = '1000';

/**
 * The CSV inside an OASIS answer: the zip's CSV member, or the bytes themselves when a user
 * imports the bare CSV. An XML member (or body) is OASIS's error report and becomes a GridError.
 */
export function oasisCsv(body: Buffer, source: string): Buffer {
  if (isZip(body)) {
    const entries = zipEntries(body, source);
    const csv = entries.find((e) => /\.csv$/i.test(e.name));
    if (csv) return csv.read();
    const xml = entries.find((e) => /\.xml$/i.test(e.name));
    if (xml) throw oasisError(xml.read(), source);
    throw new ParseError(
      source,
      `the OASIS zip holds neither a CSV nor an XML report (${entries.map((e) => e.name).join(', ') || 'empty'})`,
    );
  }
  const start = decodeText(body.subarray(0, 512)).trimStart();
  if (/^<(\?xml|[\w:]*OASISReport)/i.test(start)) throw oasisError(body, source);
  refuseMarkup(start, source, 'an OASIS zip or CSV');
  return body;
}

function oasisError(xml: Buffer, source: string): GridError {
  const doc = parseXml(xml, source);
  const error = findKey(doc, 'ERROR') as Record<string, unknown> | undefined;
  if (!error) throw new ParseError(source, 'OASIS sent an XML report without data and without an ERROR element');
  const code = String(error.ERR_CODE ?? '');
  const desc = String(error.ERR_DESC ?? 'no description');
  if (code === OASIS_NO_DATA)
    return new GridError(
      'NOT_PUBLISHED',
      `CAISO OASIS has no data for this request (${desc}); the data may not be published yet, or are older than OASIS keeps (about 39 months).`,
    );
  return new GridError('UPSTREAM', `CAISO OASIS refused the request: ${desc} (error ${code}). Try again later.`);
}

function findKey(node: unknown, key: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (key in record) return Array.isArray(record[key]) ? (record[key] as unknown[])[0] : record[key];
  for (const value of Object.values(record)) {
    const found = findKey(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function columnsOf(query: OasisQuery) {
  return {
    start: ['INTERVALSTARTTIME_GMT'],
    end: ['INTERVALENDTIME_GMT'],
    node: ['NODE'],
    lmpType: ['LMP_TYPE'],
    marketRunId: ['MARKET_RUN_ID'],
    price: [query.priceColumn],
  };
}

/**
 * What an OASIS row adds once its cells are read, by the text and the byte reading alike. A file
 * lists a node's rows together: the node of the row before is not looked up again, and its name
 * is passed on as the same string, which later stages compare by identity first.
 */
class OasisRows {
  readonly nodes = new Map<string, LocationInfo>();
  lastNode: string | undefined;
  private readonly guards: Record<string, RowGuard> = {};

  constructor(
    private readonly source: string,
    private readonly run: string,
    private readonly sink: PointSink,
  ) {}

  /** One node, one interval, one LMP_TYPE: a second row for them is refused. */
  add(location: string, product: string, start: number, end: number, value: number, line: number): void {
    (this.guards[product] ??= new RowGuard(this.source, { product })).check(location, start, line);
    if (location !== this.lastNode) {
      if (!this.nodes.has(location)) this.nodes.set(location, locationOfNode(location));
      this.lastNode = location;
    }
    this.sink.add(location, this.run, product, start, end, value);
  }
}

/**
 * An OASIS answer (zip or bare CSV) of one query to points, streamed (a day of all APNodes is
 * 160,000 rows). Rows are not in time order; each row is one node, one interval, one LMP_TYPE.
 */
export function oasisReader(query: OasisQuery, run: string): SinkReader {
  return (body, { source, lineOffset }, sink) => {
    const rows = new OasisRows(source, run, sink);
    const layout = {
      columns: columnsOf(query),
      optional: ['marketRunId' as const],
      expected: 'an OASIS CSV',
      namedColumnsOnly: true,
      lineOffset,
    };
    eachCsvRecord(oasisCsv(body, source), source, layout, (row, col, line) => {
      if (col.marketRunId >= 0 && row[col.marketRunId] !== query.marketRunId) {
        throw new ParseError(
          source,
          `line ${line}: MARKET_RUN_ID is "${row[col.marketRunId]}" but ${query.queryname} should be ${query.marketRunId}`,
        );
      }
      const product = productOfLmpType(row[col.lmpType]);
      if (!product) return; // a component gridcell does not store
      const value = readNumber(row[col.price], source, query.priceColumn, line);
      if (value === undefined) return;
      const cell = row[col.node];
      const location = cell === rows.lastNode ? rows.lastNode : requiredText(cell, source, 'NODE', line);
      const start = readInstant(row[col.start], source, 'interval GMT', line);
      const end = readInstant(row[col.end], source, 'interval GMT', line);
      if (end <= start) throw new ParseError(source, `line ${line}: interval ends before it starts`);
      rows.add(location, product, start, end, value, line);
    });
    return [...rows.nodes.values()];
  };
}

/**
 * `oasisReader`'s reading of plain bytes (`PlainSinkReader`): a day of all APNodes read this way
 * takes about half the time, and makes no string but each node's name.
 */
export function oasisPlainReader(query: OasisQuery, run: string): PlainSinkReader {
  return (body, { source, lineOffset = 0 }, sink) => {
    const csv = plainCsv(oasisCsv(body, source), source, columnsOf(query), ['marketRunId']);
    if (!csv) return undefined;
    const { bytes, col } = csv;
    const oasis = new OasisRows(source, run, sink);
    const [runAt, typeAt, priceAt, nodeAt, startAt, endAt] = [col.marketRunId, col.lmpType, col.price, col.node, col.start, col.end].map(
      (k) => 2 * k,
    );
    let nodeFrom = 0;
    let nodeTo = 0;
    const rows = new PlainRows(csv, lineOffset);
    const cells = rows.cells;
    while (rows.next()) {
      if (runAt >= 0 && !bytesEqual(bytes, cells[runAt], cells[runAt + 1], query.marketRunId)) return undefined;
      const product = productAt(bytes, cells[typeAt], cells[typeAt + 1]);
      if (!product) {
        if (isPlainText(bytes, cells[typeAt], cells[typeAt + 1])) continue; // a component not stored, as text reads it
        return undefined;
      }
      if (cells[priceAt] === cells[priceAt + 1]) continue; // no value
      const value = plainDecimalAt(bytes, cells[priceAt], cells[priceAt + 1]);
      const from = cells[nodeAt];
      const to = cells[nodeAt + 1];
      const sameNode = oasis.lastNode !== undefined && sameBytes(bytes, nodeFrom, nodeTo, from, to);
      if (!sameNode && !isPlainText(bytes, from, to)) return undefined;
      const location = sameNode ? oasis.lastNode! : bytes.toString('latin1', from, to);
      nodeFrom = from;
      nodeTo = to;
      const start = fixedInstantAt(bytes, cells[startAt], cells[startAt + 1]);
      const end = fixedInstantAt(bytes, cells[endAt], cells[endAt + 1]);
      if (Number.isNaN(value) || !(end > start)) return undefined;
      oasis.add(location, product, start, end, value, rows.line);
    }
    return rows.plain ? [...oasis.nodes.values()] : undefined;
  };
}

/** The header and first row of an OASIS CSV, or undefined when the file does not start with one. */
export function oasisHead(file: FileSample): { header: CsvRow; first: CsvRow } | undefined {
  const lines = headLines(file.head, 2);
  if (lines.length < 2 || !lines[0].startsWith('INTERVALSTARTTIME_GMT')) return undefined;
  const [header, first] = readCsv(`${lines.join('\n')}\n`, file.name);
  return header && first ? { header, first } : undefined;
}

/** Does this CSV look like this OASIS query: its header, and the first row's MARKET_RUN_ID. */
export function looksLikeOasis(file: FileSample, query: OasisQuery): boolean {
  const head = oasisHead(file);
  if (!head) return false;
  const { header, first } = head;
  const runAt = header.indexOf('MARKET_RUN_ID');
  return header.includes('LMP_TYPE') && header.includes(query.priceColumn) && runAt >= 0 && first[runAt] === query.marketRunId;
}
