import { ercotConnector } from '../../backend/connectors/us/ercot';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import { apiUrl, KEYS, LOGIN, LOGIN_ANSWER, misDoc, misList, misZip, misZipFile } from '../support/ercot';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, type ReplayEntry } from '../support/replay';
import { detectedReports, expectWholeDay, pointsWhere, reportById, valueAt } from '../support/points';

// Issue 15, ERCOT: load (NP6-345-CD), load forecasts (NP3-561-CD, NP3-560-CD), the fuel-mix and load
// dashboards, and AS clearing prices for capacity (NP4-188-CD, NP6-331-CD). Every expected value is
// read by hand from the file it comes from (the row is named beside it).

const CLOCK = 'America/Chicago';
const API_LOAD = reportById(ercotConnector, 'ercot.api_load_actual');
const MIS_LOAD = reportById(ercotConnector, 'ercot.mis_load_actual');
const FCST_WZ = reportById(ercotConnector, 'ercot.mis_load_forecast_wz');
const FCST_FZ = reportById(ercotConnector, 'ercot.mis_load_forecast_fz');
const DASH_LOAD = reportById(ercotConnector, 'ercot.dashboard_load');
const DASH_FUEL = reportById(ercotConnector, 'ercot.dashboard_fuel_mix');
const API_AS = reportById(ercotConnector, 'ercot.api_as_dam');
const MIS_AS = reportById(ercotConnector, 'ercot.mis_as_dam');
const RT_AS = reportById(ercotConnector, 'ercot.mis_as_rt');
const NEW_REPORTS = [API_LOAD, MIS_LOAD, FCST_WZ, FCST_FZ, DASH_LOAD, DASH_FUEL, API_AS, MIS_AS, RT_AS];

const ACTUAL_ZIP = 'ercot/cdr.00013101.0000000000000000.20231118.055000.ACTUALSYSLOADWZNP6345_csv.zip';
const WZ_ZIP = 'ercot/cdr.00012312.0000000000000000.20231119.233000.LFCWEATHERNP3561_csv.zip';
const FZ_ZIP = 'ercot/cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip';
const FUEL_2025 = 'ercot/dashboard_fuel-mix_2025-10-09T0646.json';
const FUEL_2024 = 'ercot/dashboard_fuel-mix_2024-11-24T0809_legacy_hsl.json';
const LOAD_2024 = 'ercot/dashboard_loadForecastVsActual_2024-11-25T0215.json';
const LOAD_2023 = 'ercot/dashboard_loadForecastVsActual_2023-02-02T0415_legacy.json';

const OWN = {
  actualFallback: 'ercot/ACTUALSYSLOADWZNP6345_20251102_fallback_written.csv',
  forecastFallback: 'ercot/cdr.00012312.0000000000000000.20251101.233000.LFCWEATHERNP3561_fallback_written.csv',
  apiLoad: 'ercot/np6-345-cd_2026-03-08_written.json',
  apiAs: 'ercot/np4-188-cd_2026-03-08_written.json',
  damAs: 'ercot/DAMCPCNP4188_20251102_fallback_written.csv',
  rtAs: 'ercot/RTMCPC_NP6331_20261101_0115_written.csv',
  rtAsRepeated: 'ercot/RTMCPC_NP6331_20261101_0115Y_written.csv',
  rtAsDayBefore: 'ercot/RTMCPC_NP6331_20261031_2400_written.csv',
  fuelFallback: 'ercot/dashboard_fuel-mix_2025-11-02_fallback_written.json',
  loadFallback: 'ercot/dashboard_loadForecastVsActual_2025-11-02_fallback_written.json',
};

const dashboard = (name: string) => ({ url: `https://www.ercot.com/api/1/services/read/dashboards/${name}` });

function ctx(day: string, run: string, product: string, keys: Record<string, string> = {}): RequestContext {
  return { period: { key: day, days: [day] }, run, product, keys };
}

function parse(r: Report, body: Buffer, source = 'test', request?: RequestContext): ParseResult {
  return r.parse(body, { market: ercotConnector.market, source, request });
}

const run = (r: Report, context: RequestContext, entries: ReplayEntry[]) => replayFetch(ercotConnector, r, context, entries);

const at = (points: ParsedPoint[], location: string, run: string, product: string, iso: string) =>
  valueAt(points, { location, run, product, start: iso });
const only = (points: ParsedPoint[], location: string, run = 'ACTUAL') => pointsWhere(points, { location, run });

