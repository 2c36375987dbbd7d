import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow, readCsv } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { parseXml } from '../../../formats/xml';
import { isZip, zipEntries } from '../../../formats/zip';
import type { FileSample } from '../../types';
import type { LocationInfo, ParsedPoint, ParseResult } from '../../../domain';
import { locationOfNode } from './market';
import type { OasisQuery } from './requests';

const PRODUCT_OF_LMP_TYPE: Record<string, string> = { LMP: 'LMP', MCE: 'ENERGY', MCC: 'CONGESTION', MCL: 'LOSS', MGHG: 'GHG' };

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
    throw new ParseError(source, `the OASIS zip holds neither a CSV nor an XML report (${entries.map((e) => e.name).join(', ') || 'empty'})`);
  }
  const start = decodeText(body.subarray(0, 512)).trimStart();
  if (/^<(\?xml|[\w:]*OASISReport)/i.test(start)) throw oasisError(body, source);
  if (start.startsWith('<')) throw new ParseError(source, 'got an HTML page where an OASIS zip or CSV was expected');
  return body;
}

function oasisError(xml: Buffer, source: string): GridError {
  const doc = parseXml(xml, source);
  const error = findKey(doc, 'ERROR') as Record<string, unknown> | undefined;
  if (!error) throw new ParseError(source, 'OASIS sent an XML report without data and without an ERROR element');
  const code = String(error.ERR_CODE ?? '');
  const desc = String(error.ERR_DESC ?? 'no description');
  if (code === OASIS_NO_DATA) return new GridError('NOT_PUBLISHED', `CAISO OASIS has no data for this request (${desc}); the prices may not be published yet, or are older than OASIS keeps (about 39 months).`);
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

type OasisColumn = keyof ReturnType<typeof columnsOf>;

const GMT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:([+-])(\d{2}):?(\d{2})|Z)$/;

/** `2023-01-01T08:00:00-00:00` to epoch ms. */
export function gmtInstant(cell: string, source: string, line: number): number {
  const m = GMT.exec(cell);
  if (!m) throw new ParseError(source, `line ${line}: "${cell}" is not an OASIS GMT time`);
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - offset * 60_000;
}

/**
 * Rows of an OASIS LMP CSV to points, streamed (a day of all APNodes is 160,000 rows).
 * Rows are not in time order; each row is one node, one interval, one LMP_TYPE.
 */
export function parseOasisCsv(csv: Buffer, query: OasisQuery, run: string, source: string): ParseResult {
  let col: Record<OasisColumn, number> | undefined;
  const points: ParsedPoint[] = [];
  const nodes = new Map<string, LocationInfo>();
  // A day of all APNodes repeats the same few dozen time stamps 160,000 times.
  const instants = new Map<string, number>();
  const instant = (cell: string, line: number): number => {
    let ms = instants.get(cell);
    if (ms === undefined) {
      ms = gmtInstant(cell, source, line);
      instants.set(cell, ms);
    }
    return ms;
  };
  eachCsvRow(
    csv,
    (row, line) => {
      if (!col) {
        col = columnIndex<OasisColumn>(row, columnsOf(query), source, ['marketRunId']);
        return;
      }
      if (row.length === 1 && row[0] === '') return;
      if (col.marketRunId >= 0 && row[col.marketRunId] !== query.marketRunId) {
        throw new ParseError(source, `line ${line}: MARKET_RUN_ID is "${row[col.marketRunId]}" but ${query.queryname} should be ${query.marketRunId}`);
      }
      const product = PRODUCT_OF_LMP_TYPE[row[col.lmpType]];
      if (!product) return; // a component gridcell does not store
      const cell = (row[col.price] ?? '').trim();
      if (cell === '') return;
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new ParseError(source, `line ${line}: ${query.priceColumn} "${cell}" is not a number`);
      const location = row[col.node];
      if (!location) throw new ParseError(source, `line ${line}: empty NODE`);
      const start = instant(row[col.start], line);
      const end = instant(row[col.end], line);
      if (end <= start) throw new ParseError(source, `line ${line}: interval ends before it starts`);
      if (!nodes.has(location)) nodes.set(location, locationOfNode(location));
      points.push({ location, run, product, start, end, value });
    },
  );
  if (!col) throw new ParseError(source, 'the file is empty; expected an OASIS CSV with a header line');
  return { points, locations: [...nodes.values()] };
}

/** Does this CSV look like this OASIS query: its header, and the first row's MARKET_RUN_ID. */
export function looksLikeOasis(file: FileSample, query: OasisQuery): boolean {
  const lines = file.head.split(/\r?\n/, 2);
  if (lines.length < 2 || !lines[0].startsWith('INTERVALSTARTTIME_GMT')) return false;
  const [header, first] = readCsv(lines.join('\n'));
  if (!header || !first) return false;
  const runAt = header.indexOf('MARKET_RUN_ID');
  return header.includes('LMP_TYPE') && header.includes(query.priceColumn) && runAt >= 0 && first[runAt] === query.marketRunId;
}
