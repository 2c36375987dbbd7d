import type { RequestContext } from '../../backend/connectors/types';
import { misoConnector } from '../../backend/connectors/us/miso';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import { describeShared, readShared, sharedPath } from '../support/fixtures';
import { replayById, type UrlEntry } from '../support/replay';
import { detectedReports, expectWholeDay, once, pointsWhere, reportById, valueAt } from '../support/points';

// MISO fundamentals: the Forecasted and Actual Load report (.xls) and the real-time API's load,
// fuel-mix and reserve-MCP snapshots, on the real files in ../shared/fixtures/miso.
// Expected values are read off the files by hand; for the .xls, off its NUMBER records
// (0-based row r, column c as stored; Excel shows row r + 1, column letter c).

const market = misoConnector.market;
const CLOCK = market.clock;
const HOUR = 3_600_000;
const DF_AL = 'miso/20250310_df_al.xls';
const TOTAL_LOAD = 'miso/public-api_RealTimeTotalLoad_2026-10-02T1645EST.json';
const FUEL_MIX = 'miso/public-api_FuelMix_2026-10-02T1645EST.json';
const AS_MCP = 'miso/public-api_GetAncillaryServicesMcp_2026-10-02T1645EST.json';
const API = 'https://public-api.misoenergy.org/api';

function ctx(day: string, run: string, now?: string): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LOAD', keys: {}, now: now ? Date.parse(now) : undefined };
}

function parse(id: string, bytes: Buffer, request?: RequestContext): ParseResult {
  return reportById(misoConnector, id).parse(bytes, { market, source: 'test', request });
}

const replay = (id: string, request: RequestContext, entries: UrlEntry[]) => replayById(misoConnector, id, request, entries);

const of = (points: ParsedPoint[], location: string, run: string) => pointsWhere(points, { location, run, product: 'LOAD' });

