import { GridError, ParseError } from '../domain';
import { decodeText } from './text';

export type CsvRow = string[];

/** A line longer than this is no CSV row (a zip bomb of one endless line is refused early). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** More rows than this in one parse is no report gridcell reads whole (a large file is streamed in pieces). */
export const MAX_CSV_ROWS = 10_000_000;
/** Blank lines allowed before a file that is mostly blank lines is refused (a zip of newlines). */
const MAX_BLANK_LINES = 1000;

/**
 * How a CSV shows that it is whole. `line-break`: its last line ends with a line break, as every
 * report gridcell reads is written (a file cut in the middle of a line is refused). `caller`: the
 * caller knows otherwise: it checks the format's own closing row (AEMO's `C,"END OF REPORT"`), or
 * the text is a zip member that matched its CRC-32.
 */
export type CsvEnding = 'line-break' | 'caller';

/**
 * Reads CSV text row by row without keeping the rows: `onRow` sees each record as an array of
 * trimmed strings, with its 1-based record number. CRLF, LF and a lone CR all end a line, each
 * line on its own (a file may mix them). Quoted fields are fine; broken quoting is a ParseError,
 * as are a NUL character (no text file holds one) and a file that does not end as `ending` says.
 * A text ending in a line break gives a last record of one empty cell, as every CSV reader does.
 *
 * Written by hand rather than with a CSV library: imports are bounded by this loop (a file of all
 * CAISO APNodes is 160,000 rows of 16 cells), and a line without a quote, nearly every line of
 * every report, is cut at its commas with `indexOf` and nothing else (about three times faster
 * than papaparse here, with a third of the garbage).
 */
export function eachCsvRow(
  input: Buffer | string,
  source: string,
  onRow: (row: CsvRow, line: number) => void,
  ending: CsvEnding = 'line-break',
  reading: RowReading = {},
): void {
  const decoded = typeof input === 'string' ? input : decodeText(input);
  const text = decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
  if (ending === 'line-break' && text !== '' && !text.endsWith('\n'))
    throw new ParseError(
      source,
      `the file stops in the middle of line ${shownLine(lineAt(text, text.length), reading)} (its last line has no line break), so it was cut short; download it again`,
    );
  const nul = text.indexOf('\0');
  if (nul >= 0)
    throw new ParseError(
      source,
      `line ${shownLine(lineAt(text, nul), reading)} holds a NUL character (a zero byte): the file is damaged or not text; download it again`,
    );
  const scanner = new CsvScanner(text, source, reading);
  let blank = 0;
  for (let count = 1; ; count++) {
    const line = shownLine(count, reading);
    const row = scanner.next(line);
    if (!row) return;
    if (row.length === 1 && row[0] === '' && ++blank > MAX_BLANK_LINES && blank > count - blank)
      throw new ParseError(source, `more than ${MAX_BLANK_LINES} of its first ${count} lines are blank; this is not a report`);
    if (count > MAX_CSV_ROWS)
      throw new GridError('TOO_LARGE', `${source}: more than ${MAX_CSV_ROWS.toLocaleString('en')} rows; split the file.`);
    onRow(row, line);
  }
}

