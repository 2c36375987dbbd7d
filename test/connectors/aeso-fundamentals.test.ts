import type { KeyStore } from '../../backend/config';
import { ParseError } from '../../backend/domain';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { aesoConnector } from '../../backend/connectors/ca/aeso';
import { aesoMarket } from '../../backend/connectors/ca/aeso/market';
import { parseActualForecastApi, parseCurrentSupplyDemand, parseHistoricalPoolPriceCsv } from '../../backend/connectors/ca/aeso/parse';
import { actualForecastApi, currentSupplyDemand, historicalLoadCsv } from '../../backend/connectors/ca/aeso/reports';
import { usableReports } from '../../backend/series/report-choice';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, pointAt, pointsWhere, valueAt } from '../support/points';

// AESO fundamentals from the real files in ../shared/fixtures/aeso: the ETS Current Supply Demand
// report (a snapshot, "Last Update : Sep 22, 2023 12:10") and the Historical Pool Price CSV of 2022
// (whose AIL column is Alberta's load).
const CSD = 'aeso/CSDReportServlet_2023-09-22T12-10.csv';
const CSV_2022 = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
// Written from documentation (test/fixtures/aeso/README.md).
const ACTUAL_FORECAST = 'aeso/actualforecast_api_v1_2023-09-22_written.json';
const AB = 'ALBERTA';
// Sep 22, 2023 12:10 MDT (UTC-6)
const SNAPSHOT = '2023-09-22T18:10:00Z';

const parsing = (source: string): ParseContext => ({ market: aesoMarket, source });
// No key set (a KeyStore reads the config file of the machine, which a test must not depend on).
const noKeys = { has: () => false } as unknown as KeyStore;

describeShared(CSD)('AESO Current Supply Demand report (real snapshot)', () => {
  const snapshot = parseCurrentSupplyDemand(readShared(CSD), parsing(CSD));

  it('reads total net generation by fuel type as GEN_<FUEL> ACTUAL for the minute of the last update', () => {
    // "GAS","11813","6603","30" and "DUAL FUEL","466","428","0": both are gas, summed (TNG is the third cell)
    expect(valueAt(snapshot.points, AB, 'GEN_GAS', SNAPSHOT)).toBe(7031);
    expect(valueAt(snapshot.points, AB, 'GEN_HYDRO', SNAPSHOT)).toBe(113); // "HYDRO","894","113","240"
    expect(valueAt(snapshot.points, AB, 'GEN_STORAGE', SNAPSHOT)).toBe(0); // "ENERGY STORAGE","130","0","80"
    expect(valueAt(snapshot.points, AB, 'GEN_SOLAR', SNAPSHOT)).toBe(721); // "SOLAR","1292","721","0"
    expect(valueAt(snapshot.points, AB, 'GEN_WIND', SNAPSHOT)).toBe(682); // "WIND","3853","682","0"
    expect(valueAt(snapshot.points, AB, 'GEN_OTHER', SNAPSHOT)).toBe(187); // "OTHER","444","187","0"
    expect(valueAt(snapshot.points, AB, 'GEN_COAL', SNAPSHOT)).toBe(799); // "COAL","820","799","0"
    expect(pointsWhere(snapshot.points, { product: 'GEN_GAS' })).toHaveLength(1);
    expect(snapshot.points.every((p) => p.location === AB && p.run === 'ACTUAL' && p.end - p.start === 60_000)).toBe(true);
  });

  it('reads the Alberta Internal Load as LOAD ACTUAL', () => {
    // "Alberta Internal Load (AIL)","9733"
    expect(valueAt(snapshot.points, AB, 'LOAD', SNAPSHOT)).toBe(9733);
    // 7 fuel products and the load; nothing from the interchange or asset blocks
    expect(snapshot.points).toHaveLength(8);
  });

  it('refuses a fuel it does not know, a shifted generation row and a file without its time', () => {
    const text = readShared(CSD).toString('latin1');
    const unknown = Buffer.from(text.replace('"COAL","820","799","0"', '"PEAT","820","799","0"'), 'latin1');
    expect(() => parseCurrentSupplyDemand(unknown, parsing('unknown.csv'))).toThrow(/unknown fuel "PEAT"/);
    const shifted = Buffer.from(text.replace('"WIND","3853","682","0"', '"WIND","3853","0","682"'), 'latin1');
    expect(() => parseCurrentSupplyDemand(shifted, parsing('shifted.csv'))).toThrow(/add up to 8851 MW but the TOTAL row says 9533/);
    const timeless = Buffer.from(text.replace('"Last Update : Sep 22, 2023 12:10"', '"Last Update : soon"'), 'latin1');
    expect(() => parseCurrentSupplyDemand(timeless, parsing('timeless.csv'))).toThrow(ParseError);
    expect(() => parseCurrentSupplyDemand(readShared(CSV_2022), parsing(CSV_2022))).toThrow(/not an ETS Current Supply Demand report/);
  });

  it('is recognized for import by its content, by this report alone', () => {
    expect(detectedReports(aesoConnector, 'x.csv', readShared(CSD))).toEqual(['aeso.current_supply_demand']);
    expect(detectedReports(aesoConnector, 'x.csv', readShared(CSV_2022))).toEqual(['aeso.historical_pool_price_csv']);
  });

  it('is fetched from the servlet (replayed), and only for today', async () => {
    const url = 'https://ets.aeso.ca/ets_web/ip/Market/Reports/CSDReportServlet?contentType=csv';
    const c: RequestContext = { period: { key: '2023-09-22', days: ['2023-09-22'] }, run: 'ACTUAL', product: 'GEN_WIND', keys: {} };
    const { result, http } = await replayFetch(aesoConnector, currentSupplyDemand, c, [{ request: { url }, file: sharedPath(CSD) }]);
    expect(valueAt(result.points, AB, 'GEN_WIND', SNAPSHOT)).toBe(682);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
    const alberta = aesoConnector.locations[0];
    expect(usableReports(aesoConnector, 'ACTUAL', 'GEN_WIND', '2023-09-22', alberta, noKeys, '2023-09-22').map((r) => r.id)).toEqual([
      'aeso.current_supply_demand',
    ]);
    expect(() => usableReports(aesoConnector, 'ACTUAL', 'GEN_WIND', '2023-09-21', alberta, noKeys, '2023-09-22')).toThrow(/last 0 days/);
  });
});

