import { ParseError } from '../../backend/domain';
import { isCompoundFile, isXls, readXlsSheet } from '../../backend/formats/xls';
import { cellText, excelSerialDay } from '../../backend/formats/xlsx';
import { describeShared, readShared } from '../support/fixtures';
import { once } from '../support/points';

// The BIFF8 (.xls) reader: on MISO's real load report, and on a workbook built here byte by byte
// (the compound file with its mini stream, shared strings cut by a CONTINUE, MULRK, RK, FORMULA
// results, BOOLERR, LABEL), so that each record the reader knows is read at least once.

const DF_AL = 'miso/20250310_df_al.xls';

function record(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
};
const cell = (row: number, column: number) => Buffer.concat([u16(row), u16(column), u16(0)]);
const bof = (kind: number) => record(0x0809, Buffer.concat([u16(0x0600), u16(kind), Buffer.alloc(12)]));
const EOF = record(0x000a, Buffer.alloc(0));

/** The BIFF8 records of a one-sheet workbook `Data`. */
function workbookStream(): Buffer {
  // Shared strings: "Hello" (1-byte characters), then "ABCDEFGH" cut after "ABC" by a CONTINUE whose first byte says 2-byte characters.
  const sst = Buffer.concat([
    u32(2),
    u32(2),
    u16(5),
    Buffer.from([0]),
    Buffer.from('Hello', 'latin1'),
    u16(8),
    Buffer.from([0]),
    Buffer.from('ABC', 'latin1'),
  ]);
  const cont = Buffer.concat([Buffer.from([1]), Buffer.from('DEFGH', 'utf16le')]);
  const sheetName = Buffer.concat([Buffer.from([4, 0]), Buffer.from('Data', 'latin1')]);
  const globalsWithout = (offset: number) =>
    Buffer.concat([
      bof(0x0005),
      record(0x0085, Buffer.concat([u32(offset), Buffer.from([0, 0]), sheetName])),
      record(0x00fc, sst),
      record(0x003c, cont),
      EOF,
    ]);
  const offset = globalsWithout(0).length;
  const number = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(n, 0);
    return b;
  };
  const stringResult = Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]);
  const sheet = Buffer.concat([
    bof(0x0010),
    record(0x00fd, Buffer.concat([cell(0, 0), u32(0)])),
    record(0x00fd, Buffer.concat([cell(0, 1), u32(1)])),
    // MULRK row 1, columns 0..2: the integer 5, the double 1.5 (its high 30 bits), 12345 / 100
    record(
      0x00bd,
      Buffer.concat([u16(1), u16(0), u16(0), u32((5 << 2) | 2), u16(0), u32(0x3ff80000), u16(0), u32((12345 << 2) | 3), u16(2)]),
    ),
    record(0x027e, Buffer.concat([cell(1, 3), u32((-7 << 2) | 2)])),
    // RK row 1, column 4: the double -1.5 (its high 30 bits, the sign bit set)
    record(0x027e, Buffer.concat([cell(1, 4), u32(0xbff80000)])),
    record(0x0006, Buffer.concat([cell(2, 0), number(2.5), Buffer.alloc(6)])),
    record(0x0006, Buffer.concat([cell(2, 1), stringResult, Buffer.alloc(6)])),
    record(0x0207, Buffer.concat([u16(2), Buffer.from([0]), Buffer.from('fx', 'latin1')])),
    record(0x0205, Buffer.concat([cell(2, 2), Buffer.from([1, 0])])),
    record(0x0204, Buffer.concat([cell(3, 0), u16(3), Buffer.from([0]), Buffer.from('lab', 'latin1')])),
    record(0x0203, Buffer.concat([cell(4, 5), number(45726)])),
    EOF,
  ]);
  return Buffer.concat([globalsWithout(offset), sheet]);
}

/** A version-3 compound file holding `stream` as `Workbook` in its mini stream (under 4,096 bytes). */
function compoundFile(stream: Buffer): Buffer {
  const SECTOR = 512;
  const miniSectors = Math.ceil(stream.length / 64);
  const miniStream = Buffer.concat([stream, Buffer.alloc(miniSectors * 64 - stream.length)]);
  const dataSectors = Math.ceil(miniStream.length / SECTOR);
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(2, 0x3c); // mini FAT at sector 2
  header.writeUInt32LE(1, 0x40);
  header.writeUInt32LE(END, 0x44);
  header.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + i * 4);
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(END, 4);
  fat.writeUInt32LE(END, 8);
  for (let s = 0; s < dataSectors; s++) fat.writeUInt32LE(s + 1 < dataSectors ? 4 + s : END, (3 + s) * 4);
  const entry = (name: string, type: number, start: number, size: number) => {
    const e = Buffer.alloc(128, 0);
    e.write(name, 0, 'utf16le');
    e.writeUInt16LE((name.length + 1) * 2, 64);
    e[66] = type;
    e.writeUInt32LE(FREE, 68);
    e.writeUInt32LE(FREE, 72);
    e.writeUInt32LE(type === 5 ? 1 : FREE, 76);
    e.writeUInt32LE(start, 116);
    e.writeUInt32LE(size, 120);
    return e;
  };
  const directory = Buffer.concat([
    entry('Root Entry', 5, 3, miniStream.length),
    entry('Workbook', 2, 0, stream.length),
    Buffer.alloc(256),
  ]);
  const miniFat = Buffer.alloc(SECTOR, 0xff);
  for (let s = 0; s < miniSectors; s++) miniFat.writeUInt32LE(s + 1 < miniSectors ? s + 1 : END, s * 4);
  const data = Buffer.concat([miniStream, Buffer.alloc(dataSectors * SECTOR - miniStream.length)]);
  return Buffer.concat([header, fat, directory, miniFat, data]);
}

