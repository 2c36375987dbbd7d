import { DAY_MS } from '../time/clock';
import { ParseError } from '../domain';
import { isZip, zipEntries, type ZipEntry } from './zip';
import { parseXml } from './xml';

/**
 * A small XLSX reader built on the shared zip and XML readers (no extra package): it keeps
 * parsers pure and synchronous. It reads cell values only (numbers, shared and inline strings,
 * booleans, cached formula results); styles, formulas and merged cells are ignored.
 */

export type XlsxCell = string | number | boolean | undefined;

export interface XlsxSheet {
  name: string;
  /** `rows[r - 1][c]` is the cell in sheet row r, column c (A = 0). Missing cells are undefined. */
  rows: XlsxCell[][];
  /** The workbook counts days from 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

const XLSX_ENTRY_CAP = 64 * 1024 * 1024;
/** Excel's own limits: a sheet has at most 1,048,576 rows and 16,384 columns (A..XFD). */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;
const MAIN_WORKBOOK = 'xl/workbook.xml';
/** A number as a workbook writes it in `<v>` (an xsd:double): no hex, no blanks, no `Infinity`. */
const XLSX_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A zip holding an Excel workbook part. */
export function isXlsx(bytes: Buffer): boolean {
  if (!isZip(bytes)) return false;
  try {
    return zipEntries(bytes, 'xlsx').some((e) => e.name === MAIN_WORKBOOK);
  } catch {
    return false;
  }
}

/** Names of the workbook's sheets, in order. */
export function xlsxSheetNames(bytes: Buffer, source: string): string[] {
  return workbookOf(openParts(bytes, source), source).sheets.map((s) => s.name);
}

/** One sheet's cell values; `sheetName` defaults to the first sheet. */
export function readXlsxSheet(bytes: Buffer, source: string, sheetName?: string): XlsxSheet {
  const parts = openParts(bytes, source);
  const workbook = workbookOf(parts, source);
  const sheet = sheetName === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet)
    throw new ParseError(
      source,
      `the workbook has no sheet "${sheetName ?? '(any)'}" (sheets: ${workbook.sheets.map((s) => s.name).join(', ')})`,
    );
  const sharedStrings = parts.has('xl/sharedStrings.xml') ? readSharedStrings(parts, source) : [];
  const worksheet = parseXml(readPart(parts, sheet.path, source), source, ['row', 'c', 'r']).worksheet as
    Record<string, unknown> | undefined;
  if (!worksheet) throw new ParseError(source, `${sheet.path} is not a worksheet`);
  const sheetData = worksheet.sheetData as Record<string, unknown> | undefined;
  const rows: XlsxCell[][] = [];
  let nextRow = 1;
  for (const row of (sheetData?.row as Record<string, unknown>[] | undefined) ?? []) {
    const rowNumber = rowOf(row['@_r'] ? String(row['@_r']) : String(nextRow), nextRow, source);
    nextRow = rowNumber + 1;
    const cells: XlsxCell[] = [];
    let nextColumn = 0;
    for (const c of (row.c as Record<string, unknown>[] | undefined) ?? []) {
      const column = c['@_r'] ? columnOf(String(c['@_r']), source) : nextColumn;
      if (column >= EXCEL_COLUMNS) throw new ParseError(source, `row ${rowNumber} has a cell past column XFD, Excel's last`);
      nextColumn = column + 1;
      cells[column] = cellValue(c, sharedStrings, source);
    }
    rows[rowNumber - 1] = cells;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: sheet.name, rows, date1904: workbook.date1904 };
}

