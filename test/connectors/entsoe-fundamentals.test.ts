import { epexConnector } from '../../backend/connectors/eu/epex';
import { nordpoolConnector } from '../../backend/connectors/eu/nordpool';
import type { Connector, Report, RequestContext } from '../../backend/connectors/types';
import type { ParsedPoint, ParseResult } from '../../backend/domain';
import { describeShared, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, pointsWhere, reportById, valueAt } from '../support/points';

// ENTSO-E load (A65), generation per production type (A75) and intraday auction prices (A44, A07),
// as the EPEX and Nord Pool connectors ask for them. Expected values are read off the XML by hand:
// each comment names the TimeSeries / position it comes from.

const ENTSOE_URL = 'https://web-api.tp.entsoe.eu/api';
const CET = 'Europe/Brussels';

const epexLoad = reportById(epexConnector, 'epex.entsoe_load');
const epexForecast = reportById(epexConnector, 'epex.entsoe_load_forecast');
const epexGeneration = reportById(epexConnector, 'epex.entsoe_generation');
const epexIntraday = reportById(epexConnector, 'epex.entsoe_a44_intraday');
const epexDayAhead = reportById(epexConnector, 'epex.entsoe_a44');
const nordpoolLoad = reportById(nordpoolConnector, 'nordpool.entsoe_load');
const nordpoolForecast = reportById(nordpoolConnector, 'nordpool.entsoe_load_forecast');
const nordpoolGeneration = reportById(nordpoolConnector, 'nordpool.entsoe_generation');

const FILES = {
  loadFr: 'entsoe/A65_A16_FR_2021-01-01_recorded-2025-11-29.xml',
  loadDk1: 'entsoe/A65_A16_DK1_2023-12-28_to_2023-12-30.xml',
  forecastDk2: 'entsoe/A65_A01_DK2_2023-12-28_to_2023-12-31_dayahead_forecast.xml',
  noData: 'entsoe/A65_FR_2050-01-01_no_data_acknowledgement_999.xml',
  genA03: 'entsoe/A75_A16_FR_2021-01-01_recorded-2025-11-29.xml',
  genA01: 'entsoe/A75_A16_FR_2021-01-01_recorded-2023-08-10_legacy_A01curve.xml',
  intraday: 'entsoe/A44_A07_ES_2025-09-29_to_2025-10-02_intraday_auctions_PT15M.xml',
};

function parse(connector: Connector, report: Report, body: Buffer | string): ParseResult {
  return report.parse(Buffer.isBuffer(body) ? body : Buffer.from(body), { market: connector.market, source: 'test' });
}

function ctx(
  day: string,
  location: string,
  run: string,
  product: string,
  keys: Record<string, string> = { ENTSOE_API_KEY: 'tok' },
): RequestContext {
  return { period: { key: day, days: [day] }, run, product, location: { name: location, type: 'AREA' }, keys };
}

function replay(connector: Connector, report: Report, url: string, file: string, context: RequestContext, status = 200) {
  return replayFetch(connector, report, context, [{ request: { url, secrets: ['securityToken'] }, file, status }]);
}

const HOUR = 3_600_000;