describeShared(CSV_2022)('AESO Historical Pool Price CSV read for load (real 2022 file)', () => {
  const all = parseHistoricalPoolPriceCsv(readShared(CSV_2022), parsing(CSV_2022));
  const year = pointsWhere(all.points, { product: 'LOAD' });

  it('gives the AIL column also as LOAD ACTUAL, hour by hour', () => {
    expect(year).toHaveLength(8760);
    expect(year.every((p) => p.run === 'ACTUAL' && p.location === AB && p.end - p.start === 3_600_000)).toBe(true);
    expect(pointsWhere(all.points, { run: 'ACTUAL' })).toEqual(year);
    // AIL itself stays under run RT
    expect(pointsWhere(all.points, { product: 'AIL' }).every((p) => p.run === 'RT')).toBe(true);
    // "01/01/2022 01","65.64","127.10","10746.0" -> HE01 = 00:00 MST = 07:00Z
    expect(valueAt(year, AB, 'LOAD', '2022-01-01T07:00:00Z')).toBe(10746);
    // fall-back day: HE02* (the second 01:00, MST) AIL 9617
    expect(valueAt(year, AB, 'LOAD', '2022-11-06T08:00:00Z')).toBe(9617);
  });

  it('has 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    expectWholeDay(year, aesoMarket.clock, '2022-03-13', 23, { product: 'LOAD' });
    expectWholeDay(year, aesoMarket.clock, '2022-11-06', 25, { product: 'LOAD' });
  });

  it('is asked a month at a time from the ETS servlet (replayed), and serves LOAD ACTUAL before the snapshot', async () => {
    const period = historicalLoadCsv.periodOf!('2022-11-06');
    const url =
      'https://ets.aeso.ca/ets_web/ip/Market/Reports/HistoricalPoolPriceReportServlet?beginDate=11012022&endDate=11302022&contentType=csv';
    const c: RequestContext = { period, run: 'ACTUAL', product: 'LOAD', keys: {} };
    const { result, http } = await replayFetch(aesoConnector, historicalLoadCsv, c, [{ request: { url }, file: sharedPath(CSV_2022) }]);
    expect(valueAt(result.points, AB, 'LOAD', '2022-11-06T08:00:00Z')).toBe(9617);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    const alberta = aesoConnector.locations[0];
    expect(usableReports(aesoConnector, 'ACTUAL', 'LOAD', '2022-11-06', alberta, noKeys, '2022-11-06').map((r) => r.id)).toEqual([
      'aeso.historical_load_csv',
      'aeso.current_supply_demand',
    ]);
    // The price report is not asked for load, nor the load report for prices.
    expect(usableReports(aesoConnector, 'RT', 'LMP', '2022-11-06', alberta, noKeys).map((r) => r.id)).toEqual([
      'aeso.historical_pool_price_csv',
    ]);
  });
});

