import type { RequestContext } from '../../backend/connectors/types';
import { isoneConnector } from '../../backend/connectors/us/isone';
import { isoneMarket } from '../../backend/connectors/us/isone/market';
import { wsclientSystemLoad, wsGenFuelMix, wsHourlyLoadForecast, wsHourlySystemLoad } from '../../backend/connectors/us/isone/reports';
import { ParseError } from '../../backend/domain';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, locationByName, pointAt, seriesOf, valueAt } from '../support/points';

// Real captures: ../shared/fixtures/isone (SOURCES-FUNDAMENTALS.md). Expected values are read off
// the JSON by hand (the item and field are named beside each).
const SYSLOAD = 'isone/hourlysysload_day_20241103_fallback.json';
const FORECAST = 'isone/hourlyloadforecast_all_day_20241103_fallback.json';
const FUELMIX = 'isone/genfuelmix_day_20241103_fallback.json';
const WSCLIENT = 'isone/isoexpress_wsclient_systemload_20250317_partial_day.json';
const SYSTEM = 'NEPOOL AREA';
const KEYS = { ISONE_USERNAME: 'alice@example.com', ISONE_PASSWORD: 'pa55-w0rd' };
const WS = 'https://webservices.iso-ne.com/api/v1.1';
const FIVE = 300_000;

const parsing = (source: string) => ({ market: isoneMarket, source });
const ms = (iso: string) => Date.parse(iso);

function ctxFor(day: string, run: string, product: string, keys: Record<string, string> = KEYS): RequestContext {
  return { period: { key: day, days: [day] }, run, product, keys };
}

describe('ISO-NE fundamentals: market', () => {
  it('lists load and the fuels with their runs, NEPOOL AREA as the system, the FCA as unavailable', () => {
    const ids = isoneMarket.products.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['LOAD', 'GEN_GAS', 'GEN_BIOMASS', 'GEN_WASTE', 'GEN_OTHER']));
    expect(isoneMarket.products.find((p) => p.id === 'LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(isoneMarket.runs.map((r) => r.id)).toEqual(['DA', 'RTH', 'RT5', 'ACTUAL', 'FORECAST']);
    expect(locationByName(isoneConnector, SYSTEM)).toMatchObject({ type: 'SYSTEM', aliases: expect.arrayContaining(['32']) });
    expect(isoneMarket.unavailable?.map((u) => u.dataset)).toEqual(['Forward Capacity Auction results']);
  });

  it('keeps the price reports first; keyed fundamentals before the keyless chart feed', () => {
    expect(isoneConnector.reports.map((r) => r.id)).toEqual([
      'isone.ws_da_hourly',
      'isone.ws_rt_hourly',
      'isone.ws_rt_5min',
      'isone.express_da_hourly',
      'isone.express_rt_hourly',
      'isone.ws_hourly_sysload',
      'isone.ws_hourly_load_forecast',
      'isone.ws_genfuelmix',
      'isone.express_systemload',
    ]);
    expect(wsHourlySystemLoad.keys).toEqual(['ISONE_USERNAME', 'ISONE_PASSWORD']);
    expect(wsclientSystemLoad.keys).toBeUndefined();
  });
});

