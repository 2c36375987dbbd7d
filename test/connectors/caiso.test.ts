import { caisoConnector } from '../../backend/connectors/us/caiso';
import { ParseError, type ParseResult } from '../../backend/domain';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { describeShared, ownPath, readOwn, readShared, sharedPath, zipped, zippedFile } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { expectComponentsAddUp, pointAt, reportById, valueAt } from '../support/points';

const DA = reportById(caisoConnector, 'caiso.prc_lmp');
const RT15 = reportById(caisoConnector, 'caiso.prc_rtpd_lmp');
const RT5 = reportById(caisoConnector, 'caiso.prc_intvl_lmp');

const V12_ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const V1_ZIP = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const RTPD_GNODE7 = 'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_49_39_v2.csv';
const RTPD_SANBRDNO = 'caiso/20230917_20230919_PRC_RTPD_LMP_RTPD_20230921_11_57_28_v2.csv';
const FALLBACK = 'caiso/PRC_LMP_DAM_v12_TH_NP15_20241103_fallback_written.csv';
const SPRING = 'caiso/PRC_LMP_DAM_v12_TH_NP15_20240310_springforward_written.csv';
const RTM = 'caiso/PRC_INTVL_LMP_RTM_v3_TH_NP15_20240701_written.csv';

function parse(r: Report, body: Buffer, source = 'test'): ParseResult {
  return r.parse(body, { market: caisoConnector.market, source });
}

function ctx(day: string, location: string, run: string): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', location: { name: location, type: 'NODE' }, keys: {} };
}

const oasis = (query: string) => `https://oasis.caiso.com/oasisapi/SingleZip?${query}`;

describe('CAISO market', () => {
  it('calls OASIS at most once every five seconds, one at a time', () => {
    expect(caisoConnector.market.hosts['oasis.caiso.com']).toEqual({ minIntervalMs: 5000, concurrency: 1 });
  });

  it('reads RT as the five-minute dispatch run', () => {
    expect(caisoConnector.market.runAliases).toEqual({ RT: 'RT5' });
    expect(caisoConnector.market.clock).toBe('America/Los_Angeles');
  });

  it('knows the trading hubs and DLAPs', () => {
    const names = caisoConnector.locations.map((l) => l.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'TH_NP15_GEN-APND',
        'TH_SP15_GEN-APND',
        'TH_ZP26_GEN-APND',
        'DLAP_PGAE-APND',
        'DLAP_SCE-APND',
        'DLAP_SDGE-APND',
        'DLAP_VEA-APND',
      ]),
    );
  });
});

describe('CAISO requests', () => {
  it('asks PRC_LMP v12 for one node over the Pacific day in GMT', () => {
    expect(DA.request!(ctx('2023-01-01', 'TH_SP15_GEN-APND', 'DA')).url).toBe(
      oasis(
        'queryname=PRC_LMP&market_run_id=DAM&version=12&resultformat=6&startdatetime=20230101T08:00-0000&enddatetime=20230102T08:00-0000&node=TH_SP15_GEN-APND',
      ),
    );
  });

  it('asks PRC_RTPD_LMP v3 and PRC_INTVL_LMP v3 for the real-time runs', () => {
    expect(RT15.request!(ctx('2023-09-18', 'CAS_PP_GNODE7', 'RT15')).url).toBe(
      oasis(
        'queryname=PRC_RTPD_LMP&market_run_id=RTPD&version=3&resultformat=6&startdatetime=20230918T07:00-0000&enddatetime=20230919T07:00-0000&node=CAS_PP_GNODE7',
      ),
    );
    expect(RT5.request!(ctx('2024-07-01', 'TH_NP15_GEN-APND', 'RT5')).url).toBe(
      oasis(
        'queryname=PRC_INTVL_LMP&market_run_id=RTM&version=3&resultformat=6&startdatetime=20240701T07:00-0000&enddatetime=20240702T07:00-0000&node=TH_NP15_GEN-APND',
      ),
    );
  });

  it('asks for 25 hours on the fall-back day and 23 on the spring-forward day', () => {
    expect(DA.request!(ctx('2024-11-03', 'TH_NP15_GEN-APND', 'DA')).url).toContain(
      'startdatetime=20241103T07:00-0000&enddatetime=20241104T08:00-0000',
    );
    expect(DA.request!(ctx('2024-03-10', 'TH_NP15_GEN-APND', 'DA')).url).toContain(
      'startdatetime=20240310T08:00-0000&enddatetime=20240311T07:00-0000',
    );
  });

  it('needs a node', () => {
    expect(() => DA.request!({ period: { key: '2024-01-01', days: ['2024-01-01'] }, run: 'DA', product: 'LMP', keys: {} })).toThrow(
      /name a location/,
    );
  });
});

