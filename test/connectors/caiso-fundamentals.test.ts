import AdmZip from 'adm-zip';
import { caisoConnector } from '../../backend/connectors/us/caiso';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { type LocationInfo, type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import { recognize } from '../../backend/import/recognize';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath, zippedFile } from '../support/fixtures';
import { detectedReports, locationByName, pointAt, reportById, seriesOf, valueAt } from '../support/points';
import { replayFetch, replaying } from '../support/replay';

// Fundamentals of CAISO: OASIS SLD_FCST (load by TAC area), Today's Outlook (fuel mix and CAISO
// demand), OASIS PRC_AS / PRC_INTVL_AS (ancillary-service prices). Every expected value below was
// read off the file by hand; the row is named beside it.

const SLD = reportById(caisoConnector, 'caiso.sld_fcst');
const FUELS = reportById(caisoConnector, 'caiso.outlook_fuelsource');
const DEMAND = reportById(caisoConnector, 'caiso.outlook_netdemand');
const DA_AS = reportById(caisoConnector, 'caiso.prc_as');
const RT_AS = reportById(caisoConnector, 'caiso.prc_intvl_as');

const SLD_ZIP = 'caiso/SLD_FCST_20230812_all_markets_incl_ACTUAL_oasis_singlezip.zip';
const SLD_MEMBER = '20230812_20230813_SLD_FCST_N_20231115_21_27_45_v1.csv';
const SLD_NO_DATA = 'caiso/SLD_FCST_20231212_no_data_error_1000_oasis_singlezip.zip';
const FUELSOURCE = 'caiso/todays_outlook_fuelsource_20230101.csv';
const NETDEMAND = 'caiso/todays_outlook_netdemand_20190310_springforward.csv';
const AS_DAM = 'caiso/PRC_AS_DAM_v12_20240310_springforward_written.csv';
const AS_RTM = 'caiso/PRC_INTVL_AS_RTM_v1_20241103_fallback_written.csv';

const CLOCK = caisoConnector.market.clock;
const FIVE_MINUTES = 300_000;
const oasis = (query: string) => `https://oasis.caiso.com/oasisapi/SingleZip?${query}`;

function parse(r: Report, body: Buffer, source: string): ParseResult {
  return r.parse(body, { market: caisoConnector.market, source });
}

function ctx(day: string, run: string, product: string, location: LocationInfo): RequestContext {
  return { period: { key: day, days: [day] }, run, product, location, keys: {} };
}

function sldCsv(): Buffer {
  return new AdmZip(readShared(SLD_ZIP)).getEntry(SLD_MEMBER)!.getData();
}

/** The series' starts tile the day's five-minute grid from its first instant to its last. */
function expectFiveMinuteDay(series: ParsedPoint[], day: string, hours: number): void {
  const { start, end } = dayBounds(day, CLOCK);
  expect((end - start) / 3_600_000).toBe(hours);
  expect(series).toHaveLength(hours * 12);
  series.forEach((p, i) => {
    expect(p.start).toBe(start + i * FIVE_MINUTES);
    expect(p.end).toBe(p.start + FIVE_MINUTES);
  });
}