describe('market data for fundamentals', () => {
  it('EPEX lists the intraday auction runs, ACTUAL and FORECAST, load and the ENTSO-E fuels in MW', () => {
    const runs = epexConnector.market.runs.map((r) => r.id);
    for (const run of ['DA', 'EXAA', 'ID1', 'ID2', 'ID3', 'ACTUAL', 'FORECAST']) expect(runs).toContain(run);
    const products = new Map(epexConnector.market.products.map((p) => [p.id, p]));
    expect(products.get('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    for (const fuel of ['GEN_COAL', 'GEN_GAS', 'GEN_NUCLEAR', 'GEN_HYDRO', 'GEN_PUMPED_STORAGE', 'GEN_WIND', 'GEN_SOLAR', 'GEN_STORAGE'])
      expect(products.get(fuel)).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    // Every product a report serves is listed.
    for (const report of epexConnector.reports) for (const product of report.products) expect(products.has(product)).toBe(true);
  });

  it('Nord Pool lists load and the fuels beside its day-ahead price, for the Nordic and Baltic areas only', () => {
    const products = nordpoolConnector.market.products.map((p) => p.id);
    expect(products).toEqual(expect.arrayContaining(['LMP', 'LOAD', 'GEN_HYDRO', 'GEN_WIND', 'GEN_NUCLEAR']));
    expect(nordpoolLoad.serves!({ name: 'SE3', type: 'AREA' })).toBe(true);
    expect(nordpoolLoad.serves!({ name: 'FR', type: 'AREA' })).toBe(false);
    expect(() => nordpoolLoad.request!(ctx('2024-01-01', 'FR', 'ACTUAL', 'LOAD'))).toThrow(expect.objectContaining({ code: 'NO_DATA' }));
    for (const report of [nordpoolLoad, nordpoolForecast, nordpoolGeneration]) {
      expect(report.keys).toEqual(['ENTSOE_API_KEY']);
      expect(report.detect).toBeUndefined(); // EPEX recognizes ENTSO-E files on import
    }
  });
});

describeShared(FILES.loadFr)('A65 actual load, FR 2021-01-01 (curve A03, recorded 2025)', () => {
  const { points } = parse(epexConnector, epexLoad, readShared(FILES.loadFr));

  it('reads 24 hourly MW values of run ACTUAL', () => {
    expect(points).toHaveLength(24);
    expect(points.every((p) => p.location === 'FR' && p.run === 'ACTUAL' && p.product === 'LOAD' && p.end - p.start === HOUR)).toBe(true);
    expect(valueAt(points, 'FR', 'LOAD', '2021-01-01T00:00:00Z')).toBe(64139); // position 1
    expect(valueAt(points, 'FR', 'LOAD', '2021-01-01T11:00:00Z')).toBe(66837); // position 12
    expect(valueAt(points, 'FR', 'LOAD', '2021-01-01T23:00:00Z')).toBe(65566); // position 24
  });

  it('is recognized as epex.entsoe_load only', () => {
    expect(detectedReports(epexConnector, 'load.xml', readShared(FILES.loadFr))).toEqual(['epex.entsoe_load']);
    expect(detectedReports(nordpoolConnector, 'load.xml', readShared(FILES.loadFr))).toEqual([]);
  });

  it('a unit other than MAW, or a missing quantity, is a ParseError', () => {
    const text = readShared(FILES.loadFr).toString('utf8');
    expect(() =>
      parse(epexConnector, epexLoad, text.replace('<quantity_Measure_Unit.name>MAW', '<quantity_Measure_Unit.name>MWH')),
    ).toThrow(expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('MAW') }));
    expect(() => parse(epexConnector, epexLoad, text.replace('<quantity>64139</quantity>', '<qty>64139</qty>'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('quantity') }),
    );
  });

  it('Nord Pool refuses the FR document (not a Nordic or Baltic area)', () => {
    expect(() => parse(nordpoolConnector, nordpoolLoad, readShared(FILES.loadFr))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('FR') }),
    );
  });
});

describeShared(FILES.loadDk1)('A65 actual load, DK1 2023-12-28 15:00Z to 12-30 14:00Z (curve A01, partial days)', () => {
  const { points } = parse(nordpoolConnector, nordpoolLoad, readShared(FILES.loadDk1));

  it('reads the 47 hours the period holds, from mid-afternoon to mid-afternoon', () => {
    expect(points).toHaveLength(47);
    expect(points[0]).toEqual({
      location: 'DK1',
      run: 'ACTUAL',
      product: 'LOAD',
      start: Date.parse('2023-12-28T15:00:00Z'),
      end: Date.parse('2023-12-28T16:00:00Z'),
      value: 3031, // position 1
    });
    expect(valueAt(points, 'DK1', 'LOAD', '2023-12-28T22:00:00Z')).toBe(2693); // position 8
    expect(valueAt(points, 'DK1', 'LOAD', '2023-12-28T23:00:00Z')).toBe(2693); // position 9 (A01 lists the repeat)
    expect(valueAt(points, 'DK1', 'LOAD', '2023-12-30T13:00:00Z')).toBe(2723); // position 47
    expect(valueAt(points, 'DK1', 'LOAD', '2023-12-30T14:00:00Z')).toBeUndefined(); // the period ends
  });

  it('is the same through EPEX, which recognizes the file', () => {
    expect(parse(epexConnector, epexLoad, readShared(FILES.loadDk1)).points).toEqual(points);
    expect(detectedReports(epexConnector, 'dk1.xml', readShared(FILES.loadDk1))).toEqual(['epex.entsoe_load']);
  });

  it('is fetched by nordpool.entsoe_load for DK1, the token redacted', async () => {
    const url = `${ENTSOE_URL}?securityToken=x&documentType=A65&processType=A16&outBiddingZone_Domain=10YDK-1--------W&periodStart=202312282300&periodEnd=202312292300`;
    const { result, http } = await replay(nordpoolConnector, nordpoolLoad, url, sharedPath(FILES.loadDk1), {
      ...ctx('2023-12-29', 'DK1', 'ACTUAL', 'LOAD', { ENTSOE_API_KEY: 'secret-77' }),
    });
    expect(result.points).toHaveLength(47);
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0].url).toContain('securityToken=***');
    expect(http.requests[0].url).not.toContain('secret-77');
  });
});

