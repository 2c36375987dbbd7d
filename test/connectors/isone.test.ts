import { GridError, type ParsedPoint, ParseError } from '../../backend/domain';
import { HttpClient } from '../../backend/http/client';
import { fetchAndParse } from '../../backend/connectors/fetch';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { isoneConnector } from '../../backend/connectors/us/isone';
import { isoneLocations, isoneMarket } from '../../backend/connectors/us/isone/market';
import { isoExpressParser, webServicesParser } from '../../backend/connectors/us/isone/parse';
import {
  expressDayAheadHourly,
  expressRealTimeHourly,
  wsDayAheadHourly,
  wsRealTimeFiveMinute,
  wsRealTimeHourly,
} from '../../backend/connectors/us/isone/reports';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, replaying } from '../support/replay';
import { fakeUpstream, type Step } from '../support/fake-upstream';
import { redirected } from '../faults/helpers';
import { detectedReports, expectComponentsAddUp, expectWholeDay, fileSample, pointAt, valueAt } from '../support/points';

// Own fixtures under test/fixtures/isone were written from the documented layouts, not captured
// (see test/fixtures/isone/README.md). The shared ones are real captures.
const FALL_BACK_JSON = 'isone/hourlylmp_da_final_day_20251102_location_4000.json';
const ORDINARY_JSON = 'isone/hourlylmp_da_final_day_20260923_location_4000.json';
const HUB = '.H.INTERNAL_HUB';
const KEYS = { ISONE_USERNAME: 'alice@example.com', ISONE_PASSWORD: 'pa55-w0rd' };
const WS = 'https://webservices.iso-ne.com/api/v1.1';
const EXPRESS = 'https://www.iso-ne.com/static-transform/csv/histRpts';

const parsing = (source: string): ParseContext => ({ market: isoneMarket, source });

function ctx(day: string, location = isoneLocations[0], keys: Record<string, string> = KEYS): RequestContext {
  return { period: { key: day, days: [day] }, run: 'DA', product: 'LMP', location, keys };
}

describeShared([FALL_BACK_JSON, ORDINARY_JSON])('ISO-NE web services JSON (real captures)', () => {
  const fallBack = webServicesParser('DA', 'hourly')(readShared(FALL_BACK_JSON), parsing(FALL_BACK_JSON));

  it('reads the fall-back day as 25 hours, using the offset of BeginDate', () => {
    expectWholeDay(fallBack.points, isoneMarket.clock, '2025-11-02', 25, { nothingElse: true });
    expect(valueAt(fallBack.points, HUB, 'LMP', '2025-11-02T04:00:00Z')).toBe(32.34); // 00:00 -04:00
    expect(valueAt(fallBack.points, HUB, 'LMP', '2025-11-02T05:00:00Z')).toBe(33.89); // 01:00 -04:00
    expect(valueAt(fallBack.points, HUB, 'LMP', '2025-11-02T06:00:00Z')).toBe(31.96); // 01:00 -05:00
    expect(valueAt(fallBack.points, HUB, 'LOSS', '2025-11-02T06:00:00Z')).toBe(0.27);
    expect(valueAt(fallBack.points, HUB, 'LMP', '2025-11-03T04:00:00Z')).toBe(42.88); // 23:00 -05:00
    expect(pointAt(fallBack.points, HUB, 'LMP', '2025-11-03T04:00:00Z')!.end).toBe(Date.parse('2025-11-03T05:00:00Z'));
    expect(fallBack.points.every((p) => p.run === 'DA')).toBe(true);
  });

  it('reveals the location with its LocId', () => {
    expect(fallBack.locations).toEqual([{ name: HUB, type: 'HUB', aliases: ['4000'] }]);
  });

  it('reads an ordinary day as 24 hours and the components add up', () => {
    const day = webServicesParser('DA', 'hourly')(readShared(ORDINARY_JSON), parsing(ORDINARY_JSON));
    expectWholeDay(day.points, isoneMarket.clock, '2026-09-23', 24, { nothingElse: true });
    expect(valueAt(day.points, HUB, 'LMP', '2026-09-23T04:00:00Z')).toBe(31.5);
    expect(valueAt(day.points, HUB, 'ENERGY', '2026-09-23T04:00:00Z')).toBe(31.28);
    expect(valueAt(day.points, HUB, 'LMP', '2026-09-24T03:00:00Z')).toBe(40.23);
    expectComponentsAddUp(day.points, { groups: 'with LMP' });
    expectComponentsAddUp(fallBack.points, { groups: 'with LMP' });
  });

  it('a renamed field is a ParseError naming it', () => {
    const renamed = Buffer.from(
      readShared(ORDINARY_JSON)
        .toString('utf8')
        .replace(/"LmpTotal"/g, '"TotalLmp"'),
    );
    expect(() => webServicesParser('DA', 'hourly')(renamed, parsing('renamed.json'))).toThrow(/missing field "LmpTotal"/);
    expect(() => webServicesParser('DA', 'hourly')(renamed, parsing('renamed.json'))).toThrow(ParseError);
  });

  it('is recognized for import as the day-ahead web-services report', () => {
    const file = fileSample('x.json', readShared(FALL_BACK_JSON));
    expect(isoneConnector.reports.filter((r) => r.detect?.(file)).map((r) => r.id)).toEqual(['isone.ws_da_hourly']);
  });
});

