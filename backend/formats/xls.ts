import { ParseError } from '../domain';
import type { XlsxCell, XlsxSheet } from './xlsx';

/**
 * A small reader of legacy Excel 97-2003 workbooks (`.xls`, BIFF8 in an OLE compound file), for the
 * few reports still published that way (MISO's `<date>_df_al.xls`). Written here (no extra package)
 * so that parsers stay pure and synchronous. It reads the cell values of one worksheet: shared
 * strings (`LABELSST`), inline strings (`LABEL`, `RSTRING`), numbers (`NUMBER`, `RK`, `MULRK`),
 * booleans (`BOOLERR`) and cached formula results (`FORMULA`, `STRING`); formats, formulas and
 * merged cells are ignored. The answer has the shape of the XLSX reader's (`XlsxSheet`), so
 * `cellText` and `excelSerialDay` read it alike.
 *
 * Layouts: [MS-CFB] (the compound file) and [MS-XLS] (the BIFF8 records).
 */

/** A compound file's signature. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The whole file and one stream: far above any report, far below what would exhaust the machine. */
const XLS_FILE_CAP = 256 * 1024 * 1024;
const XLS_STREAM_CAP = 64 * 1024 * 1024;
/** BIFF8's own limits: 65,536 rows and 256 columns (A..IV). */
const BIFF8_ROWS = 65_536;
const BIFF8_COLUMNS = 256;
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const DIRECTORY_ENTRY = 128;

/** Does the file start with the compound-file signature (an `.xls`, `.doc`, `.msg`...)? */
export function isCompoundFile(bytes: Buffer): boolean {
  return bytes.length >= 512 && bytes.subarray(0, 8).equals(CFB_SIGNATURE);
}

/** Is it an `.xls` workbook: a compound file holding a `Workbook` (BIFF8) or `Book` (BIFF5) stream? */
export function isXls(bytes: Buffer): boolean {
  if (!isCompoundFile(bytes)) return false;
  try {
    return openCompound(bytes, 'xls')
      .streamNames()
      .some((n) => /^(workbook|book)$/i.test(n));
  } catch {
    return false;
  }
}

/** One worksheet's cell values (the first worksheet unless named). */
export function readXlsSheet(bytes: Buffer, source: string, sheetName?: string): XlsxSheet {
  if (!isCompoundFile(bytes)) throw new ParseError(source, 'not an Excel .xls workbook (no compound-file signature)');
  const compound = openCompound(bytes, source);
  const names = compound.streamNames();
  if (!names.some((n) => n.toLowerCase() === 'workbook')) {
    if (names.some((n) => n.toLowerCase() === 'book'))
      throw new ParseError(source, 'the workbook is in the Excel 5.0/95 format (BIFF5), which gridcell does not read; save it as .xlsx');
    throw new ParseError(source, 'not an Excel .xls workbook (the compound file has no Workbook stream)');
  }
  return readWorkbook(compound.stream('workbook'), source, sheetName);
}

// ---------------------------------------------------------------------------------------------
// The compound file ([MS-CFB]): a header, a FAT of sector chains, a directory of streams, and a
// mini stream (64-byte sectors) for streams under the cutoff.

interface Compound {
  streamNames(): string[];
  /** A stream's bytes, by its name (case-insensitive). */
  stream(name: string): Buffer;
}