describeShared(V12_ZIP)('CAISO PRC_LMP v12 zip (real, TH_SP15 2023-01-01)', () => {
  let result: ParseResult;
  beforeAll(() => {
    result = parse(DA, readShared(V12_ZIP));
  });

  it('reads 24 hours x 5 components, hour by hour in GMT', () => {
    expect(result.points).toHaveLength(120);
    const lmp = result.points.filter((p) => p.product === 'LMP').sort((a, b) => a.start - b.start);
    expect(lmp).toHaveLength(24);
    expect(new Date(lmp[0].start).toISOString()).toBe('2023-01-01T08:00:00.000Z');
    expect(new Date(lmp[23].end).toISOString()).toBe('2023-01-02T08:00:00.000Z');
    expect(lmp.every((p) => p.end - p.start === 3_600_000 && p.run === 'DA')).toBe(true);
  });

  it('has the values of the file', () => {
    // OPR_HR 20 (19:00 PST): LMP 146.86395, MCE 151.53111, MCC 0, MCL -4.66716, MGHG 0
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'LMP', '2023-01-02T03:00:00Z')).toBe(146.86395);
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'ENERGY', '2023-01-02T03:00:00Z')).toBe(151.53111);
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'CONGESTION', '2023-01-02T03:00:00Z')).toBe(0);
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'LOSS', '2023-01-02T03:00:00Z')).toBe(-4.66716);
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'GHG', '2023-01-02T03:00:00Z')).toBe(0);
    expect(valueAt(result.points, 'TH_SP15_GEN-APND', 'LMP', '2023-01-01T08:00:00Z')).toBe(118.46735);
  });

  it('components add up in every hour', () => {
    expect(expectComponentsAddUp(result.points, { groups: 'complete' })).toBe(24);
  });

  it('names the node it saw', () => {
    expect(result.locations).toEqual([{ name: 'TH_SP15_GEN-APND', type: 'HUB' }]);
  });

  it('replays the OASIS request and reads the zip', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_LMP&market_run_id=DAM&version=12&resultformat=6&startdatetime=20230101T08:00-0000&enddatetime=20230102T08:00-0000&node=TH_SP15_GEN-APND',
      ),
    };
    const { result: got, http } = await replayFetch(caisoConnector, DA, ctx('2023-01-01', 'TH_SP15_GEN-APND', 'DA'), [
      { request, file: sharedPath(V12_ZIP) },
    ]);
    expect(valueAt(got.points, 'TH_SP15_GEN-APND', 'LMP', '2023-01-02T03:00:00Z')).toBe(146.86395);
    expect(http.requests).toEqual([{ method: 'GET', url: request.url, headerNames: [], source: 'replay' }]);
  });
});

