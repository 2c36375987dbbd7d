// Readers on small inputs written in the tests themselves (synthetic, not from any source), and
// on the real EEX workbook from ../shared/fixtures where a real file is needed.
import AdmZip from 'adm-zip';
import { readCidTables } from '../../backend/formats/aemo-cid';
import { columnIndex, eachCsvRecord, eachCsvRow, readCsv, UNREAD } from '../../backend/formats/csv';
import { readXlsxSheet } from '../../backend/formats/xlsx';
import { parseXml } from '../../backend/formats/xml';
import { inflateBudget, singleZipMember, zipEntries } from '../../backend/formats/zip';
import { readNumber } from '../../backend/connectors/shared/numbers';
import { describeShared, readShared } from '../support/fixtures';

/** A one-member zip whose headers carry another CRC-32 than its content's (a byte changed after zipping). */
function withWrongCrc(name: string, content: Buffer): Buffer {
  const zip = new AdmZip();
  zip.addFile(name, content);
  const bytes = zip.toBuffer();
  const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.writeUInt32LE((bytes.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
  return bytes;
}

async function drain(chunks: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const c of chunks) n += c.length;
  return n;
}

describe('zip reader', () => {
  test('an entry that inflates past the cap is refused', () => {
    const zip = new AdmZip();
    zip.addFile('bomb.csv', Buffer.alloc(4 * 1024 * 1024, 0x30));
    const bytes = zip.toBuffer();
    expect(bytes.length).toBeLessThan(100_000);
    expect(() => zipEntries(bytes, 'bomb.zip', { cap: 1024 * 1024 })[0].read()).toThrow(/inflates past the 1 MiB cap/);
  });

  test('a zip whose header lies about the size still stops at the cap', () => {
    const zip = new AdmZip();
    zip.addFile('liar.csv', Buffer.alloc(3 * 1024 * 1024, 0x31));
    const bytes = zip.toBuffer();
    // Patch the central directory's uncompressed size to 10 bytes.
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(10, cd + 24);
    expect(() => zipEntries(bytes, 'liar.zip', { cap: 1024 * 1024 })[0].read()).toThrow(/cap|damaged/);
  });

  test('an entry that does not match its CRC-32 is refused, read whole or streamed', async () => {
    const bytes = withWrongCrc('a.csv', Buffer.from('x,y\n'.repeat(1000)));
    expect(() => zipEntries(bytes, 'crc.zip')[0].read()).toThrow(
      /^crc\.zip: zip entry a\.csv fails its CRC-32 check; the archive is damaged/,
    );
    await expect(drain(zipEntries(bytes, 'crc.zip')[0].stream())).rejects.toThrow(/^crc\.zip: zip entry a\.csv fails its CRC-32 check/);
  });

  test('a header that declares less than the entry holds stops the inflating there, streamed too', async () => {
    const zip = new AdmZip();
    zip.addFile('liar.csv', Buffer.alloc(3 * 1024 * 1024, 0x31));
    const bytes = zip.toBuffer();
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(345, central + 24);
    const [entry] = zipEntries(bytes, 'liar.zip');
    const declared = /^liar\.zip: zip entry liar\.csv inflates past the 345 bytes its header declares/;
    expect(() => entry.read()).toThrow(declared);
    expect(() => entry.head()).toThrow(declared);
    await expect(drain(zipEntries(bytes, 'liar.zip')[0].stream())).rejects.toThrow(declared);
  });

  test('a header that declares more than the entry holds is refused, read whole or streamed', async () => {
    const zip = new AdmZip();
    zip.addFile('short.csv', Buffer.from('x,y\n'.repeat(1000)));
    const bytes = zip.toBuffer();
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(4001, central + 24);
    const said = /^short\.zip: zip entry short\.csv is 4000 bytes but its header says 4001; the archive is damaged/;
    expect(() => zipEntries(bytes, 'short.zip')[0].read()).toThrow(said);
    await expect(drain(zipEntries(bytes, 'short.zip')[0].stream())).rejects.toThrow(said);
  });

  test('a stored (not deflated) entry streams whole, and is checked against its CRC-32 too', async () => {
    const content = Buffer.from('a,b\n1,2\n'.repeat(500));
    const zip = new AdmZip();
    zip.addFile('stored.csv', content);
    zip.getEntries()[0].header.method = 0;
    const bytes = zip.toBuffer();
    const [entry] = zipEntries(bytes, 'stored.zip');
    const chunks: Buffer[] = [];
    for await (const c of entry.stream()) chunks.push(c);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE((bytes.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    await expect(drain(zipEntries(bytes, 'stored.zip')[0].stream())).rejects.toThrow(
      /^stored\.zip: zip entry stored\.csv fails its CRC-32 check/,
    );
  });

  test('the files of a zip, and of zips inside it, share one budget of inflated bytes', () => {
    const zip = new AdmZip();
    zip.addFile('a.csv', Buffer.alloc(600_000, 0x61));
    zip.addFile('b.csv', Buffer.alloc(600_000, 0x62));
    const inner = zip.toBuffer();
    const outer = new AdmZip();
    outer.addFile('inner.zip', inner);
    const budget = inflateBudget(1_000_000);
    const nested = zipEntries(zipEntries(outer.toBuffer(), 'outer.zip', { budget })[0].read(), 'outer.zip/inner.zip', { budget });
    expect(nested[0].read().length).toBe(600_000);
    expect(() => nested[1].read()).toThrow(
      /^outer\.zip\/inner\.zip: the files in the zip inflate to more than 1 MiB together; refusing to read them\.$/,
    );
  });

  test('entries that share their bytes (many directory records, one entry) are refused when listed', () => {
    const zip = new AdmZip();
    zip.addFile('a.csv', Buffer.from('x,y\n'.repeat(1000)));
    zip.addFile('b.csv', Buffer.from('x,y\n'.repeat(1000)));
    const bytes = zip.toBuffer();
    const second = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0, second + 42); // b.csv's record now points at a.csv's local header
    expect(() => zipEntries(bytes, 'overlap.zip')).toThrow(/^overlap\.zip: zip entries a\.csv and b\.csv share their bytes/);
  });

  test('a truncated zip is a clear error naming the file', () => {
    const zip = new AdmZip();
    zip.addFile('a.csv', Buffer.from('x,y\n'.repeat(1000)));
    const bytes = zip.toBuffer();
    expect(() => singleZipMember(bytes.subarray(0, bytes.length / 2), 'cut.zip')).toThrow(/cut.zip/);
  });
});

describe('xml reader', () => {
  test('a DTD or entity declaration is refused, never expanded', () => {
    const billion = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(() => parseXml(billion, 'evil.xml')).toThrow(/DTD or entities/);
    expect(() => parseXml('<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', 'xxe.xml')).toThrow(/DTD/);
  });

  test('namespaces are dropped and attributes kept', () => {
    const doc = parseXml('<ns:Doc xmlns:ns="urn:x"><ns:Item code="A">1</ns:Item></ns:Doc>', 't.xml');
    expect(doc).toEqual({ Doc: { Item: { '#text': '1', '@_code': 'A' } } });
  });
});

describe('csv reader', () => {
  test('a missing column is named', () => {
    const [header] = readCsv('Date,Price\n2025-01-01,3\n', 'x.csv');
    expect(() => columnIndex(header, { date: ['Date'], lmp: ['LMP'] }, 'x.csv')).toThrow(/x.csv: missing column "LMP"/);
  });

  test('records: a preamble before the header and blank rows are skipped, columns found by name', () => {
    const text = 'Pool Price\n\n"Date (HE)","Price ($)"\n"01/01/2022 01",65.64\n,\n"01/01/2022 02",60.1\n';
    const rows: [string, string, number][] = [];
    const layout = {
      columns: { hour: ['Date (HE)'], price: ['Price ($)'] },
      isHeader: (row: string[]) => row[0] === 'Date (HE)',
      expected: 'a price CSV',
    };
    eachCsvRecord(text, 'p.csv', layout, (row, col, line) => rows.push([row[col.hour], row[col.price], line]));
    expect(rows).toEqual([
      ['01/01/2022 01', '65.64', 4],
      ['01/01/2022 02', '60.1', 6],
    ]);
    expect(() => eachCsvRecord('Pool Price\n', 'p.csv', layout, () => undefined)).toThrow(
      /p.csv: no header row \(no row has column "Date \(HE\)"\); the file is empty or not a price CSV/,
    );
  });

  test('missing cells are missing, never zero; a bad number is an error', () => {
    expect(readNumber('-', 'f.csv', 'line 2')).toBeUndefined();
    expect(readNumber('', 'f.csv', 'line 2')).toBeUndefined();
    expect(readNumber(null, 'f.json', 'price')).toBeUndefined();
    expect(readNumber('.6', 'f.csv', 'line 2')).toBe(0.6);
    expect(readNumber('   -38.25', 'f.csv', 'line 2')).toBe(-38.25);
    expect(readNumber(17.5, 'f.json', 'price')).toBe(17.5);
    expect(() => readNumber('n/a', 'f.csv', 'line 9, column "LMP"')).toThrow(/f.csv: line 9, column "LMP": "n\/a" is not a number/);
  });
});

describe('csv reader: what shows a file is whole and untouched', () => {
  const rows = (text: string) => readCsv(text, 'f.csv');

  test('CRLF, LF and a lone CR end lines alike, each line on its own', () => {
    const lf = 'a,b\n1,2\n3,4\n5,6\n';
    expect(rows('a,b\r\n1,2\n3,4\r5,6\r\n')).toEqual(rows(lf));
    expect(rows('a,b\r1,2\r3,4\r5,6\r')).toEqual(rows(lf));
    expect(rows('a,b\r\n"x\r\ny",2\n')).toEqual([['a', 'b'], ['x\ny', '2'], ['']]);
  });

  test('a last line without its line break is a file cut short; a format with a closing row says so itself', () => {
    expect(() => rows('a,b\n1,2\n3,4')).toThrow(
      /^f\.csv: the file stops in the middle of line 3 \(its last line has no line break\), so it was cut short; download it again$/,
    );
    expect(readCsv('a,b\n1,2', 'f.csv', 'caller')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('')).toEqual([]);
  });

  test('a row with fewer cells than its header, or a value beyond it, is refused; a trailing comma is no cell', () => {
    const layout = { columns: { a: ['a'] }, expected: 'x' };
    expect(() => eachCsvRecord('a,b,c\n1,2,3\n1,2\n', 'f.csv', layout, () => undefined)).toThrow(
      /^f\.csv: line 3 has 2 cells where the header has 3: the row is cut short/,
    );
    expect(() => eachCsvRecord('a,b\n1,2,3\n', 'f.csv', layout, () => undefined)).toThrow(
      /^f\.csv: line 2 has a value \("3"\) beyond the header's 2 columns/,
    );
    const seen: string[][] = [];
    eachCsvRecord('a,b,\n1,2,\n3,4\n5,6,,\n', 'f.csv', layout, (row) => seen.push(row));
    expect(seen).toEqual([
      ['1', '2', ''],
      ['3', '4'],
      ['5', '6', '', ''],
    ]);
  });

  test('quoted cells hold commas, doubled quotes and line breaks; cells are trimmed of any white space', () => {
    expect(rows('a,b,c\n"1,5","say ""hi""" , x\n\u3000y\u00a0,"",  z \n')).toEqual([
      ['a', 'b', 'c'],
      ['1,5', 'say "hi"', 'x'],
      ['y', '', 'z'],
      [''],
    ]);
    expect(rows('a\n"two\nlines"\nb\n')).toEqual([['a'], ['two\nlines'], ['b'], ['']]);
    // A quote inside an unquoted cell is a character like any other.
    expect(rows('a,b\n5" pipe,2\n')).toEqual([['a', 'b'], ['5" pipe', '2'], ['']]);
  });

  test('a layout that reads only its named columns leaves the others unread, and still tells blank and shifted rows', () => {
    const layout = { columns: { a: ['a'], c: ['c'] }, expected: 'x', namedColumnsOnly: true };
    const seen: string[][] = [];
    eachCsvRecord('a,b,c\n1,2,3\n,,\n,x,\n4, ,6\n', 'f.csv', layout, (row) => seen.push([...row])); // one array carries every row
    // The blank row is skipped; the row with a value only in b is a row (its named cells are empty).
    expect(seen).toEqual([
      ['1', UNREAD, '3'],
      ['', UNREAD, ''],
      ['4', '', '6'],
    ]);
    expect(() => eachCsvRecord('a,b,c\n1,2,3,4\n', 'f.csv', layout, () => undefined)).toThrow(
      /^f\.csv: line 2 has a value \("4"\) beyond the header's 3 columns/,
    );
  });

  test('broken quoting and NUL characters are refused, naming the line', () => {
    expect(() => rows('a,b\n1,"2\n')).toThrow(/^f\.csv: line 2: a quoted field is never closed/);
    expect(() => rows('a,b\n1,"2"x\n')).toThrow(/^f\.csv: line 2: the quoting is broken/);
    expect(() => rows('a,b\n1,2\nX\u0000Y,3\n')).toThrow(/^f\.csv: line 3 holds a NUL character/);
  });

  test('a file that is mostly blank lines is refused after the first thousand, without splitting all of it', () => {
    let seen = 0;
    const text = 'a,b\n1,2\n' + '\n'.repeat(20_000_000);
    const t0 = performance.now();
    expect(() => eachCsvRow(text, 'blank.csv', () => seen++)).toThrow(
      /^blank\.csv: more than 1000 of its first 1003 lines are blank; this is not a report$/,
    );
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(seen).toBe(1002); // the header, the row and the thousand blank lines allowed
    // Blank lines between the rows of a real report are fine.
    expect(rows('a,b\n\n1,2\n\n3,4\n\n')).toHaveLength(7); // with the empty row after the last line break
  });

  test('a line longer than 16 MiB is refused without re-reading it for every chunk', () => {
    const text = `a,b\n${'x'.repeat(20 * 1024 * 1024)}\n`;
    expect(() => eachCsvRow(text, 'long.csv', () => undefined)).toThrow(
      /^long\.csv: line 2 is longer than 16 MiB; this is not a CSV file$/,
    );
  });
});

describe('AEMO C/I/D reader: the END OF REPORT row closes and counts the file', () => {
  const report = (d: string, end = 'C,"END OF REPORT",5') =>
    `C,NEMP.WORLD,TRADINGIS,AEMO,PUBLIC,2023/08/30,17:55:04\r\nI,TRADING,PRICE,3,SETTLEMENTDATE,REGIONID,RRP\r\n${d}\r\nD,TRADING,PRICE,3,"2023/08/30 18:00:00",QLD1,61.2\r\n${end}\r\n`;
  const row = 'D,TRADING,PRICE,3,"2023/08/30 18:00:00",NSW1,95.1';

  test('a whole report reads; its rows may end with LF where the header rows end with CRLF', () => {
    const tables = readCidTables(report(row), 'r.CSV');
    expect(tables.get('TRADING,PRICE')!.rows).toEqual([
      ['2023/08/30 18:00:00', 'NSW1', '95.1'],
      ['2023/08/30 18:00:00', 'QLD1', '61.2'],
    ]);
    expect(readCidTables(report(row).replace(/\r\nD/g, '\nD'), 'r.CSV')).toEqual(tables);
  });

  test('a count that does not match, a row after the end, a missing end or a short D row are refused', () => {
    expect(() => readCidTables(report(row, 'C,"END OF REPORT",6'), 'r.CSV')).toThrow(
      /^r\.CSV: the "END OF REPORT" line says the report has 6 lines, but it is line 5: lines were lost or added/,
    );
    expect(() => readCidTables(report(row) + 'D,TRADING,PRICE,3,x,y,z\r\n', 'r.CSV')).toThrow(
      /^r\.CSV: line 6 follows the "END OF REPORT" line of line 5/,
    );
    expect(() => readCidTables(report(row).split('C,"END')[0], 'r.CSV')).toThrow(
      /^r\.CSV: no "END OF REPORT" line: the report is truncated/,
    );
    expect(() => readCidTables(report(row.slice(0, row.lastIndexOf(','))), 'r.CSV')).toThrow(
      /^r\.CSV: line 3 has 2 values where the I row of TRADING,PRICE names 3 columns; the row is cut short or shifted/,
    );
  });
});

const EEX = 'euets/emission-spot-primary-market-auction-report-2024-data.xlsx';

describeShared(EEX)('xlsx reader on the real EEX workbook, edited', () => {
  const edited = (edit: (xml: string) => string): Buffer => {
    const zip = new AdmZip(readShared(EEX));
    const sheet = zip.getEntry('xl/worksheets/sheet1.xml')!;
    zip.updateFile(sheet.entryName, Buffer.from(edit(sheet.getData().toString('utf8'))));
    return zip.toBuffer();
  };

  test('rows out of order, or past row 1,048,576, are refused', () => {
    const second = (xml: string) => /<row r="(\d+)"/g.exec(xml.slice(xml.indexOf('<row r="') + 1))![1];
    expect(() =>
      readXlsxSheet(
        edited((xml) => xml.replace(`<row r="${second(xml)}"`, '<row r="1"')),
        'eex.xlsx',
        'Primary Market Auction',
      ),
    ).toThrow(/^eex\.xlsx: row number "1" is not a row after row \d+ within Excel's 1048576 rows; the workbook is damaged$/);
    expect(() =>
      readXlsxSheet(
        edited((xml) => xml.replace(/<row r="\d+"/, '<row r="1048577"')),
        'eex.xlsx',
        'Primary Market Auction',
      ),
    ).toThrow(/row number "1048577"/);
  });

  test('a number cell in a form JavaScript reads but a workbook never writes (hex) is refused', () => {
    const xml = new AdmZip(readShared(EEX)).getEntry('xl/worksheets/sheet1.xml')!.getData().toString('utf8');
    const number = /<c r="([A-Z]+\d+)" t="n"[^>]*><v>([\d.]+)<\/v><\/c>/.exec(xml)!;
    const hex = edited((x) => x.replace(number[0], number[0].replace(`<v>${number[2]}</v>`, '<v>0x1F</v>')));
    expect(() => readXlsxSheet(hex, 'eex.xlsx', 'Primary Market Auction')).toThrow(
      `eex.xlsx: cell ${number[1]} holds "0x1F", which is not a number`,
    );
  });
});