function openCompound(bytes: Buffer, source: string): Compound {
  const fail = (reason: string): never => {
    throw new ParseError(source, `the .xls compound file is damaged: ${reason}`);
  };
  if (bytes.length > XLS_FILE_CAP) fail(`it is ${bytes.length} bytes, over the ${XLS_FILE_CAP}-byte cap`);
  if (bytes.readUInt16LE(0x1c) !== 0xfffe) fail('its byte-order mark is not little-endian');
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) fail(`sector shift ${shift} is neither 9 nor 12`);
  const sectorSize = 1 << shift;
  const miniShift = bytes.readUInt16LE(0x20);
  if (miniShift !== 6) fail(`mini sector shift ${miniShift} is not 6`);
  const miniSize = 1 << miniShift;
  const fatSectors = bytes.readUInt32LE(0x2c);
  const firstDirectory = bytes.readUInt32LE(0x30);
  const miniCutoff = bytes.readUInt32LE(0x38);
  const firstMiniFat = bytes.readUInt32LE(0x3c);
  const firstDifat = bytes.readUInt32LE(0x44);
  const difatSectors = bytes.readUInt32LE(0x48);
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + (bytes.length % sectorSize ? 1 : 0);
  if (fatSectors > sectorCount || difatSectors > sectorCount) fail('it declares more FAT sectors than the file holds');

  const sectorAt = (n: number): Buffer => {
    if (n > MAX_REGULAR_SECTOR || n >= sectorCount) fail(`sector ${n} is past the end of the file`);
    const from = (n + 1) * sectorSize;
    const piece = bytes.subarray(from, from + sectorSize);
    // A short last sector is padded, as some writers leave it.
    return piece.length === sectorSize ? piece : Buffer.concat([piece, Buffer.alloc(sectorSize - piece.length)]);
  };

  // The FAT's own sectors: 109 in the header, then the DIFAT chain.
  const fatList: number[] = [];
  for (let i = 0; i < 109 && fatList.length < fatSectors; i++) fatList.push(bytes.readUInt32LE(0x4c + i * 4));
  let difat = firstDifat;
  const perDifat = sectorSize / 4 - 1;
  for (let d = 0; d < difatSectors && fatList.length < fatSectors; d++) {
    if (difat > MAX_REGULAR_SECTOR) fail('the DIFAT chain ends before every FAT sector is listed');
    const sector = sectorAt(difat);
    for (let i = 0; i < perDifat && fatList.length < fatSectors; i++) fatList.push(sector.readUInt32LE(i * 4));
    difat = sector.readUInt32LE(perDifat * 4);
  }
  if (fatList.length < fatSectors) fail('fewer FAT sectors are listed than the header declares');
  const fat = new Uint32Array(fatList.length * (sectorSize / 4));
  fatList.forEach((s, i) => {
    const sector = sectorAt(s);
    for (let j = 0; j < sectorSize / 4; j++) fat[i * (sectorSize / 4) + j] = sector.readUInt32LE(j * 4);
  });

  /** The sectors of a chain, each once (a loop is damage), at most `limit` of them. */
  const chain = (first: number, table: Uint32Array, limit: number, what: string): number[] => {
    const sectors: number[] = [];
    const seen = new Set<number>();
    for (let s = first; s !== END_OF_CHAIN; s = table[s]) {
      if (s === FREE_SECTOR || s > MAX_REGULAR_SECTOR || s >= table.length) fail(`the chain of ${what} points at sector ${s}`);
      if (seen.has(s)) fail(`the chain of ${what} loops back to sector ${s}`);
      if (sectors.length >= limit) fail(`the chain of ${what} is longer than its size`);
      seen.add(s);
      sectors.push(s);
    }
    return sectors;
  };
  const regular = (first: number, size: number, what: string): Buffer => {
    const limit = size < 0 ? sectorCount : Math.ceil(size / sectorSize);
    const data = Buffer.concat(chain(first, fat, limit, what).map(sectorAt));
    if (size >= 0 && data.length < size) fail(`${what} is ${size} bytes but its chain holds ${data.length}`);
    return size < 0 ? data : data.subarray(0, size);
  };

  const directory = regular(firstDirectory, -1, 'the directory');
  interface Entry {
    name: string;
    type: number;
    start: number;
    size: number;
  }
  const entries: Entry[] = [];
  for (let at = 0; at + DIRECTORY_ENTRY <= directory.length; at += DIRECTORY_ENTRY) {
    const type = directory[at + 66];
    if (type === 0) continue;
    const nameBytes = Math.min(directory.readUInt16LE(at + 64), 64);
    const name = directory.toString('utf16le', at, at + Math.max(0, nameBytes - 2));
    const sizeHigh = shift === 9 ? 0 : directory.readUInt32LE(at + 124);
    if (sizeHigh !== 0) fail(`stream "${name}" is over 4 GiB`);
    entries.push({ name, type, start: directory.readUInt32LE(at + 116), size: directory.readUInt32LE(at + 120) });
  }
  const root = entries.find((e) => e.type === 5);
  if (!root) fail('it has no root entry');

  let mini: { stream: Buffer; fat: Uint32Array } | undefined;
  const miniStream = (): { stream: Buffer; fat: Uint32Array } => {
    if (mini) return mini;
    const table = regular(firstMiniFat, -1, 'the mini FAT');
    const miniFat = new Uint32Array(table.length / 4);
    for (let i = 0; i < miniFat.length; i++) miniFat[i] = table.readUInt32LE(i * 4);
    return (mini = { stream: regular(root!.start, root!.size, 'the mini stream'), fat: miniFat });
  };

  return {
    streamNames: () => entries.filter((e) => e.type === 2).map((e) => e.name),
    stream: (name) => {
      const entry = entries.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());
      if (!entry) return fail(`it has no stream "${name}"`);
      if (entry.size > XLS_STREAM_CAP) fail(`stream "${entry.name}" is ${entry.size} bytes, over the ${XLS_STREAM_CAP}-byte cap`);
      if (entry.size >= miniCutoff) return regular(entry.start, entry.size, `stream "${entry.name}"`);
      const { stream, fat: miniFat } = miniStream();
      const pieces = chain(entry.start, miniFat, Math.ceil(entry.size / miniSize), `stream "${entry.name}"`).map((s) => {
        if ((s + 1) * miniSize > stream.length) fail(`stream "${entry.name}" points past the mini stream`);
        return stream.subarray(s * miniSize, (s + 1) * miniSize);
      });
      const data = Buffer.concat(pieces);
      if (data.length < entry.size) fail(`stream "${entry.name}" is ${entry.size} bytes but its chain holds ${data.length}`);
      return data.subarray(0, entry.size);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The BIFF8 records of the Workbook stream: `[type u16][length u16][data]`.

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;
const BIFF8_VERSION = 0x0600;

interface BiffRecord {
  type: number;
  data: Buffer;
}

/** The records from `offset` on; the caller stops at the EOF it wants. A record running past the stream is a cut file. */
function* records(stream: Buffer, offset: number, source: string): Generator<BiffRecord> {
  let at = offset;
  while (at + 4 <= stream.length) {
    const type = stream.readUInt16LE(at);
    const length = stream.readUInt16LE(at + 2);
    if (at + 4 + length > stream.length)
      throw new ParseError(source, `the .xls record at byte ${at} runs past the end of the workbook stream; the file is cut short`);
    yield { type, data: stream.subarray(at + 4, at + 4 + length) };
    at += 4 + length;
  }
}

function readWorkbook(stream: Buffer, source: string, sheetName?: string): XlsxSheet {
  const sheets: { name: string; offset: number }[] = [];
  let strings: string[] = [];
  let date1904 = false;
  let first = true;
  const sstParts: Buffer[] = [];
  let inSst = false;
  for (const record of records(stream, 0, source)) {
    if (first) {
      checkBof(record, source, 0x0005, 'workbook globals');
      first = false;
      continue;
    }
    if (inSst && record.type === CONTINUE) {
      sstParts.push(record.data);
      continue;
    }
    if (inSst) {
      strings = readSst(sstParts, source);
      inSst = false;
    }
    if (record.type === EOF) break;
    if (record.type === FILEPASS)
      throw new ParseError(source, 'the .xls workbook is encrypted (password-protected); gridcell cannot read it');
    if (record.type === DATEMODE && record.data.length >= 2) date1904 = record.data.readUInt16LE(0) === 1;
    if (record.type === SST) {
      sstParts.length = 0;
      sstParts.push(record.data);
      inSst = true;
    }
    if (record.type === BOUNDSHEET) {
      const data = record.data;
      if (data.length < 8) throw new ParseError(source, 'a sheet entry (BOUNDSHEET) of the .xls workbook is cut short');
      // Worksheets only (dt 0): charts, macro sheets and VBA modules hold no cells.
      if (data[5] === 0) sheets.push({ offset: data.readUInt32LE(0), name: new Reader([data], source, 6).shortString() });
    }
  }
  if (first) throw new ParseError(source, 'the .xls workbook stream is empty');
  if (inSst) strings = readSst(sstParts, source);
  if (!sheets.length) throw new ParseError(source, 'the .xls workbook has no worksheets');
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => s.name === sheetName);
  if (!sheet)
    throw new ParseError(source, `the workbook has no sheet "${sheetName ?? '(any)'}" (sheets: ${sheets.map((s) => s.name).join(', ')})`);
  if (sheet.offset >= stream.length) throw new ParseError(source, `sheet "${sheet.name}" starts past the end of the workbook stream`);
  return { name: sheet.name, rows: readCells(stream, sheet.offset, strings, source), date1904 };
}

