import { ercotConnector } from '../../backend/connectors/us/ercot';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { dayBounds } from '../../backend/time/clock';
import { apiUrl, CLIENT, KEYS, LOGIN, LOGIN_ANSWER, misDoc, misList, misZipFile } from '../support/ercot';
import { describeShared, ownPath, readOwn, readShared, sharedPath, tempFile } from '../support/fixtures';
import { replayFetch, type ReplayEntry } from '../support/replay';
import { reportById, valueAt } from '../support/points';

const API_DAM = reportById(ercotConnector, 'ercot.api_dam_spp');
const API_RT = reportById(ercotConnector, 'ercot.api_rt_spp');
const MIS_DAM = reportById(ercotConnector, 'ercot.mis_dam_spp');
const MIS_RT = reportById(ercotConnector, 'ercot.mis_rt_spp');
const ADDERS = reportById(ercotConnector, 'ercot.mis_rt_adders');
const SCED = reportById(ercotConnector, 'ercot.sced_lmp');

const FALLBACK_JSON = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json';
const SPRING_JSON = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2026-03-08.json';
const DOCLIST_12331 = 'ercot/mis_IceDocListJsonWS_reportTypeId_12331_sample.json';
const SCED_CSV = 'ercot/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018_subset59rows.csv';

function ctx(day: string, run: string, location?: string, keys: Record<string, string> = {}): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', location: location ? { name: location, type: 'HUB' } : undefined, keys };
}

function parse(r: Report, body: Buffer, request?: RequestContext): ParseResult {
  return r.parse(body, { market: ercotConnector.market, source: 'test', request });
}

const run = (r: Report, context: RequestContext, entries: ReplayEntry[]) => replayFetch(ercotConnector, r, context, entries);

describe('ERCOT market', () => {
  it('is Central time, RT means the 15-minute settlement price, keyed API first then MIS', () => {
    expect(ercotConnector.market.clock).toBe('America/Chicago');
    expect(ercotConnector.market.runAliases).toEqual({ RT: 'RT15' });
    const ids = ercotConnector.reports.map((r) => r.id);
    expect(ids.indexOf('ercot.api_dam_spp')).toBeLessThan(ids.indexOf('ercot.mis_dam_spp'));
    expect(ids.indexOf('ercot.api_rt_spp')).toBeLessThan(ids.indexOf('ercot.mis_rt_spp'));
    expect(API_DAM.keys).toEqual(['ERCOT_API_USERNAME', 'ERCOT_API_PASSWORD', 'ERCOT_API_SUBSCRIPTION_KEY']);
    expect(MIS_DAM.keys).toBeUndefined();
  });

  it('knows the hubs and load zones', () => {
    const names = ercotConnector.locations.map((l) => l.name);
    for (const n of [
      'HB_NORTH',
      'HB_SOUTH',
      'HB_WEST',
      'HB_HOUSTON',
      'HB_PAN',
      'HB_HUBAVG',
      'HB_BUSAVG',
      'LZ_AEN',
      'LZ_CPS',
      'LZ_HOUSTON',
      'LZ_LCRA',
      'LZ_NORTH',
      'LZ_RAYBN',
      'LZ_SOUTH',
      'LZ_WEST',
    ])
      expect(names).toContain(n);
  });
});

