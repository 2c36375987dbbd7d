/**
 * The fast paths of readInstant (OASIS time stamps from their character codes), readNumber (plain
 * decimals from their character codes) and pointColumns (the series of the point before) against
 * what the general reading gives, on every cell of the real files, and on refused input.
 */
import { fixedInstantAt, readInstant } from '../../backend/connectors/shared/dates';
import { plainDecimalAt, readNumber } from '../../backend/connectors/shared/numbers';
import { type ParsedPoint, ParseError, PointBuffer, pointColumns, PointList } from '../../backend/domain';
import { readCsv } from '../../backend/formats/csv';
import { decodeShiftJis } from '../../backend/formats/text';
import { zipEntries } from '../../backend/formats/zip';
import { describeShared, readShared } from '../support/fixtures';

const CAISO = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const JEPX = 'jepx/spot_summary_2024_FY2024_to_2024-12-02.csv';

describeShared([CAISO, JEPX])('fast paths on real files', () => {
  const zip = readShared(CAISO);
  const [header, ...rows] = readCsv(zipEntries(zip, CAISO)[0].read(), CAISO).filter((r) => r.length > 1);
  const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);

  test('every OASIS time stamp reads as Date.parse reads it', () => {
    const stamps = [...new Set([...column('INTERVALSTARTTIME_GMT'), ...column('INTERVALENDTIME_GMT')])];
    expect(stamps.length).toBeGreaterThan(20);
    expect(stamps.filter((stamp) => readInstant(stamp, CAISO, 'w') !== Date.parse(stamp))).toEqual([]);
    expect(readInstant(rows[0][0], CAISO, 'w')).toBe(Date.UTC(2020, 0, 2, 5));
  });

  test('every OASIS price and every JEPX number reads as Number() reads it', () => {
    const [jepxHeader, ...jepxRows] = readCsv(decodeShiftJis(readShared(JEPX)), JEPX).filter((r) => r.length > 1);
    const cells = [...column('MW'), ...jepxRows.flatMap((r) => r.slice(2, jepxHeader.length))];
    expect(cells.length).toBeGreaterThan(300_000);
    expect(cells.filter((cell) => !Object.is(readNumber(cell, 's', 'w'), Number(cell)))).toEqual([]);
    expect(readNumber(rows[0][header.indexOf('MW')], 's', 'w')).toBe(34.04259);
    expect(readNumber(jepxRows[0][5], 's', 'w')).toBe(8.57);
  });

  test('read from their bytes (a plain CSV), every OASIS time stamp and price reads as Date.parse and Number() read it', () => {
    const bytesOf = (cell: string) => Buffer.from(` ${cell} `, 'latin1'); // the cell between two other bytes, as in a row
    const stamps = [...new Set([...column('INTERVALSTARTTIME_GMT'), ...column('INTERVALENDTIME_GMT')])];
    expect(stamps.filter((stamp) => fixedInstantAt(bytesOf(stamp), 1, stamp.length + 1) !== Date.parse(stamp))).toEqual([]);
    const prices = column('MW');
    expect(prices.length).toBe(162_848);
    expect(prices.filter((cell) => !Object.is(plainDecimalAt(bytesOf(cell), 1, cell.length + 1), Number(cell)))).toEqual([]);
  });
});

describe('the readings of bytes leave to the text readers (NaN) what they do not read as those do', () => {
  const at = (read: (bytes: Uint8Array, from: number, to: number) => number, cell: string) =>
    read(Buffer.from(cell, 'latin1'), 0, cell.length);

  test.each([
    '2020-02-30T05:00:00-00:00',
    '2020-01-02T24:00:00-00:00',
    '2020-01-02T05:60:00Z',
    '2020-01-02T05:00:00*00:00',
    '2020-01-02T05:00:00+24:00',
    '2020-13-02T05:00:00-00:00',
    '2x20-01-02T05:00:00-00:00',
    '20x0-01-02T05:00:00-00:00',
    '2020-01-02 05:00:00-00:00',
    '2020-01-02T05:00Z',
    ' 2020-01-02T05:00:00Z',
  ])('time stamp %s', (cell) => {
    expect(at(fixedInstantAt, cell)).toBeNaN();
  });

  test('time stamps it reads: offsets either way, UTC as Z', () => {
    for (const cell of ['2020-01-02T05:00:00-08:00', '2020-01-02T05:00:00+09:30', '2024-02-29T23:59:59Z', '2020-01-02T05:00:00-00:00'])
      expect([cell, at(fixedInstantAt, cell)]).toEqual([cell, Date.parse(cell)]);
  });

  test.each(['', '-', '+1', '.5', '5.', '1e3', '1,000', '1.2.3', ' 1', '1 ', '1234567890123456', '0x1F'])('number "%s"', (cell) => {
    expect(at(plainDecimalAt, cell)).toBeNaN();
  });

  test('numbers it reads, as Number() reads them', () => {
    for (const cell of ['0', '-0', '-0.00', '34.04259', '-12.5', '123456789012345', '0.000001', '99999.99999'])
      expect([cell, Object.is(at(plainDecimalAt, cell), Number(cell))]).toEqual([cell, true]);
  });
});

