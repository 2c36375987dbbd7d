import { jepxConnector } from '../../backend/connectors/apac/jepx';
import type { Report, RequestContext } from '../../backend/connectors/types';
import type { ParseResult } from '../../backend/domain';
import { calendarMonth } from '../../backend/time/periods';
import { fiscalYearPeriod } from '../../backend/connectors/apac/jepx/requests';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, pointsWhere, reportById, valueAt } from '../support/points';

// JEPX intraday (時間前市場) and the Tohoku area supply and demand. Expected values are read off the CSV
// rows by hand; each comment names the line and column.

const intraday = reportById(jepxConnector, 'jepx.intraday');
const tohoku = reportById(jepxConnector, 'jepx.tohoku_area_supply');
const INTRADAY = 'jepx/intraday_2024_FY2024_first_day_2024-04-01_retyped.csv';
const TOHOKU = 'jepx/tohoku_realtime_jukyu_20260415_02_area_demand_sjis.csv';
const HALF_HOUR = 1_800_000;

function parse(report: Report, body: Buffer | string, source = 'test'): ParseResult {
  return report.parse(Buffer.isBuffer(body) ? body : Buffer.from(body), { market: jepxConnector.market, source });
}

describe('JEPX market data for intraday and fundamentals', () => {
  it('lists run ID, ACTUAL, the intraday products with their units, load and the fuels', () => {
    const runs = jepxConnector.market.runs.map((r) => r.id);
    expect(runs).toEqual(expect.arrayContaining(['DA', 'ID', 'ACTUAL']));
    const products = new Map(jepxConnector.market.products.map((p) => [p.id, p]));
    for (const id of ['OPEN', 'HIGH', 'LOW', 'CLOSE']) expect(products.get(id)?.unit).toBeUndefined(); // JPY/kWh like LMP
    expect(products.get('VOLUME')?.unit).toBe('kWh');
    expect(products.get('TRADES')?.unit).toBe('trades');
    expect(products.get('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    for (const report of jepxConnector.reports) for (const product of report.products) expect(products.has(product)).toBe(true);
    expect(jepxConnector.locations.find((l) => l.name === 'TOHOKU')?.aliases).toContain('東北');
  });

  it('the spot summary stays the first report', () => {
    expect(jepxConnector.reports[0].id).toBe('jepx.spot_summary');
  });
});

describeShared(INTRADAY)('intraday FY2024, 2024/04/01 (UTF-8 copy)', () => {
  const { points } = parse(intraday, readShared(INTRADAY));
  const at = (product: string, start: string) => valueAt(points, { location: 'SYSTEM', run: 'ID', product, start });

  it('reads 48 half hours of 7 products on SYSTEM, run ID', () => {
    expect(points).toHaveLength(48 * 7);
    expect(points.every((p) => p.location === 'SYSTEM' && p.run === 'ID' && p.end - p.start === HALF_HOUR)).toBe(true);
  });

  it('slot 1 starts at 00:00 JST (15:00Z the day before)', () => {
    // line 2: 2024/04/01,1,10.10,11.02,7.05,7.39,10.16,128800,53
    const start = '2024-03-31T15:00:00Z';
    expect(at('OPEN', start)).toBe(10.1);
    expect(at('HIGH', start)).toBe(11.02);
    expect(at('LOW', start)).toBe(7.05);
    expect(at('CLOSE', start)).toBe(7.39);
    expect(at('LMP', start)).toBe(10.16);
    expect(at('VOLUME', start)).toBe(128800);
    expect(at('TRADES', start)).toBe(53);
  });

  it('slot 19 (09:00 JST) and slot 48 (23:30 JST)', () => {
    // line 20: 2024/04/01,19,0.01,13.23,0.01,0.40,1.47,485100,132
    expect(at('LMP', '2024-04-01T00:00:00Z')).toBe(1.47);
    expect(at('HIGH', '2024-04-01T00:00:00Z')).toBe(13.23);
    expect(at('LOW', '2024-04-01T00:00:00Z')).toBe(0.01);
    // line 49: 2024/04/01,48,8.26,11.57,6.76,8.02,10.34,604700,258
    expect(pointsWhere(points, { product: 'CLOSE' }).at(-1)).toMatchObject({
      start: Date.parse('2024-04-01T14:30:00Z'),
      end: Date.parse('2024-04-01T15:00:00Z'),
      value: 8.02,
    });
    expect(at('TRADES', '2024-04-01T14:30:00Z')).toBe(258);
  });

  it('is recognized as jepx.intraday only', () => {
    expect(detectedReports(jepxConnector, 'intraday_2024.csv', readShared(INTRADAY))).toEqual(['jepx.intraday']);
  });

  it('is fetched from the CSV endpoint with the intraday page as Referer', async () => {
    const ctx: RequestContext = { period: fiscalYearPeriod('2024-04-01'), run: 'ID', product: 'LMP', keys: {} };
    const request = intraday.request!(ctx);
    expect(request).toEqual({
      url: 'https://www.jepx.jp/js/csv_read.php?dir=intraday&file=intraday_2024.csv',
      headers: { Referer: 'https://www.jepx.jp/electricpower/market-data/intraday/' },
    });
    const { result, http } = await replayFetch(jepxConnector, intraday, ctx, [{ request, file: sharedPath(INTRADAY) }]);
    expect(result.points).toHaveLength(336);
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });

  it('a renamed column is a ParseError naming it', () => {
    const renamed = readShared(INTRADAY).toString('utf8').replace('約定件数', '件数');
    expect(() => parse(intraday, renamed)).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('約定件数') }),
    );
  });
});