describe('ISO-NE web services JSON (own fixtures)', () => {
  it('reads a spring-forward day as 23 hours', () => {
    const day = webServicesParser('RTH', 'hourly')(readOwn('isone/hourlylmp_rt_prelim_day_20250309_location_4000.json'), parsing('spring'));
    expectWholeDay(day.points, isoneMarket.clock, '2025-03-09', 23, { nothingElse: true });
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-09T05:00:00Z')).toBe(45.25); // 00:00 -05:00
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-09T07:00:00Z')).toBe(46.25); // 03:00 -04:00
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-10T03:00:00Z')).toBe(56.25); // 23:00 -04:00
    expectComponentsAddUp(day.points, { groups: 'with LMP' });
  });

  it('parses a single object where the API sends one row', () => {
    const one = webServicesParser('DA', 'hourly')(readOwn('isone/hourlylmp_da_final_single_row.json'), parsing('single'));
    expect(one.points).toHaveLength(4);
    expect(valueAt(one.points, '.Z.CONNECTICUT', 'LMP', '2025-07-01T18:00:00Z')).toBe(61.37);
    expect(one.locations).toEqual([{ name: '.Z.CONNECTICUT', type: 'LOAD ZONE', aliases: ['4004'] }]);
  });

  it('reads five-minute prices across the repeated hour; a null component is missing, not zero', () => {
    const five = webServicesParser('RT5', 'fiveMinute')(readOwn('isone/fiveminutelmp_day_20251102_location_4000.json'), parsing('five'));
    expect(valueAt(five.points, HUB, 'LMP', '2025-11-02T05:55:00Z')).toBe(36.12);
    expect(valueAt(five.points, HUB, 'LMP', '2025-11-02T06:00:00Z')).toBe(30.05);
    expect(pointAt(five.points, HUB, 'LMP', '2025-11-02T06:00:00Z')!.end).toBe(Date.parse('2025-11-02T06:05:00Z'));
    expect(pointAt(five.points, HUB, 'CONGESTION', '2025-11-02T06:10:00Z')).toBeUndefined();
    expect(valueAt(five.points, HUB, 'LMP', '2025-11-02T06:10:00Z')).toBe(31.4);
  });

  it('an empty answer means not published', () => {
    expect(() => webServicesParser('RTH', 'hourly')(readOwn('isone/hourlylmp_rt_final_empty.json'), parsing('empty'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
  });

  it('an HTML page is a ParseError', () => {
    expect(() => webServicesParser('DA', 'hourly')(readOwn('isone/not_found.html'), parsing('page'))).toThrow(ParseError);
  });
});

describe('ISO Express CSV (own fixtures written from the documented layout)', () => {
  it('reads the fall-back day with 02X as the second 01:00 hour', () => {
    const day = isoExpressParser('DA')(readOwn('isone/WW_DALMP_ISO_20251102.csv'), parsing('da.csv'));
    const hub = day.points.filter((p) => p.location === HUB);
    expectWholeDay(hub, isoneMarket.clock, '2025-11-02', 25, { nothingElse: true });
    // Same day and hours as the real web-services capture above: HE 02 = 01:00 EDT, 02X = 01:00 EST.
    expect(valueAt(day.points, HUB, 'LMP', '2025-11-02T05:00:00Z')).toBe(33.89);
    expect(valueAt(day.points, HUB, 'LMP', '2025-11-02T06:00:00Z')).toBe(31.96);
    expect(valueAt(day.points, '.Z.MAINE', 'LMP', '2025-11-02T06:00:00Z')).toBe(31.15);
    expect(valueAt(day.points, '.Z.MAINE', 'LOSS', '2025-11-02T05:00:00Z')).toBe(-0.58);
    expect(day.points).toHaveLength(28 * 4);
    expect(day.locations).toContainEqual({ name: '.Z.MAINE', type: 'LOAD ZONE', aliases: ['4001'] });
    expectComponentsAddUp(day.points, { groups: 'with LMP' });
  });

  it('reads the spring-forward day as 23 hours (no hour ending 03)', () => {
    const day = isoExpressParser('RTH')(readOwn('isone/lmp_rt_final_20250309.csv'), parsing('rt.csv'));
    expectWholeDay(day.points, isoneMarket.clock, '2025-03-09', 23, { nothingElse: true });
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-09T05:00:00Z')).toBe(41.45); // HE01, 00:00 EST
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-09T06:00:00Z')).toBe(41.25); // HE02, 01:00 EST
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-09T07:00:00Z')).toBe(42.3); // HE04, 03:00 EDT
    expect(valueAt(day.points, HUB, 'LMP', '2025-03-10T03:00:00Z')).toBe(62.25); // HE24
    expect(day.points.every((p) => p.run === 'RTH')).toBe(true);
    expectComponentsAddUp(day.points, { groups: 'with LMP' });
  });

  it('reads the preliminary layout with a single Location column', () => {
    const day = isoExpressParser('RTH')(readOwn('isone/lmp_rt_prelim_20251103.csv'), parsing('prelim.csv'));
    expect(valueAt(day.points, HUB, 'LMP', '2025-11-03T05:00:00Z')).toBe(35.17);
    expect(valueAt(day.points, HUB, 'ENERGY', '2025-11-03T06:00:00Z')).toBe(33.22);
  });

  it('a renamed column is a ParseError naming it', () => {
    const renamed = Buffer.from(
      readOwn('isone/WW_DALMP_ISO_20251102.csv').toString('utf8').replace('"Locational Marginal Price"', '"LMP"'),
    );
    expect(() => isoExpressParser('DA')(renamed, parsing('renamed.csv'))).toThrow(/missing column "Locational Marginal Price"/);
  });

  it('an HTML page is a ParseError', () => {
    expect(() => isoExpressParser('DA')(readOwn('isone/not_found.html'), parsing('page.csv'))).toThrow(ParseError);
  });

  it('is recognized for import by its title line', () => {
    const detected = (file: string) => detectedReports(isoneConnector, 'x', readOwn(file));
    expect(detected('isone/WW_DALMP_ISO_20251102.csv')).toEqual(['isone.express_da_hourly']);
    expect(detected('isone/lmp_rt_final_20250309.csv')).toEqual(['isone.express_rt_hourly']);
    expect(detected('isone/fiveminutelmp_day_20251102_location_4000.json')).toEqual(['isone.ws_rt_5min']);
    expect(detected('isone/not_found.html')).toEqual([]);
  });
});

describe('ISO-NE requests', () => {
  it('orders the keyed web services before the keyless ISO Express files', () => {
    expect(isoneConnector.reports.map((r) => [r.id, r.keys ?? []])).toEqual([
      ['isone.ws_da_hourly', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.ws_rt_hourly', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.ws_rt_5min', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.express_da_hourly', []],
      ['isone.express_rt_hourly', []],
      ['isone.ws_hourly_sysload', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.ws_hourly_load_forecast', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.ws_genfuelmix', ['ISONE_USERNAME', 'ISONE_PASSWORD']],
      ['isone.express_systemload', []],
    ]);
    expect(isoneMarket.runAliases).toEqual({ RT: 'RTH' });
  });

  it('asks the web services by LocId with basic auth, and says which keys are missing', () => {
    const request = wsDayAheadHourly.request!(ctx('2025-11-02'));
    expect(request.url).toBe(`${WS}/hourlylmp/da/final/day/20251102/location/4000.json`);
    expect(request.headers).toEqual({ Authorization: `Basic ${Buffer.from('alice@example.com:pa55-w0rd').toString('base64')}` });
    expect(request.secrets).toEqual(['Authorization']);
    expect(() => wsDayAheadHourly.request!(ctx('2025-11-02', isoneLocations[0], {}))).toThrow(/ISONE_USERNAME and ISONE_PASSWORD/);
    expect(wsDayAheadHourly.request!(ctx('2025-11-02', isoneLocations[4])).url).toBe(
      `${WS}/hourlylmp/da/final/day/20251102/location/4004.json`,
    );
  });
});

describe('ISO-NE replayed through the http layer', () => {
  function expectNoSecret(http: HttpClient): void {
    const log = JSON.stringify(http.requests);
    expect(log).not.toContain('pa55-w0rd');
    expect(log).not.toContain(Buffer.from('alice@example.com:pa55-w0rd').toString('base64'));
  }

  describeShared(FALL_BACK_JSON)('day-ahead web services', () => {
    it('fetches one location-day and keeps the Authorization header out of the log', async () => {
      const url = `${WS}/hourlylmp/da/final/day/20251102/location/4000.json`;
      const { result, http } = await replayFetch(isoneConnector, wsDayAheadHourly, ctx('2025-11-02'), [
        { request: { url }, file: sharedPath(FALL_BACK_JSON) },
      ]);
      expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(25);
      expect(valueAt(result.points, HUB, 'LMP', '2025-11-02T06:00:00Z')).toBe(31.96);
      expect(http.requests).toEqual([{ method: 'GET', url, headerNames: ['Authorization'], source: 'replay' }]);
      expectNoSecret(http);
    });
  });

  it('real-time hourly: an empty final answer falls back to the preliminary one', async () => {
    const finalUrl = `${WS}/hourlylmp/rt/final/day/20250309/location/4000.json`;
    const prelimUrl = `${WS}/hourlylmp/rt/prelim/day/20250309/location/4000.json`;
    const { result, http } = await replayFetch(isoneConnector, wsRealTimeHourly, { ...ctx('2025-03-09'), run: 'RTH' }, [
      { request: { url: finalUrl }, file: ownPath('isone/hourlylmp_rt_final_empty.json') },
      { request: { url: prelimUrl }, file: ownPath('isone/hourlylmp_rt_prelim_day_20250309_location_4000.json') },
    ]);
    expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(23);
    expect(valueAt(result.points, HUB, 'LMP', '2025-03-09T07:00:00Z')).toBe(46.25);
    expect(http.requests.map((r) => r.url)).toEqual([finalUrl, prelimUrl]);
    expect(http.requests.every((r) => r.headerNames.includes('Authorization'))).toBe(true);
    expectNoSecret(http);
  });

  it('five-minute prices for one location-day', async () => {
    const url = `${WS}/fiveminutelmp/day/20251102/location/4000.json`;
    const { result, http } = await replayFetch(isoneConnector, wsRealTimeFiveMinute, { ...ctx('2025-11-02'), run: 'RT5' }, [
      { request: { url }, file: ownPath('isone/fiveminutelmp_day_20251102_location_4000.json') },
    ]);
    expect(valueAt(result.points, HUB, 'LMP', '2025-11-02T06:05:00Z')).toBe(29.91);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expectNoSecret(http);
  });

  it('ISO Express day-ahead CSV needs no key', async () => {
    const url = `${EXPRESS}/da-lmp/WW_DALMP_ISO_20251102.csv`;
    const { result, http } = await replayFetch(isoneConnector, expressDayAheadHourly, ctx('2025-11-02', undefined, {}), [
      { request: { url }, file: ownPath('isone/WW_DALMP_ISO_20251102.csv') },
    ]);
    expect(valueAt(result.points, '.Z.MAINE', 'LMP', '2025-11-02T04:00:00Z')).toBe(31.52);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });

  it('ISO Express real-time: a 404 for the final file falls back to the preliminary file', async () => {
    const finalUrl = `${EXPRESS}/rt-lmp/lmp_rt_final_20251103.csv`;
    const prelimUrl = `${EXPRESS}/rt-lmp/lmp_rt_prelim_20251103.csv`;
    const { result, http } = await replayFetch(isoneConnector, expressRealTimeHourly, { ...ctx('2025-11-03', undefined, {}), run: 'RTH' }, [
      { request: { url: finalUrl }, file: ownPath('isone/not_found.html'), status: 404 },
      { request: { url: prelimUrl }, file: ownPath('isone/lmp_rt_prelim_20251103.csv') },
    ]);
    expect(valueAt(result.points, HUB, 'LMP', '2025-11-03T06:00:00Z')).toBe(33.48);
    expect(http.requests.map((r) => r.url)).toEqual([finalUrl, prelimUrl]);
  });

  it('other failures of the final file are not hidden by the fallback', async () => {
    const finalUrl = `${EXPRESS}/rt-lmp/lmp_rt_final_20251103.csv`;
    const { http, ask } = replaying(isoneConnector, [{ request: { url: finalUrl }, file: ownPath('isone/not_found.html'), status: 500 }]);
    await expect(ask(expressRealTimeHourly, { ...ctx('2025-11-03', undefined, {}), run: 'RTH' })).rejects.toBeInstanceOf(GridError);
    expect(http.requests.map((r) => r.url)).toEqual([finalUrl]);
  });
});

// ISO Express sends its HTML site with status 200 for a file it does not have. Served by a local fake
// upstream to the registered connector (only its host changed). The preliminary CSV is our own
// fixture written from the documented layout (no real ISO Express CSV was found; see its README.md).
describe('ISO Express: an HTML page with status 200 is "not this file"', () => {
  const PRELIM = 'isone/lmp_rt_prelim_20251103.csv';
  const SITE_PAGE =
    '\n  <!DOCTYPE html>\n<html lang="en"><head><title>ISO New England - Energy, Load, and Demand Reports</title></head><body>Reports</body></html>\n';
  const page =
    (contentType: string): Step =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(SITE_PAGE);
    };
  const csv: Step = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end(readOwn(PRELIM));
  };
  const byFile =
    (steps: Record<string, Step>): Step =>
    (req, res) =>
      steps[(req.url ?? '').split('/').pop()!](req, res);

  async function fetchVia(step: Step, reportId: string, day: string, run: string) {
    const up = await fakeUpstream([step]);
    try {
      const connector = redirected(isoneConnector, up.url);
      const report = connector.reports.find((r) => r.id === reportId)!;
      const http = new HttpClient({ retries: 0 });
      const context = { ...ctx(day, undefined, {}), run };
      const result = await fetchAndParse(connector, report, context, (r) => http.get(r), 'test').catch((e: unknown) => e);
      return { result, paths: up.hits.map((h) => h.url) };
    } finally {
      await up.close();
    }
  }

  test.each([
    ['text/html; charset=utf-8', 'by its content type'],
    ['text/plain', 'by its first bytes, after whitespace'],
  ])('a final file answered with an HTML page (%s) falls back to the preliminary file, %s', async (type) => {
    const { result, paths } = await fetchVia(
      byFile({ 'lmp_rt_final_20251103.csv': page(type), 'lmp_rt_prelim_20251103.csv': csv }),
      'isone.express_rt_hourly',
      '2025-11-03',
      'RTH',
    );
    expect(paths).toEqual([
      '/static-transform/csv/histRpts/rt-lmp/lmp_rt_final_20251103.csv',
      '/static-transform/csv/histRpts/rt-lmp/lmp_rt_prelim_20251103.csv',
    ]);
    const points = (result as { points: ParsedPoint[] }).points;
    // "D","11/03/2025","02",".H.INTERNAL_HUB",33.48,33.22,0.00,0.26 in the preliminary file
    expect(valueAt(points, HUB, 'LMP', '2025-11-03T06:00:00Z')).toBe(33.48);
    expect(valueAt(points, HUB, 'ENERGY', '2025-11-03T06:00:00Z')).toBe(33.22);
    expect(valueAt(points, HUB, 'LOSS', '2025-11-03T06:00:00Z')).toBe(0.26);
  });

  it('both files answered with an HTML page: NOT_PUBLISHED naming the file, not a parse error', async () => {
    const { result } = await fetchVia(page('text/html'), 'isone.express_rt_hourly', '2025-11-03', 'RTH');
    expect(result).toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('lmp_rt_prelim_20251103.csv with an HTML page'),
    });
  });

  it('the day-ahead file answered with an HTML page is NOT_PUBLISHED too', async () => {
    const { result, paths } = await fetchVia(page('text/html'), 'isone.express_da_hourly', '2025-11-02', 'DA');
    expect(paths).toEqual(['/static-transform/csv/histRpts/da-lmp/WW_DALMP_ISO_20251102.csv']);
    expect(result).toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringContaining('WW_DALMP_ISO_20251102.csv with an HTML page'),
    });
  });
});
