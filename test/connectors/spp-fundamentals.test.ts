import type { Report, RequestContext } from '../../backend/connectors/types';
import { sppConnector } from '../../backend/connectors/us/spp';
import { mtlfPublishedFromName } from '../../backend/connectors/us/spp/parse-fundamentals';
import { sppDaMcp, sppGenMix, sppMtlf, sppRtbmMcp } from '../../backend/connectors/us/spp/reports-fundamentals';
import { mtlfActualPublished, mtlfForecastPublished, mtlfRequest } from '../../backend/connectors/us/spp/requests';
import { type LocationInfo, ParseError, type ParseResult } from '../../backend/domain';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, type ReplayEntry } from '../support/replay';
import { detectedReports, locationByName, once, pointsWhere, valueAt } from '../support/points';

// SPP fundamentals: the Operations Mid-Term Load Forecast (real file in ../shared/fixtures/spp, and
// one of our own with actuals), the generation mix and the reserve MCPs (our own files, written
// from SPP's documented layouts: test/fixtures/spp/README.md). Expected values are read off the files.

const market = sppConnector.market;
const BASE = 'https://portal.spp.org/file-browser-api/download';
const MTLF = 'spp/OP-MTLF-202607041000_first40rows.csv';
const MTLF_OWN = 'spp/OP-MTLF-202607111200_own.csv';
const GENMIX = 'spp/GenMix365_SPP_20251102_own.csv';
const DA_MCP = 'spp/DA-MCP-202511020100_own.csv';
const RT_MCP = 'spp/RTBM-MCP-DAILY-20260704_own.csv';

function ctx(day: string, run: string, extra: Partial<RequestContext> = {}): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LOAD', keys: {}, ...extra };
}

function parse(report: Report, bytes: Buffer, source = 'test', request?: RequestContext): ParseResult {
  return report.parse(bytes, { market, source, request });
}

const replay = (report: Report, request: RequestContext, entries: ReplayEntry[]) => replayFetch(sppConnector, report, request, entries);

const notYet = (url: string): ReplayEntry => ({ request: { url }, file: ownPath('spp/README.md'), status: 404 });
const load = (location: string, run: string, start: string) => ({ location, run, product: 'LOAD', start });