function checkBof(record: BiffRecord, source: string, kind: number, what: string): void {
  if (record.type !== BOF || record.data.length < 4)
    throw new ParseError(source, `the .xls ${what} do not start with a BOF record; the file is not an Excel 97-2003 workbook`);
  const version = record.data.readUInt16LE(0);
  if (version !== BIFF8_VERSION)
    throw new ParseError(source, `the .xls is BIFF version 0x${version.toString(16)}, not BIFF8 (Excel 97-2003); save it as .xlsx`);
  const type = record.data.readUInt16LE(2);
  if (type !== kind)
    throw new ParseError(source, `the .xls ${what} start with a BOF of type 0x${type.toString(16)}, not 0x${kind.toString(16)}`);
}

/** One worksheet's substream, from its BOF to its EOF. */
function readCells(stream: Buffer, offset: number, strings: string[], source: string): XlsxCell[][] {
  const rows: XlsxCell[][] = [];
  let first = true;
  let ended = false;
  /** A FORMULA whose cached result is a string: the STRING record right after it holds the text. */
  let pendingString: { row: number; column: number } | undefined;
  const put = (row: number, column: number, value: XlsxCell): void => {
    if (row >= BIFF8_ROWS || column >= BIFF8_COLUMNS)
      throw new ParseError(source, `a cell at row ${row + 1}, column ${column + 1} is past the sheet's 65,536 rows or 256 columns`);
    (rows[row] ??= [])[column] = value;
  };
  const cellAt = (data: Buffer, minimum: number, what: string): { row: number; column: number } => {
    if (data.length < minimum) throw new ParseError(source, `a ${what} record of the .xls sheet is cut short`);
    return { row: data.readUInt16LE(0), column: data.readUInt16LE(2) };
  };
  for (const { type, data } of records(stream, offset, source)) {
    if (first) {
      checkBof({ type, data }, source, 0x0010, 'worksheet records');
      first = false;
      continue;
    }
    if (type === EOF) {
      ended = true;
      break;
    }
    if (type === BOF)
      throw new ParseError(source, 'the .xls worksheet holds an embedded substream (a chart), which gridcell does not read');
    if (pendingString && type !== STRING) pendingString = undefined;
    switch (type) {
      case LABELSST: {
        const { row, column } = cellAt(data, 10, 'LABELSST');
        const index = data.readUInt32LE(6);
        if (index >= strings.length)
          throw new ParseError(
            source,
            `cell at row ${row + 1}, column ${column + 1} points at shared string ${index}, which does not exist`,
          );
        put(row, column, strings[index]);
        break;
      }
      case LABEL:
      case RSTRING: {
        const { row, column } = cellAt(data, 9, 'LABEL');
        put(row, column, new Reader([data], source, 6).longString());
        break;
      }
      case NUMBER: {
        const { row, column } = cellAt(data, 14, 'NUMBER');
        put(row, column, finite(data.readDoubleLE(6), row, column, source));
        break;
      }
      case RK: {
        const { row, column } = cellAt(data, 10, 'RK');
        put(row, column, rkNumber(data.readUInt32LE(6)));
        break;
      }
      case MULRK: {
        const { row, column } = cellAt(data, 6, 'MULRK');
        const last = data.readUInt16LE(data.length - 2);
        const count = (data.length - 6) / 6;
        if (!Number.isInteger(count) || last - column + 1 !== count)
          throw new ParseError(source, `a MULRK record at row ${row + 1} is damaged`);
        for (let i = 0; i < count; i++) put(row, column + i, rkNumber(data.readUInt32LE(4 + i * 6 + 2)));
        break;
      }
      case BOOLERR: {
        const { row, column } = cellAt(data, 8, 'BOOLERR');
        put(row, column, data[7] === 0 ? data[6] === 1 : undefined); // an error value (#N/A) is no value
        break;
      }
      case FORMULA: {
        const { row, column } = cellAt(data, 14, 'FORMULA');
        if (data.readUInt16LE(12) !== 0xffff) put(row, column, finite(data.readDoubleLE(6), row, column, source));
        else if (data[6] === 0) pendingString = { row, column };
        else if (data[6] === 1) put(row, column, data[8] === 1);
        break; // 2 an error, 3 an empty string: no value
      }
      case STRING: {
        if (pendingString) put(pendingString.row, pendingString.column, new Reader([data], source, 0).longString());
        pendingString = undefined;
        break;
      }
    }
  }
  if (!ended) throw new ParseError(source, 'the .xls worksheet has no EOF record; the file is cut short');
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function finite(n: number, row: number, column: number, source: string): number {
  if (!Number.isFinite(n)) throw new ParseError(source, `cell at row ${row + 1}, column ${column + 1} holds ${n}, not a number`);
  return n;
}

/** The eight bytes of the double an RK number gives, reused by every cell (rkNumber writes all of them each time). */
const RK_DOUBLE = Buffer.alloc(8);

/** An RK number: a 30-bit integer or the high 30 bits of a double, maybe divided by 100. */
function rkNumber(rk: number): number {
  let n: number;
  if (rk & 0x02) {
    n = rk >> 2; // signed 30-bit integer
  } else {
    RK_DOUBLE.writeUInt32LE(0, 0); // the low 32 bits of the double, which RK does not carry
    RK_DOUBLE.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4); // unsigned: a negative double has its sign bit set
    n = RK_DOUBLE.readDoubleLE(0);
  }
  return rk & 0x01 ? n / 100 : n;
}

