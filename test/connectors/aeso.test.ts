import { ParseError } from '../../backend/domain';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { aesoConnector } from '../../backend/connectors/ca/aeso';
import { aesoMarket } from '../../backend/connectors/ca/aeso/market';
import { parseHistoricalPoolPriceCsv, parsePoolPriceApi } from '../../backend/connectors/ca/aeso/parse';
import { historicalPoolPriceCsv, poolPriceApi } from '../../backend/connectors/ca/aeso/reports';
import { describeShared, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, valueAt } from '../support/points';

// All AESO fixtures are real captures in ../shared/fixtures/aeso (see SOURCES-INTL.md).
const CSV_2022 = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
const CSV_2023 = 'aeso/HistoricalPoolPriceReportServlet_2023-01-01_to_2023-10-14.csv';
const API_JSON = 'aeso/poolPrice_api_v1.1_2023-09-01_to_2023-09-02.json';
const CSD = 'aeso/CSDReportServlet_2023-09-22T12-10.csv';
const AB = 'ALBERTA';
const API_KEY = 'aeso-key-123456';

const parsing = (source: string): ParseContext => ({ market: aesoMarket, source });

function ctx(day: string, keys: Record<string, string> = {}): RequestContext {
  const report = keys.AESO_API_KEY ? poolPriceApi : historicalPoolPriceCsv;
  return { period: report.periodOf!(day), run: 'RT', product: 'LMP', keys };
}

describeShared(CSV_2022)('AESO ETS Historical Pool Price CSV, 2022', () => {
  const year = parseHistoricalPoolPriceCsv(readShared(CSV_2022), parsing(CSV_2022));

  it('reads hour-ending Mountain time with mixed line endings', () => {
    expect(year.points.filter((p) => p.product === 'LMP')).toHaveLength(8760);
    expect(valueAt(year.points, AB, 'LMP', '2022-01-01T07:00:00Z')).toBe(65.64); // 01/01/2022 HE01 = 00:00 MST
    expect(valueAt(year.points, AB, 'ROLLING30', '2022-01-01T07:00:00Z')).toBe(127.1);
    expect(valueAt(year.points, AB, 'AIL', '2022-01-01T07:00:00Z')).toBe(10746);
    expect(valueAt(year.points, AB, 'LMP', '2023-01-01T06:00:00Z')).toBe(67.24); // 12/31/2022 HE24
    const prices = year.points.filter((p) => p.product !== 'LOAD');
    expect(prices.every((p) => p.run === 'RT' && p.end - p.start === 3_600_000)).toBe(true);
  });

  it('spring-forward day 2022-03-13 has 23 hours (no HE 02)', () => {
    expectWholeDay(year.points, aesoMarket.clock, '2022-03-13', 23);
    expect(valueAt(year.points, AB, 'LMP', '2022-03-13T07:00:00Z')).toBe(71.27); // HE01, 00:00 MST
    expect(valueAt(year.points, AB, 'LMP', '2022-03-13T08:00:00Z')).toBe(66.52); // HE03, 01:00 MST
    expect(valueAt(year.points, AB, 'LMP', '2022-03-13T09:00:00Z')).toBe(65.91); // HE04, 03:00 MDT
  });

  it('fall-back day 2022-11-06 has 25 hours, 02* being the second 01:00', () => {
    expectWholeDay(year.points, aesoMarket.clock, '2022-11-06', 25);
    expect(valueAt(year.points, AB, 'LMP', '2022-11-06T06:00:00Z')).toBe(57.98); // HE01, 00:00 MDT
    expect(valueAt(year.points, AB, 'LMP', '2022-11-06T07:00:00Z')).toBe(54.11); // HE02, 01:00 MDT
    expect(valueAt(year.points, AB, 'LMP', '2022-11-06T08:00:00Z')).toBe(48.54); // HE02*, 01:00 MST
    expect(valueAt(year.points, AB, 'AIL', '2022-11-06T08:00:00Z')).toBe(9617);
    expect(valueAt(year.points, AB, 'LMP', '2022-11-06T09:00:00Z')).toBe(53.74); // HE03, 02:00 MST
  });

  it('a renamed column is a ParseError naming it', () => {
    const renamed = Buffer.from(readShared(CSV_2022).toString('latin1').replace('Price ($)', 'Pool Price ($)'), 'latin1');
    expect(() => parseHistoricalPoolPriceCsv(renamed, parsing('renamed.csv'))).toThrow(/missing column "Price \(\$\)"/);
  });

  it('an HTML page is a ParseError', () => {
    const page = Buffer.from('<html><body><h1>ETS is unavailable</h1></body></html>');
    expect(() => parseHistoricalPoolPriceCsv(page, parsing('page.csv'))).toThrow(ParseError);
  });

  it('is fetched a month at a time without a key, replayed from its servlet URL', async () => {
    // The recording holds the whole year (the repo that kept it did not record its query); the
    // request is the one gridcell makes for March 2022.
    const url =
      'https://ets.aeso.ca/ets_web/ip/Market/Reports/HistoricalPoolPriceReportServlet?beginDate=03012022&endDate=03312022&contentType=csv';
    const c = ctx('2022-03-13');
    expect(c.period.key).toBe('2022-03');
    expect(c.period.days).toHaveLength(31);
    const { result, http } = await replayFetch(aesoConnector, historicalPoolPriceCsv, c, [
      { request: { url }, file: sharedPath(CSV_2022) },
    ]);
    expect(valueAt(result.points, AB, 'LMP', '2022-03-13T08:00:00Z')).toBe(66.52);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });
});