describeShared(FILES.forecastDk2)('A65 day-ahead load forecast, DK2 2023-12-28..31', () => {
  const { points } = parse(epexConnector, epexForecast, readShared(FILES.forecastDk2));
  const latest = pointsWhere(points, { run: 'FORECAST' });
  const vintage = pointsWhere(points, { run: 'FORECAST@2023-12-30T15:04:26Z' }); // createdDateTime

  it('keeps each value as the latest forecast and as the vintage of createdDateTime', () => {
    expect(points).toHaveLength(192);
    expect(latest).toHaveLength(96);
    expect(vintage).toHaveLength(96);
    expect(vintage.map((p) => [p.start, p.value])).toEqual(latest.map((p) => [p.start, p.value]));
    expect(valueAt(latest, 'DK2', 'LOAD', '2023-12-27T23:00:00Z')).toBe(1554); // TimeSeries 1, position 1
    expect(valueAt(latest, 'DK2', 'LOAD', '2023-12-30T16:00:00Z')).toBe(2034); // TimeSeries 3 (from 12-29 23:00Z), position 18
    expect(valueAt(latest, 'DK2', 'LOAD', '2023-12-31T22:00:00Z')).toBe(1432); // TimeSeries 4, position 24
  });

  it('tiles each CET day (one TimeSeries per day)', () => {
    for (const day of ['2023-12-28', '2023-12-29', '2023-12-30', '2023-12-31']) expectWholeDay(latest, CET, day, 24, { product: 'LOAD' });
  });

  it('is recognized as epex.entsoe_load_forecast only', () => {
    expect(detectedReports(epexConnector, 'f.xml', readShared(FILES.forecastDk2))).toEqual(['epex.entsoe_load_forecast']);
  });

  it('is fetched with processType A01', async () => {
    const url = `${ENTSOE_URL}?securityToken=x&documentType=A65&processType=A01&outBiddingZone_Domain=10YDK-2--------M&periodStart=202312292300&periodEnd=202312302300`;
    const { result } = await replay(
      nordpoolConnector,
      nordpoolForecast,
      url,
      sharedPath(FILES.forecastDk2),
      ctx('2023-12-30', 'DK2', 'FORECAST', 'LOAD'),
    );
    expect(pointsWhere(result.points, { run: 'FORECAST' })).toHaveLength(96);
    expect(nordpoolForecast.provisional).toBe(true);
  });
});

describeShared(FILES.noData)('A65 "no matching data" acknowledgement (reason 999)', () => {
  it('is NOT_PUBLISHED, naming the reason', () => {
    expect(() => parse(epexConnector, epexLoad, readShared(FILES.noData))).toThrow(
      expect.objectContaining({
        code: 'NOT_PUBLISHED',
        message: expect.stringContaining('No matching data found for Data item ACTUAL_TOTAL_LOAD_R3'),
      }),
    );
  });

  it('answered with HTTP 400 to the A65 request, is NOT_PUBLISHED too', async () => {
    const url = `${ENTSOE_URL}?securityToken=x&documentType=A65&processType=A16&outBiddingZone_Domain=10YFR-RTE------C&periodStart=204912312300&periodEnd=205001012300`;
    await expect(
      replay(epexConnector, epexLoad, url, sharedPath(FILES.noData), ctx('2050-01-01', 'FR', 'ACTUAL', 'LOAD'), 400),
    ).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });

  it('is recognized by no report', () => {
    expect(detectedReports(epexConnector, 'ack.xml', readShared(FILES.noData))).toEqual([]);
  });
});