describeShared(V1_ZIP)('CAISO PRC_LMP v1 zip (real, all APNodes, 32 MB unzipped)', () => {
  let result: ParseResult;
  beforeAll(() => {
    result = parse(DA, readShared(V1_ZIP));
  });

  it('reads every one of the 162,848 rows and 1,700 nodes', () => {
    expect(result.points).toHaveLength(162_848);
    expect(result.locations).toHaveLength(1700);
    expect(result.points.filter((p) => p.product === 'GHG')).toHaveLength(0); // v1 has no MGHG
  });

  it('has the values of the file', () => {
    expect(valueAt(result.points, 'TH_NP15_GEN-APND', 'LMP', '2020-01-02T05:00:00Z')).toBe(35.05052);
    expect(valueAt(result.points, 'TH_NP15_GEN-APND', 'ENERGY', '2020-01-02T05:00:00Z')).toBe(35.49061);
    expect(valueAt(result.points, 'TH_NP15_GEN-APND', 'LOSS', '2020-01-02T05:00:00Z')).toBe(-0.44008);
    expect(valueAt(result.points, 'DLAP_PGAE-APND', 'LMP', '2020-01-02T08:00:00Z')).toBe(29.92279);
    expect(valueAt(result.points, 'DLAP_PGAE-APND', 'ENERGY', '2020-01-02T08:00:00Z')).toBe(29.23575);
    expect(valueAt(result.points, 'DLAP_PGAE-APND', 'LOSS', '2020-01-02T08:00:00Z')).toBe(0.68704);
    expect(result.points.filter((p) => p.location === 'TH_SP15_GEN-APND' && p.product === 'LMP')).toHaveLength(24);
  });

  it('types hubs and DLAPs', () => {
    expect(result.locations).toEqual(
      expect.arrayContaining([
        { name: 'TH_ZP26_GEN-APND', type: 'HUB' },
        { name: 'DLAP_SCE-APND', type: 'ZONE' },
      ]),
    );
  });

  it('components add up for every node-hour', () => {
    expect(expectComponentsAddUp(result.points, { groups: 'complete' })).toBe(40_712);
  });
});

describeShared([RTPD_GNODE7, RTPD_SANBRDNO])('CAISO PRC_RTPD_LMP CSV (real, 15-minute)', () => {
  let gnode: ParseResult;
  beforeAll(() => {
    gnode = parse(RT15, readShared(RTPD_GNODE7));
  });

  it('reads the bare CSV member: 192 intervals x 5 components', () => {
    expect(gnode.points).toHaveLength(960);
    const p = pointAt(gnode.points, 'CAS_PP_GNODE7', 'LMP', '2023-09-18T00:00:00Z')!;
    expect(p.value).toBe(23.9984);
    expect(new Date(p.end).toISOString()).toBe('2023-09-18T00:15:00.000Z');
    expect(p.run).toBe('RT15');
    expect(valueAt(gnode.points, 'CAS_PP_GNODE7', 'CONGESTION', '2023-09-18T00:00:00Z')).toBe(0.0012);
    expect(valueAt(gnode.points, 'CAS_PP_GNODE7', 'ENERGY', '2023-09-18T00:00:00Z')).toBe(24.13477);
    expect(valueAt(gnode.points, 'CAS_PP_GNODE7', 'LOSS', '2023-09-18T00:00:00Z')).toBe(-0.13758);
    expect(valueAt(gnode.points, 'CAS_PP_GNODE7', 'LMP', '2023-09-19T23:45:00Z')).toBe(34.25605);
    expect(valueAt(gnode.points, 'CAS_PP_GNODE7', 'CONGESTION', '2023-09-19T23:45:00Z')).toBe(-3.03182);
  });

  it('components add up in every interval', () => {
    expect(expectComponentsAddUp(gnode.points, { groups: 'complete' })).toBe(192);
  });

  it('is recognized as the 15-minute report only', () => {
    const head = readShared(RTPD_GNODE7).toString('latin1');
    const file = { name: 'x.csv', head, bytes: readShared(RTPD_GNODE7) };
    expect(RT15.detect!(file)).toBe(true);
    expect(DA.detect!(file)).toBe(false);
    expect(RT5.detect!(file)).toBe(false);
  });

  it('replays a day for another node (the real CSV zipped as OASIS serves it)', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_RTPD_LMP&market_run_id=RTPD&version=3&resultformat=6&startdatetime=20230918T07:00-0000&enddatetime=20230919T07:00-0000&node=SANBRDNO_6_GN002',
      ),
    };
    const body = zippedFile('20230918_20230918_PRC_RTPD_LMP_RTPD_v3.csv', readShared(RTPD_SANBRDNO));
    const { result: got, http } = await replayFetch(caisoConnector, RT15, ctx('2023-09-18', 'SANBRDNO_6_GN002', 'RT15'), [
      { request, file: body },
    ]);
    expect(valueAt(got.points, 'SANBRDNO_6_GN002', 'LMP', '2023-09-18T12:15:00Z')).toBe(33.75116);
    expect(valueAt(got.points, 'SANBRDNO_6_GN002', 'ENERGY', '2023-09-18T12:15:00Z')).toBe(34.28951);
    expect(valueAt(got.points, 'SANBRDNO_6_GN002', 'LOSS', '2023-09-18T12:15:00Z')).toBe(-0.53835);
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });
});