describe('MISO fundamentals: market data', () => {
  test('load, generation and reserve products, with their default runs and units', () => {
    const products = new Map(market.products.map((p) => [p.id, p]));
    expect(products.get('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(products.get('GEN_IMPORTS')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(products.get('GEN_STORAGE')).toBeDefined();
    for (const s of ['REG', 'SPIN', 'SUPP', 'STR', 'RAMP_UP', 'RAMP_DOWN'])
      expect(products.get(`AS_${s}`)).toMatchObject({ defaultRun: 'DA' });
    expect(products.get('AS_REG')?.unit).toBeUndefined();
    expect(market.runs.map((r) => r.id)).toEqual(expect.arrayContaining(['ACTUAL', 'FORECAST', 'DA', 'RT5']));
  });

  test('zones, the MISO total and the reserve zones are known statically', () => {
    const byName = new Map(misoConnector.locations.map((l) => [l.name, l]));
    expect(byName.get('LRZ2_7')).toEqual({ name: 'LRZ2_7', type: 'ZONE', aliases: ['LRZ2-7', 'LRZ 2-7'] });
    expect(byName.get('MISO')?.type).toBe('SYSTEM');
    expect(byName.get('ZONE 8')?.aliases).toEqual(['RESERVE ZONE 8', 'RZ8']);
  });

  test('what cannot be served is said', () => {
    expect(market.unavailable?.map((u) => u.dataset)).toContain('Planning Resource Auction (capacity) results');
  });

  test('the price reports keep their order; the fundamentals come after them', () => {
    const ids = misoConnector.reports.map((r) => r.id);
    expect(ids.slice(-4)).toEqual(['miso.df_al', 'miso.rt_total_load', 'miso.fuel_mix', 'miso.as_mcp']);
    expect(ids.indexOf('miso.rt_fivemin_expost')).toBe(ids.length - 5);
  });
});

describeShared(DF_AL)('MISO Forecasted and Actual Load report 20250310_df_al.xls (real, BIFF8)', () => {
  const bytes = once(() => readShared(DF_AL));
  const all = once(() => parse('miso.df_al', bytes()));

  test('is recognized as the load report only', () => {
    expect(detectedReports(misoConnector, '20250310_df_al.xls', bytes())).toEqual(['miso.df_al']);
    expect(detectedReports(misoConnector, 'renamed.bin', bytes())).toEqual(['miso.df_al']);
  });

  test('actual load of 2025-03-09 by zone and the MISO total (HE 1 = 00:00-01:00 EST = 05:00Z)', () => {
    const points = all().points;
    // r6 c3 "LRZ1 ActualLoad (MWh)" HE 1 = 11097.2; r6 c15 MISO ActualLoad = 65773.06 (r6 c9 LRZ4 ActualLoad = 4367.1)
    expect(valueAt(points, { location: 'LRZ1', run: 'RTH', product: 'LOAD', start: '2025-03-09T05:00:00Z' })).toBe(11097.2);
    expect(valueAt(points, { location: 'MISO', run: 'RTH', product: 'LOAD', start: '2025-03-09T05:00:00Z' })).toBe(65773.06);
    // r29 c15 MISO ActualLoad HE 24 = 64878.22 (23:00-24:00 EST = 04:00Z next day)
    expect(valueAt(points, { location: 'MISO', run: 'RTH', product: 'LOAD', start: '2025-03-10T04:00:00Z' })).toBe(64878.22);
  });

  test('float noise of the workbook is rounded away (r7 c11 stores 9444.960000000001)', () => {
    expect(valueAt(all().points, { location: 'LRZ6', run: 'RTH', product: 'LOAD', start: '2025-03-09T06:00:00Z' })).toBe(9444.96);
  });

  test('MTLF under FORECAST and under the vintage of the publication day (Published Date 45726 = 2025-03-10, 00:00 EST)', () => {
    const points = all().points;
    // r6 c2 LRZ1 MTLF HE 1 of 2025-03-09 = 9729; r32 c14 MISO MTLF HE 1 of 2025-03-10 = 63085; r185 c14 HE 24 of 2025-03-15 = 67758
    for (const run of ['FORECAST', 'FORECAST@2025-03-10T05:00:00Z']) {
      expect(valueAt(points, { location: 'LRZ1', run, product: 'LOAD', start: '2025-03-09T05:00:00Z' })).toBe(9729);
      expect(valueAt(points, { location: 'MISO', run, product: 'LOAD', start: '2025-03-10T05:00:00Z' })).toBe(63085);
      expect(valueAt(points, { location: 'MISO', run, product: 'LOAD', start: '2025-03-16T04:00:00Z' })).toBe(67758);
    }
    expect(new Set(points.map((p) => p.run))).toEqual(new Set(['RTH', 'FORECAST', 'FORECAST@2025-03-10T05:00:00Z']));
  });

  test('the spring-forward day 2025-03-09 has 24 EST hours, each zone', () => {
    for (const zone of ['LRZ1', 'LRZ2_7', 'LRZ3_5', 'LRZ4', 'LRZ6', 'LRZ8_9_10', 'MISO']) {
      expectWholeDay(of(all().points, zone, 'RTH'), CLOCK, '2025-03-09', 24, { product: 'LOAD', nothingElse: true });
      expectWholeDay(of(all().points, zone, 'FORECAST'), CLOCK, '2025-03-09', 24, { product: 'LOAD' });
    }
  });

  test('a partial report: actuals only for the first day, forecasts for all seven', () => {
    expect(of(all().points, 'MISO', 'RTH')).toHaveLength(24);
    expect(of(all().points, 'MISO', 'FORECAST')).toHaveLength(7 * 24);
    expect(all().points.every((p) => p.end - p.start === HOUR)).toBe(true);
    expect(all().locations?.map((l) => l.name)).toEqual(['LRZ1', 'LRZ2_7', 'LRZ3_5', 'LRZ4', 'LRZ6', 'LRZ8_9_10', 'MISO']);
  });

  test('fetched for ACTUAL of a day: only that run and day, plus the vintage of every day', () => {
    const points = parse('miso.df_al', bytes(), ctx('2025-03-09', 'RTH')).points;
    expect(pointsWhere(points, { run: 'RTH' })).toHaveLength(7 * 24);
    expect(pointsWhere(points, { run: 'FORECAST' })).toHaveLength(0);
    expect(pointsWhere(points, { run: 'FORECAST@2025-03-10T05:00:00Z' })).toHaveLength(7 * 7 * 24);
  });

  test('fetched for FORECAST of a later day: that day only under FORECAST', () => {
    const points = parse('miso.df_al', bytes(), ctx('2025-03-12', 'FORECAST')).points;
    const plain = pointsWhere(points, { run: 'FORECAST' });
    expect(plain).toHaveLength(7 * 24);
    expect(Math.min(...plain.map((p) => p.start))).toBe(Date.parse('2025-03-12T05:00:00Z'));
  });

  test('a day without actuals in the file is NOT_PUBLISHED', () => {
    expect(() => parse('miso.df_al', bytes(), ctx('2025-03-10', 'RTH'))).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });

  test('an HTML page or a cut file is a ParseError', () => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>404 - File or directory not found.</title></head></html>\n');
    expect(() => parse('miso.df_al', html)).toThrow(/HTML page/);
    expect(() => parse('miso.df_al', bytes().subarray(0, 20_000))).toThrow(ParseError);
    expect(detectedReports(misoConnector, 'x.xls', html)).toEqual([]);
  });

  test('replays the documented requests: ACTUAL of D from the file of D + 1, FORECAST of D from the file of D, or today’s', async () => {
    const file = sharedPath(DF_AL);
    const url = 'https://docs.misoenergy.org/marketreports/20250310_df_al.xls';
    const actual = await replay('miso.df_al', ctx('2025-03-09', 'RTH'), [{ url, file }]);
    expect(actual.http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(actual.result.points, { location: 'LRZ4', run: 'RTH', product: 'LOAD', start: '2025-03-09T05:00:00Z' })).toBe(4367.1);
    const today = await replay('miso.df_al', ctx('2025-03-10', 'FORECAST', '2025-03-10T15:00:00Z'), [{ url, file }]);
    expect(valueAt(today.result.points, { location: 'MISO', run: 'FORECAST', product: 'LOAD', start: '2025-03-10T05:00:00Z' })).toBe(63085);
    // 2025-03-11 asked on 2025-03-10: the newest issue is that day's file (r58 c2, LRZ1 MTLF HE 1 of 2025-03-11 = 9748)
    const ahead = await replay('miso.df_al', ctx('2025-03-11', 'FORECAST', '2025-03-10T15:00:00Z'), [{ url, file }]);
    expect(ahead.http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(ahead.result.points, { location: 'LRZ1', run: 'FORECAST', product: 'LOAD', start: '2025-03-11T05:00:00Z' })).toBe(9748);
  });

  test('a report not posted yet (404) is NOT_PUBLISHED', async () => {
    const url = 'https://docs.misoenergy.org/marketreports/20250311_df_al.xls';
    await expect(replay('miso.df_al', ctx('2025-03-10', 'RTH'), [{ url, file: sharedPath(DF_AL), status: 404 }])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});

describeShared(TOTAL_LOAD)('MISO RealTimeTotalLoad 2026-10-02 16:45 EST (real)', () => {
  const bytes = once(() => readShared(TOTAL_LOAD));
  const all = once(() => parse('miso.rt_total_load', bytes()));

  test('is recognized as the real-time load only', () => {
    expect(detectedReports(misoConnector, 'RealTimeTotalLoad.json', bytes())).toEqual(['miso.rt_total_load']);
  });

  test('day-ahead cleared load by hour ending (ClearedMW Hour 1 = 69704, Hour 24 = 66049)', () => {
    expect(valueAt(all().points, { location: 'MISO', run: 'DA', product: 'LOAD', start: '2026-10-02T05:00:00Z' })).toBe(69704);
    expect(valueAt(all().points, { location: 'MISO', run: 'DA', product: 'LOAD', start: '2026-10-03T04:00:00Z' })).toBe(66049);
    expectWholeDay(of(all().points, 'MISO', 'DA'), CLOCK, '2026-10-02', 24, { product: 'LOAD', nothingElse: true });
  });

  test('MTLF under FORECAST and its vintage, issued at the RefId interval (16:45 EST = 21:45Z)', () => {
    // MediumTermLoadForecast HourEnding 17 = 81965: 16:00-17:00 EST = 21:00Z
    for (const run of ['FORECAST', 'FORECAST@2026-10-02T21:45:00Z'])
      expect(valueAt(all().points, { location: 'MISO', run, product: 'LOAD', start: '2026-10-02T21:00:00Z' })).toBe(81965);
    expect(of(all().points, 'MISO', 'FORECAST')).toHaveLength(24);
  });

  test('five-minute actual load from 00:00 to 16:45 EST, each Time the interval start', () => {
    const actual = of(all().points, 'MISO', 'ACTUAL');
    expect(actual).toHaveLength(202);
    // FiveMinTotalLoad first {"Time":"00:00","Value":"75757"}, last {"Time":"16:45","Value":"83808"}
    expect(valueAt(all().points, { location: 'MISO', run: 'ACTUAL', product: 'LOAD', start: '2026-10-02T05:00:00Z' })).toBe(75757);
    const last = actual.find((p) => p.start === Date.parse('2026-10-02T21:45:00Z'));
    expect(last).toMatchObject({ value: 83808, end: Date.parse('2026-10-02T21:50:00Z') });
  });

  test('fetched for another day than the snapshot is NOT_PUBLISHED', () => {
    expect(() => parse('miso.rt_total_load', bytes(), ctx('2026-10-03', 'ACTUAL'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
  });

  test('a damaged RefId is a ParseError', () => {
    const broken = Buffer.from(bytes().toString('utf8').replace('02-Oct-2026 - Interval 16:45 EST', '02-Okt-2026 16:45'));
    expect(() => parse('miso.rt_total_load', broken)).toThrow(/RefId/);
  });

  test('replays GET /api/RealTimeTotalLoad for today (EST); another day is not asked', async () => {
    const url = `${API}/RealTimeTotalLoad`;
    const { result, http } = await replay('miso.rt_total_load', ctx('2026-10-02', 'ACTUAL', '2026-10-02T21:46:00Z'), [
      { url, file: sharedPath(TOTAL_LOAD) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'MISO', run: 'ACTUAL', product: 'LOAD', start: '2026-10-02T05:05:00Z' })).toBe(75562);
    await expect(replay('miso.rt_total_load', ctx('2026-10-01', 'ACTUAL', '2026-10-02T21:46:00Z'), [])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});

describeShared(FUEL_MIX)('MISO FuelMix 2026-10-02 16:45 EST (real)', () => {
  const bytes = once(() => readShared(FUEL_MIX));
  const all = once(() => parse('miso.fuel_mix', bytes()));
  const at = (product: string) => valueAt(all().points, { location: 'MISO', run: 'ACTUAL', product, start: '2026-10-02T21:45:00Z' });

  test('is recognized as the fuel mix only', () => {
    expect(detectedReports(misoConnector, 'FuelMix.json', bytes())).toEqual(['miso.fuel_mix']);
  });

  test('each category as its fuel, at the five-minute interval starting at INTERVALEST 4:45 PM EST', () => {
    expect(at('GEN_COAL')).toBe(25287);
    expect(at('GEN_GAS')).toBe(29507);
    expect(at('GEN_NUCLEAR')).toBe(9958);
    expect(at('GEN_WIND')).toBe(4254);
    expect(at('GEN_SOLAR')).toBe(10236);
    expect(at('GEN_STORAGE')).toBe(102);
    expect(at('GEN_OTHER')).toBe(2035);
    expect(at('GEN_IMPORTS')).toBe(705);
    expect(all().points).toHaveLength(8);
    expect(all().points.every((p) => p.end - p.start === 300_000)).toBe(true);
    // TotalMW "82084" is the sum of the eight ACT values
    expect(all().points.reduce((s, p) => s + p.value, 0)).toBe(82084);
  });

  test('an unknown category is a ParseError, never OTHER', () => {
    const renamed = Buffer.from(bytes().toString('utf8').replace('"CATEGORY":"Other"', '"CATEGORY":"Peat"'));
    expect(() => parse('miso.fuel_mix', renamed)).toThrow(/unknown fuel "Peat"/);
  });

  test('replays GET /api/FuelMix', async () => {
    const url = `${API}/FuelMix`;
    const { result, http } = await replay('miso.fuel_mix', ctx('2026-10-02', 'ACTUAL', '2026-10-02T21:47:00Z'), [
      { url, file: sharedPath(FUEL_MIX) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'MISO', product: 'GEN_COAL', start: '2026-10-02T21:45:00Z' })).toBe(25287);
  });
});

describeShared(AS_MCP)('MISO GetAncillaryServicesMcp 2026-10-02 16:45 EST (real)', () => {
  const bytes = once(() => readShared(AS_MCP));
  const all = once(() => parse('miso.as_mcp', bytes()));
  const rt = (zone: string, product: string) =>
    valueAt(all().points, { location: zone, run: 'RT5', product, start: '2026-10-02T21:45:00Z' });
  const da = (zone: string, product: string) =>
    valueAt(all().points, { location: zone, run: 'DA', product, start: '2026-10-02T21:00:00Z' });

  test('is recognized as the reserve MCPs only', () => {
    expect(detectedReports(misoConnector, 'GetAncillaryServicesMcp.json', bytes())).toEqual(['miso.as_mcp']);
  });

  test('real-time MCPs of interval 16:45 EST (RT5) per reserve zone', () => {
    expect(rt('ZONE 1', 'AS_REG')).toBe(17.53);
    expect(rt('ZONE 8', 'AS_SPIN')).toBe(0.32);
    expect(rt('ZONE 3', 'AS_SUPP')).toBe(0.17);
    expect(rt('ZONE 3', 'AS_STR')).toBe(0);
  });

  test('day-ahead MCPs of hour ending 17 (16:00-17:00 EST = 21:00Z)', () => {
    expect(da('ZONE 1', 'AS_REG')).toBe(25.83);
    expect(da('ZONE 2', 'AS_SPIN')).toBe(5.19);
    expect(da('ZONE 5', 'AS_SUPP')).toBe(0.75);
    expect(da('ZONE 6', 'AS_STR')).toBe(0.2);
    expect(da('ZONE 7', 'AS_RAMP_UP')).toBe(4.89);
    expect(da('ZONE 8', 'AS_RAMP_DOWN')).toBe(0);
  });

  test('six services, eight zones, two runs; the Demand* MCPs are not read', () => {
    expect(all().points).toHaveLength(6 * 8 * 2);
    expect(new Set(all().points.map((p) => p.product))).toEqual(
      new Set(['AS_REG', 'AS_SPIN', 'AS_SUPP', 'AS_STR', 'AS_RAMP_UP', 'AS_RAMP_DOWN']),
    );
    expect(all().locations?.map((l) => l.name)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `ZONE ${n}`));
  });

  test('a missing MCP field is a ParseError naming it', () => {
    const cut = Buffer.from(bytes().toString('utf8').replace('"GenSpinMCP":"0.32",', ''));
    expect(() => parse('miso.as_mcp', cut)).toThrow(/missing field "GenSpinMCP"/);
  });

  test('replays GET /api/MarketPricing/GetAncillaryServicesMcp', async () => {
    const url = `${API}/MarketPricing/GetAncillaryServicesMcp`;
    const { result, http } = await replay('miso.as_mcp', ctx('2026-10-02', 'DA', '2026-10-02T21:47:00Z'), [
      { url, file: sharedPath(AS_MCP) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'ZONE 4', run: 'DA', product: 'AS_REG', start: '2026-10-02T21:00:00Z' })).toBe(25.83);
  });
});