describeShared([CSV_2023, API_JSON])('AESO pool price API and the CSV agree', () => {
  const csv = parseHistoricalPoolPriceCsv(readShared(CSV_2023), parsing(CSV_2023));
  const api = parsePoolPriceApi(readShared(API_JSON), parsing(API_JSON));

  it('unsettled hours ("-") are missing, never zero', () => {
    expect(valueAt(csv.points, AB, 'LMP', '2023-10-14T20:00:00Z')).toBe(27.33); // 10/14/2023 HE15
    expect(valueAt(csv.points, AB, 'LMP', '2023-10-14T21:00:00Z')).toBeUndefined(); // HE16 "-"
    expect(valueAt(csv.points, AB, 'AIL', '2023-10-15T05:00:00Z')).toBeUndefined(); // HE24 "-"
  });

  it('spring-forward day 2023-03-12 has 23 hours', () => {
    expectWholeDay(csv.points, aesoMarket.clock, '2023-03-12', 23);
    expect(valueAt(csv.points, AB, 'LMP', '2023-03-12T08:00:00Z')).toBe(63.55); // HE03
  });

  it('the API is hour beginning UTC and carries the forecast', () => {
    expect(api.points.filter((p) => p.product === 'LMP')).toHaveLength(48);
    expect(valueAt(api.points, AB, 'LMP', '2023-09-01T06:00:00Z')).toBe(181.09);
    expect(valueAt(api.points, AB, 'FORECAST', '2023-09-01T06:00:00Z')).toBe(152.6);
    expect(valueAt(api.points, AB, 'ROLLING30', '2023-09-01T06:00:00Z')).toBe(189.67);
    expect(valueAt(api.points, AB, 'LMP', '2023-09-03T05:00:00Z')).toBe(48.01); // 09-02 23:00 MDT
  });

  it('API hour beginning 00:00 MPT equals CSV hour ending 01, and so on', () => {
    for (const [iso, price] of [
      ['2023-09-01T06:00:00Z', 181.09],
      ['2023-09-01T07:00:00Z', 146.24],
      ['2023-09-01T08:00:00Z', 141.72],
      ['2023-09-03T05:00:00Z', 48.01],
    ] as const) {
      expect(valueAt(api.points, AB, 'LMP', iso)).toBe(price);
      expect(valueAt(csv.points, AB, 'LMP', iso)).toBe(price);
    }
    expect(valueAt(csv.points, AB, 'ROLLING30', '2023-09-01T06:00:00Z')).toBe(189.67);
  });

  it('a renamed API field is a ParseError naming it', () => {
    const renamed = Buffer.from(
      readShared(API_JSON)
        .toString('utf8')
        .replace(/"pool_price"/g, '"price"'),
    );
    expect(() => parsePoolPriceApi(renamed, parsing('renamed.json'))).toThrow(/missing field "pool_price"/);
    expect(() => parsePoolPriceApi(Buffer.from('<!DOCTYPE html><html></html>'), parsing('page'))).toThrow(ParseError);
  });

  it('the API is asked a month at a time with the API-KEY header, which stays out of the log', async () => {
    // The recording answered 2023-09-01..2023-09-02; here it stands in for the month request.
    const url = 'https://apimgw.aeso.ca/public/poolprice-api/v1.1/price/poolPrice?startDate=2023-09-01&endDate=2023-09-30';
    const c = ctx('2023-09-15', { AESO_API_KEY: API_KEY });
    const request = poolPriceApi.request!(c);
    expect(request.headers).toEqual({ 'API-KEY': API_KEY });
    expect(request.secrets).toEqual(['API-KEY']);
    const { result, http } = await replayFetch(aesoConnector, poolPriceApi, c, [{ request: { url }, file: sharedPath(API_JSON) }]);
    expect(valueAt(result.points, AB, 'LMP', '2023-09-01T07:00:00Z')).toBe(146.24);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: ['API-KEY'], source: 'replay' }]);
    expect(JSON.stringify(http.requests)).not.toContain(API_KEY);
    expect(() => poolPriceApi.request!(ctx('2023-09-15'))).toThrow(/AESO_API_KEY/);
  });
});

describe('AESO import and report order', () => {
  const detected = (bytes: Buffer) => detectedReports(aesoConnector, 'x', bytes);

  describeShared([CSV_2022, API_JSON, CSD])('on the real files', () => {
    it('recognizes the price CSV, the API JSON and the CSD report, each by its own report', () => {
      expect(detected(readShared(CSV_2022))).toEqual(['aeso.historical_pool_price_csv']);
      expect(detected(readShared(API_JSON))).toEqual(['aeso.pool_price_api']);
      expect(detected(readShared(CSD))).toEqual(['aeso.current_supply_demand']);
    });

    it('the CSD report is refused if forced through the price parser', () => {
      expect(() => parseHistoricalPoolPriceCsv(readShared(CSD), parsing(CSD))).toThrow(ParseError);
    });
  });

  it('puts the keyed API before the keyless CSV', () => {
    expect(aesoConnector.reports.map((r) => [r.id, r.keys ?? []])).toEqual([
      ['aeso.pool_price_api', ['AESO_API_KEY']],
      ['aeso.historical_pool_price_csv', []],
      ['aeso.actual_forecast_api', ['AESO_API_KEY']],
      ['aeso.historical_load_csv', []],
      ['aeso.current_supply_demand', []],
    ]);
  });
});