/** The file's line of a text's `line`-th line (a piece of a file repeats the header, then goes on further down). */
function shownLine(line: number, reading: RowReading): number {
  return line > 1 && reading.lineOffset ? line + reading.lineOffset : line;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const SPACE = 0x20;

/** How rows are read beyond the defaults: a caller may set these once it has seen the header. */
export interface RowReading {
  /** The text is a piece of a larger file: lines after its first (the header) are this many further down. */
  lineOffset?: number;
  /**
   * Which cells are copied out of the text (all when absent): an unwanted cell of a row without
   * quotes reads as UNREAD ('' when blank); most of a wide report's cells are never looked at.
   */
  wanted?: boolean[];
  /** The caller keeps no row past its callback: a row without quotes is refilled in one array. */
  reuseRows?: boolean;
}

/** Records of LF-ended CSV text, one at a time, cells trimmed. */
class CsvScanner {
  private at = 0;
  /** Where the next quote is at or after `at` (text.length when there is none): most files have none at all. */
  private nextQuote: number;
  private readonly end: number;

  constructor(
    private readonly text: string,
    private readonly source: string,
    private readonly reading: RowReading,
  ) {
    this.end = text.length;
    this.nextQuote = this.quoteFrom(0);
  }

  /** The next record, or undefined past the end (a text ending in LF has a last record of one empty cell). */
  next(line: number): CsvRow | undefined {
    const { text, end } = this;
    if (this.at > end) return undefined;
    if (this.at === end) {
      this.at++;
      return end > 0 && text.charCodeAt(end - 1) === LF ? [''] : undefined;
    }
    let lineEnd = text.indexOf('\n', this.at);
    if (lineEnd < 0) lineEnd = end;
    if (lineEnd - this.at > MAX_LINE_CHARS)
      throw new ParseError(this.source, `line ${line} is longer than ${MAX_LINE_CHARS / 1048576} MiB; this is not a CSV file`);
    if (this.nextQuote < this.at) this.nextQuote = this.quoteFrom(this.at);
    return this.nextQuote < lineEnd ? this.quotedRecord(line) : this.plainRecord(lineEnd);
  }

  private quoteFrom(from: number): number {
    const at = this.text.indexOf('"', from);
    return at < 0 ? this.end : at;
  }

  private readonly spare: CsvRow = [];

  private plainRecord(lineEnd: number): CsvRow {
    const { text } = this;
    const { wanted, reuseRows } = this.reading;
    const row: CsvRow = reuseRows ? this.spare : [];
    // Written by index, the length set once: emptying a reused row first would let V8 drop its
    // storage, and every row would grow a new one.
    let cells = 0;
    let from = this.at;
    for (;;) {
      let comma = text.indexOf(',', from);
      if (comma < 0 || comma > lineEnd) comma = lineEnd;
      row[cells] = !wanted || wanted[cells] !== false ? cell(text, from, comma) : unread(text, from, comma);
      cells++;
      if (comma === lineEnd) break;
      from = comma + 1;
    }
    if (row.length !== cells) row.length = cells; // setting it costs a call into V8 even when unchanged
    this.at = lineEnd + 1;
    return row;
  }

  /** A record with a quote somewhere: cell by cell, a quoted cell may hold commas and line breaks. */
  private quotedRecord(line: number): CsvRow {
    const { text, end } = this;
    const row: CsvRow = [];
    let from = this.at;
    for (;;) {
      if (text.charCodeAt(from) === QUOTE) {
        let close = from + 1;
        let escaped = false;
        for (;;) {
          close = text.indexOf('"', close);
          if (close < 0) throw new ParseError(this.source, `line ${line}: a quoted field is never closed (the file may be cut short)`);
          if (text.charCodeAt(close + 1) !== QUOTE) break;
          escaped = true;
          close += 2;
        }
        if (close - this.at > MAX_LINE_CHARS)
          throw new ParseError(this.source, `line ${line} is longer than ${MAX_LINE_CHARS / 1048576} MiB; this is not a CSV file`);
        const inner = text.slice(from + 1, close);
        row.push((escaped ? inner.replace(/""/g, '"') : inner).trim());
        let after = close + 1;
        while (text.charCodeAt(after) === SPACE) after++;
        const next = after < end ? text.charCodeAt(after) : LF;
        if (next !== COMMA && next !== LF)
          throw new ParseError(this.source, `line ${line}: the quoting is broken (text follows the closing quote of a quoted field)`);
        from = after + 1;
        if (next === LF) break;
      } else {
        const lineEnd = this.lineEndFrom(from);
        let comma = text.indexOf(',', from);
        if (comma < 0 || comma > lineEnd) comma = lineEnd;
        row.push(cell(text, from, comma));
        from = comma + 1;
        if (comma === lineEnd) break;
      }
    }
    this.at = from;
    return row;
  }

  private lineEndFrom(from: number): number {
    const at = this.text.indexOf('\n', from);
    return at < 0 ? this.end : at;
  }
}

/** What an unwanted cell holds: '' when it is blank, UNREAD otherwise, so a blank row is still told apart. */
function unread(text: string, from: number, to: number): string {
  if (from === to) return '';
  return printableAscii(text.charCodeAt(from)) || text.slice(from, to).trim() !== '' ? UNREAD : '';
}

/** Text no cell can hold (a NUL is refused before any row is read). */
export const UNREAD = '\u0000';

/** text[from, to) trimmed, without copying when there is nothing to trim. */
function cell(text: string, from: number, to: number): string {
  if (from === to) return '';
  if (printableAscii(text.charCodeAt(from)) && printableAscii(text.charCodeAt(to - 1))) return text.slice(from, to);
  return text.slice(from, to).trim();
}

function printableAscii(code: number): boolean {
  return code > SPACE && code < 0x7f;
}

/** The 1-based line of a position in text whose lines end with LF (for an error). */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** All rows at once, for small files. */
export function readCsv(input: Buffer | string, source: string, ending?: CsvEnding): CsvRow[] {
  const rows: CsvRow[] = [];
  eachCsvRow(input, source, (row) => rows.push(row), ending);
  return rows;
}

/**
 * Column positions by name, checked: a renamed or missing column is a ParseError naming it.
 * `names` maps our key to the accepted spellings of the header cell (first match wins).
 */
export function columnIndex<K extends string>(
  header: CsvRow,
  names: Record<K, string[]>,
  source: string,
  optional: K[] = [],
): Record<K, number> {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<K, number>;
  for (const key of Object.keys(names) as K[]) {
    const at = names[key].map((n) => normalized.indexOf(n.toLowerCase())).find((i) => i >= 0);
    if (at === undefined) {
      if (optional.includes(key)) {
        index[key] = -1;
        continue;
      }
      throw new ParseError(source, `missing column "${names[key][0]}" (header was: ${header.join(',')})`);
    }
    index[key] = at;
  }
  return index;
}

/**
 * A data row against its header: fewer cells than the header's last named column means the row
 * was cut short; a value beyond the header's columns means it is shifted. Either way no cell of
 * it can be trusted to be under its column.
 */
export function checkRowWidth(row: CsvRow, width: number, source: string, line: number): void {
  if (row.length < width)
    throw new ParseError(
      source,
      `line ${line} has ${row.length} cells where the header has ${width}: the row is cut short (the file is damaged or truncated); download it again`,
    );
  for (let i = width; i < row.length; i++)
    if (row[i] !== '')
      throw new ParseError(
        source,
        `line ${line} has a value ("${row[i].slice(0, 20)}") beyond the header's ${width} columns; the row is shifted`,
      );
}

/** Cells up to the last one with a name: trailing empty header cells (a trailing comma) are no columns. */
export function headerWidth(header: CsvRow): number {
  let width = header.length;
  while (width > 0 && header[width - 1] === '') width--;
  return width;
}

/** Where a CSV's header row is and which columns it must name. */
export interface CsvLayout<K extends string> {
  /** Our key -> accepted header spellings; or made from the header itself (when it decides a suffix). */
  columns: Record<K, string[]> | ((header: CsvRow) => Record<K, string[]>);
  optional?: NoInfer<K>[];
  /** Which row is the header; rows before it are a preamble. The first row unless said. */
  isHeader?: (row: CsvRow) => boolean;
  /** What the file should be, for the error when no header is found: `an ERCOT MIS CSV`. */
  expected: string;
  /** How the file shows it is whole (`eachCsvRow`); a line break after its last line unless said. */
  ending?: CsvEnding;
  /**
   * The row callback reads only the named columns (`row[col.x]`) and keeps no row: the other cells
   * are not copied out (they read as UNREAD), and one array carries every row.
   */
  namedColumnsOnly?: boolean;
  /** A piece of a larger file: see `RowReading.lineOffset` (`ParseContext.lineOffset`). */
  lineOffset?: number;
}

/**
 * The data rows of a CSV with a header row, each with the header's checked column positions
 * (`columnIndex`). Blank rows are skipped; a row of another width than the header
 * (`checkRowWidth`) and a file without its header row are ParseErrors.
 */
export function eachCsvRecord<K extends string>(
  input: Buffer | string,
  source: string,
  layout: CsvLayout<K>,
  onRow: (row: CsvRow, col: Record<K, number>, line: number) => void,
): void {
  let col: Record<K, number> | undefined;
  let width = 0;
  const reading: RowReading = { lineOffset: layout.lineOffset };
  eachCsvRow(
    input,
    source,
    (row, line) => {
      if (col) {
        if (row[0] === '' && row.every((c) => c === '')) return;
        checkRowWidth(row, width, source, line);
        onRow(row, col, line);
      } else if (!layout.isHeader || layout.isHeader(row)) {
        col = columnIndex(row, typeof layout.columns === 'function' ? layout.columns(row) : layout.columns, source, layout.optional);
        width = headerWidth(row);
        // Cells past the header's width stay read: a value there is an error that names it.
        if (layout.namedColumnsOnly) {
          reading.wanted = row.slice(0, width).map((_, i) => Object.values<number>(col!).includes(i));
          reading.reuseRows = true;
        }
      }
    },
    layout.ending,
    reading,
  );
  if (!col) {
    const first = typeof layout.columns === 'function' ? undefined : Object.values<string[]>(layout.columns)[0]?.[0];
    throw new ParseError(
      source,
      `no header row${first ? ` (no row has column "${first}")` : ''}; the file is empty or not ${layout.expected}`,
    );
  }
}
