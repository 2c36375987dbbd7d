/**
 * Plain CSV bytes (formats/plain-csv.ts): which files are read as bytes, the cells and lines of
 * their rows, and the rows that stop the reading. Written here, in the shape of the reports.
 */
import { bytesEqual, isPlainText, plainCsv, PlainRows, sameBytes } from '../../backend/formats/plain-csv';

const COLUMNS = { when: ['WHEN'], node: ['NODE'], value: ['VALUE'] };

function rowsOf(text: string, lineOffset = 0): { cells: string[][]; lines: number[]; plain: boolean } {
  const bytes = Buffer.from(text, 'latin1');
  const csv = plainCsv(bytes, 'f.csv', COLUMNS);
  if (!csv) throw new Error('not plain');
  const rows = new PlainRows(csv, lineOffset);
  const cells: string[][] = [];
  const lines: number[] = [];
  while (rows.next()) {
    const row: string[] = [];
    for (let k = 0; k < csv.width; k++) row.push(bytes.toString('latin1', rows.cells[2 * k], rows.cells[2 * k + 1]));
    cells.push(row);
    lines.push(rows.line);
  }
  return { cells, lines, plain: rows.plain };
}

describe('plainCsv: a file read as bytes', () => {
  test('the header names its columns; the rows start after it', () => {
    const text = 'VALUE,NODE,WHEN\n1,A,t\n';
    const csv = plainCsv(Buffer.from(text), 'f.csv', COLUMNS)!;
    expect(csv.col).toEqual({ when: 2, node: 1, value: 0 });
    expect([csv.width, csv.rowsFrom]).toEqual([3, 'VALUE,NODE,WHEN\n'.length]);
  });

  test.each([
    ['a quote anywhere', 'WHEN,NODE,VALUE\n1,"A",2\n'],
    ['a NUL byte', 'WHEN,NODE,VALUE\n1,A\u0000,2\n'],
    ['no line break after the last line', 'WHEN,NODE,VALUE\n1,A,2'],
    ['a column the reader needs missing', 'WHEN,VALUE\n1,2\n'],
    ['a header ending in an empty cell', 'WHEN,NODE,VALUE,\n1,A,2,\n'],
    ['an empty file', ''],
  ])('is read as text: %s', (_, text) => {
    expect(plainCsv(Buffer.from(text, 'latin1'), 'f.csv', COLUMNS)).toBeUndefined();
  });

  test('the header is decoded as the caller says (a Shift_JIS header over ASCII rows)', () => {
    const header = Buffer.from([0x8e, 0xf3, 0x93, 0x6e, 0x93, 0xfa, 0x2c, 0x56, 0x0a]); // 受渡日,V in Shift_JIS
    const bytes = Buffer.concat([header, Buffer.from('2024/4/1,8.5\n')]);
    const decoder = new TextDecoder('shift_jis');
    const csv = plainCsv(bytes, 'f.csv', { date: ['受渡日'], v: ['V'] }, [], (b) => decoder.decode(b));
    expect(csv?.col).toEqual({ date: 0, v: 1 });
  });
});

describe('PlainRows: each row as the bytes of its cells', () => {
  test('cells untrimmed, empty cells empty, lines numbered as the text reader numbers them', () => {
    expect(rowsOf('WHEN,NODE,VALUE\n1, A ,2.5\n2,,\n')).toEqual({
      cells: [
        ['1', ' A ', '2.5'],
        ['2', '', ''],
      ],
      lines: [2, 3],
      plain: true,
    });
  });

  test('a piece of a larger file: its lines are further down', () => {
    expect(rowsOf('WHEN,NODE,VALUE\n1,A,2\n2,B,3\n', 1000).lines).toEqual([1002, 1003]);
  });

  test('CRLF line ends are no part of the last cell', () => {
    expect(rowsOf('WHEN,NODE,VALUE\r\n1,A,2\r\n3,B,4\r\n')).toEqual({
      cells: [
        ['1', 'A', '2'],
        ['3', 'B', '4'],
      ],
      lines: [2, 3],
      plain: true,
    });
  });

  test('long rows across the four-byte steps: every comma found', () => {
    const row = (i: number) => [`2020-01-02T${String(i % 24).padStart(2, '0')}:00:00-00:00`, `NODE_${'X'.repeat(i % 7)}_${i}`, `${i}.125`];
    const rows = Array.from({ length: 50 }, (_, i) => row(i));
    const text = `WHEN,NODE,VALUE\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    // The same rows at every alignment of the buffer they sit in.
    for (let shift = 0; shift < 4; shift++) {
      const padded = Buffer.concat([Buffer.alloc(shift), Buffer.from(text, 'latin1')]).subarray(shift);
      const csv = plainCsv(padded, 'f.csv', COLUMNS)!;
      const reading = new PlainRows(csv, 0);
      const read: string[][] = [];
      while (reading.next()) read.push([0, 1, 2].map((k) => padded.toString('latin1', reading.cells[2 * k], reading.cells[2 * k + 1])));
      expect([shift, read]).toEqual([shift, rows]);
    }
  });

  test.each([
    ['a row with a cell fewer than the header', 'WHEN,NODE,VALUE\n1,A,2\n3,B\n'],
    ['a row with a cell more', 'WHEN,NODE,VALUE\n1,A,2\n3,B,4,\n'],
    ['a blank line', 'WHEN,NODE,VALUE\n1,A,2\n\n3,B,4\n'],
    ['a CR that does not end its line', 'WHEN,NODE,VALUE\n1,A\r,2\n'],
    ['a lone CR as a line end', 'WHEN,NODE,VALUE\n1,A,2\r3,B,4\n'],
  ])('the rows stop, not plain: %s', (_, text) => {
    const { cells, plain } = rowsOf(text);
    expect(plain).toBe(false);
    expect(cells.length).toBeLessThanOrEqual(1);
  });
});

test('cell tests: plain text, ASCII equality, the same bytes twice', () => {
  const bytes = Buffer.from('LMP, LMP,LMP ,A B,\u00e9t\u00e9,LMP', 'latin1');
  const cell = (k: number): [number, number] => {
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x2c) starts.push(i + 1);
    return [starts[k], k + 1 < starts.length ? starts[k + 1] - 1 : bytes.length];
  };
  expect([0, 1, 2, 3, 4].map((k) => isPlainText(bytes, ...cell(k)))).toEqual([true, false, false, true, false]);
  expect(isPlainText(bytes, 3, 3)).toBe(false);
  expect([bytesEqual(bytes, ...cell(0), 'LMP'), bytesEqual(bytes, ...cell(1), 'LMP'), bytesEqual(bytes, ...cell(0), 'LM')]).toEqual([
    true,
    false,
    false,
  ]);
  expect([sameBytes(bytes, ...cell(0), ...cell(5)), sameBytes(bytes, ...cell(0), ...cell(2))]).toEqual([true, false]);
});
