import type { KeyStore } from '../../backend/config';
import { nemConnector } from '../../backend/connectors/apac/nem';
import { listingLinks, operationalDemandForecastFile } from '../../backend/connectors/apac/nem/listing';
import { parseFiveMinute, parseOperationalDemandForecast } from '../../backend/connectors/apac/nem/parse';
import { fiveMinuteLoadReport, operationalDemandForecastReport, publicPricesLoadReport } from '../../backend/connectors/apac/nem/reports';
import { periodOf } from '../../backend/connectors/fetch';
import type { ParseContext, Report, RequestContext } from '../../backend/connectors/types';
import { ParseError } from '../../backend/domain';
import { usableReports } from '../../backend/series/report-choice';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, replaying } from '../support/replay';
import { detectedReports, pointAt, pointsWhere, seriesOnDay, valueAt } from '../support/points';

// NEM load: actual regional demand (TOTALDEMAND) from the real aemo.com.au 5MIN capture and the own
// PUBLIC_PRICES fixtures; the operational demand forecast from the real FORECAST_HH zip in
// ../shared/fixtures/nem, its folder listing written in test/fixtures/nem (README-fundamentals.md).
const FIVE_MIN = 'nem/aemo_visualisations_5MIN_2021-10-06_to_2021-10-08.json';
const FORECAST_ZIP = 'nem/PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_202504011800_20250401173353.zip';
const FORECAST_LISTING = 'nem/nemweb_Reports_Current_Operational_Demand_FORECAST_HH_index.html';
const FORECAST_BASE = 'https://nemweb.com.au/Reports/Current/Operational_Demand/FORECAST_HH/';
const REGIONS = ['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1'];
// LOAD_DATE "2025/04/01 17:27:41" AEST
const VINTAGE = 'FORECAST@2025-04-01T07:27:41Z';

const parsing = (source: string): ParseContext => ({ market: nemConnector.market, source });
const forDay = (report: Report, day: string, run: string): RequestContext => ({
  period: periodOf(report, day),
  run,
  product: 'LOAD',
  keys: {},
});
const noKeys = { has: () => false } as unknown as KeyStore;

describeShared(FIVE_MIN)('NEM actual load from the 5MIN feed (real capture)', () => {
  const { points } = parseFiveMinute(readShared(FIVE_MIN), parsing(FIVE_MIN));

  it('gives TOTALDEMAND as LOAD ACTUAL per region, beside DEMAND under RT', () => {
    // 2,880 rows, all ACTUAL: one LMP, one DEMAND and one LOAD point each
    expect(pointsWhere(points, { product: 'LOAD' })).toHaveLength(2880);
    expect(pointsWhere(points, { product: 'LOAD' }).every((p) => p.run === 'ACTUAL' && p.end - p.start === 300_000)).toBe(true);
    // {"SETTLEMENTDATE":"2021-10-06T15:00:00","REGIONID":"NSW1",...,"TOTALDEMAND":5941.25}: ends 15:00 AEST -> [04:55Z, 05:00Z)
    expect(valueAt(points, { location: 'NSW1', product: 'LOAD', run: 'ACTUAL', start: '2021-10-06T04:55:00Z' })).toBe(5941.25);
    expect(valueAt(points, { location: 'NSW1', product: 'DEMAND', run: 'RT', start: '2021-10-06T04:55:00Z' })).toBe(5941.25);
    // SA1 ending 2021-10-07T00:05:00 -> the first interval of 2021-10-07: TOTALDEMAND 1218.6
    expect(valueAt(points, { location: 'SA1', product: 'LOAD', start: '2021-10-06T14:00:00Z' })).toBe(1218.6);
    // QLD1 ending 2021-10-07T12:30:00: 4957.11; VIC1 ending 2021-10-08T00:00:00 (the last of 10-07): 4729.8
    expect(valueAt(points, { location: 'QLD1', product: 'LOAD', start: '2021-10-07T02:25:00Z' })).toBe(4957.11);
    expect(valueAt(points, { location: 'VIC1', product: 'LOAD', start: '2021-10-07T13:55:00Z' })).toBe(4729.8);
    for (const region of REGIONS)
      expect(seriesOnDay(points, { location: region, product: 'LOAD' }, 'UTC+10', '2021-10-07')).toHaveLength(288);
  });

  it('the file is imported by the 5MIN price report alone; a LOAD ACTUAL question is fetched by its load twin (replayed)', async () => {
    expect(detectedReports(nemConnector, 'x.json', readShared(FIVE_MIN))).toEqual(['nem.5min']);
    const request = {
      method: 'POST' as const,
      url: 'https://visualisations.aemo.com.au/aemo/apps/api/report/5MIN',
      body: '{"timeScale":["5MIN"]}',
    };
    const { result, http } = await replayFetch(nemConnector, fiveMinuteLoadReport, forDay(fiveMinuteLoadReport, '2021-10-07', 'ACTUAL'), [
      { request, file: sharedPath(FIVE_MIN) },
    ]);
    expect(valueAt(result.points, { location: 'SA1', product: 'LOAD', start: '2021-10-06T14:00:00Z' })).toBe(1218.6);
    expect(pointsWhere(result.points, { product: 'LOAD' })).toHaveLength(288 * 5);
    expect(http.requests.map((r) => r.url)).toEqual([request.url]);
  });
});