describe('A65 DST days (own fixtures written in the real layout)', () => {
  it('2025-10-26 has 25 hourly actual values; omitted A03 positions repeat the one before', () => {
    const { points } = parse(epexConnector, epexLoad, readOwn('epex/A65_A16_DE-LU_2025-10-26_DST25_written.xml'));
    expectWholeDay(points, CET, '2025-10-26', 25, { product: 'LOAD', nothingElse: true });
    expect(valueAt(points, 'DE-LU', 'LOAD', '2025-10-26T00:00:00Z')).toBe(50200); // position 3 omitted: position 2 = 50000 + 200
    expect(valueAt(points, 'DE-LU', 'LOAD', '2025-10-26T01:00:00Z')).toBe(50400); // position 4: 02:00 CET, the repeated hour (position 3 was 02:00 CEST)
    expect(valueAt(points, 'DE-LU', 'LOAD', '2025-10-26T22:00:00Z')).toBe(52400); // position 25 omitted: position 24
  });

  it('2025-03-30 has 92 quarter-hours of forecast', () => {
    const { points } = parse(epexConnector, epexForecast, readOwn('epex/A65_A01_DE-LU_2025-03-30_DST23_written.xml'));
    const latest = pointsWhere(points, { run: 'FORECAST' });
    expect(latest).toHaveLength(92);
    expect(pointsWhere(points, { run: 'FORECAST@2025-03-29T09:30:00Z' })).toHaveLength(92);
    expect(latest[0]).toMatchObject({ start: Date.parse('2025-03-29T23:00:00Z'), end: Date.parse('2025-03-29T23:15:00Z'), value: 40010 });
    expect(valueAt(latest, 'DE-LU', 'LOAD', '2025-03-30T21:45:00Z')).toBe(40920); // position 92
  });

  it('the request spans the 25-hour day in UTC', () => {
    const url = new URL(epexLoad.request!(ctx('2025-10-26', 'DE-LU', 'ACTUAL', 'LOAD')).url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      securityToken: 'tok',
      documentType: 'A65',
      processType: 'A16',
      outBiddingZone_Domain: '10Y1001A1001A82H',
      periodStart: '202510252200',
      periodEnd: '202510262300',
    });
  });
});