describe('CAISO PRC_INTVL_LMP (own fixture written from the layout)', () => {
  it('reads VALUE as the price, 5-minute intervals', () => {
    const { points } = parse(RT5, readOwn(RTM));
    expect(points).toHaveLength(10);
    const p = pointAt(points, 'TH_NP15_GEN-APND', 'LMP', '2024-07-01T19:00:00Z')!;
    expect(p.value).toBe(42.10011);
    expect(p.end - p.start).toBe(300_000);
    expect(valueAt(points, 'TH_NP15_GEN-APND', 'LMP', '2024-07-01T19:05:00Z')).toBe(-3.5);
    expect(expectComponentsAddUp(points, { groups: 'complete' })).toBe(2);
  });

  it('replays the five-minute request', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_INTVL_LMP&market_run_id=RTM&version=3&resultformat=6&startdatetime=20240701T07:00-0000&enddatetime=20240702T07:00-0000&node=TH_NP15_GEN-APND',
      ),
    };
    const { result: got } = await replayFetch(caisoConnector, RT5, ctx('2024-07-01', 'TH_NP15_GEN-APND', 'RT5'), [
      { request, file: zippedFile('20240701_20240701_PRC_INTVL_LMP_RTM_v3.csv', readOwn(RTM)) },
    ]);
    expect(valueAt(got.points, 'TH_NP15_GEN-APND', 'GHG', '2024-07-01T19:00:00Z')).toBe(0.1);
    expect(got.points.every((p) => p.run === 'RT5')).toBe(true);
  });
});

describe('CAISO DST days (own fixtures written from the layout)', () => {
  it('fall-back day: 25 hours from the GMT columns, OPR_HR 2 and 3 are both 01:00 Pacific', () => {
    const { points } = parse(DA, readOwn(FALLBACK));
    const lmp = points.filter((p) => p.product === 'LMP').sort((a, b) => a.start - b.start);
    expect(lmp).toHaveLength(25);
    expect(new Set(lmp.map((p) => p.start)).size).toBe(25);
    expect(new Date(lmp[0].start).toISOString()).toBe('2024-11-03T07:00:00.000Z');
    expect(new Date(lmp[24].end).toISOString()).toBe('2024-11-04T08:00:00.000Z');
    expect(valueAt(points, 'TH_NP15_GEN-APND', 'LMP', '2024-11-03T08:00:00Z')).toBe(32.5); // 01:00 PDT
    expect(valueAt(points, 'TH_NP15_GEN-APND', 'LMP', '2024-11-03T09:00:00Z')).toBe(33.75); // 01:00 PST
    expect(valueAt(points, 'TH_NP15_GEN-APND', 'LMP', '2024-11-04T07:00:00Z')).toBe(61.25); // OPR_HR 25
    expect(expectComponentsAddUp(points, { groups: 'complete' })).toBe(2);
  });

  it('spring-forward day: 23 hours', () => {
    const { points } = parse(DA, readOwn(SPRING));
    expect(points).toHaveLength(23);
    const last = points.sort((a, b) => a.start - b.start)[22];
    expect(new Date(last.start).toISOString()).toBe('2024-03-11T06:00:00.000Z');
    expect(last.value).toBe(58.75);
  });
});

