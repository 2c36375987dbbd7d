import { jepxConnector } from '../../backend/connectors/apac/jepx';
import { spotSummaryReport } from '../../backend/connectors/apac/jepx/reports';
import { periodOf } from '../../backend/connectors/fetch';
import { type ParsedPoint, ParseError } from '../../backend/domain';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { headText } from '../../backend/formats/text';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { pointAt } from '../support/points';

// Real files: ../shared/fixtures/jepx (captured). Own fixture: test/fixtures/jepx/spot_summary_2025_sample.csv,
// written from documentation in the real layout (made-up values, see its README).
const FY2024 = 'jepx/spot_summary_2024_FY2024_to_2024-12-02.csv';
const FY2026 = 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv';
const ctx = (source: string): ParseContext => ({ market: jepxConnector.market, source });
const REFERER = { Referer: 'https://www.jepx.jp/electricpower/market-data/spot/' };

/** The fixture's ASCII parts can be edited as latin1 text without touching its Shift_JIS bytes. */
function sjis(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

describeShared(FY2024)('JEPX spot_summary FY2024 (real file)', () => {
  let points: ParsedPoint[];
  beforeAll(() => ({ points } = spotSummaryReport.parse(readShared(FY2024), ctx(FY2024))));

  it('reads every row: 246 days x 48 slots, 10 prices and 7 volumes each', () => {
    expect(points).toHaveLength(11808 * 17);
    expect(points.every((p) => p.run === 'DA' && p.end - p.start === 30 * 60_000)).toBe(true);
  });

  it('reads the same points into columns, as an import does', () => {
    const { columns } = spotSummaryReport.parseColumns!(readShared(FY2024), ctx(FY2024));
    const fromColumns = Array.from(columns.start, (start, i) => {
      const { location, run, product } = columns.series[columns.seriesIndex[i]];
      return { location, run, product, start, end: columns.end[i], value: columns.value[i] };
    });
    expect(fromColumns).toEqual(points);
  });

  it('first row: 2024/04/01 slot 1 is JST 00:00-00:30', () => {
    const iso = '2024-03-31T15:00:00.000Z';
    expect(pointAt(points, 'SYSTEM', 'LMP', iso)?.value).toBe(8.57);
    expect(pointAt(points, 'HOKKAIDO', 'LMP', iso)?.value).toBe(9.02);
    expect(pointAt(points, 'TOKYO', 'LMP', iso)?.value).toBe(9.02);
    expect(pointAt(points, 'KYUSHU', 'LMP', iso)?.value).toBe(7.15);
    expect(pointAt(points, 'SYSTEM', 'SELL_VOLUME', iso)?.value).toBe(19499550);
    expect(pointAt(points, 'SYSTEM', 'BUY_VOLUME', iso)?.value).toBe(13094050);
    expect(pointAt(points, 'SYSTEM', 'CONTRACT_VOLUME', iso)?.value).toBe(10474250);
    expect(pointAt(points, 'SYSTEM', 'SELL_BLOCK_VOLUME', iso)?.value).toBe(6026600);
    expect(pointAt(points, 'SYSTEM', 'SELL_BLOCK_CONTRACT_VOLUME', iso)?.value).toBe(413850);
    expect(pointAt(points, 'SYSTEM', 'BUY_BLOCK_VOLUME', iso)?.value).toBe(1120800);
    expect(pointAt(points, 'SYSTEM', 'BUY_BLOCK_CONTRACT_VOLUME', iso)?.value).toBe(1120800);
    expect(pointAt(points, 'TOKYO', 'SELL_VOLUME', iso)).toBeUndefined();
  });

  it('a mid row: 2024/06/15 slot 3 is JST 01:00', () => {
    const iso = '2024-06-14T16:00:00.000Z';
    expect(pointAt(points, 'SYSTEM', 'LMP', iso)?.value).toBe(12.93);
    expect(pointAt(points, 'TOKYO', 'LMP', iso)?.value).toBe(14.5);
    expect(pointAt(points, 'KANSAI', 'LMP', iso)?.value).toBe(11.41);
  });

  it('last row: 2024/12/02 slot 48 is JST 23:30-24:00', () => {
    const p = pointAt(points, 'SHIKOKU', 'LMP', '2024-12-02T14:30:00.000Z');
    expect(p?.value).toBe(3);
    expect(p?.end).toBe(Date.parse('2024-12-02T15:00:00.000Z'));
    expect(pointAt(points, 'SYSTEM', 'LMP', '2024-12-02T14:30:00.000Z')?.value).toBe(10.14);
    expect(pointAt(points, 'TOKYO', 'LMP', '2024-12-02T14:30:00.000Z')?.value).toBe(10.39);
  });

  it('JST has no DST: 2024-11-03 (US fall-back day) has 48 slots covering exactly its 24 hours', () => {
    const { start, end } = dayBounds('2024-11-03', 'Asia/Tokyo');
    expect(end - start).toBe(24 * 3_600_000);
    const day = points.filter((p) => p.location === 'CHUBU' && p.product === 'LMP' && p.start >= start && p.start < end);
    expect(day).toHaveLength(48);
    expect(day[0].value).toBe(10.51);
    expect(day[47].value).toBe(9);
    expect(day[47].end).toBe(end);
  });

  it('is recognized for import from its Shift_JIS header, whatever its name', () => {
    const bytes = readShared(FY2024);
    expect(spotSummaryReport.detect!({ name: 'download.csv', head: headText(bytes), bytes })).toBe(true);
  });
});

describeShared(FY2026)('JEPX spot_summary FY2026 (real file)', () => {
  it('reads the first and last rows', () => {
    const { points } = spotSummaryReport.parse(readShared(FY2026), ctx(FY2026));
    expect(points).toHaveLength(912 * 17);
    expect(pointAt(points, 'SYSTEM', 'LMP', '2026-03-31T15:00:00.000Z')?.value).toBe(17.75);
    expect(pointAt(points, 'TOHOKU', 'LMP', '2026-03-31T15:00:00.000Z')?.value).toBe(20.15);
    expect(pointAt(points, 'KYUSHU', 'LMP', '2026-03-31T15:00:00.000Z')?.value).toBe(8.78);
    expect(pointAt(points, 'SYSTEM', 'LMP', '2026-04-19T14:30:00.000Z')?.value).toBe(14.69);
  });
});

describe('JEPX spot_summary (own fixture)', () => {
  const file = 'jepx/spot_summary_2025_sample.csv';

  it('reads prices, keeps the 0.01 floor, and skips an empty cell', () => {
    const { points } = spotSummaryReport.parse(readOwn(file), ctx(file));
    expect(pointAt(points, 'SYSTEM', 'LMP', '2025-03-31T15:00:00.000Z')?.value).toBe(10.25);
    expect(pointAt(points, 'TOKYO', 'LMP', '2025-03-31T15:00:00.000Z')?.value).toBe(11.25);
    expect(pointAt(points, 'SYSTEM', 'LMP', '2025-04-01T14:30:00.000Z')?.value).toBe(22);
    expect(pointAt(points, 'KYUSHU', 'LMP', '2025-04-01T15:00:00.000Z')?.value).toBe(0.01);
    expect(pointAt(points, 'SHIKOKU', 'LMP', '2025-04-01T15:00:00.000Z')).toBeUndefined();
    expect(points.filter((p) => p.location === 'SYSTEM' && p.product === 'LMP')).toHaveLength(49);
  });

  it('a renamed column is a ParseError naming it', () => {
    const renamed = editHeader(readOwn(file), (cells) => cells.map((c, i) => (i === 8 ? Buffer.from('TOKYO') : c)));
    expect(() => spotSummaryReport.parse(renamed, ctx('renamed.csv'))).toThrow(/missing column "エリアプライス東京\(円\/kWh\)"/);
  });

  it('a missing column is a ParseError naming it', () => {
    const dropped = editHeader(readOwn(file), (cells) => cells.filter((_, i) => i !== 5));
    expect(() => spotSummaryReport.parse(dropped, ctx('dropped.csv'))).toThrow(ParseError);
    expect(() => spotSummaryReport.parse(dropped, ctx('dropped.csv'))).toThrow(/missing column "システムプライス\(円\/kWh\)"/);
  });

  it('an HTML page is a ParseError', () => {
    const html = Buffer.from('<!DOCTYPE html><html><body>403 Forbidden</body></html>');
    expect(() => spotSummaryReport.parse(html, ctx('page.html'))).toThrow(ParseError);
  });

  it('a bad time code or number is a ParseError, never a silent zero', () => {
    const text = readOwn(file).toString('latin1');
    expect(() => spotSummaryReport.parse(sjis(text.replace('2025/04/01,48,', '2025/04/01,49,')), ctx('x'))).toThrow(/time code "49"/);
    expect(() => spotSummaryReport.parse(sjis(text.replace(',22.00,', ',22.0O,')), ctx('x'))).toThrow(/"22.0O" is not a number/);
  });

  it('is not recognized from other content', () => {
    const bytes = Buffer.from('Date,Hour,Price\r\n2025-04-01,1,10\r\n');
    expect(spotSummaryReport.detect!({ name: 'spot_summary_2025.csv', head: headText(bytes), bytes })).toBe(false);
  });
});

describe('JEPX periods and requests', () => {
  it('one download serves the fiscal year (April to March)', () => {
    const p = periodOf(spotSummaryReport, '2025-03-31');
    expect(p.key).toBe('FY2024');
    expect(p.days[0]).toBe('2024-04-01');
    expect(p.days[p.days.length - 1]).toBe('2025-03-31');
    expect(p.days).toHaveLength(365);
    expect(periodOf(spotSummaryReport, '2024-04-01').key).toBe('FY2024');
    expect(periodOf(spotSummaryReport, '2024-03-31').key).toBe('FY2023');
  });

  const request = (day: string): RequestContext => ({ period: periodOf(spotSummaryReport, day), run: 'DA', product: 'LMP', keys: {} });

  it('replays the FY file request with its Referer (own fixture)', async () => {
    const { result, http } = await replayFetch(jepxConnector, spotSummaryReport, request('2025-04-01'), [
      {
        request: { url: 'https://www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_2025.csv', headers: REFERER },
        file: ownPath('jepx/spot_summary_2025_sample.csv'),
      },
    ]);
    expect(pointAt(result.points, 'SYSTEM', 'LMP', '2025-03-31T15:00:00.000Z')?.value).toBe(10.25);
    expect(http.requests).toEqual([
      {
        method: 'GET',
        url: 'https://www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_2025.csv',
        headerNames: ['Referer'],
        source: 'replay',
      },
    ]);
  });

  describeShared(FY2024)('real file', () => {
    it('replays FY2024 for a day in November', async () => {
      const { result, http } = await replayFetch(jepxConnector, spotSummaryReport, request('2024-11-03'), [
        {
          request: { url: 'https://www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_2024.csv', headers: REFERER },
          file: sharedPath(FY2024),
        },
      ]);
      expect(pointAt(result.points, 'CHUBU', 'LMP', '2024-11-02T15:00:00.000Z')?.value).toBe(10.51);
      expect(http.requests.map((r) => r.url)).toEqual(['https://www.jepx.jp/js/csv_read.php?dir=spot_summary&file=spot_summary_2024.csv']);
    });
  });
});

describe('JEPX locations', () => {
  it('has SYSTEM and the nine areas with Japanese aliases', () => {
    const byName = new Map(jepxConnector.locations.map((l) => [l.name, l]));
    expect([...byName.keys()]).toEqual([
      'SYSTEM',
      'HOKKAIDO',
      'TOHOKU',
      'TOKYO',
      'CHUBU',
      'HOKURIKU',
      'KANSAI',
      'CHUGOKU',
      'SHIKOKU',
      'KYUSHU',
    ]);
    expect(byName.get('TOKYO')?.aliases).toContain('東京');
    expect(byName.get('SYSTEM')?.aliases).toContain('システム');
    expect(jepxConnector.market.unit).toBe('kWh');
    expect(jepxConnector.market.currency).toBe('JPY');
  });
});

/**
 * Edits the Shift_JIS header line cell by cell on the bytes (Node has no Shift_JIS encoder; a comma
 * byte never occurs inside a Shift_JIS double-byte character).
 */
function editHeader(bytes: Buffer, edit: (cells: Buffer[]) => Buffer[]): Buffer {
  const eol = bytes.indexOf('\r\n');
  const cells: Buffer[] = [];
  let from = 0;
  for (let i = 0; i <= eol; i++) {
    if (i === eol || bytes[i] === 0x2c) {
      cells.push(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  const edited = edit(cells);
  const parts = edited.flatMap((c, i) => (i ? [Buffer.from(','), c] : [c]));
  return Buffer.concat([...parts, bytes.subarray(eol)]);
}