describe('ERCOT fundamentals: market data', () => {
  it('lists load, fuels and AS products with their units and default runs', () => {
    const products = new Map(ercotConnector.market.products.map((p) => [p.id, p]));
    expect(products.get('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    for (const fuel of ['COAL', 'GAS', 'NUCLEAR', 'HYDRO', 'WIND', 'SOLAR', 'STORAGE', 'OTHER'])
      expect(products.get(`GEN_${fuel}`)).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    for (const service of ['REG_UP', 'REG_DOWN', 'SPIN', 'NONSPIN', 'ECRS']) {
      expect(products.get(`AS_${service}`)).toMatchObject({ defaultRun: 'DA' });
      expect(products.get(`AS_${service}`)!.unit).toBeUndefined();
    }
    expect(products.get('AS_SPIN')!.description).toContain('RRS');
    const runs = ercotConnector.market.runs.map((r) => r.id);
    expect(runs).toEqual(expect.arrayContaining(['DA', 'RT15', 'RT5', 'ACTUAL', 'FORECAST']));
    expect(ercotConnector.market.unavailable?.map((u) => u.dataset)).toEqual(expect.arrayContaining(['Capacity prices']));
  });

  it('knows the weather zones, forecast zones and the system with its spellings', () => {
    const byName = new Map(ercotConnector.locations.map((l) => [l.name, l]));
    for (const zone of [
      'COAST',
      'EAST',
      'FAR_WEST',
      'NORTH',
      'NORTH_C',
      'SOUTHERN',
      'SOUTH_C',
      'WEST',
      'FZ_NORTH',
      'FZ_SOUTH',
      'FZ_WEST',
      'FZ_HOUSTON',
    ])
      expect(byName.get(zone)?.type).toBe('ZONE');
    expect(byName.get('ERCOT')).toMatchObject({ type: 'SYSTEM', aliases: expect.arrayContaining(['SYSTEM', 'TOTAL', 'SYSTEMTOTAL']) });
    expect(byName.get('FAR_WEST')!.aliases).toContain('FARWEST');
    expect(byName.get('NORTH_C')!.aliases).toContain('NORTHCENTRAL');
    // No alias is another location's name or alias.
    const names = ercotConnector.locations.flatMap((l) => [l.name, ...(l.aliases ?? [])].map((n) => n.toUpperCase()));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('keeps the price reports first and in their order; keyed API before MIS before dashboards', () => {
    const ids = ercotConnector.reports.map((r) => r.id);
    expect(ids.slice(0, 8)).toEqual([
      'ercot.api_dam_spp',
      'ercot.api_archive_dam_spp',
      'ercot.api_rt_spp',
      'ercot.api_archive_rt_spp',
      'ercot.mis_dam_spp',
      'ercot.mis_rt_spp',
      'ercot.mis_rt_adders',
      'ercot.sced_lmp',
    ]);
    expect(ids.indexOf('ercot.api_load_actual')).toBeLessThan(ids.indexOf('ercot.mis_load_actual'));
    expect(ids.indexOf('ercot.mis_load_actual')).toBeLessThan(ids.indexOf('ercot.dashboard_load'));
    expect(ids.indexOf('ercot.api_as_dam')).toBeLessThan(ids.indexOf('ercot.mis_as_dam'));
    expect(API_LOAD.keys).toEqual(['ERCOT_API_USERNAME', 'ERCOT_API_PASSWORD', 'ERCOT_API_SUBSCRIPTION_KEY']);
    expect(MIS_LOAD.keys).toBeUndefined();
    expect(FCST_WZ.provisional && FCST_FZ.provisional && DASH_LOAD.provisional && DASH_FUEL.provisional).toBe(true);
    expect(MIS_LOAD.provisional).toBeUndefined();
    expect(RT_AS.validFrom).toBe('2025-12-05');
    expect(DASH_FUEL.limits?.keepsDays).toBe(1);
  });

  it('each report serves only its own locations', () => {
    const loc = (name: string) => ercotConnector.locations.find((l) => l.name === name)!;
    expect(MIS_LOAD.serves!(loc('FAR_WEST'))).toBe(true);
    expect(MIS_LOAD.serves!(loc('FZ_NORTH'))).toBe(false);
    expect(FCST_FZ.serves!(loc('FZ_HOUSTON'))).toBe(true);
    expect(FCST_FZ.serves!(loc('NORTH'))).toBe(false);
    expect(FCST_WZ.serves!(loc('ERCOT'))).toBe(true);
    expect(DASH_FUEL.serves!(loc('COAST'))).toBe(false);
    expect(MIS_AS.serves!(loc('HB_NORTH'))).toBe(false);
  });
});

describeShared(ACTUAL_ZIP)('ERCOT NP6-345-CD actual load by weather zone (real MIS zip)', () => {
  it('reads every weather zone and the total of 11/17/2023, HourEnding 01:00..24:00 (CST)', () => {
    const { points, locations } = parse(MIS_LOAD, readShared(ACTUAL_ZIP));
    expect(points).toHaveLength(24 * 9);
    expect(points.every((p) => p.run === 'ACTUAL' && p.product === 'LOAD' && p.end - p.start === 3_600_000)).toBe(true);
    expect(at(points, 'COAST', 'ACTUAL', 'LOAD', '2023-11-17T06:00:00Z')).toBe(10135.49); // line 2, 01:00, COAST
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2023-11-17T06:00:00Z')).toBe(38647.6); // line 2, TOTAL
    expect(at(points, 'FAR_WEST', 'ACTUAL', 'LOAD', '2023-11-17T10:00:00Z')).toBe(5701.25); // line 6, 05:00, FAR_WEST
    expect(at(points, 'EAST', 'ACTUAL', 'LOAD', '2023-11-17T15:00:00Z')).toBe(1342.13); // line 11, 10:00, EAST
    expect(at(points, 'SOUTH_C', 'ACTUAL', 'LOAD', '2023-11-17T15:00:00Z')).toBe(7008.29); // line 11, SOUTH_C
    expect(at(points, 'WEST', 'ACTUAL', 'LOAD', '2023-11-18T05:00:00Z')).toBe(1139.7); // line 25, 24:00, WEST
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2023-11-18T05:00:00Z')).toBe(40783.49); // line 25, TOTAL
    expectWholeDay(only(points, 'ERCOT'), CLOCK, '2023-11-17', 24, { product: 'LOAD', nothingElse: true });
    expect(locations?.map((l) => l.name)).toEqual([
      'COAST',
      'EAST',
      'FAR_WEST',
      'NORTH',
      'NORTH_C',
      'SOUTHERN',
      'SOUTH_C',
      'WEST',
      'ERCOT',
    ]);
  });

  it('is recognized by its zip member header, as NP6-345-CD only', () => {
    expect(detectedReports(ercotConnector, 'x.zip', readShared(ACTUAL_ZIP))).toEqual(['ercot.mis_load_actual']);
  });

  it('replays the MIS list and the document posted the morning after', async () => {
    const entries: ReplayEntry[] = [
      { request: misList(13101), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_13101_written.json') },
      { request: misDoc('5000013101'), file: sharedPath(ACTUAL_ZIP) },
    ];
    const { result, http } = await run(MIS_LOAD, ctx('2023-11-17', 'ACTUAL', 'LOAD'), entries);
    expect(http.requests.map((r) => r.url)).toEqual([misList(13101).url, misDoc('5000013101').url]);
    expect(result.points).toHaveLength(216);
    expect(at(result.points, 'NORTH_C', 'ACTUAL', 'LOAD', '2023-11-17T06:00:00Z')).toBe(10279.03); // line 2, NORTH_C
    await expect(run(MIS_LOAD, ctx('2023-11-18', 'ACTUAL', 'LOAD'), entries)).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('has not posted actual load for 2023-11-18'),
    });
    await expect(run(MIS_LOAD, ctx('2023-10-01', 'ACTUAL', 'LOAD'), entries)).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('only for recent days'),
    });
  });
});

describe('ERCOT NP6-345-CD (own fixtures written from the layout)', () => {
  it('fall-back day 2025-11-02: 25 hours, 02:00 DSTFlag Y is the repeated (CST) hour', () => {
    const { points } = parse(MIS_LOAD, readOwn(OWN.actualFallback));
    expect(points).toHaveLength(25 * 9);
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T05:00:00Z')).toBe(38200); // 01:00 N, 00:00 CDT
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T06:00:00Z')).toBe(38222); // 02:00 N, 01:00 CDT
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T07:00:00Z')).toBe(38244); // 02:00 Y, 01:00 CST
    expect(at(points, 'COAST', 'ACTUAL', 'LOAD', '2025-11-02T08:00:00Z')).toBe(10030); // 03:00 N, 02:00 CST
    expectWholeDay(only(points, 'COAST'), CLOCK, '2025-11-02', 25, { product: 'LOAD', nothingElse: true });
  });

  it('a zone column renamed, a bad number, an HTML page: ParseError', () => {
    const text = readOwn(OWN.actualFallback).toString('utf8');
    expect(() => parse(MIS_LOAD, Buffer.from(text.replace('FAR_WEST', 'FARWEST_')))).toThrow(/missing column "FAR_WEST"/);
    expect(() => parse(MIS_LOAD, Buffer.from(text.replace('10010.00', '10,01O')))).toThrow(ParseError);
    expect(() => parse(MIS_LOAD, Buffer.from('<html><body>Service unavailable</body></html>'))).toThrow(ParseError);
  });

  it('an empty value is no point, never zero', () => {
    const text = readOwn(OWN.actualFallback).toString('utf8').replace(',10010.00,', ',,');
    const { points } = parse(MIS_LOAD, Buffer.from(text));
    expect(at(points, 'COAST', 'ACTUAL', 'LOAD', '2025-11-02T06:00:00Z')).toBeUndefined();
    expect(points).toHaveLength(25 * 9 - 1);
  });

  it('Public API: spring-forward day 2026-03-08 by operatingDayFrom/To, 23 hours, no 03:00', async () => {
    const data = {
      url: apiUrl('np6-345-cd/act_sys_load_by_wzn', 'operatingDayFrom=2026-03-08&operatingDayTo=2026-03-08&size=10000'),
    };
    const { result, http } = await run(API_LOAD, ctx('2026-03-08', 'ACTUAL', 'LOAD', KEYS), [
      { request: LOGIN, file: LOGIN_ANSWER },
      { request: data, file: ownPath(OWN.apiLoad) },
    ]);
    expect(http.requests.map((r) => r.url)[1]).toBe(data.url);
    expect(http.requests[1].headerNames).toEqual(['Authorization', 'Ocp-Apim-Subscription-Key']);
    const { points } = result;
    expect(points).toHaveLength(23 * 9);
    expect(at(points, 'FAR_WEST', 'ACTUAL', 'LOAD', '2026-03-08T06:00:00Z')).toBe(6000); // row 1, 01:00, farWest
    expect(at(points, 'COAST', 'ACTUAL', 'LOAD', '2026-03-08T07:00:00Z')).toBe(11020.5); // row 2, 02:00 (01:00 CST), coast
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2026-03-08T08:00:00Z')).toBe(41829); // row 3, 04:00 (03:00 CDT), total
    expect(at(points, 'NORTH_C', 'ACTUAL', 'LOAD', '2026-03-08T08:00:00Z')).toBe(11514); // row 3, northC
    expectWholeDay(only(points, 'ERCOT'), CLOCK, '2026-03-08', 23, { product: 'LOAD', nothingElse: true });
    expect(detectedReports(ercotConnector, 'x.json', readOwn(OWN.apiLoad))).toEqual(['ercot.api_load_actual']);
  });

  it('Public API: an empty answer is NOT_PUBLISHED', () => {
    const page = JSON.parse(readOwn(OWN.apiLoad).toString('utf8'));
    page._meta.totalRecords = 0;
    page.data = [];
    expect(() => parse(API_LOAD, Buffer.from(JSON.stringify(page)))).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });
});

describeShared(WZ_ZIP)('ERCOT NP3-561-CD seven-day load forecast by weather zone (real MIS zip)', () => {
  const VINTAGE = 'FORECAST@2023-11-20T05:30:00Z'; // member name ...20231119.233000...: 23:30 CST

  it('reads 8 days x 24 hours x 9 zones, each under FORECAST and the posting-time vintage', () => {
    const { points, locations } = parse(FCST_WZ, readShared(WZ_ZIP), 'LFCWEATHER.zip');
    expect(points).toHaveLength(192 * 9 * 2);
    expect(new Set(points.map((p) => p.run))).toEqual(new Set(['FORECAST', VINTAGE]));
    for (const r of ['FORECAST', VINTAGE]) {
      expect(at(points, 'COAST', r, 'LOAD', '2023-11-19T06:00:00Z')).toBe(10162.2002); // line 2, 11/19 1:00, Coast
      expect(at(points, 'ERCOT', r, 'LOAD', '2023-11-19T06:00:00Z')).toBe(38374.3309); // line 2, SystemTotal
    }
    expect(at(points, 'FAR_WEST', 'FORECAST', 'LOAD', '2023-11-19T06:00:00Z')).toBe(5951.04); // line 2, FarWest
    expect(at(points, 'NORTH_C', 'FORECAST', 'LOAD', '2023-11-19T06:00:00Z')).toBe(9868.4404); // line 2, NorthCentral
    expect(at(points, 'SOUTH_C', 'FORECAST', 'LOAD', '2023-11-19T06:00:00Z')).toBe(5857.4502); // line 2, SouthCentral (before Southern here)
    expect(at(points, 'SOUTHERN', 'FORECAST', 'LOAD', '2023-11-19T06:00:00Z')).toBe(3016.8); // line 2, Southern
    expect(at(points, 'WEST', VINTAGE, 'LOAD', '2023-11-20T09:00:00Z')).toBe(966.757); // 11/20 4:00, West
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2023-11-27T05:00:00Z')).toBe(42671.7002); // last line, 11/26 24:00
    expectWholeDay(only(points, 'ERCOT', 'FORECAST'), CLOCK, '2023-11-22', 24, { product: 'LOAD' });
    expect(locations?.map((l) => l.name)).toContain('FAR_WEST');
  });

  it('is recognized by its zip member header, as NP3-561-CD only', () => {
    expect(detectedReports(ercotConnector, 'x.zip', readShared(WZ_ZIP))).toEqual(['ercot.mis_load_forecast_wz']);
  });

  it('replays the MIS list: the newest posting that covers the day, only that day kept', async () => {
    const entries: ReplayEntry[] = [
      { request: misList(12312), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_12312_written.json') },
      { request: misDoc('5000012312'), file: sharedPath(WZ_ZIP) },
    ];
    const { result, http } = await run(FCST_WZ, ctx('2023-11-20', 'FORECAST', 'LOAD'), entries);
    // 5000012312 (23:30) wins over 5000012311 (22:30) and 5000012200 (a week before).
    expect(http.requests.map((r) => r.url)).toEqual([misList(12312).url, misDoc('5000012312').url]);
    expect(result.points).toHaveLength(24 * 9 * 2);
    expect(at(result.points, 'WEST', VINTAGE, 'LOAD', '2023-11-20T09:00:00Z')).toBe(966.757); // 11/20 4:00, West
    await expect(run(FCST_WZ, ctx('2023-11-27', 'FORECAST', 'LOAD'), entries)).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('has not posted'),
    });
  });
});