describeShared([FALLBACK_JSON, SPRING_JSON])('ERCOT Public API NP4-190-CD (real days)', () => {
  it('fall-back day 2025-11-02: 25 hours; DSTFlag true marks the repeated (second, CST) hour ending 02:00', () => {
    const { points } = parse(API_DAM, readShared(FALLBACK_JSON));
    expect(points).toHaveLength(25);
    expect(new Set(points.map((p) => p.start)).size).toBe(25);
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2025-11-02T05:00:00Z')).toBe(56.16); // HE01, 00:00 CDT
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2025-11-02T06:00:00Z')).toBe(46.44); // HE02 DSTFlag false, 01:00 CDT
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2025-11-02T07:00:00Z')).toBe(48.25); // HE02 DSTFlag true, 01:00 CST
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2025-11-02T08:00:00Z')).toBe(52.27); // HE03, 02:00 CST
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2025-11-03T05:00:00Z')).toBe(22.32); // HE24, 23:00 CST
    const last = points.reduce((a, b) => (a.start > b.start ? a : b));
    expect(last.end).toBe(dayBounds('2025-11-02', 'America/Chicago').end);
    expect(points.every((p) => p.end - p.start === 3_600_000 && p.run === 'DA')).toBe(true);
  });

  it('spring-forward day 2026-03-08: 23 hours, no hour ending 03:00', () => {
    const { points } = parse(API_DAM, readShared(SPRING_JSON));
    expect(points).toHaveLength(23);
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2026-03-08T06:00:00Z')).toBe(42.47); // HE01, 00:00 CST
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2026-03-08T07:00:00Z')).toBe(36.24); // HE02, 01:00 CST
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2026-03-08T08:00:00Z')).toBe(34.2); // HE04, 03:00 CDT
    expect(valueAt(points, 'HB_HUBAVG', 'LMP', '2026-03-09T04:00:00Z')).toBe(24.22); // HE24, 23:00 CDT
  });

  it('replays login + data with the exact URLs, secrets masked', async () => {
    const data = {
      url: apiUrl(
        'np4-190-cd/dam_stlmnt_pnt_prices',
        'deliveryDateFrom=2025-11-02&deliveryDateTo=2025-11-02&settlementPoint=HB_HUBAVG&size=10000',
      ),
    };
    const { result, http } = await run(API_DAM, ctx('2025-11-02', 'DA', 'HB_HUBAVG', KEYS), [
      { request: LOGIN, file: LOGIN_ANSWER },
      { request: data, file: sharedPath(FALLBACK_JSON) },
    ]);
    expect(result.points).toHaveLength(25);
    expect(valueAt(result.points, 'HB_HUBAVG', 'LMP', '2025-11-02T07:00:00Z')).toBe(48.25);
    expect(http.requests).toHaveLength(2);
    expect(http.requests[0].method).toBe('POST');
    expect(http.requests[0].url).toContain('/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token?username=***&password=***&grant_type=password');
    expect(http.requests[0].url).toContain(`client_id=${CLIENT}&response_type=id_token`);
    expect(http.requests[1]).toEqual({
      method: 'GET',
      url: data.url,
      headerNames: ['Authorization', 'Ocp-Apim-Subscription-Key'],
      source: 'replay',
    });
    const log = JSON.stringify(http.requests);
    for (const secret of ['trader', 'pa$$word', 'pa%24%24word', 'sub-key-123', 'written-id-token']) expect(log).not.toContain(secret);
  });
});

describe('ERCOT Public API paging and RT (own fixtures written from the layout)', () => {
  it('follows _meta pages', async () => {
    const first = {
      url: apiUrl(
        'np4-190-cd/dam_stlmnt_pnt_prices',
        'deliveryDateFrom=2026-03-09&deliveryDateTo=2026-03-09&settlementPoint=HB_NORTH&size=10000',
      ),
    };
    const second = { url: `${first.url}&page=2` };
    const { result, http } = await run(API_DAM, ctx('2026-03-09', 'DA', 'HB_NORTH', KEYS), [
      { request: LOGIN, file: LOGIN_ANSWER },
      { request: first, file: ownPath('ercot/np4-190-cd_HB_NORTH_2026-03-09_page1_written.json') },
      { request: second, file: ownPath('ercot/np4-190-cd_HB_NORTH_2026-03-09_page2_written.json') },
    ]);
    expect(http.requests.map((r) => r.url).slice(1)).toEqual([first.url, second.url]);
    expect(result.points).toHaveLength(24);
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2026-03-09T05:00:00Z')).toBe(20); // HE01, 00:00 CDT
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2026-03-10T04:00:00Z')).toBe(37.25); // HE24, page 2
  });

  it('reads NP6-905-CD 15-minute rows; the repeated hour by DSTFlag', async () => {
    const data = {
      url: apiUrl(
        'np6-905-cd/spp_node_zone_hub',
        'deliveryDateFrom=2025-11-02&deliveryDateTo=2025-11-02&settlementPoint=HB_NORTH&size=10000',
      ),
    };
    const { result } = await run(API_RT, ctx('2025-11-02', 'RT15', 'HB_NORTH', KEYS), [
      { request: LOGIN, file: LOGIN_ANSWER },
      { request: data, file: ownPath('ercot/np6-905-cd_HB_NORTH_2025-11-02_hours1-3_written.json') },
    ]);
    expect(result.points).toHaveLength(16);
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2025-11-02T05:00:00Z')).toBe(26.1); // hour 1 interval 1
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2025-11-02T06:45:00Z')).toBe(27.4); // hour 2 int 4, CDT
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2025-11-02T07:00:00Z')).toBe(32.1); // hour 2 int 1, repeated (CST)
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2025-11-02T08:00:00Z')).toBe(28.1); // hour 3 int 1
    expect(result.points.every((p) => p.end - p.start === 900_000 && p.run === 'RT15')).toBe(true);
  });

  it('without keys it says which one is missing', async () => {
    await expect(run(API_DAM, ctx('2025-11-02', 'DA', 'HB_NORTH', { ERCOT_API_USERNAME: 'a' }), [])).rejects.toMatchObject({
      code: 'MISSING_KEY',
      message: expect.stringContaining('ERCOT_API_PASSWORD'),
    });
  });

  it('a login answer without an id token is MISSING_KEY', async () => {
    const answer = tempFile(
      'login.json',
      Buffer.from(JSON.stringify({ error: 'invalid_grant', error_description: 'written: bad credentials' })),
    );
    await expect(run(API_DAM, ctx('2025-11-02', 'DA', 'HB_NORTH', KEYS), [{ request: LOGIN, file: answer }])).rejects.toMatchObject({
      code: 'MISSING_KEY',
      message: expect.stringContaining('bad credentials'),
    });
  });
});