describeShared([FILES.genA03, FILES.genA01])('A75 generation per production type, FR 2021-01-01', () => {
  const current = parse(epexConnector, epexGeneration, readShared(FILES.genA03)).points;
  const legacy = parse(epexConnector, epexGeneration, readShared(FILES.genA01)).points;
  const sorted = (points: ParsedPoint[]) =>
    [...points].sort((a, b) => a.product.localeCompare(b.product) || a.start - b.start).map((p) => `${p.product} ${p.start} ${p.value}`);
  const at = (points: ParsedPoint[], product: string, start: string) => valueAt(points, 'FR', product, start);

  it('gives the same 240 values from the A03 curve (repeats omitted) and the old A01 curve', () => {
    expect(current).toHaveLength(240); // 10 fuels x 24 hours
    expect(sorted(current)).toEqual(sorted(legacy));
    expect(current.every((p) => p.run === 'ACTUAL' && p.location === 'FR' && p.end - p.start === HOUR)).toBe(true);
  });

  for (const [name, points] of [
    ['A03', current],
    ['A01', legacy],
  ] as const) {
    it(`${name}: values per fuel, summed where two production types are one fuel`, () => {
      expect(at(points, 'GEN_BIOMASS', '2021-01-01T02:00:00Z')).toBe(364); // B01 position 3 (omitted in A03: position 2)
      expect(at(points, 'GEN_GAS', '2021-01-01T00:00:00Z')).toBe(4265); // B04 position 1
      expect(at(points, 'GEN_COAL', '2021-01-01T10:00:00Z')).toBe(10); // B05 position 11
      expect(at(points, 'GEN_COAL', '2021-01-01T23:00:00Z')).toBe(9); // B05 position 24 (A03: position 12 = 9)
      expect(at(points, 'GEN_OIL', '2021-01-01T04:00:00Z')).toBe(207); // B06 position 5 (A03: position 3)
      expect(at(points, 'GEN_HYDRO', '2021-01-01T00:00:00Z')).toBe(5624); // B11 4723 + B12 901
      expect(at(points, 'GEN_HYDRO', '2021-01-01T17:00:00Z')).toBe(7630); // B11 5402 + B12 2228, position 18
      expect(at(points, 'GEN_NUCLEAR', '2021-01-01T00:00:00Z')).toBe(49465); // B14 position 1
      expect(at(points, 'GEN_SOLAR', '2021-01-01T02:00:00Z')).toBe(0); // B16 position 3 (A03: position 1 = 0)
      expect(at(points, 'GEN_SOLAR', '2021-01-01T11:00:00Z')).toBe(2407); // B16 position 12
      expect(at(points, 'GEN_WASTE', '2021-01-01T08:00:00Z')).toBe(247); // B17 position 9 (A03: position 8)
      expect(at(points, 'GEN_WIND', '2021-01-01T00:00:00Z')).toBe(1075); // B19 position 1
    });

    it(`${name}: pumped storage is generation, and pumping (outBiddingZone) as negative`, () => {
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T00:00:00Z')).toBe(574); // B10 in, position 1
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T01:00:00Z')).toBe(-127); // B10 out, 01:00Z
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T04:00:00Z')).toBe(-2512); // B10 out, 04:00Z
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T15:00:00Z')).toBe(-349); // B10 out, 15:00Z
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T16:00:00Z')).toBe(586); // B10 in, 16:00Z
      expect(at(points, 'GEN_PUMPED_STORAGE', '2021-01-01T23:00:00Z')).toBe(341); // B10 in, 23:00Z
      expect(pointsWhere(points, { product: 'GEN_PUMPED_STORAGE' })).toHaveLength(24);
    });
  }

  it('both files are recognized as epex.entsoe_generation only', () => {
    expect(detectedReports(epexConnector, 'a.xml', readShared(FILES.genA03))).toEqual(['epex.entsoe_generation']);
    expect(detectedReports(epexConnector, 'b.xml', readShared(FILES.genA01))).toEqual(['epex.entsoe_generation']);
  });

  it('an unknown production type is a ParseError, never OTHER', () => {
    const text = readShared(FILES.genA03).toString('utf8').replace('<psrType>B17</psrType>', '<psrType>B99</psrType>');
    expect(() => parse(epexConnector, epexGeneration, text)).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('B99') }),
    );
  });

  it('is fetched with in_Domain and processType A16', async () => {
    const url = `${ENTSOE_URL}?securityToken=x&documentType=A75&processType=A16&in_Domain=10YFR-RTE------C&periodStart=202012312300&periodEnd=202101012300`;
    const { result } = await replay(
      epexConnector,
      epexGeneration,
      url,
      sharedPath(FILES.genA03),
      ctx('2021-01-01', 'FR', 'ACTUAL', 'GEN_NUCLEAR'),
    );
    expect(result.points).toHaveLength(240);
    expect(epexGeneration.provisional).toBe(true);
  });
});