describe('NEM actual load from PUBLIC_PRICES (own fixtures)', () => {
  it('DREGION TOTALDEMAND is LOAD ACTUAL too (replayed through the load twin)', async () => {
    const base = 'https://nemweb.com.au/Reports/Current/Public_Prices/';
    const { result } = await replayFetch(nemConnector, publicPricesLoadReport, forDay(publicPricesLoadReport, '2023-10-01', 'ACTUAL'), [
      { request: { url: base }, file: ownPath('nem/nemweb_Reports_Current_Public_Prices_index.html') },
      {
        request: { url: `${base}PUBLIC_PRICES_202309300000_20231001040503.zip` },
        file: ownPath('nem/PUBLIC_PRICES_202309300000_20231001040503.zip'),
      },
      {
        request: { url: `${base}PUBLIC_PRICES_202310010000_20231002040501.zip` },
        file: ownPath('nem/PUBLIC_PRICES_202310010000_20231002040501.zip'),
      },
    ]);
    // README: TOTALDEMAND = 1000 + 1000*i + k (NSW1 i=0, VIC1 i=4; k the interval of the trading day)
    expect(valueAt(result.points, { location: 'NSW1', product: 'LOAD', run: 'ACTUAL', start: '2023-09-30T14:00:00Z' })).toBe(1240);
    expect(valueAt(result.points, { location: 'VIC1', product: 'LOAD', run: 'ACTUAL', start: '2023-10-01T01:55:00Z' })).toBe(5095);
    for (const region of REGIONS)
      expect(seriesOnDay(result.points, { location: region, product: 'LOAD' }, 'UTC+10', '2023-10-01')).toHaveLength(288);
  });

  it('LOAD ACTUAL is asked of the load twins, in the price reports order; prices never of them', () => {
    const nsw = nemConnector.locations[0];
    expect(usableReports(nemConnector, 'ACTUAL', 'LOAD', '2024-01-10', nsw, noKeys).map((r) => r.id)).toEqual([
      'nem.public_prices_load',
      'nem.dispatchis_archive_load',
      'nem.dispatchis_load',
      'nem.5min_load',
    ]);
    expect(usableReports(nemConnector, 'RT', 'LMP', '2024-01-10', nsw, noKeys).map((r) => r.id)).toEqual([
      'nem.public_prices',
      'nem.tradingis_archive',
      'nem.dispatchis_archive',
      'nem.dispatchis',
      'nem.tradingis',
      'nem.5min',
    ]);
    expect(usableReports(nemConnector, 'FORECAST', 'LOAD', '2025-04-03', nsw, noKeys).map((r) => r.id)).toEqual([
      'nem.operational_demand_forecast',
    ]);
  });
});