describe('CAISO fundamentals: market data', () => {
  it('lists the fundamental runs and products', () => {
    const runs = caisoConnector.market.runs.map((r) => r.id);
    expect(runs).toEqual(['DA', 'RT15', 'RT5', 'ACTUAL', 'FORECAST']);
    const products = caisoConnector.market.products;
    expect(products.find((p) => p.id === 'LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(products.find((p) => p.id === 'GEN_HYDRO')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(products.find((p) => p.id === 'AS_REG_UP')).toMatchObject({ defaultRun: 'DA' });
    expect(products.find((p) => p.id === 'AS_REG_UP')!.unit).toBeUndefined();
    expect(products.map((p) => p.id)).toEqual(
      expect.arrayContaining(['AS_REG_DOWN', 'AS_SPIN', 'AS_NONSPIN', 'GEN_STORAGE', 'GEN_IMPORTS']),
    );
    expect(caisoConnector.market.unavailable!.map((u) => u.dataset)).toEqual(
      expect.arrayContaining(['regulation mileage prices (RMU, RMD)', 'capacity prices']),
    );
  });

  it('knows the TAC areas, the system location and the AS regions', () => {
    expect(locationByName(caisoConnector, 'CA ISO-TAC')).toMatchObject({ type: 'SYSTEM' });
    expect(locationByName(caisoConnector, 'PGE-TAC')).toMatchObject({ type: 'AREA', aliases: ['PG&E-TAC'] });
    expect(locationByName(caisoConnector, 'BPAT')).toMatchObject({ type: 'AREA' });
    expect(locationByName(caisoConnector, 'CAISO')).toMatchObject({ type: 'SYSTEM' });
    expect(locationByName(caisoConnector, 'AS_CAISO_EXP')).toMatchObject({ type: 'REGION' });
  });

  it('serves each location from its own report', () => {
    const tac = locationByName(caisoConnector, 'CA ISO-TAC');
    const system = locationByName(caisoConnector, 'CAISO');
    const region = locationByName(caisoConnector, 'AS_NP26');
    expect([tac, system, region].map((l) => SLD.serves!(l))).toEqual([true, false, false]);
    expect([tac, system, region].map((l) => DEMAND.serves!(l))).toEqual([false, true, false]);
    expect([tac, system, region].map((l) => FUELS.serves!(l))).toEqual([false, true, false]);
    expect([tac, system, region].map((l) => DA_AS.serves!(l))).toEqual([false, false, true]);
    expect(SLD.serves!({ name: 'NEWAREA', type: 'AREA' })).toBe(true);
  });

  it('keeps the price reports first', () => {
    expect(caisoConnector.reports.map((r) => r.id)).toEqual([
      'caiso.prc_lmp',
      'caiso.prc_rtpd_lmp',
      'caiso.prc_intvl_lmp',
      'caiso.sld_fcst',
      'caiso.outlook_netdemand',
      'caiso.outlook_fuelsource',
      'caiso.prc_as',
      'caiso.prc_intvl_as',
    ]);
  });
});

describe('CAISO fundamentals: requests', () => {
  const tac = { name: 'CA ISO-TAC', type: 'SYSTEM' };

  it('asks SLD_FCST v1 for ACTUAL and for DAM (FORECAST) over the Pacific day in GMT', () => {
    expect(SLD.request!(ctx('2023-08-13', 'ACTUAL', 'LOAD', tac)).url).toBe(
      oasis(
        'queryname=SLD_FCST&market_run_id=ACTUAL&version=1&resultformat=6&startdatetime=20230813T07:00-0000&enddatetime=20230814T07:00-0000',
      ),
    );
    expect(SLD.request!(ctx('2023-08-13', 'FORECAST', 'LOAD', tac)).url).toBe(
      oasis(
        'queryname=SLD_FCST&market_run_id=DAM&version=1&resultformat=6&startdatetime=20230813T07:00-0000&enddatetime=20230814T07:00-0000',
      ),
    );
    expect(SLD.limits).toEqual({ maxDays: 31 });
    expect(() => SLD.request!(ctx('2023-08-13', 'DA', 'LOAD', tac))).toThrow(/ACTUAL and FORECAST, not DA/);
  });

  it('asks several days in one window, 25 hours on the fall-back day', () => {
    const period = { key: '2024-11-02..2024-11-03', days: ['2024-11-02', '2024-11-03'] };
    expect(SLD.request!({ ...ctx('2024-11-02', 'ACTUAL', 'LOAD', tac), period }).url).toContain(
      'startdatetime=20241102T07:00-0000&enddatetime=20241104T08:00-0000',
    );
  });

  it('asks PRC_AS v12 (DAM) and PRC_INTVL_AS v1 (RTM) for every AS type and region', () => {
    const region = { name: 'AS_CAISO_EXP', type: 'REGION' };
    expect(DA_AS.request!(ctx('2024-03-10', 'DA', 'AS_REG_UP', region)).url).toBe(
      oasis(
        'queryname=PRC_AS&market_run_id=DAM&version=12&resultformat=6&startdatetime=20240310T08:00-0000&enddatetime=20240311T07:00-0000&anc_type=ALL&anc_region=ALL',
      ),
    );
    expect(RT_AS.request!(ctx('2024-11-03', 'RT15', 'AS_SPIN', region)).url).toBe(
      oasis(
        'queryname=PRC_INTVL_AS&market_run_id=RTM&version=1&resultformat=6&startdatetime=20241103T07:00-0000&enddatetime=20241104T08:00-0000&anc_type=ALL&anc_region=ALL',
      ),
    );
  });

  it("asks Today's Outlook history files by day", () => {
    const system = { name: 'CAISO', type: 'SYSTEM' };
    expect(FUELS.request!(ctx('2023-01-01', 'ACTUAL', 'GEN_SOLAR', system)).url).toBe(
      'https://www.caiso.com/outlook/history/20230101/fuelsource.csv',
    );
    expect(DEMAND.request!(ctx('2019-03-10', 'ACTUAL', 'LOAD', system)).url).toBe(
      'https://www.caiso.com/outlook/history/20190310/netdemand.csv',
    );
    expect(FUELS.limits).toBeUndefined();
    const twoDays = { ...ctx('2023-01-01', 'ACTUAL', 'GEN_SOLAR', system), period: { key: 'x', days: ['2023-01-01', '2023-01-02'] } };
    expect(() => FUELS.request!(twoDays)).toThrow(/one market day per file/);
  });

  it('marks what changes later as provisional', () => {
    expect([SLD, FUELS, DEMAND].every((r) => r.provisional)).toBe(true);
    expect(DA_AS.provisional).toBeFalsy();
  });
});

describeShared(SLD_ZIP)('CAISO SLD_FCST (real, every market run, GMT day 2023-08-13)', () => {
  let result: ParseResult;
  beforeAll(() => {
    result = parse(SLD, readShared(SLD_ZIP), SLD_ZIP);
  });

  it('keeps ACTUAL (35 areas x 24) and DAM as FORECAST (34 areas x 24); 2DA, 7DA and RTM are skipped', () => {
    expect(seriesOf(result.points, { run: 'ACTUAL' })).toHaveLength(840);
    expect(seriesOf(result.points, { run: 'FORECAST' })).toHaveLength(816);
    expect(result.points).toHaveLength(1656);
    expect(result.points.every((p) => p.product === 'LOAD' && p.end - p.start === 3_600_000)).toBe(true);
    // no issue time in the file: no vintage run
    expect(new Set(result.points.map((p) => p.run))).toEqual(new Set(['ACTUAL', 'FORECAST']));
    // BCHA has ACTUAL rows (line 541) but no DAM row in the file
    expect(seriesOf(result.points, { location: 'BCHA', run: 'FORECAST' })).toHaveLength(0);
    expect(seriesOf(result.points, { location: 'BCHA', run: 'ACTUAL' })).toHaveLength(24);
  });

  it('has the values of the file', () => {
    const at = (location: string, run: string, start: string) => valueAt(result.points, { location, run, product: 'LOAD', start });
    // line 555: 2023-08-13T03:00Z, OPR_DT 2023-08-12 HE 21, ACTUAL, CA ISO-TAC, MW 33913
    expect(at('CA ISO-TAC', 'ACTUAL', '2023-08-13T03:00:00Z')).toBe(33913);
    // line 556: 2023-08-13T02:00Z, HE 20, ACTUAL, CA ISO-TAC, MW 34820
    expect(at('CA ISO-TAC', 'ACTUAL', '2023-08-13T02:00:00Z')).toBe(34820);
    // DAM, CA ISO-TAC, 2023-08-13T00:00Z (OPR_DT 2023-08-12 HE 18): 33567.15; 07:00Z (OPR_DT 2023-08-13 HE 1): 27071.82
    expect(at('CA ISO-TAC', 'FORECAST', '2023-08-13T00:00:00Z')).toBe(33567.15);
    expect(at('CA ISO-TAC', 'FORECAST', '2023-08-13T07:00:00Z')).toBe(27071.82);
    // lines 6214 and 6795: BPAT at 2023-08-13T12:00Z, ACTUAL 5058, DAM 5015.71
    expect(at('BPAT', 'ACTUAL', '2023-08-13T12:00:00Z')).toBe(5058);
    expect(at('BPAT', 'FORECAST', '2023-08-13T12:00:00Z')).toBe(5015.71);
    // line 6401: PGE-TAC 2023-08-13T23:00Z-2023-08-14T00:00Z, ACTUAL 15389 (the GMT day's last hour)
    const last = pointAt(result.points, { location: 'PGE-TAC', run: 'ACTUAL', product: 'LOAD', start: '2023-08-13T23:00:00Z' })!;
    expect(last.value).toBe(15389);
    expect(new Date(last.end).toISOString()).toBe('2023-08-14T00:00:00.000Z');
  });

  it('names the areas it saw, the system total typed as such', () => {
    expect(result.locations).toHaveLength(35);
    expect(result.locations).toEqual(
      expect.arrayContaining([
        { name: 'CA ISO-TAC', type: 'SYSTEM', aliases: ['CAISO-TAC'] },
        { name: 'WALCDSW', type: 'AREA' },
      ]),
    );
  });

  it('is recognized as SLD_FCST only, bare and as the zip OASIS sends', () => {
    expect(detectedReports(caisoConnector, SLD_MEMBER, sldCsv())).toEqual(['caiso.sld_fcst']);
    const parts = recognize([caisoConnector], 'SLD_FCST.zip', readShared(SLD_ZIP));
    expect(parts.map((p) => [p.report.id, p.name])).toEqual([['caiso.sld_fcst', `SLD_FCST.zip:${SLD_MEMBER}`]]);
  });

  it('reads the bare CSV the same, and in line-aligned pieces', () => {
    expect(parse(SLD, sldCsv(), SLD_MEMBER).points).toHaveLength(1656);
    expect(SLD.rowsIndependent).toBe(true);
    const columns = SLD.parseColumns!(sldCsv(), { market: caisoConnector.market, source: SLD_MEMBER });
    expect(columns.columns.value.length).toBe(1656);
  });

  it('replays ACTUAL and FORECAST requests (the recorded all-markets answer stands for each)', async () => {
    // The recorded zip answered rtdip's request for the GMT day without market_run_id; here it
    // answers each request gridcell makes, and the parser keeps what the file holds.
    const actual = {
      url: oasis(
        'queryname=SLD_FCST&market_run_id=ACTUAL&version=1&resultformat=6&startdatetime=20230813T07:00-0000&enddatetime=20230814T07:00-0000',
      ),
    };
    const dam = {
      url: oasis(
        'queryname=SLD_FCST&market_run_id=DAM&version=1&resultformat=6&startdatetime=20230813T07:00-0000&enddatetime=20230814T07:00-0000',
      ),
    };
    const { http, ask } = replaying(caisoConnector, [
      { request: actual, file: sharedPath(SLD_ZIP) },
      { request: dam, file: sharedPath(SLD_ZIP) },
    ]);
    const tac = locationByName(caisoConnector, 'CA ISO-TAC');
    const got = await ask(SLD, ctx('2023-08-13', 'ACTUAL', 'LOAD', tac));
    expect(valueAt(got.points, { location: 'CA ISO-TAC', run: 'ACTUAL', product: 'LOAD', start: '2023-08-13T03:00:00Z' })).toBe(33913);
    const forecast = await ask(SLD, ctx('2023-08-13', 'FORECAST', 'LOAD', tac));
    expect(valueAt(forecast.points, { location: 'BPAT', run: 'FORECAST', product: 'LOAD', start: '2023-08-13T12:00:00Z' })).toBe(5015.71);
    expect(http.requests.map((r) => r.url)).toEqual([actual.url, dam.url]);
  });
});

describeShared(SLD_NO_DATA)('CAISO SLD_FCST "no data" (real, error 1000, m: namespace)', () => {
  it('is NOT_PUBLISHED through the replayed request', async () => {
    const request = {
      url: oasis(
        'queryname=SLD_FCST&market_run_id=DAM&version=1&resultformat=6&startdatetime=20231212T08:00-0000&enddatetime=20231213T08:00-0000',
      ),
    };
    const { ask } = replaying(caisoConnector, [{ request, file: sharedPath(SLD_NO_DATA) }]);
    const tac = locationByName(caisoConnector, 'CA ISO-TAC');
    const failure = ask(SLD, ctx('2023-12-12', 'FORECAST', 'LOAD', tac));
    await expect(failure).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
    await expect(failure).rejects.toThrow(/No data returned for the specified selection/);
  });

  it('is claimed by no report on import (an error answer, nothing to store)', () => {
    expect(() => recognize([caisoConnector], 'nodata.zip', readShared(SLD_NO_DATA))).toThrow(
      expect.objectContaining({ code: 'UNRECOGNIZED_FILE' }),
    );
  });
});

describeShared(SLD_ZIP)('CAISO SLD_FCST refuses what it cannot trust', () => {
  let lines: string[];
  beforeAll(() => {
    lines = sldCsv().toString('utf8').split('\n');
  });
  // header, a 2DA row (line 2), ACTUAL CA ISO-TAC HE 21 (line 555), DAM BPAT (line 6795)
  const excerpt = (edit: (rows: string[]) => string[] = (rows) => rows) =>
    Buffer.from(`${edit([lines[0], lines[1], lines[554], lines[6794]]).join('\n')}\n`);

  it('reads an excerpt', () => {
    const { points } = parse(SLD, excerpt(), 'x.csv');
    expect(points.map((p) => [p.location, p.run, p.value])).toEqual([
      ['CA ISO-TAC', 'ACTUAL', 33913],
      ['BPAT', 'FORECAST', 5015.71],
    ]);
  });

  it('refuses an unknown market run, a wrong data item, a bad number, a missing column, a repeated row', () => {
    expect(() =>
      parse(
        SLD,
        excerpt((r) => [r[0], r[2].replace(',ACTUAL,CA', ',HASP,CA')]),
        'x.csv',
      ),
    ).toThrow(/MARKET_RUN_ID "HASP"/);
    expect(() =>
      parse(
        SLD,
        excerpt((r) => [r[0], r[3].replace('SYS_FCST_DA_MW', 'SYS_FCST_ACT_MW')]),
        'x.csv',
      ),
    ).toThrow(/XML_DATA_ITEM is "SYS_FCST_ACT_MW" but a DAM row should be SYS_FCST_DA_MW/);
    expect(() =>
      parse(
        SLD,
        excerpt((r) => [r[0], r[2].replace(',33913,', ',33 9x3,')]),
        'x.csv',
      ),
    ).toThrow(ParseError);
    expect(() =>
      parse(
        SLD,
        excerpt((r) => [r[0].replace('TAC_AREA_NAME', 'AREA'), r[2]]),
        'x.csv',
      ),
    ).toThrow(/missing column "TAC_AREA_NAME"/);
    expect(() =>
      parse(
        SLD,
        excerpt((r) => [r[0], r[2], r[2]]),
        'x.csv',
      ),
    ).toThrow(/line 2 and line 3 both give CA ISO-TAC LOAD ACTUAL/);
  });

  it('an empty MW is no point, an HTML page is a ParseError', () => {
    expect(
      parse(
        SLD,
        excerpt((r) => [r[0], r[2].replace(',33913,', ',,')]),
        'x.csv',
      ).points,
    ).toHaveLength(0);
    expect(() => parse(SLD, Buffer.from('<html><body>Service unavailable</body></html>'), 'x')).toThrow(ParseError);
  });
});

describeShared(FUELSOURCE)("CAISO Today's Outlook fuelsource (real, 2023-01-01)", () => {
  let result: ParseResult;
  beforeAll(() => {
    result = parse(FUELS, readShared(FUELSOURCE), FUELSOURCE);
  });

  it('reads 288 five-minute intervals x 11 fuels at CAISO, dated from the file name', () => {
    expect(result.points).toHaveLength(288 * 11);
    expect(result.points.every((p) => p.location === 'CAISO' && p.run === 'ACTUAL')).toBe(true);
    expect(new Set(result.points.map((p) => p.product))).toEqual(new Set(FUELS.products));
    expectFiveMinuteDay(seriesOf(result.points, { product: 'GEN_HYDRO' }), '2023-01-01', 24);
    expect(result.locations).toEqual([{ name: 'CAISO', type: 'SYSTEM' }]);
  });

  it('has the values of the file, hydro and biomass summed', () => {
    // line 2, 00:00 PST = 08:00Z: Solar -37, Wind 3193, Geothermal 905, Biomass 287, Biogas 212, Small hydro 191,
    // Coal 4, Nuclear 2245, Natural Gas 8225, Large Hydro 1477, Batteries 200, Imports 6129, Other 0
    const first = '2023-01-01T08:00:00Z';
    expect(valueAt(result.points, 'CAISO', 'GEN_SOLAR', first)).toBe(-37);
    expect(valueAt(result.points, 'CAISO', 'GEN_WIND', first)).toBe(3193);
    expect(valueAt(result.points, 'CAISO', 'GEN_GEOTHERMAL', first)).toBe(905);
    expect(valueAt(result.points, 'CAISO', 'GEN_BIOMASS', first)).toBe(499); // 287 + 212
    expect(valueAt(result.points, 'CAISO', 'GEN_HYDRO', first)).toBe(1668); // 191 + 1477
    expect(valueAt(result.points, 'CAISO', 'GEN_COAL', first)).toBe(4);
    expect(valueAt(result.points, 'CAISO', 'GEN_NUCLEAR', first)).toBe(2245);
    expect(valueAt(result.points, 'CAISO', 'GEN_GAS', first)).toBe(8225);
    expect(valueAt(result.points, 'CAISO', 'GEN_STORAGE', first)).toBe(200);
    expect(valueAt(result.points, 'CAISO', 'GEN_IMPORTS', first)).toBe(6129);
    expect(valueAt(result.points, 'CAISO', 'GEN_OTHER', first)).toBe(0);
    // line 146, 12:00 PST = 20:00Z: Solar 6721, Batteries -1580 (charging), Imports 707
    expect(valueAt(result.points, 'CAISO', 'GEN_SOLAR', '2023-01-01T20:00:00Z')).toBe(6721);
    expect(valueAt(result.points, 'CAISO', 'GEN_STORAGE', '2023-01-01T20:00:00Z')).toBe(-1580);
    expect(valueAt(result.points, 'CAISO', 'GEN_IMPORTS', '2023-01-01T20:00:00Z')).toBe(707);
    // line 289, 23:55 PST = 2023-01-02T07:55Z: Small hydro 177 + Large Hydro 2173, Biomass 301 + Biogas 207
    expect(valueAt(result.points, 'CAISO', 'GEN_HYDRO', '2023-01-02T07:55:00Z')).toBe(2350);
    expect(valueAt(result.points, 'CAISO', 'GEN_BIOMASS', '2023-01-02T07:55:00Z')).toBe(508);
  });

  it('is recognized as the fuel mix only', () => {
    expect(detectedReports(caisoConnector, 'fuelsource.csv', readShared(FUELSOURCE))).toEqual(['caiso.outlook_fuelsource']);
  });

  it('replays the history request, dated from the day asked', async () => {
    const request = { url: 'https://www.caiso.com/outlook/history/20230101/fuelsource.csv' };
    const system = locationByName(caisoConnector, 'CAISO');
    const { result: got, http } = await replayFetch(caisoConnector, FUELS, ctx('2023-01-01', 'ACTUAL', 'GEN_SOLAR', system), [
      { request, file: sharedPath(FUELSOURCE) },
    ]);
    expect(valueAt(got.points, 'CAISO', 'GEN_HYDRO', '2023-01-01T08:00:00Z')).toBe(1668);
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });

  it('needs a date: from the request, else from the name; refused otherwise', () => {
    const body = readShared(FUELSOURCE);
    expect(() => parse(FUELS, body, 'fuelsource.csv')).toThrow(/writes only clock times .* keep the YYYYMMDD/);
    expect(() => parse(FUELS, body, 'fuelsource_20230101_20230102.csv')).toThrow(/several dates/);
    expect(valueAt(parse(FUELS, body, '/tmp/20230102/fuelsource.csv').points, 'CAISO', 'GEN_SOLAR', '2023-01-02T08:00:00Z')).toBe(-37);
    expect(
      valueAt(
        parse(FUELS, body, 'https://www.caiso.com/outlook/history/20230101/fuelsource.csv').points,
        'CAISO',
        'GEN_SOLAR',
        '2023-01-01T08:00:00Z',
      ),
    ).toBe(-37);
  });

  it('refuses an unknown fuel column, a bad time, a bad number', () => {
    const text = readShared(FUELSOURCE).toString('latin1');
    expect(() => parse(FUELS, Buffer.from(text.replace(',Other\r\n', ',Hamster wheels\r\n')), FUELSOURCE)).toThrow(
      /unknown fuel "Hamster wheels"/,
    );
    expect(() => parse(FUELS, Buffer.from(text.replace('\r\n00:05,', '\r\n0:05,')), FUELSOURCE)).toThrow(
      /Time "0:05" is not a five-minute clock time/,
    );
    expect(() => parse(FUELS, Buffer.from(text.replace('00:05,-37,3441,', '00:05,-37,34x1,')), FUELSOURCE)).toThrow(ParseError);
    expect(() => parse(FUELS, Buffer.from(text.replace('\r\n00:10,', '\r\n00:05,')), FUELSOURCE)).toThrow(
      /written 2 times; the clock shows it 1/,
    );
    expect(() => parse(FUELS, Buffer.from('<!DOCTYPE html><html></html>'), FUELSOURCE)).toThrow(/HTML page/);
    // one of two columns summed into a fuel, alone: the sum would be short
    const noBiogas = text
      .split('\r\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 5)
          .join(','),
      )
      .join('\r\n');
    expect(() => parse(FUELS, Buffer.from(noBiogas), FUELSOURCE)).toThrow(
      /GEN_BIOMASS is the sum of "Biomass" and "Biogas", but the file has only "Biomass"/,
    );
  });

  it('fall-back day: the repeated hour written once is skipped, written twice is both passes', () => {
    const text = readShared(FUELSOURCE).toString('latin1');
    // The same grid named for 2023-11-05 (fall-back): 01:00..01:55 once, which pass unknown.
    const once = parse(FUELS, Buffer.from(text), 'fuelsource_20231105.csv');
    const hydro = seriesOf(once.points, { product: 'GEN_HYDRO' });
    expect(hydro).toHaveLength(288 - 12);
    expect(new Date(hydro[0].start).toISOString()).toBe('2023-11-05T07:00:00.000Z'); // 00:00 PDT
    expect(pointAt(once.points, 'CAISO', 'GEN_HYDRO', '2023-11-05T08:00:00Z')).toBeUndefined(); // 01:00 PDT
    expect(pointAt(once.points, 'CAISO', 'GEN_HYDRO', '2023-11-05T09:00:00Z')).toBeUndefined(); // 01:00 PST
    expect(valueAt(once.points, 'CAISO', 'GEN_HYDRO', '2023-11-05T10:00:00Z')).toBeDefined(); // 02:00 PST
    // The hour's twelve rows written again after 01:55: the first pass PDT, the second PST.
    const rows = text.split('\r\n');
    const hour = rows.slice(13, 25); // lines 14-25: 01:00..01:55
    expect(hour[0].startsWith('01:00,')).toBe(true);
    const second = hour.map((r) => r.replace(/^01:(\d\d),-?\d+,/, '01:$1,-1,'));
    const twice = [...rows.slice(0, 25), ...second, ...rows.slice(25)].join('\r\n');
    const both = parse(FUELS, Buffer.from(twice), 'fuelsource_20231105.csv');
    expectFiveMinuteDay(seriesOf(both.points, { product: 'GEN_SOLAR' }), '2023-11-05', 25);
    expect(valueAt(both.points, 'CAISO', 'GEN_SOLAR', '2023-11-05T08:00:00Z')).toBe(-37); // line 14, first pass
    expect(valueAt(both.points, 'CAISO', 'GEN_SOLAR', '2023-11-05T09:00:00Z')).toBe(-1); // the pass written after
  });
});

describeShared(NETDEMAND)("CAISO Today's Outlook netdemand (real, spring-forward 2019-03-10)", () => {
  let result: ParseResult;
  beforeAll(() => {
    result = parse(DEMAND, readShared(NETDEMAND), NETDEMAND);
  });

  it('23 hours: the empty 02:00..02:55 rows are skipped, so is the next day 00:00', () => {
    expectFiveMinuteDay(seriesOf(result.points, { run: 'ACTUAL' }), '2019-03-10', 23);
    expectFiveMinuteDay(seriesOf(result.points, { run: 'FORECAST' }), '2019-03-10', 23);
    expect(result.points).toHaveLength(552);
    expect(result.points.every((p) => p.location === 'CAISO' && p.product === 'LOAD')).toBe(true);
    // the last row `00:00,21541,,` is the next day's first interval (2019-03-11T07:00Z): not stored
    expect(pointAt(result.points, { location: 'CAISO', product: 'LOAD', run: 'FORECAST', start: '2019-03-11T07:00:00Z' })).toBeUndefined();
  });

  it('has the values of the file: Current demand as ACTUAL, Hour ahead forecast as FORECAST (no vintage)', () => {
    const at = (run: string, start: string) => valueAt(result.points, { location: 'CAISO', product: 'LOAD', run, start });
    // line 2, 00:00 PST = 08:00Z: forecast 21537, demand 21511 (Net demand 19908 not stored)
    expect(at('ACTUAL', '2019-03-10T08:00:00Z')).toBe(21511);
    expect(at('FORECAST', '2019-03-10T08:00:00Z')).toBe(21537);
    // line 25, 01:55 PST = 09:55Z: 20060, 20051
    expect(at('ACTUAL', '2019-03-10T09:55:00Z')).toBe(20051);
    expect(at('FORECAST', '2019-03-10T09:55:00Z')).toBe(20060);
    // line 38, 03:00 PDT = 10:00Z: 20060, 20035
    expect(at('ACTUAL', '2019-03-10T10:00:00Z')).toBe(20035);
    expect(at('FORECAST', '2019-03-10T10:00:00Z')).toBe(20060);
    // line 289, 23:55 PDT = 2019-03-11T06:55Z: 21541, 21583
    expect(at('ACTUAL', '2019-03-11T06:55:00Z')).toBe(21583);
    expect(at('FORECAST', '2019-03-11T06:55:00Z')).toBe(21541);
    expect(new Set(result.points.map((p) => p.run))).toEqual(new Set(['ACTUAL', 'FORECAST']));
  });

  it('is recognized as the demand file only', () => {
    expect(detectedReports(caisoConnector, 'netdemand.csv', readShared(NETDEMAND))).toEqual(['caiso.outlook_netdemand']);
  });

  it('replays the history request', async () => {
    const request = { url: 'https://www.caiso.com/outlook/history/20190310/netdemand.csv' };
    const system = locationByName(caisoConnector, 'CAISO');
    const { result: got, http } = await replayFetch(caisoConnector, DEMAND, ctx('2019-03-10', 'ACTUAL', 'LOAD', system), [
      { request, file: sharedPath(NETDEMAND) },
    ]);
    expect(valueAt(got.points, { location: 'CAISO', product: 'LOAD', run: 'ACTUAL', start: '2019-03-10T10:00:00Z' })).toBe(20035);
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });

  it('refuses a value in the spring-forward gap and a missing column', () => {
    const text = readShared(NETDEMAND).toString('latin1');
    expect(() => parse(DEMAND, Buffer.from(text.replace('02:05,,,', '02:05,20000,,')), NETDEMAND)).toThrow(
      /a value at 2019-03-10 02:05, a time the spring-forward day does not have/,
    );
    expect(() => parse(DEMAND, Buffer.from(text.replace('Current demand', 'Demand')), NETDEMAND)).toThrow(
      /missing column "Current demand"/,
    );
  });
});

describe('CAISO PRC_AS (own fixture written from the documented layout, spring-forward 2024-03-10)', () => {
  const body = readOwn(AS_DAM);

  it('reads RU, RD, SR, NR per region, hourly DA; mileage and empty prices are no point', () => {
    const { points, locations } = parse(DA_AS, body, AS_DAM);
    // 15 rows: 2 mileage (RMU, RMD) and 1 empty NR (AS_SP26_EXP HE 1) left out
    expect(points).toHaveLength(12);
    expect(points.every((p) => p.run === 'DA' && p.end - p.start === 3_600_000)).toBe(true);
    // line 2: HE 1 (08:00Z) RU AS_CAISO_EXP 9.5; line 3 RD 4.25; line 4 SR 2.1; line 5 NR 0.5
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_UP', '2024-03-10T08:00:00Z')).toBe(9.5);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_DOWN', '2024-03-10T08:00:00Z')).toBe(4.25);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_SPIN', '2024-03-10T08:00:00Z')).toBe(2.1);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_NONSPIN', '2024-03-10T08:00:00Z')).toBe(0.5);
    // line 11: HE 2 NR 0, a zero price is a point
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_NONSPIN', '2024-03-10T09:00:00Z')).toBe(0);
    // line 13: the empty NR at AS_SP26_EXP
    expect(pointAt(points, 'AS_SP26_EXP', 'AS_NONSPIN', '2024-03-10T08:00:00Z')).toBeUndefined();
    // line 15: HE 15 = 15:00 PDT = 22:00Z; line 16: HE 23, the 23-hour day's last, 2024-03-11T06:00Z
    expect(valueAt(points, 'AS_NP26', 'AS_REG_UP', '2024-03-10T22:00:00Z')).toBe(12.4);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_UP', '2024-03-11T06:00:00Z')).toBe(11.2);
    expect(locations).toEqual([
      { name: 'AS_CAISO_EXP', type: 'REGION' },
      { name: 'AS_SP26_EXP', type: 'REGION' },
      { name: 'AS_NP26', type: 'REGION' },
    ]);
  });

  it('is recognized as the DA AS prices only', () => {
    expect(detectedReports(caisoConnector, 'PRC_AS.csv', body)).toEqual(['caiso.prc_as']);
  });

  it('replays the PRC_AS request (the written CSV zipped as OASIS serves it)', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_AS&market_run_id=DAM&version=12&resultformat=6&startdatetime=20240310T08:00-0000&enddatetime=20240311T07:00-0000&anc_type=ALL&anc_region=ALL',
      ),
    };
    const region = locationByName(caisoConnector, 'AS_CAISO_EXP');
    const { result: got, http } = await replayFetch(caisoConnector, DA_AS, ctx('2024-03-10', 'DA', 'AS_SPIN', region), [
      { request, file: zippedFile('20240310_20240310_PRC_AS_DAM_v12.csv', body) },
    ]);
    expect(valueAt(got.points, 'AS_CAISO_EXP', 'AS_SPIN', '2024-03-10T09:00:00Z')).toBe(1.8); // line 10
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });

  it('refuses another market run, an unknown AS type, a wrong data item, another interval length', () => {
    const text = body.toString('utf8');
    expect(() => parse(RT_AS, body, AS_DAM)).toThrow(/MARKET_RUN_ID is "DAM" but PRC_INTVL_AS should be RTM/);
    expect(() => parse(DA_AS, Buffer.from(text.replace(',RU,AS_NP26,', ',RUX,AS_NP26,')), AS_DAM)).toThrow(/ANC_TYPE "RUX"/);
    expect(() => parse(DA_AS, Buffer.from(text.replace('DAM,SP_CLR_PRC,2.1', 'DAM,SP_PROC_MW,2.1')), AS_DAM)).toThrow(
      /XML_DATA_ITEM is "SP_PROC_MW" but the SR clearing price is SP_CLR_PRC/,
    );
    expect(() =>
      parse(
        DA_AS,
        Buffer.from(
          text.replace('2024-03-10T22:00:00-00:00,2024-03-10T23:00:00-00:00', '2024-03-10T22:00:00-00:00,2024-03-10T22:15:00-00:00'),
        ),
        AS_DAM,
      ),
    ).toThrow(/lasts 60 minutes, this one 15/);
    expect(() => parse(DA_AS, Buffer.from(text.replace(',4.25,', ',4.2.5,')), AS_DAM)).toThrow(ParseError);
  });
});