describe('fast paths refuse as the general reading does', () => {
  test.each([
    '2020-02-30T05:00:00-00:00',
    '2020-01-02T25:00:00-00:00',
    '2020-01-02T05:60:00Z',
    '2020-01-02T05:00:00*00:00',
    '2020-13-02T05:00:00-00:00',
    '2x20-01-02T05:00:00-00:00',
  ])('%s', (text) => {
    expect(() => readInstant(text, 'f.csv', 'line 2, interval GMT')).toThrow(
      new ParseError('f.csv', `line 2, interval GMT: "${text}" is not a date-time with a UTC offset`),
    );
  });

  test('stamps read again answer as the first time, past the number of stamps kept too', () => {
    // 10,000 hours from 2020-01-01 (more stamps than readInstant keeps), each with its offset, twice over.
    const stamps = Array.from(
      { length: 10_000 },
      (_, h) => new Date(Date.UTC(2020, 0, 1) + h * 3_600_000).toISOString().slice(0, 19) + '-00:00',
    );
    for (const round of [1, 2]) expect([round, stamps.filter((s) => readInstant(s, 's', 'w') !== Date.parse(s))]).toEqual([round, []]);
  });

  test('stamps alike but for their month or the sign of their offset are each read as themselves, again and again', () => {
    const alike = ['2020-01-02T05:00:00-01:00', '2020-01-02T05:00:00+01:00', '2020-03-02T05:00:00-01:00', '2021-01-02T05:00:00-01:00'];
    const order = [...alike, ...[...alike].reverse(), ...alike];
    expect(order.map((s) => readInstant(s, 's', 'w'))).toEqual(order.map((s) => Date.parse(s)));
  });

  test('forms the fast path leaves to the general reading', () => {
    expect(readInstant('2020-01-02T24:00:00-00:00', 's', 'w')).toBe(Date.UTC(2020, 0, 3));
    expect(readInstant('2020-01-02T05:00:00+09:30', 's', 'w')).toBe(Date.UTC(2020, 0, 1, 19, 30));
    expect(readInstant('0099-01-02T05:00:00Z', 's', 'w')).toBe(Date.parse('0099-01-02T05:00:00Z'));
    expect(readInstant(' 2020-01-02T05:00Z', 's', 'w')).toBe(Date.UTC(2020, 0, 2, 5));
  });

  test('numbers', () => {
    expect(() => readNumber('12.3.4', 'f.csv', 'LMP', 7)).toThrow(new ParseError('f.csv', 'line 7, LMP: "12.3.4" is not a number'));
    expect(() => readNumber('1-2', 'f.csv', 'LMP', 7)).toThrow(new ParseError('f.csv', 'line 7, LMP: "1-2" is not a number'));
    expect(readNumber('-', 's', 'w')).toBeUndefined();
    expect(Object.is(readNumber('-0.00', 's', 'w'), -0)).toBe(true);
    expect(readNumber('1,012.50', 's', 'w')).toBe(1012.5);
    expect(readNumber('.5', 's', 'w')).toBe(0.5);
    expect(readNumber('5.', 's', 'w')).toBe(5);
    expect(readNumber('0.1', 's', 'w')).toBe(0.1);
    expect(readNumber('1234567890.123456789', 's', 'w')).toBe(1234567890.1234567);
    // Sixteen digits can be past 2^53: read as Number() rounds them, not digit by digit.
    expect(readNumber('9007199254740993', 's', 'w')).toBe(9007199254740992);
    expect(readNumber('-9999999999999999', 's', 'w')).toBe(-10000000000000000);
  });
});

test('pointColumns: interleaved and repeated series keep their first index', () => {
  const point = (location: string, product: string, start: number): ParsedPoint => ({
    location,
    run: 'DA',
    product,
    start,
    end: start + 1,
    value: start,
  });
  const points = [
    point('A', 'LMP', 0),
    point('A', 'LMP', 1),
    point('B', 'LMP', 2),
    point('A', 'LMP', 3),
    point('A', 'MCC', 4),
    point('B', 'LMP', 5),
  ];
  const columns = pointColumns([...points, { ...point('A', 'LMP', 6), currency: 'SEK' }]);
  expect([...columns.seriesIndex]).toEqual([0, 0, 1, 0, 2, 1, 3]);
  expect(columns.series.map((s) => `${s.location} ${s.product} ${s.currency ?? ''}`)).toEqual(['A LMP ', 'B LMP ', 'A MCC ', 'A LMP SEK']);
  expect([...columns.start]).toEqual([0, 1, 2, 3, 4, 5, 6]);
});

test('series handles: a series named by handle and by name is one series, in columns and in objects alike', () => {
  const columns = new PointBuffer();
  columns.add('A', 'DA', 'LMP', 0, 1, 10);
  const [b, a, sek] = [
    columns.seriesHandle('B', 'DA', 'LMP'),
    columns.seriesHandle('A', 'DA', 'LMP'),
    columns.seriesHandle('A', 'DA', 'LMP', 'SEK'),
  ];
  columns.addTo(b, 1, 2, 20);
  columns.addTo(a, 2, 3, 30);
  columns.add('B', 'DA', 'LMP', 3, 4, 40);
  columns.addTo(sek, 4, 5, 50);
  const { series, seriesIndex, value } = columns.columns();
  expect([...seriesIndex]).toEqual([0, 1, 0, 1, 2]);
  expect(series.map((s) => `${s.location} ${s.currency ?? ''}`)).toEqual(['A ', 'B ', 'A SEK']);
  expect([...value]).toEqual([10, 20, 30, 40, 50]);

  const objects = new PointList();
  const handle = objects.seriesHandle('A', 'DA', 'LMP', 'SEK');
  objects.addTo(handle, 4, 5, 50);
  objects.add('B', 'DA', 'LMP', 3, 4, 40);
  expect(objects.points).toEqual([
    { location: 'A', run: 'DA', product: 'LMP', start: 4, end: 5, value: 50, currency: 'SEK' },
    { location: 'B', run: 'DA', product: 'LMP', start: 3, end: 4, value: 40 },
  ]);
});