describeShared(FILES.intraday)('A44 intraday auctions IDA1-3, ES 2025-09-29..10-02 (PT15M, curve A03)', () => {
  const { points } = parse(epexConnector, epexIntraday, readShared(FILES.intraday));

  it('puts sequence 1, 2, 3 in runs ID1, ID2, ID3 at 15 minutes', () => {
    expect(pointsWhere(points, { run: 'ID1' })).toHaveLength(384); // 4 days x 96
    expect(pointsWhere(points, { run: 'ID2' })).toHaveLength(384);
    expect(pointsWhere(points, { run: 'ID3' })).toHaveLength(144); // 3 afternoons x 48
    expect(points.every((p) => p.location === 'ES' && p.product === 'LMP' && p.end - p.start === 900_000 && p.currency === undefined)).toBe(
      true,
    );
  });

  it('reads the values and fills omitted positions from the one before', () => {
    expect(valueAt(points, { location: 'ES', run: 'ID1', start: '2025-09-28T22:00:00Z' })).toBe(75); // TimeSeries 1, position 1
    expect(valueAt(points, { location: 'ES', run: 'ID2', start: '2025-09-28T22:00:00Z' })).toBe(77.77); // TimeSeries 2, position 1
    expect(valueAt(points, { location: 'ES', run: 'ID3', start: '2025-09-29T10:00:00Z' })).toBe(27.9); // TimeSeries 3, position 1
    expect(valueAt(points, { location: 'ES', run: 'ID3', start: '2025-09-29T10:45:00Z' })).toBe(35); // position 4 omitted: position 3
    expect(valueAt(points, { location: 'ES', run: 'ID3', start: '2025-09-29T09:45:00Z' })).toBeUndefined(); // IDA3: afternoon only
    expect(valueAt(points, { location: 'ES', run: 'ID2', start: '2025-09-29T22:15:00Z' })).toBe(94.96); // TimeSeries 5, position 2 omitted
    expect(valueAt(points, { location: 'ES', run: 'ID2', start: '2025-10-01T21:30:00Z' })).toBe(115); // TimeSeries 8, position 95 omitted
    expect(valueAt(points, { location: 'ES', run: 'ID2', start: '2025-10-01T21:45:00Z' })).toBe(115.15); // position 96
    expect(valueAt(points, { location: 'ES', run: 'ID3', start: '2025-10-01T10:00:00Z' })).toBe(-9.34); // TimeSeries 9, position 1
    expect(valueAt(points, { location: 'ES', run: 'ID1', start: '2025-10-02T21:30:00Z' })).toBe(129.99); // TimeSeries 10, position 95
    expect(valueAt(points, { location: 'ES', run: 'ID1', start: '2025-10-02T21:45:00Z' })).toBe(129.99); // position 96 omitted
  });

  it('the day-ahead report finds no day-ahead prices in it, and detect tells the two apart', () => {
    expect(() => parse(epexConnector, epexDayAhead, readShared(FILES.intraday))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
    expect(detectedReports(epexConnector, 'ida.xml', readShared(FILES.intraday))).toEqual(['epex.entsoe_a44_intraday']);
    // A day-ahead answer with an A07 series riding along stays the day-ahead report's.
    expect(detectedReports(epexConnector, 'da.xml', readOwn('epex/A44_FR_2025-10-26_DST25_written.xml'))).toEqual(['epex.entsoe_a44']);
    expect(() => parse(epexConnector, epexIntraday, readOwn('epex/A44_DE-LU_2025-03-30_DST23_written.xml'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
  });

  it('an intraday series without a sequence position is a ParseError', () => {
    const text = readShared(FILES.intraday)
      .toString('utf8')
      .replace(
        /<classificationSequence_AttributeInstanceComponent\.position>1<\/classificationSequence_AttributeInstanceComponent\.position>/,
        '',
      );
    expect(() => parse(epexConnector, epexIntraday, text)).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('classificationSequence') }),
    );
  });

  it('is fetched with contract_MarketAgreement.type A07', async () => {
    const url = `${ENTSOE_URL}?securityToken=x&documentType=A44&in_Domain=10YES-REE------0&out_Domain=10YES-REE------0&contract_MarketAgreement.type=A07&periodStart=202509302200&periodEnd=202510012200`;
    const { result } = await replay(epexConnector, epexIntraday, url, sharedPath(FILES.intraday), ctx('2025-10-01', 'ES', 'ID1', 'LMP'));
    expect(result.points).toHaveLength(912);
  });
});

describeShared('entsoe/A44_DE-LU_2021-01-01_PT60M+PT15M_recorded-2025-11-29.xml')('existing day-ahead documents', () => {
  it('are still recognized as epex.entsoe_a44 only', () => {
    for (const file of [
      'entsoe/A44_DE-LU_2021-01-01_PT60M+PT15M_recorded-2025-11-29.xml',
      'entsoe/A44_ES_2025-09-29_to_2025-10-02_PT60M-PT15M.xml',
      'entsoe/A44_FR_2023-05-07_to_2023-05-08_PT60M.xml',
    ])
      expect(detectedReports(epexConnector, file, readShared(file))).toEqual(['epex.entsoe_a44']);
  });
});