describe('CAISO PRC_INTVL_AS (own fixture written from the documented layout, fall-back 2024-11-03)', () => {
  const body = readOwn(AS_RTM);

  it('reads fifteen-minute RT15 prices; OPR_HR 2 and 3 are both 01:00 Pacific, told apart by GMT', () => {
    const { points } = parse(RT_AS, body, AS_RTM);
    // 12 rows: 1 mileage (RMU) and 1 empty RD left out
    expect(points).toHaveLength(10);
    expect(points.every((p) => p.run === 'RT15' && p.end - p.start === 900_000)).toBe(true);
    // line 2: OPR_HR 2 interval 1 (01:00 PDT = 08:00Z) RU 3.2; line 9: OPR_HR 3 interval 1 (01:00 PST = 09:00Z) RU 2.9
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_UP', '2024-11-03T08:00:00Z')).toBe(3.2);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_UP', '2024-11-03T09:00:00Z')).toBe(2.9);
    // line 7: 08:15Z RU 3.35; line 11: 09:00Z SR -0.05 (a negative price is kept)
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_REG_UP', '2024-11-03T08:15:00Z')).toBe(3.35);
    expect(valueAt(points, 'AS_CAISO_EXP', 'AS_SPIN', '2024-11-03T09:00:00Z')).toBe(-0.05);
    // line 13: RD at 09:15Z is empty
    expect(pointAt(points, 'AS_CAISO_EXP', 'AS_REG_DOWN', '2024-11-03T09:15:00Z')).toBeUndefined();
  });

  it('is recognized as the RT AS prices only', () => {
    expect(detectedReports(caisoConnector, 'PRC_INTVL_AS.csv', body)).toEqual(['caiso.prc_intvl_as']);
    expect(ownPath(AS_RTM)).toContain('test/fixtures/caiso');
  });

  it('replays the PRC_INTVL_AS request', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_INTVL_AS&market_run_id=RTM&version=1&resultformat=6&startdatetime=20241103T07:00-0000&enddatetime=20241104T08:00-0000&anc_type=ALL&anc_region=ALL',
      ),
    };
    const region = locationByName(caisoConnector, 'AS_CAISO_EXP');
    const { result: got } = await replayFetch(caisoConnector, RT_AS, ctx('2024-11-03', 'RT15', 'AS_REG_DOWN', region), [
      { request, file: zippedFile('20241103_20241103_PRC_INTVL_AS_RTM_v1.csv', body) },
    ]);
    expect(valueAt(got.points, 'AS_CAISO_EXP', 'AS_REG_DOWN', '2024-11-03T09:00:00Z')).toBe(1.6); // line 10
  });

  it('refuses a repeated row', () => {
    const lines = body.toString('utf8').split('\n');
    expect(() => parse(RT_AS, Buffer.from([...lines.slice(0, 3), lines[1], ''].join('\n')), AS_RTM)).toThrow(
      /line 2 and line 4 both give AS_CAISO_EXP AS_REG_UP/,
    );
  });
});