describeShared(FORECAST_ZIP)('NEM operational demand forecast (real FORECAST_HH zip)', () => {
  const all = parseOperationalDemandForecast(readShared(FORECAST_ZIP), parsing(FORECAST_ZIP));

  it('reads POE50 per region as LOAD FORECAST and under the vintage of LOAD_DATE, half-hours by their end', () => {
    // 1,985 D rows (397 half-hours x 5 regions), each stored twice
    expect(all.points).toHaveLength(1985 * 2);
    expect(pointsWhere(all.points, { run: 'FORECAST' })).toHaveLength(1985);
    expect(pointsWhere(all.points, { run: VINTAGE })).toHaveLength(1985);
    expect(all.points.every((p) => p.product === 'LOAD' && p.end - p.start === 1_800_000)).toBe(true);
    // line 3: NSW1,"2025/04/01 18:00:00","2025/04/01 17:27:41",8525,8407,8290 -> [17:30, 18:00) AEST = 07:30Z, POE50 8407
    expect(valueAt(all.points, { location: 'NSW1', run: 'FORECAST', product: 'LOAD', start: '2025-04-01T07:30:00Z' })).toBe(8407);
    expect(valueAt(all.points, { location: 'NSW1', run: VINTAGE, product: 'LOAD', start: '2025-04-01T07:30:00Z' })).toBe(8407);
    // line 15: NSW1,"2025/04/02 00:00:00",...,7225,7043,6861 -> the last half-hour of 2025-04-01
    expect(valueAt(all.points, { location: 'NSW1', run: 'FORECAST', product: 'LOAD', start: '2025-04-01T13:30:00Z' })).toBe(7043);
    // line 461: QLD1,"2025/04/03 00:30:00",...,6366,6168,5969 -> the first half-hour of 2025-04-03
    expect(valueAt(all.points, { location: 'QLD1', run: 'FORECAST', product: 'LOAD', start: '2025-04-02T14:00:00Z' })).toBe(6168);
    // line 881: SA1,"2025/04/03 12:00:00",...,837,776,715
    expect(valueAt(all.points, { location: 'SA1', run: 'FORECAST', product: 'LOAD', start: '2025-04-03T01:30:00Z' })).toBe(776);
    // line 1206: TAS1,"2025/04/02 00:00:00",...,1120,1096,1072
    expect(valueAt(all.points, { location: 'TAS1', run: 'FORECAST', product: 'LOAD', start: '2025-04-01T13:30:00Z' })).toBe(1096);
    // the last row: VIC1,"2025/04/10 00:00:00",...,5308,4934,4560
    expect(valueAt(all.points, { location: 'VIC1', run: 'FORECAST', product: 'LOAD', start: '2025-04-09T13:30:00Z' })).toBe(4934);
  });

  it('a renamed POE50 column, a lost footer and a zip without the table are errors', () => {
    const csv = 'PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_202504011800_20250401173353.CSV';
    const header = 'C,NEMP.WORLD,FORECAST_OPERATIONAL_DEMAND_HH,AEMO,PUBLIC,2025/04/01,17:33:53,0000000457367117,DEMAND,0000000457367116';
    const rows = [
      header,
      'I,OPERATIONAL_DEMAND,FORECAST,1,REGIONID,INTERVAL_DATETIME,LOAD_DATE,OPERATIONAL_DEMAND_POE10,OPERATIONAL_DEMAND_P50,OPERATIONAL_DEMAND_POE90,LASTCHANGED',
      'D,OPERATIONAL_DEMAND,FORECAST,1,NSW1,"2025/04/01 18:00:00","2025/04/01 17:27:41",8525,8407,8290,"2025/04/01 17:27:41"',
      'C,"END OF REPORT",4',
    ];
    expect(() => parseOperationalDemandForecast(Buffer.from(rows.join('\r\n') + '\r\n'), parsing(csv))).toThrow(
      /missing column "OPERATIONAL_DEMAND_POE50"/,
    );
    expect(() => parseOperationalDemandForecast(Buffer.from(rows.slice(0, 3).join('\r\n') + '\r\n'), parsing(csv))).toThrow(ParseError);
    const other = ['C,NEMP.WORLD,X,AEMO,PUBLIC,2025/04/01,17:33:53,1,X,0', 'I,X,Y,1,A', 'D,X,Y,1,1', 'C,"END OF REPORT",4'];
    expect(() => parseOperationalDemandForecast(Buffer.from(other.join('\r\n') + '\r\n'), parsing('x.csv'))).toThrow(
      /no OPERATIONAL_DEMAND,FORECAST table/,
    );
  });

  it('an empty POE50 is missing, not zero', () => {
    const rows = [
      'C,NEMP.WORLD,FORECAST_OPERATIONAL_DEMAND_HH,AEMO,PUBLIC,2025/04/01,17:33:53,1,DEMAND,0',
      'I,OPERATIONAL_DEMAND,FORECAST,1,REGIONID,INTERVAL_DATETIME,LOAD_DATE,OPERATIONAL_DEMAND_POE10,OPERATIONAL_DEMAND_POE50,OPERATIONAL_DEMAND_POE90,LASTCHANGED',
      'D,OPERATIONAL_DEMAND,FORECAST,1,NSW1,"2025/04/01 18:00:00","2025/04/01 17:27:41",8525,,8290,"2025/04/01 17:27:41"',
      'D,OPERATIONAL_DEMAND,FORECAST,1,NSW1,"2025/04/01 18:30:00","2025/04/01 17:27:41",8526,8394,8263,"2025/04/01 17:27:41"',
      'C,"END OF REPORT",5',
    ];
    const { points } = parseOperationalDemandForecast(Buffer.from(rows.join('\r\n') + '\r\n'), parsing('blank.csv'));
    expect(pointAt(points, { location: 'NSW1', product: 'LOAD', start: '2025-04-01T07:30:00Z' })).toBeUndefined();
    expect(valueAt(points, { location: 'NSW1', product: 'LOAD', run: 'FORECAST', start: '2025-04-01T08:00:00Z' })).toBe(8394);
  });

  it('is recognized for import by its zip member, by this report alone', () => {
    expect(detectedReports(nemConnector, 'x.zip', readShared(FORECAST_ZIP))).toEqual(['nem.operational_demand_forecast']);
  });

  it('a day is read from the newest issue in the Current folder (replayed): 48 half-hours a region', async () => {
    const url = `${FORECAST_BASE}PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_202504011800_20250401173353.zip`;
    const { http, ask } = replaying(nemConnector, [
      { request: { url: FORECAST_BASE }, file: ownPath(FORECAST_LISTING) },
      { request: { url }, file: sharedPath(FORECAST_ZIP) },
    ]);
    const day = await ask(operationalDemandForecastReport, forDay(operationalDemandForecastReport, '2025-04-03', 'FORECAST'));
    expect(http.requests.map((r) => r.url)).toEqual([FORECAST_BASE, url]);
    for (const region of REGIONS) {
      expect(seriesOnDay(day.points, { location: region, run: 'FORECAST' }, 'UTC+10', '2025-04-03')).toHaveLength(48);
      expect(seriesOnDay(day.points, { location: region, run: VINTAGE }, 'UTC+10', '2025-04-03')).toHaveLength(48);
    }
    const { start, end } = dayBounds('2025-04-03', 'UTC+10');
    expect(day.points.every((p) => p.start >= start && p.end <= end)).toBe(true);
    // line 64: NSW1 ending 2025/04/03 00:30 (the day's first half-hour) 6896; line 111: ending 2025/04/04 00:00 (its last) 7092
    expect(valueAt(day.points, { location: 'NSW1', run: 'FORECAST', product: 'LOAD', start: '2025-04-02T14:00:00Z' })).toBe(6896);
    expect(valueAt(day.points, { location: 'NSW1', run: 'FORECAST', product: 'LOAD', start: '2025-04-03T13:30:00Z' })).toBe(7092);

    // The day of the issue: from its first half-hour (ending 18:00) to the day's end, 13 a region.
    const today = await ask(operationalDemandForecastReport, forDay(operationalDemandForecastReport, '2025-04-01', 'FORECAST'));
    expect(pointsWhere(today.points, { location: 'SA1', run: 'FORECAST' })).toHaveLength(13);

    // Beyond the forecast's reach (its last half-hour ends 2025-04-10 00:00): not published.
    await expect(
      ask(operationalDemandForecastReport, forDay(operationalDemandForecastReport, '2025-04-10', 'FORECAST')),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });

  it('a day older than the folder keeps is not published, and nothing is downloaded', async () => {
    const { http, ask } = replaying(nemConnector, [{ request: { url: FORECAST_BASE }, file: ownPath(FORECAST_LISTING) }]);
    await expect(
      ask(operationalDemandForecastReport, forDay(operationalDemandForecastReport, '2025-03-01', 'FORECAST')),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
    expect(http.requests.map((r) => r.url)).toEqual([FORECAST_BASE]);
  });
});

describe('NEM forecast file choice (written listing)', () => {
  const links = listingLinks(readOwn(FORECAST_LISTING), FORECAST_BASE, 'listing');
  const pick = (day: string) => operationalDemandForecastFile(links, dayBounds(day, 'UTC+10'))?.name.slice(38, 50);

  it('lists the five issues', () => {
    expect(links).toHaveLength(5);
  });

  it('today and later: the newest issue; a past day: the last issue made before it began, else the first reaching it', () => {
    expect(pick('2025-04-01')).toBe('202504011800');
    expect(pick('2025-04-05')).toBe('202504011800');
    // 2025-03-31: the issue whose first half-hour ends 00:00 on the 31st was made before the day began
    expect(pick('2025-03-31')).toBe('202503310000');
    // 2025-03-30: no issue before it began; the first one reaching it covers its last hour
    expect(pick('2025-03-30')).toBe('202503302330');
    expect(pick('2025-03-29')).toBeUndefined();
  });
});

describe('NEM load in the market data', () => {
  it('lists LOAD (MW, ACTUAL by default) and the runs ACTUAL (5 min) and FORECAST (30 min); DEMAND stays a product', () => {
    const market = nemConnector.market;
    expect(market.products.find((p) => p.id === 'LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(market.runs.find((r) => r.id === 'ACTUAL')?.intervalMinutes).toBe(5);
    expect(market.runs.find((r) => r.id === 'FORECAST')?.intervalMinutes).toBe(30);
    expect(market.products.map((p) => p.id)).toContain('DEMAND');
    expect(operationalDemandForecastReport.provisional).toBe(true);
  });
});