describe('CAISO errors', () => {
  const csv = readOwn(SPRING).toString('utf8');

  it('OASIS "no data" XML in the zip is NOT_PUBLISHED', async () => {
    const request = {
      url: oasis(
        'queryname=PRC_LMP&market_run_id=DAM&version=12&resultformat=6&startdatetime=20300101T08:00-0000&enddatetime=20300102T08:00-0000&node=TH_SP15_GEN-APND',
      ),
    };
    const failure = replayFetch(caisoConnector, DA, ctx('2030-01-01', 'TH_SP15_GEN-APND', 'DA'), [
      { request, file: zippedFile('20300101_20300101_PRC_LMP_DAM_v12.xml', readOwn('caiso/OASIS_no_data_1000_written.xml')) },
    ]);
    await expect(failure).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
    await expect(failure).rejects.toThrow(/No data returned for the specified selection/);
  });

  it('another OASIS error is UPSTREAM with its ERR_DESC', () => {
    const zip = zipped({ 'INVALID_REQUEST.xml': readOwn('caiso/OASIS_error_written.xml') });
    expect(() => parse(DA, zip)).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM',
        message: expect.stringContaining('Example error text written for this test (error 1019)'),
      }),
    );
  });

  it('an HTML page is a ParseError', () => {
    expect(() => parse(DA, Buffer.from('<!DOCTYPE html><html><body>Service unavailable</body></html>'))).toThrow(ParseError);
  });

  it('a renamed price column is a ParseError naming it', () => {
    expect(() => parse(DA, Buffer.from(csv.replace(',MW,', ',PRICE,')))).toThrow(/missing column "MW"/);
    expect(() => parse(DA, Buffer.from(csv.replace(',LMP_TYPE,', ',TYPE,')))).toThrow(/missing column "LMP_TYPE"/);
    expect(() => parse(DA, Buffer.from(csv.replace('INTERVALSTARTTIME_GMT', 'INTERVALSTARTTIME')))).toThrow(
      /missing column "INTERVALSTARTTIME_GMT"/,
    );
  });

  it('a file of another market run is refused', () => {
    expect(() => parse(DA, Buffer.from(csv.replace(/,DAM,/g, ',RTM,')))).toThrow(/MARKET_RUN_ID is "RTM"/);
    expect(() => parse(RT5, readOwn(SPRING))).toThrow(/missing column "VALUE"/);
  });

  it('a bad number or time is a ParseError, an empty cell is no point', () => {
    expect(() => parse(DA, Buffer.from(csv.replace(',31.25,', ',3x,')))).toThrow(/"3x" is not a number/);
    expect(() => parse(DA, Buffer.from(csv.replace('2024-03-10T08:00:00-00:00', '03/10/2024 00:00')))).toThrow(
      /"03\/10\/2024 00:00" is not a date-time with a UTC offset/,
    );
    expect(parse(DA, Buffer.from(csv.replace(',31.25,', ',,'))).points).toHaveLength(22);
  });

  it('an empty file is a ParseError', () => {
    expect(() => parse(DA, Buffer.alloc(0))).toThrow(ParseError);
  });

  it('recognizes its own fixtures by header and run', () => {
    const file = (rel: string) => ({ name: rel, head: readOwn(rel).toString('latin1'), bytes: readOwn(rel) });
    expect(DA.detect!(file(FALLBACK))).toBe(true);
    expect(RT5.detect!(file(RTM))).toBe(true);
    expect(DA.detect!(file(RTM))).toBe(false);
    expect(ownPath(RTM)).toContain('test/fixtures/caiso');
  });
});