describe('ERCOT NP3-561-CD (own fixture written from the layout)', () => {
  it('fall-back day: hour ending 2:00 twice; the posting time from the CSV name (bare) or the zip member', () => {
    const vintage = 'FORECAST@2025-11-02T04:30:00Z'; // 2025-11-01 23:30 CDT
    const name = OWN.forecastFallback.split('/').pop()!;
    const bare = parse(FCST_WZ, readOwn(OWN.forecastFallback), name).points;
    const zipped = parse(
      FCST_WZ,
      misZip(OWN.forecastFallback, 'cdr.00012312.0000000000000000.20251101.233000.LFCWEATHERNP3561.csv'),
      'doc.zip',
    ).points;
    for (const points of [bare, zipped]) {
      expect(points).toHaveLength(4 * 9 * 2);
      expect(at(points, 'ERCOT', vintage, 'LOAD', '2025-11-02T05:00:00Z')).toBe(37262); // 1:00 N, SystemTotal
      expect(at(points, 'ERCOT', vintage, 'LOAD', '2025-11-02T06:00:00Z')).toBe(36670); // 2:00 N (CDT)
      expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2025-11-02T07:00:00Z')).toBe(36375); // 2:00 Y (CST)
      expect(at(points, 'SOUTH_C', 'FORECAST', 'LOAD', '2025-11-02T05:00:00Z')).toBe(5600); // 1:00 SouthCentral
      expect(at(points, 'SOUTHERN', 'FORECAST', 'LOAD', '2025-11-02T08:00:00Z')).toBe(2800); // 3:00 Southern
    }
  });

  it('a file with no posting time in any name is kept under FORECAST only', () => {
    const { points } = parse(FCST_WZ, readOwn(OWN.forecastFallback), 'forecast.csv');
    expect(points).toHaveLength(4 * 9);
    expect(points.every((p) => p.run === 'FORECAST')).toBe(true);
  });
});