/** The shared strings: a count, then each string, continued across CONTINUE records. */
function readSst(parts: Buffer[], source: string): string[] {
  const reader = new Reader(parts, source, 0);
  reader.u32(); // total uses of the strings
  const count = reader.u32();
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(reader.longString());
  return strings;
}

/**
 * Reads BIFF8 strings across the pieces of a record and its CONTINUE records. Where character data
 * is cut by a CONTINUE, the continuation starts with its own flags byte (1-byte or 2-byte characters).
 */
class Reader {
  private part = 0;

  constructor(
    private readonly parts: Buffer[],
    private readonly source: string,
    private at: number,
  ) {}

  private fail(): never {
    throw new ParseError(this.source, 'a string of the .xls workbook runs past its record; the file is damaged');
  }

  private byte(): number {
    while (this.at >= this.parts[this.part].length) {
      if (++this.part >= this.parts.length) this.fail();
      this.at = 0;
    }
    return this.parts[this.part][this.at++];
  }

  u16(): number {
    return this.byte() | (this.byte() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  private skip(n: number): void {
    for (let i = 0; i < n; i++) this.byte();
  }

  /** `cch` characters, the flags byte read; a CONTINUE inside them brings a new flags byte. */
  private chars(count: number, wide: boolean): string {
    const codes: number[] = [];
    while (codes.length < count) {
      if (this.at >= this.parts[this.part].length) {
        if (++this.part >= this.parts.length) this.fail();
        this.at = 0;
        wide = (this.byte() & 0x01) === 1;
      }
      codes.push(wide ? this.u16() : this.byte());
    }
    let text = '';
    for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
    return text;
  }

  /** XLUnicodeRichExtendedString (shared strings) and XLUnicodeString (LABEL): a 16-bit length. */
  longString(): string {
    const count = this.u16();
    const flags = this.byte();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extended = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 0x01) === 1);
    this.skip(runs * 4 + extended);
    return text;
  }

  /** ShortXLUnicodeString (sheet names): an 8-bit length. */
  shortString(): string {
    const count = this.byte();
    const flags = this.byte();
    return this.chars(count, (flags & 0x01) === 1);
  }
}
