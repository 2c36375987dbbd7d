import AdmZip from 'adm-zip';
import { zipEntries, singleZipMember } from '../../backend/formats/zip';
import { parseXml } from '../../backend/formats/xml';
import { columnIndex, eachCsvRecord, readCsv } from '../../backend/formats/csv';
import { readNumber } from '../../backend/connectors/shared/numbers';

describe('zip reader', () => {
  test('an entry that inflates past the cap is refused', () => {
    const zip = new AdmZip();
    zip.addFile('bomb.csv', Buffer.alloc(4 * 1024 * 1024, 0x30));
    const bytes = zip.toBuffer();
    expect(bytes.length).toBeLessThan(100_000);
    expect(() => zipEntries(bytes, 'bomb.zip', 1024 * 1024)[0].read()).toThrow(/inflates past the 1 MiB cap/);
  });

  test('a zip whose header lies about the size still stops at the cap', () => {
    const zip = new AdmZip();
    zip.addFile('liar.csv', Buffer.alloc(3 * 1024 * 1024, 0x31));
    const bytes = zip.toBuffer();
    // Patch the central directory's uncompressed size to 10 bytes.
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(10, cd + 24);
    expect(() => zipEntries(bytes, 'liar.zip', 1024 * 1024)[0].read()).toThrow(/cap|damaged/);
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
    const [header] = readCsv('Date,Price\n2025-01-01,3\n');
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