describeShared(FZ_ZIP)('ERCOT NP3-560-CD seven-day load forecast by forecast zone (real MIS zip)', () => {
  const VINTAGE = 'FORECAST@2025-03-13T17:30:00Z'; // member ...20250313.123000...: 12:30 CDT

  it('reads the forecast zones and the system total; header with trailing spaces; 16-decimal values', () => {
    const { points, locations } = parse(FCST_FZ, readShared(FZ_ZIP), 'LFCCONGEST.zip');
    expect(points).toHaveLength(192 * 5 * 2);
    expect(at(points, 'FZ_NORTH', VINTAGE, 'LOAD', '2025-03-13T05:00:00Z')).toBeCloseTo(13005.493749755862, 9); // line 2, North
    expect(at(points, 'FZ_HOUSTON', 'FORECAST', 'LOAD', '2025-03-13T05:00:00Z')).toBeCloseTo(11191.650727636719, 9); // line 2, Houston 11191.65072763671875
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2025-03-13T05:00:00Z')).toBeCloseTo(43797.76989746094, 9); // line 2, SystemTotal
    expect(at(points, 'ERCOT', VINTAGE, 'LOAD', '2025-03-13T16:00:00Z')).toBe(50751); // 03/13 12:00 (11:00 CDT start)
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2025-03-21T04:00:00Z')).toBeCloseTo(41722.78991699219, 9); // last line, 03/20 24:00
    expect(locations?.map((l) => l.name)).toEqual(['FZ_NORTH', 'FZ_SOUTH', 'FZ_WEST', 'FZ_HOUSTON', 'ERCOT']);
    expect(points.some((p) => p.location === 'NORTH' || p.location === 'WEST')).toBe(false);
  });

  it('is recognized by its zip member header, as NP3-560-CD only', () => {
    expect(detectedReports(ercotConnector, 'x.zip', readShared(FZ_ZIP))).toEqual(['ercot.mis_load_forecast_fz']);
  });

  it('a header naming a weather zone too, in any case, is not the forecast-zone report', () => {
    const header = 'DeliveryDate,HourEnding,North,South,West,Houston,SystemTotal,DSTFlag';
    const row = '03/13/2025,1:00,13005.5,12000,4500,11191.6,43797.7,N';
    expect(detectedReports(ercotConnector, 'x.csv', Buffer.from(`${header}\n${row}\n`))).toEqual(['ercot.mis_load_forecast_fz']);
    for (const farWest of ['FarWest', 'FARWEST', 'farwest'])
      expect(detectedReports(ercotConnector, 'x.csv', Buffer.from(`${header},${farWest}\n${row},5900\n`))).toEqual([]);
  });

  it('replays the MIS list with the real DocID', async () => {
    const { result, http } = await run(FCST_FZ, ctx('2025-03-14', 'FORECAST', 'LOAD'), [
      { request: misList(12311), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_12311_written.json') },
      { request: misDoc('1085273815'), file: sharedPath(FZ_ZIP) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([misList(12311).url, misDoc('1085273815').url]);
    expect(result.points).toHaveLength(24 * 5 * 2);
    expect(at(result.points, 'ERCOT', VINTAGE, 'LOAD', '2025-03-14T05:00:00Z')).toBeCloseTo(45529.04016113282, 9); // 03/14 1:00
  });
});

describeShared([FUEL_2025, FUEL_2024])('ERCOT fuel-mix dashboard (real, both layouts)', () => {
  it('2025 layout: yesterday (288) and today so far (81) per fuel, interval ending at the rounded stamp', () => {
    const { points, locations } = parse(DASH_FUEL, readShared(FUEL_2025));
    expect(points).toHaveLength(369 * 8);
    expect(points.every((p) => p.location === 'ERCOT' && p.run === 'ACTUAL' && p.end - p.start === 300_000)).toBe(true);
    // "2025-10-08 00:04:56-0500" -> [00:00, 00:05) CDT
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_COAL', '2025-10-08T05:00:00Z')).toBe(10519.1865234375); // Coal and Lignite
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_GAS', '2025-10-08T05:00:00Z')).toBe(31533.843124389652); // Natural Gas
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_STORAGE', '2025-10-08T05:00:00Z')).toBe(380.192932128906); // Power Storage
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_OTHER', '2025-10-08T05:00:00Z')).toBe(49.7999992370605); // Other
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_HYDRO', '2025-10-08T05:00:00Z')).toBe(0); // Hydro gen 0 is a value
    // "2025-10-08 12:04:56-0500" -> [12:00, 12:05) CDT
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_SOLAR', '2025-10-08T17:00:00Z')).toBe(22244.91015625);
    // "2025-10-08 23:59:56-0500" -> [23:55, 24:00): the day's last interval
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_WIND', '2025-10-09T04:55:00Z')).toBe(8747.8095703125);
    // "2025-10-09 06:44:56-0500" (the last, partial today) -> [06:40, 06:45)
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_NUCLEAR', '2025-10-09T11:40:00Z')).toBe(3704.10668945312);
    expect(pointsWhere(points, { product: 'GEN_WIND' }).filter((p) => p.start >= Date.parse('2025-10-09T05:00:00Z'))).toHaveLength(81);
    expect(locations).toEqual([{ name: 'ERCOT', type: 'SYSTEM', aliases: expect.any(Array) }]);
  });

  it('legacy 2024 layout {gen, hsl, seasonalCapacity}: gen only', () => {
    const { points } = parse(DASH_FUEL, readShared(FUEL_2024));
    expect(points).toHaveLength(386 * 8);
    expect(new Set(points.map((p) => p.product)).size).toBe(8);
    // "2024-11-23 00:04:57-0600" -> [00:00, 00:05) CST
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_COAL', '2024-11-23T06:00:00Z')).toBe(5248);
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_WIND', '2024-11-23T06:00:00Z')).toBe(22092.3);
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_GAS', '2024-11-23T06:00:00Z')).toBe(10190.1);
    // "2024-11-24 08:09:57-0600" -> [08:05, 08:10) CST
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_SOLAR', '2024-11-24T14:05:00Z')).toBe(5535.4);
    expect(points.some((p) => p.value === 9881.4)).toBe(false); // Coal hsl of the first stamp is not generation
  });

  it('both layouts are recognized as the fuel-mix dashboard only', () => {
    expect(detectedReports(ercotConnector, 'a.json', readShared(FUEL_2025))).toEqual(['ercot.dashboard_fuel_mix']);
    expect(detectedReports(ercotConnector, 'b.json', readShared(FUEL_2024))).toEqual(['ercot.dashboard_fuel_mix']);
  });

  it('replays fuel-mix.json: the asked day only; a day it does not hold is NOT_PUBLISHED', async () => {
    const entries: ReplayEntry[] = [{ request: dashboard('fuel-mix.json'), file: sharedPath(FUEL_2025) }];
    const { result, http } = await run(DASH_FUEL, ctx('2025-10-09', 'ACTUAL', 'GEN_WIND'), entries);
    expect(http.requests.map((r) => r.url)).toEqual(['https://www.ercot.com/api/1/services/read/dashboards/fuel-mix.json']);
    expect(result.points).toHaveLength(81 * 8);
    await expect(run(DASH_FUEL, ctx('2025-10-07', 'ACTUAL', 'GEN_WIND'), entries)).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describe('ERCOT fuel-mix dashboard (own fixture written from the layout)', () => {
  const text = readOwn(OWN.fuelFallback).toString('utf8');

  it('fall-back day: stamps at -0500 then -0600 are different intervals; null gen is no point; storage may be negative', () => {
    const { points } = parse(DASH_FUEL, Buffer.from(text));
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_GAS', '2025-11-02T04:55:00Z')).toBe(30100.5); // 2025-11-01 23:59:56-0500
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_STORAGE', '2025-11-02T05:00:00Z')).toBe(-300.5); // 00:04:56-0500
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_GAS', '2025-11-02T06:55:00Z')).toBe(28500.25); // 01:59:56-0500
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_GAS', '2025-11-02T07:00:00Z')).toBe(28400); // 01:04:56-0600
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_WIND', '2025-11-02T07:00:00Z')).toBeUndefined(); // gen null
    expect(at(points, 'ERCOT', 'ACTUAL', 'GEN_WIND', '2025-11-02T07:05:00Z')).toBe(12650); // 01:09:56-0600
    expect(points).toHaveLength(5 * 3 - 1);
  });

  it('an unknown fuel, a stamp under the wrong day, a missing gen: ParseError', () => {
    expect(() => parse(DASH_FUEL, Buffer.from(text.replace(/"Wind": \{/g, '"Wind Turbines": {')))).toThrow(/unknown fuel "Wind Turbines"/);
    expect(() => parse(DASH_FUEL, Buffer.from(text.replace('"2025-11-02 01:09:56-0600"', '"2025-11-03 01:09:56-0600"')))).toThrow(
      /not on 2025-11-02/,
    );
    expect(() => parse(DASH_FUEL, Buffer.from(text.replace('"gen": 30000', '"hsl": 30000')))).toThrow(/has no "gen"/);
    expect(() => parse(DASH_FUEL, Buffer.from('<!DOCTYPE html><html>Access Denied</html>'))).toThrow(ParseError);
  });
});

describeShared([LOAD_2024, LOAD_2023])('ERCOT load dashboard (real, both layouts)', () => {
  it('2024 layout: systemLoad -> ACTUAL, currentLoadForecast -> FORECAST issued at lastUpdated; dayAheadForecast not stored', () => {
    const { points } = parse(DASH_LOAD, readShared(LOAD_2024));
    const vintage = 'FORECAST@2024-11-25T08:15:02Z'; // lastUpdated 2024-11-25 02:15:02-0600
    expect(only(points, 'ERCOT', 'ACTUAL')).toHaveLength(24 + 2); // yesterday whole, today hours ending 1-2
    expect(only(points, 'ERCOT', 'FORECAST')).toHaveLength(72);
    expect(only(points, 'ERCOT', vintage)).toHaveLength(72);
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2024-11-24T06:00:00Z')).toBe(42015.44); // previousDay HE1 systemLoad
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2024-11-24T06:00:00Z')).toBe(41916.4303); // previousDay HE1 currentLoadForecast
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2024-11-25T07:00:00Z')).toBe(40804.76); // currentDay HE2 systemLoad
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2024-11-25T08:00:00Z')).toBeUndefined(); // currentDay HE3: no systemLoad yet
    expect(at(points, 'ERCOT', vintage, 'LOAD', '2024-11-25T08:00:00Z')).toBe(40382.8672); // currentDay HE3 forecast
    expect(at(points, 'ERCOT', vintage, 'LOAD', '2024-11-27T05:00:00Z')).toBe(43721.5094); // nextDay HE24
    expect(points.some((p) => p.value === 41533.0104)).toBe(false); // previousDay HE1 dayAheadForecast
    expectWholeDay(only(points, 'ERCOT', 'ACTUAL'), CLOCK, '2024-11-24', 24, { product: 'LOAD' });
  });

  it('legacy 2023 layout: lastUpdate without offset is Central time; rows with epoch only', () => {
    const { points } = parse(DASH_LOAD, readShared(LOAD_2023));
    const vintage = 'FORECAST@2023-02-02T10:15:06Z'; // lastUpdate 2023-02-02 04:15:06 CST
    expect(only(points, 'ERCOT', 'ACTUAL')).toHaveLength(24 + 4);
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2023-02-01T06:00:00Z')).toBe(57102.55); // previousDay HE1 systemLoad
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2023-02-02T09:00:00Z')).toBe(52866.85); // currentDay HE4 systemLoad
    expect(at(points, 'ERCOT', vintage, 'LOAD', '2023-02-02T06:00:00Z')).toBe(54230.6384); // currentDay HE1 forecast
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2023-02-04T05:00:00Z')).toBe(52285.8387); // nextDay HE24
  });

  it('both layouts are recognized as the load dashboard only', () => {
    expect(detectedReports(ercotConnector, 'a.json', readShared(LOAD_2024))).toEqual(['ercot.dashboard_load']);
    expect(detectedReports(ercotConnector, 'b.json', readShared(LOAD_2023))).toEqual(['ercot.dashboard_load']);
  });

  it('replays loadForecastVsActual.json for today: actual so far and the forecast', async () => {
    const { result, http } = await run(DASH_LOAD, ctx('2024-11-25', 'ACTUAL', 'LOAD'), [
      { request: dashboard('loadForecastVsActual.json'), file: sharedPath(LOAD_2024) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual(['https://www.ercot.com/api/1/services/read/dashboards/loadForecastVsActual.json']);
    expect(only(result.points, 'ERCOT', 'ACTUAL')).toHaveLength(2);
    expect(only(result.points, 'ERCOT', 'FORECAST')).toHaveLength(24);
    expect(at(result.points, 'ERCOT', 'ACTUAL', 'LOAD', '2024-11-25T06:00:00Z')).toBe(42131.97); // currentDay HE1 systemLoad
  });
});

describe('ERCOT load dashboard (own fixture written from the layout)', () => {
  const text = readOwn(OWN.loadFallback).toString('utf8');

  it('fall-back day: hour ending 2 twice by dstFlag, checked against epoch (the hour end)', () => {
    const { points } = parse(DASH_LOAD, Buffer.from(text));
    const vintage = 'FORECAST@2025-11-02T08:20:00Z'; // lastUpdated 2025-11-02 02:20:00-0600
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T04:00:00Z')).toBe(41210.25); // previousDay HE24 (23:00 CDT)
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T06:00:00Z')).toBe(38910.75); // HE2 N (01:00 CDT)
    expect(at(points, 'ERCOT', vintage, 'LOAD', '2025-11-02T07:00:00Z')).toBe(38200.5); // HE2 Y (01:00 CST)
    expect(at(points, 'ERCOT', 'ACTUAL', 'LOAD', '2025-11-02T07:00:00Z')).toBeUndefined(); // HE2 Y: no systemLoad
    expect(at(points, 'ERCOT', 'FORECAST', 'LOAD', '2025-11-03T06:00:00Z')).toBe(40100); // nextDay HE1 (00:00 CST)
  });

  it('an epoch that is not the hour end, a missing day: ParseError', () => {
    expect(() => parse(DASH_LOAD, Buffer.from(text.replace('"epoch": 1762066800000', '"epoch": 1762063200000')))).toThrow(
      /is not the end of hour ending 02/,
    );
    expect(() => parse(DASH_LOAD, Buffer.from(text.replace('"nextDay"', '"followingDay"')))).toThrow(/missing field "nextDay"/);
  });
});

describe('ERCOT NP4-188-CD DAM AS clearing prices (own fixtures written from documentation)', () => {
  it('fall-back day: 5 services x 4 hours, RRS as AS_SPIN, DSTFlag Y the repeated hour', () => {
    const { points } = parse(MIS_AS, readOwn(OWN.damAs));
    expect(points).toHaveLength(20);
    expect(points.every((p) => p.location === 'ERCOT' && p.run === 'DA' && p.end - p.start === 3_600_000)).toBe(true);
    expect(at(points, 'ERCOT', 'DA', 'AS_REG_DOWN', '2025-11-02T05:00:00Z')).toBe(1.5); // 01:00 REGDN
    expect(at(points, 'ERCOT', 'DA', 'AS_REG_UP', '2025-11-02T05:00:00Z')).toBe(4.25); // 01:00 REGUP
    expect(at(points, 'ERCOT', 'DA', 'AS_SPIN', '2025-11-02T06:00:00Z')).toBe(1.95); // 02:00 N RRS
    expect(at(points, 'ERCOT', 'DA', 'AS_SPIN', '2025-11-02T07:00:00Z')).toBe(1.8); // 02:00 Y RRS
    expect(at(points, 'ERCOT', 'DA', 'AS_NONSPIN', '2025-11-02T07:00:00Z')).toBe(0.65); // 02:00 Y NSPIN
    expect(at(points, 'ERCOT', 'DA', 'AS_ECRS', '2025-11-02T08:00:00Z')).toBe(0.85); // 03:00 ECRS
    expect(detectedReports(ercotConnector, 'x.csv', readOwn(OWN.damAs))).toEqual(['ercot.mis_as_dam']);
    expect(detectedReports(ercotConnector, 'x.zip', misZip(OWN.damAs))).toEqual(['ercot.mis_as_dam']);
  });

  it('replays the MIS list and the document posted the day before', async () => {
    const { result, http } = await run(MIS_AS, ctx('2025-11-02', 'DA', 'AS_SPIN'), [
      { request: misList(12329), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_12329_written.json') },
      { request: misDoc('5000012329'), file: misZipFile(OWN.damAs) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([misList(12329).url, misDoc('5000012329').url]);
    expect(result.points).toHaveLength(20);
  });

  it('Public API: deliveryDateFrom/To on the spring-forward day', async () => {
    const data = {
      url: apiUrl('np4-188-cd/dam_clear_price_for_cap', 'deliveryDateFrom=2026-03-08&deliveryDateTo=2026-03-08&size=10000'),
    };
    const { result } = await run(API_AS, ctx('2026-03-08', 'DA', 'AS_REG_UP', KEYS), [
      { request: LOGIN, file: LOGIN_ANSWER },
      { request: data, file: ownPath(OWN.apiAs) },
    ]);
    expect(result.points).toHaveLength(10);
    expect(at(result.points, 'ERCOT', 'DA', 'AS_REG_UP', '2026-03-08T07:00:00Z')).toBe(3.75); // 02:00 (01:00 CST) REGUP
    expect(at(result.points, 'ERCOT', 'DA', 'AS_ECRS', '2026-03-08T08:00:00Z')).toBe(0.4); // 04:00 (03:00 CDT) ECRS
    expect(detectedReports(ercotConnector, 'x.json', readOwn(OWN.apiAs))).toEqual(['ercot.api_as_dam']);
  });

  it('an unknown service type, a repeated row: ParseError', () => {
    const text = readOwn(OWN.damAs).toString('utf8');
    expect(() => parse(MIS_AS, Buffer.from(text.replace('01:00,RRS,', '01:00,RRSFFR,')))).toThrow(
      /unknown ancillary service type "RRSFFR"/,
    );
    expect(() => parse(MIS_AS, Buffer.from(text.replace('02:00,RRS,1.80,Y', '01:00,RRS,1.80,N')))).toThrow(/both give ERCOT AS_SPIN/);
  });
});

describe('ERCOT NP6-331-CD real-time AS clearing prices (own fixtures written from documentation)', () => {
  it('replays the MIS interval documents of the fall-back day; RepeatedHourFlag Y the CST pass; an empty price is no point', async () => {
    const { result, http } = await run(RT_AS, ctx('2026-11-01', 'RT15', 'AS_REG_UP'), [
      { request: misList(24898), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_24898_written.json') },
      { request: misDoc('5000024903'), file: misZipFile(OWN.rtAsRepeated) },
      { request: misDoc('5000024902'), file: misZipFile(OWN.rtAs) },
      { request: misDoc('5000024901'), file: misZipFile(OWN.rtAsDayBefore) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([
      misList(24898).url,
      misDoc('5000024903').url,
      misDoc('5000024902').url,
      misDoc('5000024901').url,
    ]);
    const { points } = result;
    expect(points).toHaveLength(9); // 10/31 rows dropped; NSPIN of the repeated interval empty
    expect(points.every((p) => p.run === 'RT15' && p.end - p.start === 900_000)).toBe(true);
    expect(at(points, 'ERCOT', 'RT15', 'AS_REG_UP', '2026-11-01T06:00:00Z')).toBe(5.1); // hour 2 int 1 N (01:00 CDT)
    expect(at(points, 'ERCOT', 'RT15', 'AS_REG_UP', '2026-11-01T07:00:00Z')).toBe(4.6); // hour 2 int 1 Y (01:00 CST)
    expect(at(points, 'ERCOT', 'RT15', 'AS_NONSPIN', '2026-11-01T06:00:00Z')).toBe(0.8);
    expect(at(points, 'ERCOT', 'RT15', 'AS_NONSPIN', '2026-11-01T07:00:00Z')).toBeUndefined();
    expect(at(points, 'ERCOT', 'RT15', 'AS_SPIN', '2026-11-01T07:00:00Z')).toBe(2.05); // RRS
  });

  it('each interval file is recognized as NP6-331-CD only', () => {
    for (const rel of [OWN.rtAs, OWN.rtAsRepeated, OWN.rtAsDayBefore])
      expect(detectedReports(ercotConnector, 'x.csv', readOwn(rel))).toEqual(['ercot.mis_as_rt']);
  });
});

describe('ERCOT fundamentals: recognition and errors across reports', () => {
  it('the price files are not taken for fundamentals', () => {
    expect(detectedReports(ercotConnector, 'x.csv', readOwn('ercot/DAMSPNP4190_20261004_written.csv'))).toEqual(['ercot.mis_dam_spp']);
    expect(detectedReports(ercotConnector, 'x.json', readOwn('ercot/np6-905-cd_HB_NORTH_2025-11-02_hours1-3_written.json'))).toEqual([
      'ercot.api_rt_spp',
    ]);
  });

  it('an HTML page is a ParseError for every new parser', () => {
    const html = Buffer.from('<!DOCTYPE html><html><body>Access Denied</body></html>');
    for (const r of NEW_REPORTS) expect(() => parse(r, html)).toThrow(ParseError);
  });
});