describe('intraday in Shift_JIS (own fixture, as JEPX serves it)', () => {
  const bytes = readOwn('jepx/intraday_2025_sample_sjis_written.csv');

  it('decodes Shift_JIS; a slot without trades gives no point, not zero', () => {
    const { points } = parse(intraday, bytes);
    expect(points).toHaveLength(14); // slots 1 and 3, 7 products each
    expect(valueAt(points, { product: 'LMP', start: '2025-03-31T15:00:00Z' })).toBe(9.05); // line 2
    expect(pointsWhere(points, { product: 'LMP' }).map((p) => p.start)).not.toContain(Date.parse('2025-03-31T15:30:00Z')); // line 3, empty
    expect(valueAt(points, { product: 'VOLUME', start: '2025-03-31T16:00:00Z' })).toBe(2500); // line 4
    expect(detectedReports(jepxConnector, ownPath('jepx/intraday_2025_sample_sjis_written.csv'), bytes)).toEqual(['jepx.intraday']);
  });
});

describeShared(TOHOKU)('Tohoku area supply and demand, 2026-04-15 real-time (Shift_JIS, partial day)', () => {
  const { points } = parse(tohoku, readShared(TOHOKU), 'realtime_jukyu_20260415_02.csv');
  const at = (product: string, start: string) => valueAt(points, 'TOHOKU', product, start);

  it('reads the 43 measured half hours (0:00-21:00); the 5 empty rows give nothing', () => {
    expect(points).toHaveLength(43 * 15); // LOAD + 14 fuels
    expect(pointsWhere(points, { product: 'LOAD' })).toHaveLength(43);
    expect(points.every((p) => p.location === 'TOHOKU' && p.run === 'ACTUAL' && p.end - p.start === HALF_HOUR)).toBe(true);
    expect(at('LOAD', '2026-04-15T12:00:00Z')).toBe(7991); // line 45, 21:00 JST
    expect(at('LOAD', '2026-04-15T12:30:00Z')).toBeUndefined(); // line 46, 21:30 JST, empty
  });

  it('maps each supply column to its fuel (line 3, 0:00 JST = 15:00Z the day before)', () => {
    const start = '2026-04-14T15:00:00Z';
    // 2026/4/15,0:00,7224,0,1711,4120,0,291,0,1887,161,593,0,-3,0,185,0,-1,-1,-1748,25,7220
    expect(at('LOAD', start)).toBe(7224);
    expect(at('GEN_NUCLEAR', start)).toBe(0);
    expect(at('GEN_GAS', start)).toBe(1711);
    expect(at('GEN_COAL', start)).toBe(4120);
    expect(at('GEN_OIL', start)).toBe(0);
    expect(at('GEN_OTHER_FOSSIL', start)).toBe(291);
    expect(at('GEN_HYDRO', start)).toBe(1887);
    expect(at('GEN_GEOTHERMAL', start)).toBe(161);
    expect(at('GEN_BIOMASS', start)).toBe(593);
    expect(at('GEN_SOLAR', start)).toBe(-3);
    expect(at('GEN_WIND', start)).toBe(185);
    expect(at('GEN_PUMPED_STORAGE', start)).toBe(-1);
    expect(at('GEN_STORAGE', start)).toBe(-1);
    expect(at('GEN_IMPORTS', start)).toBe(-1748);
    expect(at('GEN_OTHER', start)).toBe(25);
    // The fuels add up to the file's own 合計 (7220), which is not stored.
    const sum = pointsWhere(points, { location: 'TOHOKU' })
      .filter((p) => p.start === Date.parse(start) && p.product.startsWith('GEN_'))
      .reduce((s, p) => s + p.value, 0);
    expect(sum).toBe(7220);
  });

  it('skips the curtailment columns (line 25, 11:00 JST: solar 5963, curtailed 718)', () => {
    expect(at('GEN_SOLAR', '2026-04-15T02:00:00Z')).toBe(5963);
    expect(at('GEN_PUMPED_STORAGE', '2026-04-15T02:00:00Z')).toBe(-223);
    expect(at('GEN_IMPORTS', '2026-04-15T02:00:00Z')).toBe(-3638);
    expect(points.some((p) => p.value === 718)).toBe(false);
  });

  it('is recognized as jepx.tohoku_area_supply only, by its layout and area code 02', () => {
    const bytes = readShared(TOHOKU);
    expect(detectedReports(jepxConnector, 'tohoku_realtime_jukyu_20260415_02_area_demand_sjis.csv', bytes)).toEqual([
      'jepx.tohoku_area_supply',
    ]);
    expect(detectedReports(jepxConnector, 'eria_jukyu_202604_03.csv', bytes)).toEqual([]); // Tokyo's file: not Tohoku
  });

  it("refuses another area's file and an unknown supply column", () => {
    expect(() => parse(tohoku, readShared(TOHOKU), 'eria_jukyu_202604_03.csv')).toThrow(expect.objectContaining({ code: 'PARSE' }));
    const text = readShared(TOHOKU)
      .toString('latin1')
      .replace('DATE,TIME,', 'DATE,TIME,X,')
      .replace(/\n(2026\/4\/15,[^,\n]*,)/g, '\n$1,');
    expect(() => parse(tohoku, Buffer.from(text, 'latin1'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('"X"') }),
    );
  });

  it('is fetched as the monthly file eria_jukyu_202604_02.csv', async () => {
    const ctx: RequestContext = { period: calendarMonth('2026-04-15'), run: 'ACTUAL', product: 'LOAD', keys: {} };
    const url = 'https://nw.tohoku-epco.co.jp/common/demand/eria_jukyu_202604_02.csv';
    expect(tohoku.request!(ctx)).toEqual({ url });
    const { result } = await replayFetch(jepxConnector, tohoku, ctx, [{ request: { url }, file: sharedPath(TOHOKU) }], url);
    expect(pointsWhere(result.points, { product: 'LOAD' })).toHaveLength(43);
    expect(tohoku.provisional).toBe(true);
  });
});