describe('readXlsSheet on a workbook built here', () => {
  const file = once(() => compoundFile(workbookStream()));

  test('is a compound file holding a workbook', () => {
    expect(isCompoundFile(file())).toBe(true);
    expect(isXls(file())).toBe(true);
    expect(isXls(Buffer.from('Market Day,HourEnding\n'))).toBe(false);
  });

  test('reads every kind of cell', () => {
    const sheet = readXlsSheet(file(), 'built.xls');
    expect(sheet.name).toBe('Data');
    expect(sheet.date1904).toBe(false);
    expect(sheet.rows[0]).toEqual(['Hello', 'ABCDEFGH']);
    expect(sheet.rows[1]).toEqual([5, 1.5, 123.45, -7, -1.5]);
    expect(sheet.rows[2]).toEqual([2.5, 'fx', true]);
    expect(sheet.rows[3]).toEqual(['lab']);
    expect(sheet.rows[4][5]).toBe(45726);
    expect(excelSerialDay(sheet.rows[4][5] as number)).toBe('2025-03-10');
  });

  test('a sheet asked by a name it does not have is an error naming the sheets', () => {
    expect(() => readXlsSheet(file(), 'built.xls', 'Sheet9')).toThrow(/no sheet "Sheet9" \(sheets: Data\)/);
  });

  test('an encrypted workbook is refused', () => {
    const stream = workbookStream();
    const encrypted = Buffer.concat([stream.subarray(0, 20), record(0x002f, Buffer.alloc(6)), stream.subarray(20)]);
    // BOUNDSHEET's offset now points 10 bytes early; the FILEPASS comes before it is used
    expect(() => readXlsSheet(compoundFile(encrypted), 'enc.xls')).toThrow(/encrypted/);
  });

  test('a workbook that is not BIFF8 is refused', () => {
    const stream = workbookStream();
    stream.writeUInt16LE(0x0500, 4);
    expect(() => readXlsSheet(compoundFile(stream), 'old.xls')).toThrow(/not BIFF8/);
  });

  test('a sheet without its EOF (cut short) is refused', () => {
    const stream = workbookStream();
    expect(() => readXlsSheet(compoundFile(stream.subarray(0, stream.length - 4)), 'cut.xls')).toThrow(/no EOF/);
  });

  test('a shared string index past the table is refused', () => {
    const stream = workbookStream();
    const at = stream.indexOf(Buffer.concat([u16(0x00fd), u16(10), cell(0, 1)]));
    stream.writeUInt32LE(7, at + 4 + 6);
    expect(() => readXlsSheet(compoundFile(stream), 'sst.xls')).toThrow(/shared string 7/);
  });

  test('a damaged container is refused: a chain that loops, a sector past the end, another byte order', () => {
    const looped = Buffer.from(file());
    looped.writeUInt32LE(1, 512 + 4); // the directory's chain points back at itself
    expect(() => readXlsSheet(looped, 'loop.xls')).toThrow(/loops back/);
    const far = Buffer.from(file());
    far.writeUInt32LE(900, 0x30);
    expect(() => readXlsSheet(far, 'far.xls')).toThrow(/the directory points at sector 900/);
    const endian = Buffer.from(file());
    endian.writeUInt16LE(0xfeff, 0x1c);
    expect(() => readXlsSheet(endian, 'endian.xls')).toThrow(ParseError);
    expect(() => readXlsSheet(Buffer.from('<html></html>'), 'page.xls')).toThrow(/no compound-file signature/);
  });
});

describeShared(DF_AL)('readXlsSheet on MISO 20250310_df_al.xls (real)', () => {
  const sheet = once(() => readXlsSheet(readShared(DF_AL), DF_AL));

  test('the one sheet, its 187 rows', () => {
    expect(sheet().name).toBe('Sheet1');
    expect(sheet().rows).toHaveLength(187);
    expect(sheet().date1904).toBe(false);
  });

  test('preamble, header and data cells as Excel shows them', () => {
    const rows = sheet().rows;
    expect(rows[2]).toEqual(['Published Date:', 45726]);
    expect(rows[3]).toEqual(['Reporting Period:', 45725, 'through', 45731]);
    expect(rows[4].slice(0, 4).map(cellText)).toEqual(['Market Day', 'HourEnding', 'LRZ1 MTLF (MWh)', 'LRZ1 ActualLoad (MWh)']);
    expect(rows[5]).toEqual(['March 09, 2025']);
    expect(rows[6].slice(0, 4)).toEqual([45725, 1, 9729, 11097.2]);
    expect(rows[7][11]).toBe(9444.960000000001);
    expect(rows[32][15]).toBeUndefined(); // MISO ActualLoad of 2025-03-10: not run yet
    expect(String(rows[186][0])).toMatch(/^MISO MAKES NO REPRESENTATIONS/);
  });

  test('a cut file is refused', () => {
    expect(() => readXlsSheet(readShared(DF_AL).subarray(0, 30_000), 'cut.xls')).toThrow(ParseError);
  });
});