describe('SPP fundamentals: market data', () => {
  test('load, generation by fuel and reserve products', () => {
    const products = new Map(market.products.map((p) => [p.id, p]));
    expect(products.get('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    for (const f of ['COAL', 'OIL', 'HYDRO', 'GAS', 'NUCLEAR', 'SOLAR', 'WASTE', 'WIND', 'OTHER'])
      expect(products.get(`GEN_${f}`)).toMatchObject({ unit: 'MW' });
    for (const s of ['REG_UP', 'REG_DOWN', 'SPIN', 'SUPP', 'RAMP_UP', 'RAMP_DOWN'])
      expect(products.get(`AS_${s}`)).toMatchObject({ defaultRun: 'DA' });
    expect(market.runs.map((r) => r.id)).toEqual(['DA', 'RT5', 'ACTUAL', 'FORECAST']);
  });

  test('the balancing authorities and reserve zones are known', () => {
    expect(locationByName(sppConnector, 'SWPW')).toMatchObject({ type: 'AREA' });
    expect(locationByName(sppConnector, 'ZONE 7').aliases).toEqual(['RESERVE ZONE 7', 'RZ7']);
    expect(market.unavailable?.length).toBeGreaterThan(0);
  });

  test('the price reports stay first', () => {
    expect(sppConnector.reports.map((r) => r.id)).toEqual([
      'spp.da_lmp_sl',
      'spp.rtbm_lmp_sl',
      'spp.op_mtlf',
      'spp.gen_mix',
      'spp.da_mcp',
      'spp.rtbm_mcp',
    ]);
  });
});

describe('SPP MTLF requests', () => {
  test('files are named by their Central publication hour, in the folder of that day', () => {
    expect(mtlfRequest(Date.parse('2026-07-04T15:00:00Z')).url).toBe(`${BASE}/mtlf-vs-actual?path=/2026/07/04/OP-MTLF-202607041000.csv`);
    // the fall-back day: 01:00 CDT (06:00Z), then 01:00 CST (07:00Z) with its `d`
    expect(mtlfRequest(Date.parse('2025-11-02T06:00:00Z')).url).toMatch(/OP-MTLF-202511020100\.csv$/);
    expect(mtlfRequest(Date.parse('2025-11-02T07:00:00Z')).url).toMatch(/OP-MTLF-202511020100d\.csv$/);
  });

  test('the issue time in a file name (Central; `d` the second 01:00 of the fall-back day)', () => {
    expect(mtlfPublishedFromName('OP-MTLF-202607041000_first40rows.csv')).toBe(Date.parse('2026-07-04T15:00:00Z'));
    expect(mtlfPublishedFromName('OP-MTLF-202511020100.csv')).toBe(Date.parse('2025-11-02T06:00:00Z'));
    expect(mtlfPublishedFromName('OP-MTLF-202511020100d.csv')).toBe(Date.parse('2025-11-02T07:00:00Z'));
    expect(mtlfPublishedFromName('download.csv')).toBeUndefined();
  });

  test('FORECAST: the file of the day start, or the newest posted for a day not begun', () => {
    expect(mtlfForecastPublished('2026-07-04', Date.parse('2026-07-09T12:00:00Z'))).toBe(Date.parse('2026-07-04T05:00:00Z'));
    expect(mtlfForecastPublished('2026-07-11', Date.parse('2026-07-04T15:20:00Z'))).toBe(Date.parse('2026-07-04T15:00:00Z'));
    expect(mtlfForecastPublished('2026-07-11', Date.parse('2026-07-04T15:10:00Z'))).toBe(Date.parse('2026-07-04T14:00:00Z'));
  });

  test('ACTUAL: noon of the day and 24 hours later, the fall-back day too', () => {
    expect(mtlfActualPublished('2026-07-10')).toEqual([Date.parse('2026-07-10T17:00:00Z'), Date.parse('2026-07-11T17:00:00Z')]);
    expect(mtlfActualPublished('2025-11-02')).toEqual([Date.parse('2025-11-02T18:00:00Z'), Date.parse('2025-11-03T18:00:00Z')]);
  });
});

describeShared(MTLF)('SPP OP-MTLF-202607041000, first 40 rows (real)', () => {
  const bytes = once(() => readShared(MTLF));
  const all = once(() => parse(sppMtlf, bytes(), 'OP-MTLF-202607041000_first40rows.csv'));

  test('is recognized as the load forecast only', () => {
    expect(detectedReports(sppConnector, 'OP-MTLF-202607041000.csv', bytes())).toEqual(['spp.op_mtlf']);
  });

  test('MTLF per BAA under FORECAST and the vintage of the file name (2026-07-04 10:00 CDT = 15:00Z)', () => {
    for (const run of ['FORECAST', 'FORECAST@2026-07-04T15:00:00Z']) {
      // line 2: GMTIntervalEnd 07/11/2026 15:00:00, MTLF 36674, SPP (the hour 14:00-15:00Z); line 3 SWPW 2909
      expect(valueAt(all().points, load('SPP', run, '2026-07-11T14:00:00Z'))).toBe(36674);
      expect(valueAt(all().points, load('SWPW', run, '2026-07-11T14:00:00Z'))).toBe(2909);
      // line 40: GMTIntervalEnd 07/10/2026 20:00:00, 49246, SPP
      expect(valueAt(all().points, load('SPP', run, '2026-07-10T19:00:00Z'))).toBe(49246);
    }
  });

  test('20 hours per BAA, newest row first, each an hour ending at GMTIntervalEnd; no actuals in these rows', () => {
    const spp = pointsWhere(all().points, { location: 'SPP', run: 'FORECAST' });
    expect(spp).toHaveLength(20);
    expect(spp.every((p) => p.end - p.start === 3_600_000)).toBe(true);
    expect(pointsWhere(all().points, { run: 'ACTUAL' })).toHaveLength(0);
    expect(all().locations).toEqual([
      { name: 'SPP', type: 'AREA' },
      { name: 'SWPW', type: 'AREA' },
    ]);
  });

  test('a file without its name has no issue time: FORECAST only, no vintage', () => {
    const runs = new Set(parse(sppMtlf, bytes(), 'download.csv').points.map((p) => p.run));
    expect(runs).toEqual(new Set(['FORECAST']));
  });

  test('a row repeated, a missing column and an empty BAA are ParseErrors', () => {
    const text = bytes().toString('utf8');
    const lines = text.split('\n');
    const repeated = Buffer.from([...lines.slice(0, 3), lines[1], ...lines.slice(3)].join('\n'));
    expect(() => parse(sppMtlf, repeated)).toThrow(/line 2 and line 4 both give SPP/);
    expect(() => parse(sppMtlf, Buffer.from(text.replace('MTLF,Averaged', 'Forecast,Averaged')))).toThrow(/missing column "MTLF"/);
    expect(() => parse(sppMtlf, Buffer.from(text.replace(',36674,,SPP', ',36674,,')))).toThrow(ParseError);
  });

  test('replays the FORECAST of a day not begun: the newest file posted, kept for that day only (and its vintage whole)', async () => {
    const url = `${BASE}/mtlf-vs-actual?path=/2026/07/04/OP-MTLF-202607041000.csv`;
    const { result, http } = await replay(sppMtlf, ctx('2026-07-11', 'FORECAST', { now: Date.parse('2026-07-04T15:20:00Z') }), [
      { request: { url }, file: sharedPath(MTLF) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    // hours of 2026-07-11 CDT in the cut: ends 06:00Z..15:00Z, 10 per BAA
    expect(pointsWhere(result.points, { run: 'FORECAST' })).toHaveLength(20);
    expect(pointsWhere(result.points, { run: 'FORECAST@2026-07-04T15:00:00Z' })).toHaveLength(40);
    // line 21: GMTIntervalEnd 07/11/2026 06:00:00, 3211, SWPW (the first hour of 2026-07-11 CDT)
    expect(valueAt(result.points, load('SWPW', 'FORECAST', '2026-07-11T05:00:00Z'))).toBe(3211);
    // line 23 (ending 05:00Z) is the last hour of 2026-07-10: not kept under FORECAST
    expect(valueAt(result.points, load('SWPW', 'FORECAST', '2026-07-11T04:00:00Z'))).toBeUndefined();
  });
});

describe('SPP OP-MTLF with averaged actuals (own file, written in the real layout)', () => {
  const bytes = once(() => readOwn(MTLF_OWN));

  test('Averaged Actual is ACTUAL where present; MTLF is FORECAST beside it', () => {
    const points = parse(sppMtlf, bytes(), 'OP-MTLF-202607111200_own.csv').points;
    // line 4: 07/11/2026 17:00:00 GMT end, MTLF 45873, Averaged Actual 45410.2, SPP
    expect(valueAt(points, load('SPP', 'ACTUAL', '2026-07-11T16:00:00Z'))).toBe(45410.2);
    expect(valueAt(points, load('SPP', 'FORECAST', '2026-07-11T16:00:00Z'))).toBe(45873);
    // line 2: the hour ahead has no actual
    expect(valueAt(points, load('SPP', 'ACTUAL', '2026-07-11T17:00:00Z'))).toBeUndefined();
    expect(pointsWhere(points, { run: 'ACTUAL' })).toHaveLength(8);
  });

  test('replays the ACTUAL of 2026-07-10: the noon file of the day and the one 24 hours later (missing: the day stays partial)', async () => {
    const first = `${BASE}/mtlf-vs-actual?path=/2026/07/10/OP-MTLF-202607101200.csv`;
    const second = `${BASE}/mtlf-vs-actual?path=/2026/07/11/OP-MTLF-202607111200.csv`;
    const { result, http } = await replay(sppMtlf, ctx('2026-07-10', 'ACTUAL', { now: Date.parse('2026-07-12T12:00:00Z') }), [
      { request: { url: first }, file: ownPath(MTLF_OWN) },
      notYet(second),
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([first, second]);
    // only ACTUAL of 2026-07-10 CDT: the hours ending 18:00Z (line 10) and 04:00Z, 05:00Z next UTC day (lines 6..9)
    const actual = pointsWhere(result.points, { run: 'ACTUAL' });
    expect(actual.map((p) => p.run)).toEqual(Array(6).fill('ACTUAL'));
    expect(result.points).toHaveLength(6);
    expect(valueAt(result.points, load('SWPW', 'ACTUAL', '2026-07-10T17:00:00Z'))).toBe(3744.2);
    expect(valueAt(result.points, load('SPP', 'ACTUAL', '2026-07-11T04:00:00Z'))).toBe(40122.8);
  });

  test('the later file is not asked before its hour', async () => {
    const first = `${BASE}/mtlf-vs-actual?path=/2026/07/10/OP-MTLF-202607101200.csv`;
    const { http } = await replay(sppMtlf, ctx('2026-07-10', 'ACTUAL', { now: Date.parse('2026-07-11T12:00:00Z') }), [
      { request: { url: first }, file: ownPath(MTLF_OWN) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([first]);
  });

  test('asked before noon of the day, the ACTUAL is not published', async () => {
    await expect(replay(sppMtlf, ctx('2026-07-10', 'ACTUAL', { now: Date.parse('2026-07-10T15:00:00Z') }), [])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});

describe('SPP generation mix (own file around the 2025-11-02 fall-back hour)', () => {
  const bytes = once(() => readOwn(GENMIX));
  const all = once(() => parse(sppGenMix, bytes(), 'GenMix365_SPP_20251102_own.csv'));
  const gen = (product: string, start: string, location = 'SPP') => valueAt(all().points, { location, run: 'ACTUAL', product, start });

  test('is recognized as the generation mix only', () => {
    expect(detectedReports(sppConnector, 'GenMix365_SPP.csv', bytes())).toEqual(['spp.gen_mix']);
  });

  test('market and self-scheduled generation summed per fuel (line 2, GMTTime 06:50Z = interval start)', () => {
    expect(gen('GEN_COAL', '2025-11-02T06:50:00Z')).toBe(11331); // 6120.4 + 5210.6
    expect(gen('GEN_GAS', '2025-11-02T06:50:00Z')).toBe(9123); // 8120.3 + 1002.7
    expect(gen('GEN_OIL', '2025-11-02T06:50:00Z')).toBe(1.2); // Diesel Fuel Oil 0 + 1.2
    expect(gen('GEN_WASTE', '2025-11-02T06:50:00Z')).toBe(3.1); // Waste Disposal Services 3.1 + 0
    expect(gen('GEN_WIND', '2025-11-02T06:50:00Z')).toBe(14306); // 14210.8 + 95.2
    expect(gen('GEN_OTHER', '2025-11-02T06:50:00Z')).toBe(55); // Waste Heat 0 + 12.5, Other 40.1 + 2.4
    expect(gen('GEN_NUCLEAR', '2025-11-02T06:50:00Z')).toBe(1760);
  });

  test('an empty cell is missing, not zero (line 4, Other Market empty)', () => {
    expect(gen('GEN_OTHER', '2025-11-02T07:00:00Z')).toBe(14.8); // Waste Heat 0 + 12.4, Other Self 2.4
  });

  test('five-minute intervals through the repeated 01:00 hour (06:55Z is 01:55 CDT, 07:00Z is 01:00 CST)', () => {
    const coal = pointsWhere(all().points, { product: 'GEN_COAL' });
    expect(coal.map((p) => new Date(p.start).toISOString())).toEqual([
      '2025-11-02T06:50:00.000Z',
      '2025-11-02T06:55:00.000Z',
      '2025-11-02T07:00:00.000Z',
      '2025-11-02T07:05:00.000Z',
    ]);
    expect(coal.every((p) => p.end - p.start === 300_000)).toBe(true);
    expect(all().points).toHaveLength(4 * 9);
  });

  test('the BAA comes from the file name on import, SPP when it names none', () => {
    expect(parse(sppGenMix, bytes(), 'GenMix365_SWPW.csv').locations).toEqual([{ name: 'SWPW', type: 'AREA' }]);
    expect(parse(sppGenMix, bytes(), 'download.csv').locations).toEqual([{ name: 'SPP', type: 'AREA' }]);
  });

  test('an unknown fuel column is a ParseError, never OTHER', () => {
    const renamed = Buffer.from(bytes().toString('utf8').replace('Other Market', 'Peat Market'));
    expect(() => parse(sppGenMix, renamed)).toThrow(/unknown fuel "Peat"/);
  });

  test('replays the BAA asked for: GenMix365_<BAA>.csv, kept for the days asked', async () => {
    const swpw: LocationInfo = locationByName(sppConnector, 'SWPW');
    const url = `${BASE}/generation-mix-historical?path=/SWPW/GenMix365_SWPW.csv`;
    const request = ctx('2025-11-02', 'ACTUAL', { location: swpw, product: 'GEN_COAL' });
    const { result, http } = await replay(sppGenMix, request, [{ request: { url }, file: ownPath(GENMIX) }]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'SWPW', product: 'GEN_COAL', start: '2025-11-02T07:05:00Z' })).toBe(11292.5); // 6096 + 5196.5
    const other = parse(sppGenMix, bytes(), 'test', ctx('2025-11-01', 'ACTUAL', { location: swpw }));
    expect(other.points).toHaveLength(0);
    expect(sppGenMix.serves!(locationByName(sppConnector, 'SPPNORTH_HUB'))).toBe(false);
  });
});

describe('SPP day-ahead reserve MCPs (own DA-MCP file, fall-back day 2025-11-02)', () => {
  const bytes = once(() => readOwn(DA_MCP));
  const all = once(() => parse(sppDaMcp, bytes()));
  const mcp = (location: string, product: string, start: string) => valueAt(all().points, { location, run: 'DA', product, start });

  test('is recognized as the day-ahead MCPs only', () => {
    expect(detectedReports(sppConnector, 'DA-MCP-202511020100.csv', bytes())).toEqual(['spp.da_mcp']);
  });

  test('each service per reserve zone; the two 01:00 hours told apart by GMTIntervalEnd', () => {
    // line 2: 06:00Z end, zone 1, RegUP 9.25; line 4: 07:00Z end (the repeated 01:00), RegUP 8.75
    expect(mcp('ZONE 1', 'AS_REG_UP', '2025-11-02T05:00:00Z')).toBe(9.25);
    expect(mcp('ZONE 1', 'AS_REG_UP', '2025-11-02T06:00:00Z')).toBe(8.75);
    expect(mcp('ZONE 1', 'AS_REG_DOWN', '2025-11-02T07:00:00Z')).toBe(3.65);
    expect(mcp('SWPW', 'AS_SPIN', '2025-11-02T05:00:00Z')).toBe(2.05);
    expect(mcp('SWPW', 'AS_SUPP', '2025-11-02T07:00:00Z')).toBe(0.5);
    expect(mcp('ZONE 1', 'AS_RAMP_DOWN', '2025-11-02T07:00:00Z')).toBe(0.02);
  });

  test('an empty price is missing (line 5, SWPW RampUP); UncUP is not read', () => {
    expect(mcp('SWPW', 'AS_RAMP_UP', '2025-11-02T06:00:00Z')).toBeUndefined();
    expect(all().points).toHaveLength(3 * 2 * 6 - 1);
    expect(all().points.every((p) => p.end - p.start === 3_600_000)).toBe(true);
  });

  test('a missing service column is a ParseError', () => {
    expect(() => parse(sppDaMcp, Buffer.from(bytes().toString('utf8').replace(',Spin,', ',Spinning,')))).toThrow(/missing column "Spin"/);
  });

  test('replays da-mcp?path=/YYYY/MM/DA-MCP-<YYYYMMDD>0100.csv', async () => {
    const url = `${BASE}/da-mcp?path=/2025/11/DA-MCP-202511020100.csv`;
    const { result, http } = await replay(sppDaMcp, ctx('2025-11-02', 'DA'), [{ request: { url }, file: ownPath(DA_MCP) }]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'SWPW', product: 'AS_REG_UP', start: '2025-11-02T05:00:00Z' })).toBe(11.8);
  });
});

describe('SPP real-time reserve MCPs (own RTBM-MCP-DAILY file)', () => {
  const bytes = once(() => readOwn(RT_MCP));
  const all = once(() => parse(sppRtbmMcp, bytes()));
  const mcp = (location: string, product: string, start: string) => valueAt(all().points, { location, run: 'RT5', product, start });

  test('is recognized as the real-time MCPs only', () => {
    expect(detectedReports(sppConnector, 'RTBM-MCP-DAILY-20260704.csv', bytes())).toEqual(['spp.rtbm_mcp']);
  });

  test('RegUPService and RegDNService are regulation up and down; mileage and UncUP are not read', () => {
    // line 2: GMTIntervalEnd 07/04/2026 05:05:00 (05:00-05:05Z), zone 1
    expect(mcp('ZONE 1', 'AS_REG_UP', '2026-07-04T05:00:00Z')).toBe(12.4012);
    expect(mcp('ZONE 1', 'AS_REG_DOWN', '2026-07-04T05:00:00Z')).toBe(6.2501);
    expect(mcp('ZONE 1', 'AS_SPIN', '2026-07-04T05:00:00Z')).toBe(3.5);
    expect(mcp('SWPW', 'AS_RAMP_UP', '2026-07-04T05:05:00Z')).toBe(0.45);
    expect(mcp('ZONE 1', 'AS_RAMP_DOWN', '2026-07-04T05:05:00Z')).toBeUndefined(); // line 4, empty
    expect(all().points).toHaveLength(4 * 6 - 1);
    expect(all().points.every((p) => p.end - p.start === 300_000)).toBe(true);
  });

  test('replays rtbm-mcp?path=/YYYY/MM/By_Day/RTBM-MCP-DAILY-<YYYYMMDD>.csv; not posted yet is NOT_PUBLISHED', async () => {
    const url = `${BASE}/rtbm-mcp?path=/2026/07/By_Day/RTBM-MCP-DAILY-20260704.csv`;
    const { result, http } = await replay(sppRtbmMcp, ctx('2026-07-04', 'RT5'), [{ request: { url }, file: ownPath(RT_MCP) }]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: 'SWPW', product: 'AS_SUPP', start: '2026-07-04T05:00:00Z' })).toBe(1.5);
    await expect(replay(sppRtbmMcp, ctx('2026-07-05', 'RT5'), [notYet(url.replace('20260704', '20260705'))])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});
