import { ParseError } from '../domain';
import { columnIndex, headerWidth, MAX_CSV_ROWS, MAX_LINE_CHARS, readCsv } from './csv';
import { decodeText } from './text';

const NUL = 0x00;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * A CSV read as bytes, without decoding it to text: the reports imported by the hundred thousand
 * rows (a day of all CAISO APNodes, a JEPX fiscal year) have rows of ASCII numbers and names, and
 * decoding, cutting and copying every cell of them as text costs more than reading them. Only a
 * plain file is read so (`plainCsv`): its first line is the header, no quote and no NUL anywhere,
 * and every line ends with a line break. A reader of such bytes reads only what it can read exactly
 * as the text reader would (`PlainRows`); anything else is read as text, which also names what
 * is wrong with it.
 */
export interface PlainCsv<K extends string> {
  bytes: Buffer;
  /** The header's column positions, as `columnIndex` gives them. */
  col: Record<K, number>;
  /** Cells in the header, and in every row. */
  width: number;
  /** Where the first row after the header starts. */
  rowsFrom: number;
}

/**
 * The header of a CSV that may be read as bytes, or undefined when it may not: it is not plain, its
 * first line is not a header of `columns` (a column missing: the text reader names it), that
 * header ends in empty cells, or it has a single column (where a blank line, which the text reader
 * skips, would read as a row of one empty cell). `decode` reads the header line as the text reader
 * would.
 */
export function plainCsv<K extends string>(
  bytes: Buffer,
  source: string,
  columns: Record<K, string[]>,
  optional: NoInfer<K>[] = [],
  decode: (bytes: Buffer) => string = decodeText,
): PlainCsv<K> | undefined {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== LF || bytes.indexOf(QUOTE) >= 0 || bytes.indexOf(NUL) >= 0) return undefined;
  const rowsFrom = bytes.indexOf(LF) + 1;
  const [header] = readCsv(decode(bytes.subarray(0, rowsFrom)), source);
  if (header.length < 2 || headerWidth(header) !== header.length) return undefined;
  try {
    return { bytes, col: columnIndex(header, columns, source, optional), width: header.length, rowsFrom };
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
}

/**
 * The rows of a plain CSV after its header, one at a time (`next`), as the bytes of their cells:
 * cell k of the current row is `cells[2k]` up to `cells[2k + 1]`, untrimmed, and `line` is its line
 * as the text reader numbers it (a piece of a file: `lineOffset`, `RowReading.lineOffset`).
 *
 * A reader reads a row only as the text reader would: it stops at a cell with spaces or other bytes
 * around it, or at a row of empty cells (which the text reader skips). The rows themselves stop
 * where one is not plain (`plain` then false): another number of cells than the header (a blank
 * line included), a CR that does not end its line, a line longer than MAX_LINE_CHARS, more rows
 * than MAX_CSV_ROWS.
 */
export class PlainRows {
  readonly cells: Int32Array;
  line = 1;
  plain = true;
  /** The current row's record number in the text, the header's 1. */
  private count = 1;
  private at: number;
  private readonly bytes: Buffer;
  private readonly last: number;
  /** The bytes' buffer as 32-bit words, from its start (`wordOffset` bytes before the bytes). */
  private readonly words: Int32Array;
  private readonly wordOffset: number;

  constructor(
    csv: PlainCsv<string>,
    private readonly lineOffset: number,
  ) {
    this.bytes = csv.bytes;
    this.at = csv.rowsFrom;
    this.last = csv.width - 1;
    this.cells = new Int32Array(2 * csv.width);
    this.words = new Int32Array(this.bytes.buffer, 0, this.bytes.buffer.byteLength >> 2);
    this.wordOffset = this.bytes.byteOffset;
  }

  /** Moves to the next row: false at the end, or at a row that is not plain. */
  next(): boolean {
    const { bytes, cells, last, at } = this;
    if (at >= bytes.length) return false;
    const count = this.count + 1;
    if (count > MAX_CSV_ROWS) return this.notPlain();
    let cell = 0;
    let i = at;
    cells[0] = at;
    const { words, wordOffset } = this;
    const wordsEnd = bytes.length - 4;
    for (; ; i++) {
      // Four bytes at a time while none is a comma or lower (a line end): most of a row's bytes.
      while (((wordOffset + i) & 3) === 0 && i <= wordsEnd) {
        const w = words[(wordOffset + i) >> 2];
        if (((w - 0x2d2d2d2d) & ~w & 0x80808080) !== 0) break;
        i += 4;
      }
      const byte = bytes[i];
      if (byte > COMMA) continue;
      if (byte === COMMA) {
        if (cell === last) return this.notPlain();
        cells[2 * cell + 1] = i;
        cells[2 * ++cell] = i + 1;
      } else if (byte === LF) break;
      else if (byte === CR && bytes[i + 1] !== LF) return this.notPlain();
    }
    if (cell !== last || i - at > MAX_LINE_CHARS) return this.notPlain();
    cells[2 * cell + 1] = bytes[i - 1] === CR ? i - 1 : i;
    this.at = i + 1;
    this.count = count;
    this.line = count + this.lineOffset;
    return true;
  }

  private notPlain(): false {
    this.plain = false;
    return false;
  }
}

/** Whether the bytes [from, to) read as a text cell would, untrimmed: ASCII, and no space or control character at either end. */
export function isPlainText(bytes: Uint8Array, from: number, to: number): boolean {
  if (from === to || !isVisibleAscii(bytes[from]) || !isVisibleAscii(bytes[to - 1])) return false;
  for (let i = from + 1; i < to - 1; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
  return true;
}

/** Whether the bytes [from, to) are the ASCII text `text`. */
export function bytesEqual(bytes: Uint8Array, from: number, to: number, text: string): boolean {
  if (to - from !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[from + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Whether the bytes [from, to) and [otherFrom, otherTo) are the same. */
export function sameBytes(bytes: Uint8Array, from: number, to: number, otherFrom: number, otherTo: number): boolean {
  if (to - from !== otherTo - otherFrom) return false;
  for (let i = 0; i < to - from; i++) if (bytes[from + i] !== bytes[otherFrom + i]) return false;
  return true;
}

function isVisibleAscii(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}