describeShared(SYSLOAD)('ISO-NE hourlysysload (real, fall-back day 2024-11-03)', () => {
  const { points, locations } = wsHourlySystemLoad.parse(readShared(SYSLOAD), parsing(SYSLOAD));

  it('reads 25 hours at NEPOOL AREA, the repeated 01:00 by its offset', () => {
    expectWholeDay(points, isoneMarket.clock, '2024-11-03', 25, { product: 'LOAD', nothingElse: true });
    // item 0: BeginDate 2024-11-03T00:00:00.000-04:00, Load 10376.719
    expect(pointAt(points, SYSTEM, 'LOAD', '2024-11-03T04:00:00Z')).toMatchObject({ value: 10376.719, run: 'RTH' });
    // items 1 and 2: 01:00 -04:00 Load 10073.077, 01:00 -05:00 Load 9951.317
    expect(valueAt(points, SYSTEM, 'LOAD', '2024-11-03T05:00:00Z')).toBe(10073.077);
    expect(valueAt(points, SYSTEM, 'LOAD', '2024-11-03T06:00:00Z')).toBe(9951.317);
    // item 24: 23:00 -05:00 Load 11315.751 (= NativeLoad 11002.128 + ArdDemand 313.623)
    expect(valueAt(points, SYSTEM, 'LOAD', '2024-11-04T04:00:00Z')).toBe(11315.751);
    expect(locations).toEqual([expect.objectContaining({ name: SYSTEM, type: 'SYSTEM' })]);
  });

  it('is recognized as hourlysysload only; a renamed field is named', () => {
    expect(detectedReports(isoneConnector, 'x.json', readShared(SYSLOAD))).toEqual(['isone.ws_hourly_sysload']);
    const renamed = Buffer.from(
      readShared(SYSLOAD)
        .toString('utf8')
        .replace(/"Load":/g, '"TotalLoad":'),
    );
    expect(() => wsHourlySystemLoad.parse(renamed, parsing('renamed'))).toThrow(/missing field "Load"/);
  });

  it('an empty container is not published', () => {
    expect(() => wsHourlySystemLoad.parse(Buffer.from('{"HourlySystemLoads":""}'), parsing('empty'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
  });

  it('is asked for by day with basic auth, the answer replayed', async () => {
    const url = `${WS}/hourlysysload/day/20241103.json`;
    const ctx = ctxFor('2024-11-03', 'RTH', 'LOAD');
    expect(wsHourlySystemLoad.request!(ctx)).toMatchObject({
      url,
      headers: { Authorization: `Basic ${Buffer.from('alice@example.com:pa55-w0rd').toString('base64')}` },
      secrets: ['Authorization'],
    });
    const { result, http } = await replayFetch(isoneConnector, wsHourlySystemLoad, ctx, [{ request: { url }, file: sharedPath(SYSLOAD) }]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, SYSTEM, 'LOAD', '2024-11-03T06:00:00Z')).toBe(9951.317);
  });
});

describeShared(FORECAST)('ISO-NE hourlyloadforecast/all (real, 7 issues of 2024-11-03)', () => {
  const { points } = wsHourlyLoadForecast.parse(readShared(FORECAST), parsing(FORECAST));

  it('keeps each issue under its CreationDate and the latest under FORECAST', () => {
    // items 0..6: BeginDate 00:00 -04:00, LoadMw 10220 (issued 11-01 03:55:29 -04:00) ... 10160 (issued 11-03 09:18:12 -05:00)
    const at = (run: string, start: string) => valueAt(points, { location: SYSTEM, product: 'LOAD', run, start });
    expect(at('FORECAST@2024-11-01T07:55:29Z', '2024-11-03T04:00:00Z')).toBe(10220);
    expect(at('FORECAST@2024-11-02T08:15:22Z', '2024-11-03T04:00:00Z')).toBe(10110);
    expect(at('FORECAST@2024-11-03T09:14:54Z', '2024-11-03T04:00:00Z')).toBe(10150);
    expect(at('FORECAST@2024-11-03T14:18:12Z', '2024-11-03T04:00:00Z')).toBe(10160);
    expect(at('FORECAST', '2024-11-03T04:00:00Z')).toBe(10160);
    // items 9 and 16: 01:00 -04:00 and 01:00 -05:00 as issued 11-02 04:15:22 -04:00, both LoadMw 9790
    expect(at('FORECAST@2024-11-02T08:15:22Z', '2024-11-03T05:00:00Z')).toBe(9790);
    expect(at('FORECAST@2024-11-02T08:15:22Z', '2024-11-03T06:00:00Z')).toBe(9790);
    // items 168 and 174: 23:00 -05:00, first issue 10840, latest 10990
    expect(at('FORECAST@2024-11-01T07:55:29Z', '2024-11-04T04:00:00Z')).toBe(10840);
    expect(at('FORECAST', '2024-11-04T04:00:00Z')).toBe(10990);
  });

  it('covers the 25 hours under FORECAST and under each of the 7 issues', () => {
    expect(points).toHaveLength(25 * 8);
    expect(new Set(points.map((p) => p.run)).size).toBe(8);
    expectWholeDay(
      points.filter((p) => p.run === 'FORECAST'),
      isoneMarket.clock,
      '2024-11-03',
      25,
      { product: 'LOAD', nothingElse: true },
    );
  });

  it('is recognized as the load forecast only; one issue giving an hour two values is refused', () => {
    expect(detectedReports(isoneConnector, 'x.json', readShared(FORECAST))).toEqual(['isone.ws_hourly_load_forecast']);
    // item 1 (issued 09:17:25) rewritten as issued 03:55:29 with its 10220 changed: the same issue twice, two values
    const twice = Buffer.from(
      readShared(FORECAST)
        .toString('utf8')
        .replace(
          '"CreationDate":"2024-11-01T09:17:25.000-04:00","LoadMw":10220',
          '"CreationDate":"2024-11-01T03:55:29.000-04:00","LoadMw":10221',
        ),
    );
    expect(() => wsHourlyLoadForecast.parse(twice, parsing('twice'))).toThrow(ParseError);
  });

  it('is asked for with "all" issues of the day', async () => {
    const url = `${WS}/hourlyloadforecast/all/day/20241103.json`;
    const { result, http } = await replayFetch(isoneConnector, wsHourlyLoadForecast, ctxFor('2024-11-03', 'FORECAST', 'LOAD'), [
      { request: { url }, file: sharedPath(FORECAST) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, { location: SYSTEM, product: 'LOAD', run: 'FORECAST', start: '2024-11-03T05:00:00Z' })).toBe(9810);
  });
});

describeShared(FUELMIX)('ISO-NE genfuelmix (real, readings at irregular times, 2024-11-03)', () => {
  const { points } = wsGenFuelMix.parse(readShared(FUELMIX), parsing(FUELMIX));

  it('stores five-minute time-weighted means of the readings', () => {
    // [00:10, 00:15) EDT: Hydro 252 read at 00:08:35 (item 0) and at 00:10:32 (item 7)
    expect(pointAt(points, SYSTEM, 'GEN_HYDRO', '2024-11-03T04:10:00Z')).toMatchObject({
      value: 252,
      run: 'ACTUAL',
      end: ms('2024-11-03T04:15:00Z'),
    });
    // [00:20, 00:25): Hydro 252 until 00:21:02 (62 s), then 258 (item 14, 238 s): (252*62 + 258*238) / 300 = 256.76
    expect(valueAt(points, SYSTEM, 'GEN_HYDRO', '2024-11-03T04:20:00Z')).toBeCloseTo(256.76, 6);
    // Refuse 314 (62 s) then 308 (item 19, 238 s): 92772 / 300 = 309.24
    expect(valueAt(points, SYSTEM, 'GEN_WASTE', '2024-11-03T04:20:00Z')).toBeCloseTo(309.24, 6);
    // BIOMASS = Landfill Gas 4 (items 10, 18) + Wood 169 (62 s) then 171 (item 21, 238 s): 4 + 51176 / 300
    expect(valueAt(points, SYSTEM, 'GEN_BIOMASS', '2024-11-03T04:20:00Z')).toBeCloseTo(4 + 51176 / 300, 6);
    // [23:55, 24:00) EST: Nuclear 1227 (item 2129, read 23:46:37; again 23:52:58) until 23:58:37 (217 s), then 1228 (item 2147, 83 s)
    expect(valueAt(points, SYSTEM, 'GEN_NUCLEAR', '2024-11-04T04:55:00Z')).toBeCloseTo((1227 * 217 + 1228 * 83) / 300, 6);
  });

  it('has no value before the first reading (00:08:35), then tiles the rest of the 25-hour day', () => {
    const day = dayBounds('2024-11-03', isoneMarket.clock);
    const hydro = seriesOf(points, { product: 'GEN_HYDRO' });
    expect(hydro[0].start).toBe(ms('2024-11-03T04:10:00Z'));
    expect(hydro).toHaveLength((day.end - ms('2024-11-03T04:10:00Z')) / FIVE);
    hydro.forEach((p, i) => expect(p.start).toBe(ms('2024-11-03T04:10:00Z') + i * FIVE));
    expect(hydro[hydro.length - 1].end).toBe(day.end);
    expect(new Set(points.map((p) => p.product))).toEqual(
      new Set(['GEN_HYDRO', 'GEN_GAS', 'GEN_NUCLEAR', 'GEN_BIOMASS', 'GEN_WASTE', 'GEN_WIND', 'GEN_OTHER', 'GEN_SOLAR']),
    );
  });

  it('leaves a category out of the intervals its readings do not cover (Solar is not read at every time)', () => {
    // Solar's first reading is at 06:19:07 -05:00: nothing for Solar before [06:20, 06:25) EST
    const solar = seriesOf(points, { product: 'GEN_SOLAR' });
    expect(solar[0].start).toBeGreaterThanOrEqual(ms('2024-11-03T11:20:00Z'));
    expect(solar.length).toBeLessThan(seriesOf(points, { product: 'GEN_HYDRO' }).length);
  });

  it('is recognized as genfuelmix only; an unknown category is refused', () => {
    expect(detectedReports(isoneConnector, 'x.json', readShared(FUELMIX))).toEqual(['isone.ws_genfuelmix']);
    const unknown = Buffer.from(readShared(FUELMIX).toString('utf8').replace('"FuelCategory":"Wood"', '"FuelCategory":"Peat"'));
    expect(() => wsGenFuelMix.parse(unknown, parsing('peat'))).toThrow(/unknown fuel "Peat"/);
  });

  it('is asked for by day', async () => {
    const url = `${WS}/genfuelmix/day/20241103.json`;
    const { result, http } = await replayFetch(isoneConnector, wsGenFuelMix, ctxFor('2024-11-03', 'ACTUAL', 'GEN_GAS'), [
      { request: { url }, file: sharedPath(FUELMIX) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, SYSTEM, 'GEN_HYDRO', '2024-11-03T04:10:00Z')).toBe(252);
  });
});

describeShared(WSCLIENT)('ISO Express system-load chart (real, 2025-03-17 captured 10:55 EDT)', () => {
  const { points } = wsclientSystemLoad.parse(readShared(WSCLIENT), parsing(WSCLIENT));
  const at = (run: string, start: string) => valueAt(points, { location: SYSTEM, product: 'LOAD', run, start });

  it('reads the day so far as five-minute LOAD ACTUAL (LoadMw)', () => {
    // actual[0]: BeginDate 00:00 -04:00, LoadMw 10427.106
    expect(pointAt(points, { location: SYSTEM, product: 'LOAD', run: 'ACTUAL', start: '2025-03-17T04:00:00Z' })).toMatchObject({
      value: 10427.106,
      end: ms('2025-03-17T04:05:00Z'),
    });
    // actual[66]: 05:30 -04:00, LoadMw 10903.133; actual[130] (last): 10:50 -04:00, LoadMw 13313.318
    expect(at('ACTUAL', '2025-03-17T09:30:00Z')).toBe(10903.133);
    expect(at('ACTUAL', '2025-03-17T14:50:00Z')).toBe(13313.318);
    const actual = seriesOf(points, { run: 'ACTUAL' });
    expect(actual).toHaveLength(131);
    actual.forEach((p, i) => expect(p.start).toBe(ms('2025-03-17T04:00:00Z') + i * FIVE));
  });

  it('keeps the prior-day and the current forecast as two issues, the latest under FORECAST', () => {
    // priorDay: 08:00 -04:00 Mw 13560 issued 03-16 09:23:32 -04:00; forecast: the same hour Mw 13460 issued 03-17 09:05:32 -04:00
    expect(at('FORECAST@2025-03-16T13:23:32Z', '2025-03-17T12:00:00Z')).toBe(13560);
    expect(at('FORECAST@2025-03-17T13:05:32Z', '2025-03-17T12:00:00Z')).toBe(13460);
    expect(at('FORECAST', '2025-03-17T12:00:00Z')).toBe(13460);
    // forecast[47]: 2025-03-18T23:00 -04:00, Mw 11110
    expect(at('FORECAST', '2025-03-19T03:00:00Z')).toBe(11110);
    expect(seriesOf(points, { run: 'FORECAST' })).toHaveLength(48);
  });

  it('reads the day-ahead cleared load as LOAD DA', () => {
    // cleared[0]: 00:00 -04:00 Mw 9673; cleared[12]: 12:00 Mw 13130; cleared[23]: 23:00 Mw 10172
    expect(pointAt(points, { location: SYSTEM, product: 'LOAD', run: 'DA', start: '2025-03-17T04:00:00Z' })).toMatchObject({
      value: 9673,
      end: ms('2025-03-17T05:00:00Z'),
    });
    expect(at('DA', '2025-03-17T16:00:00Z')).toBe(13130);
    expect(at('DA', '2025-03-18T03:00:00Z')).toBe(10172);
    expectWholeDay(
      points.filter((p) => p.run === 'DA'),
      isoneMarket.clock,
      '2025-03-17',
      24,
      { product: 'LOAD', nothingElse: true },
    );
  });

  it('is recognized as the chart feed only; an answer with no data is not published', () => {
    expect(detectedReports(isoneConnector, 'day_ahead_load_forecast.xml', readShared(WSCLIENT))).toEqual(['isone.express_systemload']);
    const empty = Buffer.from('[{"data":{"actual":[],"priorDay":[],"forecast":[],"cleared":[]},"namespace":"_nstmp_"}]');
    expect(() => wsclientSystemLoad.parse(empty, parsing('empty'))).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
    expect(() => wsclientSystemLoad.parse(Buffer.from('<!DOCTYPE html><html></html>'), parsing('page'))).toThrow(ParseError);
  });

  it('is asked for with the form POST of the day and the next, no key', async () => {
    const request = {
      method: 'POST' as const,
      url: 'https://www.iso-ne.com/ws/wsclient',
      body: '_nstmp_startDate=03%2F17%2F2025&_nstmp_endDate=03%2F18%2F2025&_nstmp_twodays=false&_nstmp_showtwodays=false&_nstmp_requestType=systemload',
    };
    const ctx = ctxFor('2025-03-17', 'ACTUAL', 'LOAD', {});
    expect(wsclientSystemLoad.request!(ctx)).toMatchObject({
      ...request,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const { result, http } = await replayFetch(isoneConnector, wsclientSystemLoad, ctx, [{ request, file: sharedPath(WSCLIENT) }]);
    expect(http.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://www.iso-ne.com/ws/wsclient']);
    expect(valueAt(result.points, { location: SYSTEM, product: 'LOAD', run: 'DA', start: '2025-03-17T04:00:00Z' })).toBe(9673);
  });
});