describe('AESO actual/forecast API (written fixture)', () => {
  const answer = parseActualForecastApi(readOwn(ACTUAL_FORECAST), parsing(ACTUAL_FORECAST));

  it('reads the hourly AIL as LOAD ACTUAL and its forecast as LOAD FORECAST (latest only: no issue time)', () => {
    // {"begin_datetime_utc":"2023-09-22 16:00",...,"alberta_internal_load":"9688","forecast_alberta_internal_load":"9701"}
    expect(valueAt(answer.points, { location: AB, product: 'LOAD', run: 'ACTUAL', start: '2023-09-22T16:00:00Z' })).toBe(9688);
    expect(valueAt(answer.points, { location: AB, product: 'LOAD', run: 'FORECAST', start: '2023-09-22T16:00:00Z' })).toBe(9701);
    // 19:00Z: actual "" (still to come) is missing, forecast 9830 at 20:00Z
    expect(pointAt(answer.points, { location: AB, product: 'LOAD', run: 'ACTUAL', start: '2023-09-22T19:00:00Z' })).toBeUndefined();
    expect(valueAt(answer.points, { location: AB, product: 'LOAD', run: 'FORECAST', start: '2023-09-22T20:00:00Z' })).toBe(9830);
    // 3 actual hours, 5 forecast hours, no vintage runs
    expect(pointsWhere(answer.points, { run: 'ACTUAL' })).toHaveLength(3);
    expect(pointsWhere(answer.points, { run: 'FORECAST' })).toHaveLength(5);
    expect(answer.points.every((p) => p.end - p.start === 3_600_000)).toBe(true);
  });

  it('an empty report is not published; a missing field is an error', () => {
    expect(() => parseActualForecastApi(Buffer.from('{"return":{"Actual Forecast Report":[]}}'), parsing('empty.json'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
    const renamed = Buffer.from(
      readOwn(ACTUAL_FORECAST)
        .toString('utf8')
        .replace(/forecast_alberta_internal_load/g, 'forecast_ail'),
    );
    expect(() => parseActualForecastApi(renamed, parsing('renamed.json'))).toThrow(/forecast_alberta_internal_load/);
  });

  it('is recognized by its JSON, asked a month at a time with the API-KEY header (replayed), and serves LOAD before the CSV with a key', async () => {
    expect(detectedReports(aesoConnector, 'x.json', readOwn(ACTUAL_FORECAST))).toEqual(['aeso.actual_forecast_api']);
    const url = 'https://apimgw.aeso.ca/public/actualforecast-api/v1/load/albertaInternalLoad?startDate=2023-09-01&endDate=2023-09-30';
    const c: RequestContext = {
      period: actualForecastApi.periodOf!('2023-09-22'),
      run: 'FORECAST',
      product: 'LOAD',
      keys: { AESO_API_KEY: 'k-123' },
    };
    const request = actualForecastApi.request!(c);
    expect(request.headers).toEqual({ 'API-KEY': 'k-123' });
    expect(request.secrets).toEqual(['API-KEY']);
    const { result, http } = await replayFetch(aesoConnector, actualForecastApi, c, [{ request: { url }, file: ownPath(ACTUAL_FORECAST) }]);
    expect(valueAt(result.points, { location: AB, product: 'LOAD', run: 'FORECAST', start: '2023-09-22T16:00:00Z' })).toBe(9701);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: ['API-KEY'], source: 'replay' }]);
    const keyed = { has: (name: string) => name === 'AESO_API_KEY' } as unknown as KeyStore;
    const alberta = aesoConnector.locations[0];
    expect(usableReports(aesoConnector, 'ACTUAL', 'LOAD', '2022-11-06', alberta, keyed, '2023-09-22').map((r) => r.id)).toEqual([
      'aeso.actual_forecast_api',
      'aeso.historical_load_csv',
    ]);
    expect(usableReports(aesoConnector, 'FORECAST', 'LOAD', '2023-09-23', alberta, keyed).map((r) => r.id)).toEqual([
      'aeso.actual_forecast_api',
    ]);
    expect(() => usableReports(aesoConnector, 'FORECAST', 'LOAD', '2023-09-23', alberta, noKeys)).toThrow(/AESO_API_KEY/);
  });
});

describe('AESO fundamentals in the market data', () => {
  it('lists LOAD and the fuel mix in MW with run ACTUAL, and keeps AIL', () => {
    expect(aesoMarket.runs.map((r) => r.id)).toEqual(['RT', 'ACTUAL', 'FORECAST']);
    for (const id of ['LOAD', 'GEN_GAS', 'GEN_STORAGE', 'GEN_OTHER'])
      expect(aesoMarket.products.find((p) => p.id === id)).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(aesoMarket.products.find((p) => p.id === 'AIL')).toMatchObject({ unit: 'MW' });
    expect(aesoConnector.reports.map((r) => r.id).slice(0, 2)).toEqual(['aeso.pool_price_api', 'aeso.historical_pool_price_csv']);
    expect(currentSupplyDemand.provisional).toBe(true);
  });
});