describeShared(DOCLIST_12331)('ERCOT MIS DAM (real document list, own zip)', () => {
  const entries = (docId: string): ReplayEntry[] => [
    { request: misList(12331), file: sharedPath(DOCLIST_12331) },
    { request: misDoc(docId), file: misZipFile('ercot/DAMSPNP4190_20261004_written.csv') },
  ];

  it('downloads the CSV posted the day before and reads every settlement point', async () => {
    const { result, http } = await run(MIS_DAM, ctx('2026-10-04', 'DA'), entries('1282050068'));
    expect(http.requests.map((r) => r.url)).toEqual([misList(12331).url, misDoc('1282050068').url]);
    expect(result.points).toHaveLength(72);
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2026-10-04T05:00:00Z')).toBe(28.5); // HE01, 00:00 CDT
    expect(valueAt(result.points, 'LZ_AEN', 'LMP', '2026-10-05T04:00:00Z')).toBe(43); // HE24
    expect(result.locations).toEqual(
      expect.arrayContaining([
        { name: 'LZ_AEN', type: 'ZONE' },
        { name: 'HB_HOUSTON', type: 'HUB' },
      ]),
    );
  });

  it('picks the posting of the day before for another day', async () => {
    const { http } = await run(MIS_DAM, ctx('2026-10-04', 'DA'), entries('1282050068'));
    expect(http.requests[1].url).toContain('doclookupId=1282050068');
    await expect(run(MIS_DAM, ctx('2026-10-03', 'DA'), entries('1281661396'))).resolves.toBeDefined();
  });

  it('says when a day is older than the MIS keeps, or not posted yet', async () => {
    await expect(run(MIS_DAM, ctx('2026-09-01', 'DA'), entries('x'))).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringMatching(/only for recent days \(2026-10-03 to 2026-10-04\).*ERCOT_API_USERNAME/),
    });
    await expect(run(MIS_DAM, ctx('2026-10-10', 'DA'), entries('x'))).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('has not posted day-ahead prices for 2026-10-10 yet'),
    });
  });
});