/** The calendar day (`YYYY-MM-DD`) of an Excel date serial (the time of day is dropped). */
export function excelSerialDay(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A cell as trimmed text with runs of whitespace (line breaks in headers) folded to one space. */
export function cellText(cell: XlsxCell): string {
  return cell === undefined ? '' : String(cell).replace(/\s+/g, ' ').trim();
}

function openParts(bytes: Buffer, source: string): Map<string, ZipEntry> {
  if (!isZip(bytes)) throw new ParseError(source, 'not an Excel .xlsx workbook (the file is not a zip archive)');
  const parts = new Map(zipEntries(bytes, source, { cap: XLSX_ENTRY_CAP }).map((e) => [e.name, e]));
  if (!parts.has(MAIN_WORKBOOK)) throw new ParseError(source, `not an Excel .xlsx workbook (no ${MAIN_WORKBOOK} in the zip)`);
  return parts;
}

function readPart(parts: Map<string, ZipEntry>, name: string, source: string): Buffer {
  const entry = parts.get(name);
  if (!entry) throw new ParseError(source, `the workbook lacks its part ${name}`);
  return entry.read();
}

interface Workbook {
  sheets: { name: string; path: string }[];
  date1904: boolean;
}

function workbookOf(parts: Map<string, ZipEntry>, source: string): Workbook {
  const wb = parseXml(readPart(parts, MAIN_WORKBOOK, source), source, ['sheet']).workbook as Record<string, unknown> | undefined;
  const rels = parseXml(readPart(parts, 'xl/_rels/workbook.xml.rels', source), source, ['Relationship']).Relationships as
    Record<string, unknown> | undefined;
  const targets = new Map<string, string>();
  for (const rel of (rels?.Relationship as Record<string, unknown>[] | undefined) ?? []) {
    const target = String(rel['@_Target'] ?? '');
    targets.set(String(rel['@_Id']), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = (((wb?.sheets as Record<string, unknown> | undefined)?.sheet as Record<string, unknown>[] | undefined) ?? []).map((s) => {
    const path = targets.get(String(s['@_id']));
    if (!path) throw new ParseError(source, `sheet "${String(s['@_name'])}" has no part in the workbook relationships`);
    return { name: decodeEntities(String(s['@_name'])), path };
  });
  if (!sheets.length) throw new ParseError(source, 'the workbook has no sheets');
  const pr = wb?.workbookPr as Record<string, unknown> | undefined;
  const flag = String(pr?.['@_date1904'] ?? 'false').toLowerCase();
  return { sheets, date1904: flag === 'true' || flag === '1' };
}

function readSharedStrings(parts: Map<string, ZipEntry>, source: string): string[] {
  const sst = parseXml(readPart(parts, 'xl/sharedStrings.xml', source), source, ['si', 'r']).sst as Record<string, unknown> | undefined;
  return ((sst?.si as Record<string, unknown>[] | undefined) ?? []).map(richText);
}

/** The text of an `<si>` or `<is>`: a plain `<t>` or rich-text runs `<r><t>`. */
function richText(node: Record<string, unknown> | undefined): string {
  if (!node) return '';
  const runs = (node.r as Record<string, unknown>[] | undefined) ?? [];
  return decodeEntities(textOf(node.t) + runs.map((r) => textOf(r.t)).join(''));
}

function textOf(t: unknown): string {
  if (t === undefined || t === null) return '';
  if (typeof t === 'object') return String((t as Record<string, unknown>)['#text'] ?? '');
  return String(t);
}

function cellValue(c: Record<string, unknown>, sharedStrings: string[], source: string): XlsxCell {
  const type = String(c['@_t'] ?? 'n');
  if (type === 'inlineStr') return richText(c.is as Record<string, unknown> | undefined);
  const v = c.v === undefined ? undefined : textOf(c.v);
  if (v === undefined || v === '') return undefined;
  switch (type) {
    case 's': {
      const s = /^\d+$/.test(v) ? sharedStrings[Number(v)] : undefined;
      if (s === undefined) throw new ParseError(source, `cell ${String(c['@_r'])} points at shared string ${v}, which does not exist`);
      return s;
    }
    case 'b':
      return v === '1';
    case 'str':
      return decodeEntities(v);
    case 'e':
      return undefined; // #N/A, #DIV/0!: no value
    default: {
      const n = XLSX_NUMBER.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw new ParseError(source, `cell ${String(c['@_r'])} holds "${v}", which is not a number`);
      return n;
    }
  }
}

/**
 * A row's number: whole, in order, and within Excel's 1,048,576 rows (the sheet is read into an
 * array, so a lone row numbered 1,500,000,000 would otherwise ask for that many).
 */
function rowOf(text: string, next: number, source: string): number {
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(n >= next && n <= EXCEL_ROWS))
    throw new ParseError(
      source,
      `row number "${text.slice(0, 20)}" is not a row after row ${next - 1} within Excel's ${EXCEL_ROWS} rows; the workbook is damaged`,
    );
  return n;
}

function columnOf(ref: string, source: string): number {
  const m = /^([A-Z]{1,3})\d*$/.exec(ref);
  if (!m) throw new ParseError(source, `bad cell reference "${ref}"`);
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The five predefined XML entities and numeric character references (the XML reader leaves them as written). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower];
  });
}
