/**
 * The readings of plain bytes (PlainSinkReader: OASIS LMP, the JEPX spot summary) against the text
 * readers they stand in for: on the real files they read every row and give the same columns and
 * locations; on a file with anything they cannot read as text reads it, they step aside, and the
 * report answers (or refuses) exactly as its text reader does.
 */
import { connectors } from '../../backend/connectors/registry';
import type { ParseContext, PlainSinkReader, SinkReader } from '../../backend/connectors/types';
import { readSpotSummary, readSpotSummaryPlain } from '../../backend/connectors/apac/jepx/parse';
import { oasisCsv, oasisPlainReader, oasisReader } from '../../backend/connectors/us/caiso/parse';
import { PRC_LMP, PRC_RTPD_LMP } from '../../backend/connectors/us/caiso/requests';
import { sinkParsers } from '../../backend/connectors/shared/points';
import { PointBuffer, type ParsedColumns } from '../../backend/domain';
import { linePieces, lineEnds } from '../../backend/import/pieces';
import { findReport } from '../../backend/import/recognize';
import { describeShared, readShared } from '../support/fixtures';

const DAM_ALL = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const DAM_ONE = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const RTPD = [
  'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_49_39_v2.csv',
  'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_57_28_v2.csv',
];
const SPOT = ['jepx/spot_summary_2024_FY2024_to_2024-12-02.csv', 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv'];

interface Readers {
  report: string;
  text: SinkReader;
  plain: PlainSinkReader;
}
const DAM: Readers = { report: 'caiso.prc_lmp', text: oasisReader(PRC_LMP, 'DA'), plain: oasisPlainReader(PRC_LMP, 'DA') };
const RT15: Readers = {
  report: 'caiso.prc_rtpd_lmp',
  text: oasisReader(PRC_RTPD_LMP, 'RT15'),
  plain: oasisPlainReader(PRC_RTPD_LMP, 'RT15'),
};
const JEPX: Readers = { report: 'jepx.spot_summary', text: readSpotSummary, plain: readSpotSummaryPlain };

function context(readers: Readers, lineOffset?: number): ParseContext {
  const { connector } = findReport(connectors, readers.report);
  return { market: connector.market, source: 'f.csv', lineOffset };
}

/** The plain reading alone: undefined when it stepped aside. */
function plainReading(readers: Readers, bytes: Buffer, lineOffset?: number): ParsedColumns | undefined {
  const sink = new PointBuffer();
  const locations = readers.plain(bytes, context(readers, lineOffset), sink);
  return locations && { columns: sink.columns(), locations };
}

/** A reading with each column's numbers as one text: compared at once, where 200,000 numbers one by one take seconds. */
function comparable(reading: ParsedColumns | undefined) {
  if (!reading) return reading;
  const { series, seriesIndex, start, end, value } = reading.columns;
  const text = (a: Uint32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return { series, locations: reading.locations, seriesIndex: text(seriesIndex), start: text(start), end: text(end), value: text(value) };
}

/** What a reading gives, or the error it throws. */
function outcome(read: () => ParsedColumns): ReturnType<typeof comparable> | { error: string } {
  try {
    return comparable(read());
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

/** The report's reading (plain first) and its text reader's alone: the same columns, locations or error. */
function expectAsText(readers: Readers, bytes: Buffer, lineOffset?: number): void {
  const ctx = context(readers, lineOffset);
  const asText = outcome(() => sinkParsers(readers.text).parseColumns(bytes, ctx));
  const asReport = outcome(() => findReport(connectors, readers.report).report.parseColumns!(bytes, ctx));
  expect(asReport).toEqual(asText);
}

describeShared([DAM_ALL, DAM_ONE, ...RTPD, ...SPOT])('on the real files, the plain reading reads every row as text does', () => {
  test.each([
    [DAM_ALL, DAM],
    [DAM_ONE, DAM],
    [RTPD[0], RT15],
    [RTPD[1], RT15],
    [SPOT[0], JEPX],
    [SPOT[1], JEPX],
  ])('%s', (file, readers) => {
    const bytes = readShared(file);
    const plain = plainReading(readers, bytes);
    expect(plain).toBeDefined();
    expect(plain!.columns.start.length).toBeGreaterThan(100);
    expect(comparable(plain)).toEqual(comparable(sinkParsers(readers.text).parseColumns(bytes, context(readers))));
  });

  test('the day of all APNodes in the pieces of a streamed import, each piece read as bytes', async () => {
    const csv = oasisCsv(readShared(DAM_ALL), DAM_ALL);
    let linesBefore = 0;
    let pieces = 0;
    let points = 0;
    for await (const piece of linePieces(
      (async function* () {
        yield csv;
      })(),
      DAM_ALL,
    )) {
      const lineOffset = Math.max(0, linesBefore - 1);
      linesBefore += lineEnds(piece) - (pieces++ > 0 ? 1 : 0);
      const plain = plainReading(DAM, piece, lineOffset);
      expect(comparable(plain)).toEqual(comparable(sinkParsers(DAM.text).parseColumns(piece, context(DAM, lineOffset))));
      points += plain!.columns.start.length;
    }
    expect(pieces).toBeGreaterThan(100);
    expect(points).toBe(162_848);
  });
});

describeShared(DAM_ALL)('a file the plain reading steps aside for is read, or refused, as text reads it', () => {
  // The header and the first rows of the real day of all APNodes, as a bare CSV, then one change.
  const [header, ...rows] = oasisCsv(readShared(DAM_ALL), DAM_ALL).subarray(0, 40_000).toString('latin1').split('\n').slice(0, 120);
  const file = (lines: string[], end = '\n') => Buffer.from([header, ...lines].join(end) + end, 'latin1');
  const cellsOf = (line: string) => line.split(',');
  const column = (name: string) => header.split(',').indexOf(name);
  const withCell = (line: string, name: string, value: string) => {
    const cells = cellsOf(line);
    cells[column(name)] = value;
    return cells.join(',');
  };
  const changed = (at: number, line: string) => rows.map((r, i) => (i === at ? line : r));

  test.each([
    ['a quoted node', changed(5, withCell(rows[5], 'NODE', `"${cellsOf(rows[5])[column('NODE')]}"`))],
    ['a node with a space after it', changed(5, withCell(rows[5], 'NODE', `${cellsOf(rows[5])[column('NODE')]} `))],
    ['a price written 3.4e1', changed(7, withCell(rows[7], 'MW', '3.4e1'))],
    ['a price written -', changed(7, withCell(rows[7], 'MW', '-'))],
    ['an LMP_TYPE with a space before it', changed(9, withCell(rows[9], 'LMP_TYPE', ' MCC'))],
    ['a time stamp of another form', changed(11, withCell(rows[11], 'INTERVALSTARTTIME_GMT', '2020-01-02T05:00Z'))],
    ['a time stamp that is no date', changed(11, withCell(rows[11], 'INTERVALENDTIME_GMT', '2020-02-30T05:00:00-00:00'))],
    ['an interval ending before it starts', changed(11, withCell(rows[11], 'INTERVALENDTIME_GMT', '2020-01-01T05:00:00-00:00'))],
    ['another MARKET_RUN_ID', changed(13, withCell(rows[13], 'MARKET_RUN_ID', 'RTM'))],
    ['a row cut short', changed(15, rows[15].slice(0, rows[15].lastIndexOf(',')))],
    ['a blank line', changed(15, '')],
    ['a row of empty cells', changed(15, ','.repeat(cellsOf(rows[0]).length - 1))],
    ['an empty node', changed(17, withCell(rows[17], 'NODE', ''))],
  ])('%s', (_, lines) => {
    const bytes = file(lines);
    expect(plainReading(DAM, bytes)).toBeUndefined();
    expectAsText(DAM, bytes);
  });

  test.each([
    ['CRLF line ends', file(rows, '\r\n')],
    ['an empty price', file(changed(7, withCell(rows[7], 'MW', '')))],
    ['an LMP_TYPE gridcell does not store', file(changed(9, withCell(rows[9], 'LMP_TYPE', 'MXX')))],
    ['a time stamp in UTC written Z', file(changed(11, withCell(rows[11], 'INTERVALSTARTTIME_GMT', '2020-01-02T05:00:00Z')))],
  ])('read as bytes all the same: %s', (_, bytes) => {
    expect(plainReading(DAM, bytes)).toBeDefined();
    expectAsText(DAM, bytes);
  });

  test("a repeated row is refused by the plain reading in the text reading's words, lines and all", () => {
    const bytes = file([...rows.slice(0, 30), rows[3]]);
    const refused = /line 5 and line 32 both give AFPR_1_TOT_GEN-APND LMP at 2020-01-02T01:00:00.000Z/;
    expect(() => plainReading(DAM, bytes)).toThrow(refused);
    expect(() => sinkParsers(DAM.text).parseColumns(bytes, context(DAM))).toThrow(refused);
    expect(() => plainReading(DAM, bytes, 1000)).toThrow(/line 1005 and line 1032 both give/);
    expectAsText(DAM, bytes, 1000);
  });
});

describeShared(SPOT[0])('a spot summary the plain reading steps aside for is read, or refused, as text reads it', () => {
  const bytes = readShared(SPOT[0]);
  const lines = bytes.toString('latin1').split('\r\n');
  const file = (changed: string[]) => Buffer.from(changed.join('\r\n'), 'latin1');
  const withCell = (at: number, column: number, value: string) =>
    lines.map((line, i) =>
      i === at
        ? line
            .split(',')
            .map((c, k) => (k === column ? value : c))
            .join(',')
        : line,
    );

  test.each([
    ['a time code past 48', withCell(3, 1, '49')],
    ['a delivery date written with dashes', withCell(3, 0, '2024-04-01')],
    ['a value written -', withCell(3, 5, '-')],
    ['a value with a space before it', withCell(3, 5, ' 8.5')],
  ])('%s', (_, changed) => {
    expect(plainReading(JEPX, file(changed))).toBeUndefined();
    expectAsText(JEPX, file(changed));
  });

  test("a repeated half hour is refused by the plain reading in the text reading's words", () => {
    const repeated = file(withCell(3, 1, '1'));
    expect(() => plainReading(JEPX, repeated)).toThrow(/line 2 and line 4 both give the half hour at 2024-03-31T15:00:00.000Z/);
    expectAsText(JEPX, repeated);
  });

  test.each([
    ['a delivery date without leading zeros', withCell(3, 0, '2024/4/1')],
    ['an empty value', withCell(3, 5, '')],
  ])('read as bytes all the same: %s', (_, changed) => {
    expect(plainReading(JEPX, file(changed))).toBeDefined();
    expectAsText(JEPX, file(changed));
  });
});