describe('ERCOT MIS real-time (own fixtures written from the layout)', () => {
  it('downloads every 15-minute CSV posted for the day and keeps only that day', async () => {
    const { result, http } = await run(MIS_RT, ctx('2026-10-03', 'RT15'), [
      { request: misList(12301), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_12301_written.json') },
      { request: misDoc('9000000031'), file: misZipFile('ercot/SPPHLZNP6905_20261003_0030_written.csv') },
      { request: misDoc('9000000016'), file: misZipFile('ercot/SPPHLZNP6905_20261003_0015_written.csv') },
      { request: misDoc('9000000001'), file: misZipFile('ercot/SPPHLZNP6905_20261002_2400_written.csv') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([
      misList(12301).url,
      misDoc('9000000031').url,
      misDoc('9000000016').url,
      misDoc('9000000001').url,
    ]);
    expect(result.points).toHaveLength(3); // 10/02 rows dropped, an empty price is no point
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2026-10-03T05:00:00Z')).toBe(21.35);
    expect(valueAt(result.points, 'LZ_WEST', 'LMP', '2026-10-03T05:00:00Z')).toBe(-2.1);
    expect(valueAt(result.points, 'HB_NORTH', 'LMP', '2026-10-03T05:15:00Z')).toBe(22.05);
  });

  it('fall-back: DeliveryHour 2 twice, DSTFlag Y is the repeated (CST) hour', () => {
    const { points } = parse(MIS_RT, readOwn('ercot/SPPHLZNP6905_20251102_fallback_written.csv'));
    expect(valueAt(points, 'HB_NORTH', 'LMP', '2025-11-02T05:45:00Z')).toBe(24.1);
    expect(valueAt(points, 'HB_NORTH', 'LMP', '2025-11-02T06:00:00Z')).toBe(23.5);
    expect(valueAt(points, 'HB_NORTH', 'LMP', '2025-11-02T07:00:00Z')).toBe(21.75);
    expect(valueAt(points, 'HB_NORTH', 'LMP', '2025-11-02T08:00:00Z')).toBe(20);
  });

  it('reads the ORDC and reliability adders (NP6-324-CD) as system-wide RT15 products', async () => {
    const { result } = await run(ADDERS, ctx('2025-11-02', 'RT15'), [
      { request: misList(13220), file: ownPath('ercot/mis_IceDocListJsonWS_reportTypeId_13220_written.json') },
      { request: misDoc('7000000002'), file: misZipFile('ercot/RTM_ORDC_REL_DPLY_PRC_15MINT_20251102_0200Y_written.csv') },
      { request: misDoc('7000000001'), file: misZipFile('ercot/RTM_ORDC_REL_DPLY_PRC_15MINT_20251102_0200_written.csv') },
    ]);
    expect(result.points).toHaveLength(6);
    expect(valueAt(result.points, 'ERCOT', 'ORDC_ONLINE', '2025-11-02T06:00:00Z')).toBe(1.25);
    expect(valueAt(result.points, 'ERCOT', 'ORDC_OFFLINE', '2025-11-02T06:00:00Z')).toBe(0.4);
    expect(valueAt(result.points, 'ERCOT', 'RDPA', '2025-11-02T06:00:00Z')).toBe(0);
    expect(valueAt(result.points, 'ERCOT', 'ORDC_ONLINE', '2025-11-02T07:00:00Z')).toBe(3.5);
    expect(valueAt(result.points, 'ERCOT', 'RDPA', '2025-11-02T07:00:00Z')).toBe(0.75);
    expect(result.points.every((p) => p.run === 'RT15' && p.end - p.start === 900_000)).toBe(true);
    // The same system location as ERCOT's load and fuel mix, so GRID.LMP("ERCOT","SYSTEM",...,"ORDC_ONLINE") finds it.
    // (One location per file: the two files' lists are joined.)
    const system = { name: 'ERCOT', type: 'SYSTEM', aliases: expect.arrayContaining(['SYSTEM', 'TOTAL']) };
    expect(result.locations).toEqual([system, system]);
  });

  it('reads the adders layout since RTC+B (RTRDPA, RepeatedHourFlag)', () => {
    const { points } = parse(ADDERS, readOwn('ercot/RT_PRICE_ADDERS_15MIN_20260717_rtcb_written.csv'));
    expect(points).toEqual([
      {
        location: 'ERCOT',
        run: 'RT15',
        product: 'RDPA',
        start: Date.parse('2026-07-17T06:00:00Z'),
        end: Date.parse('2026-07-17T06:15:00Z'),
        value: 0.35,
      },
    ]);
  });

  it('recognizes each MIS CSV by its header', () => {
    const sample = (rel: string) => ({ name: rel, head: readOwn(rel).toString('latin1'), bytes: readOwn(rel) });
    expect(MIS_DAM.detect!(sample('ercot/DAMSPNP4190_20261004_written.csv'))).toBe(true);
    expect(MIS_RT.detect!(sample('ercot/SPPHLZNP6905_20261003_0015_written.csv'))).toBe(true);
    expect(ADDERS.detect!(sample('ercot/RTM_ORDC_REL_DPLY_PRC_15MINT_20251102_0200_written.csv'))).toBe(true);
    expect(ADDERS.detect!(sample('ercot/RT_PRICE_ADDERS_15MIN_20260717_rtcb_written.csv'))).toBe(true);
    expect(MIS_RT.detect!(sample('ercot/DAMSPNP4190_20261004_written.csv'))).toBe(false);
    expect(API_RT.detect!(sample('ercot/np6-905-cd_HB_NORTH_2025-11-02_hours1-3_written.json'))).toBe(true);
    expect(API_DAM.detect!(sample('ercot/np6-905-cd_HB_NORTH_2025-11-02_hours1-3_written.json'))).toBe(false);
  });
});

describeShared(SCED_CSV)('ERCOT NP6-788-CD SCED LMP (real, import only)', () => {
  let bytes: Buffer;
  let points: ParsedPoint[];
  beforeAll(() => {
    bytes = readShared(SCED_CSV);
    points = parse(SCED, bytes).points;
  });

  it('reads the padded LMPs of one SCED run', () => {
    expect(points).toHaveLength(59);
    expect(valueAt(points, 'HB_NORTH', 'LMP', '2026-06-25T05:40:18Z')).toBe(27.47);
    expect(valueAt(points, 'LZ_WEST', 'LMP', '2026-06-25T05:40:18Z')).toBe(28.9);
    expect(valueAt(points, 'APPALOSA_ALL', 'LMP', '2026-06-25T05:40:18Z')).toBe(-38.25);
    expect(valueAt(points, '7RNCHSLR_ALL', 'LMP', '2026-06-25T05:40:18Z')).toBe(27.04);
    expect(points.every((p) => p.run === 'RT5' && p.end - p.start === 300_000)).toBe(true);
  });

  it('a renamed column is a ParseError naming it', () => {
    expect(() => parse(SCED, Buffer.from(bytes.toString('utf8').replace('RepeatedHourFlag', 'Repeated')))).toThrow(
      /missing column "RepeatedHourFlag"/,
    );
  });

  it('is recognized and has no request', () => {
    expect(SCED.detect!({ name: 'x.csv', head: bytes.toString('latin1'), bytes })).toBe(true);
    expect(SCED.request).toBeUndefined();
    expect(SCED.fetch).toBeUndefined();
  });
});

describe('ERCOT errors', () => {
  const dam = readOwn('ercot/DAMSPNP4190_20261004_written.csv').toString('utf8');
  const fallback = readOwn('ercot/SPPHLZNP6905_20251102_fallback_written.csv').toString('utf8');
  const html = Buffer.from('<!DOCTYPE html><html><body>Access Denied</body></html>');

  it('an HTML page is a ParseError for every parser', () => {
    for (const r of [API_DAM, API_RT, MIS_DAM, MIS_RT, ADDERS, SCED]) expect(() => parse(r, html)).toThrow(ParseError);
  });

  it('a renamed column is a ParseError naming it', () => {
    expect(() => parse(MIS_DAM, Buffer.from(dam.replace('SettlementPointPrice', 'Price')))).toThrow(
      /missing column "SettlementPointPrice"/,
    );
    expect(() => parse(MIS_RT, Buffer.from(fallback.replace('DeliveryInterval', 'Interval')))).toThrow(/missing column "DeliveryInterval"/);
  });

  it('an API page without a field is a ParseError naming it', () => {
    const page = readOwn('ercot/np4-190-cd_HB_NORTH_2026-03-09_page2_written.json')
      .toString('utf8')
      .replace('"hourEnding"', '"hourBeginning"');
    expect(() => parse(API_DAM, Buffer.from(page))).toThrow(/missing column "hourEnding"/i);
  });

  it('an empty API answer is NOT_PUBLISHED', () => {
    const page = JSON.parse(readOwn('ercot/np4-190-cd_HB_NORTH_2026-03-09_page2_written.json').toString('utf8'));
    page._meta.totalRecords = 0;
    page.data = [];
    expect(() => parse(API_DAM, Buffer.from(JSON.stringify(page)))).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });

  it('a flag on a hour that is not repeated, or an hour that does not exist, is a ParseError', () => {
    expect(() =>
      parse(MIS_RT, Buffer.from(fallback.replace('11/02/2025,3,1,HB_NORTH,HU,20.00,N', '11/02/2025,3,1,HB_NORTH,HU,20.00,Y'))),
    ).toThrow(/not repeated/);
    expect(() => parse(MIS_DAM, Buffer.from(dam.replace(/10\/04\/2026,03:00/g, '03/08/2026,03:00')))).toThrow(/spring-forward gap/);
  });

  it('a bad number is a ParseError', () => {
    expect(() => parse(MIS_DAM, Buffer.from(dam.replace('28.50', 'n/a')))).toThrow(/"n\/a" is not a number/);
  });

  it('the API reports need a settlement point', async () => {
    await expect(run(API_DAM, ctx('2025-11-02', 'DA', undefined, KEYS), [{ request: LOGIN, file: LOGIN_ANSWER }])).rejects.toThrow(
      /name a location/,
    );
  });
});
