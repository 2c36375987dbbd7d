import type { KeyStore } from '../../backend/config';
import { ParseError } from '../../backend/domain';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { iesoConnector } from '../../backend/connectors/ca/ieso';
import { iesoMarket } from '../../backend/connectors/ca/ieso/market';
import { adequacyParser, parseDemandYear, parseGenOutputByFuel, parseHoepYear } from '../../backend/connectors/ca/ieso/parse';
import { adequacy2, adequacy3, demandYearly, genOutputByFuelYearly, hoepYearly } from '../../backend/connectors/ca/ieso/reports';
import { usableReports } from '../../backend/series/report-choice';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, pointAt, pointsWhere, valueAt } from '../support/points';

// Fundamentals of Ontario from the real files in ../shared/fixtures/ieso (SOURCES-FUNDAMENTALS.md):
// the yearly Demand CSV, the legacy Adequacy2 report, the yearly GenOutputbyFuelHourly XML (cut to
// 7 days by pyiso), and the operating reserve prices of the yearly HOEP CSV. The Adequacy3 file in
// test/fixtures/ieso was written from documentation (README-fundamentals.md).
const DEMAND = 'ieso/PUB_Demand_2023_to_2023-09-25.csv';
const ADEQUACY2 = 'ieso/PUB_Adequacy2_20170618_legacy.xml';
const GEN = 'ieso/PUB_GenOutputbyFuelHourly_2016_first7days_reduced.xml';
const HOEP = 'ieso/PUB_PriceHOEPPredispOR_2023.csv';
const ADEQUACY3 = 'ieso/PUB_Adequacy3_20250603.xml';
const BASE = 'https://reports-public.ieso.ca/public';
const ON = 'ONTARIO';
const HOUR = 3_600_000;

const parsing = (source: string): ParseContext => ({ market: iesoMarket, source });

function ctx(period: { key: string; days: string[] }, run: string, product: string): RequestContext {
  return { period, run, product, keys: {} };
}

describeShared(DEMAND)('IESO yearly Demand CSV (real file, 2023-01-01 to 2023-09-25)', () => {
  const year = parseDemandYear(readShared(DEMAND), parsing(DEMAND));

  it('reads Ontario Demand at ONTARIO and Market Demand at MARKET as LOAD ACTUAL, hour ending EST', () => {
    // 268 days x 24 hours, each row giving both columns.
    expect(pointsWhere(year.points, { location: ON })).toHaveLength(6432);
    expect(pointsWhere(year.points, { location: 'MARKET' })).toHaveLength(6432);
    expect(year.points.every((p) => p.run === 'ACTUAL' && p.product === 'LOAD' && p.end - p.start === HOUR)).toBe(true);
    // line 5: 2023-01-01,1,15130,13514 -> HE1 = 00:00-01:00 EST = 05:00Z
    expect(valueAt(year.points, ON, 'LOAD', '2023-01-01T05:00:00Z')).toBe(13514);
    expect(valueAt(year.points, 'MARKET', 'LOAD', '2023-01-01T05:00:00Z')).toBe(15130);
    // line 29: 2023-01-02,1,15633,13207
    expect(valueAt(year.points, ON, 'LOAD', '2023-01-02T05:00:00Z')).toBe(13207);
    // last line: 2023-09-25,24,15443,13244 -> 23:00-24:00 EST = 2023-09-26T04:00Z
    expect(valueAt(year.points, ON, 'LOAD', '2023-09-26T04:00:00Z')).toBe(13244);
    expect(valueAt(year.points, 'MARKET', 'LOAD', '2023-09-26T04:00:00Z')).toBe(15443);
  });

  it("Toronto's spring-forward day is an ordinary 24-hour EST day", () => {
    const ontario = pointsWhere(year.points, { location: ON });
    expectWholeDay(ontario, iesoMarket.clock, '2023-03-12', 24, { product: 'LOAD' });
    // line 1687: 2023-03-12,3,15559,14387 -> 02:00 EST = 07:00Z (no gap at 02:00)
    expect(valueAt(year.points, ON, 'LOAD', '2023-03-12T07:00:00Z')).toBe(14387);
  });

  it('an empty cell is missing, a renamed column an error', () => {
    const text = readShared(DEMAND).toString('utf8');
    const blank = parseDemandYear(Buffer.from(text.replace('2023-01-01,1,15130,13514', '2023-01-01,1,15130,')), parsing('blank.csv'));
    expect(pointAt(blank.points, ON, 'LOAD', '2023-01-01T05:00:00Z')).toBeUndefined();
    expect(valueAt(blank.points, 'MARKET', 'LOAD', '2023-01-01T05:00:00Z')).toBe(15130);
    const renamed = Buffer.from(text.replace('Date,Hour,Market Demand,Ontario Demand', 'Date,Hour,Market Demand,Ontario Load'));
    expect(() => parseDemandYear(renamed, parsing('renamed.csv'))).toThrow(/missing column "Ontario Demand"/);
  });

  it('is recognized for import by its header, by this report alone', () => {
    expect(detectedReports(iesoConnector, 'x.csv', readShared(DEMAND))).toEqual(['ieso.demand_year']);
  });

  it('is fetched a year at a time from its documented URL (replayed)', async () => {
    const period = demandYearly.periodOf!('2023-03-12');
    expect(period.key).toBe('2023');
    expect(period.days).toHaveLength(365);
    const url = `${BASE}/Demand/PUB_Demand_2023.csv`;
    const { result, http } = await replayFetch(iesoConnector, demandYearly, ctx(period, 'ACTUAL', 'LOAD'), [
      { request: { url }, file: sharedPath(DEMAND) },
    ]);
    expect(valueAt(result.points, ON, 'LOAD', '2023-01-01T05:00:00Z')).toBe(13514);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });
});

describeShared(ADEQUACY2)('IESO Adequacy2 report (real legacy file of 2017-06-18)', () => {
  const day = adequacyParser('Adequacy2')(readShared(ADEQUACY2), parsing(ADEQUACY2));
  // <CreatedAt>2017-06-18T23:49:39</CreatedAt> is EST: 04:49:39Z the next day.
  const VINTAGE = 'FORECAST@2017-06-19T04:49:39Z';

  it('reads the Ontario Demand forecast as LOAD FORECAST and under the vintage of CreatedAt', () => {
    expect(pointsWhere(day.points, { run: 'FORECAST' })).toHaveLength(24);
    expect(pointsWhere(day.points, { run: VINTAGE })).toHaveLength(24);
    expect(day.points).toHaveLength(48);
    // ForecastOntDemand: DeliveryHour 1 -> 13266, 2 -> 12785, 24 -> 14280 (not PeakDemand's 13549)
    for (const run of ['FORECAST', VINTAGE]) {
      expect(valueAt(day.points, { location: ON, product: 'LOAD', run, start: '2017-06-18T05:00:00Z' })).toBe(13266);
      expect(valueAt(day.points, { location: ON, product: 'LOAD', run, start: '2017-06-18T06:00:00Z' })).toBe(12785);
      expect(valueAt(day.points, { location: ON, product: 'LOAD', run, start: '2017-06-19T04:00:00Z' })).toBe(14280);
    }
    expectWholeDay(pointsWhere(day.points, { run: 'FORECAST' }), iesoMarket.clock, '2017-06-18', 24, {
      product: 'LOAD',
      nothingElse: true,
    });
  });

  it('a file without the demand forecast is an error naming what is missing', () => {
    const cut = Buffer.from(
      readShared(ADEQUACY2)
        .toString('utf8')
        .replace(/ForecastOntDemand>/g, 'ForecastDemandOnt>'),
    );
    expect(() => adequacyParser('Adequacy2')(cut, parsing('cut.xml'))).toThrow(ParseError);
    expect(() => adequacyParser('Adequacy2')(cut, parsing('cut.xml'))).toThrow(/missing element "ForecastOntDemand"/);
    expect(() => adequacyParser('Adequacy3')(readShared(ADEQUACY2), parsing('a2.xml'))).toThrow(/expected IESO Adequacy3/);
  });

  it('is recognized for import by its docID, by the Adequacy2 report alone', () => {
    expect(detectedReports(iesoConnector, 'x.xml', readShared(ADEQUACY2))).toEqual(['ieso.adequacy2']);
  });

  it('is fetched from its dated URL (replayed)', async () => {
    const url = `${BASE}/Adequacy2/PUB_Adequacy2_20170618.xml`;
    const period = { key: '2017-06-18', days: ['2017-06-18'] };
    const { result, http } = await replayFetch(iesoConnector, adequacy2, ctx(period, 'FORECAST', 'LOAD'), [
      { request: { url }, file: sharedPath(ADEQUACY2) },
    ]);
    expect(valueAt(result.points, { location: ON, product: 'LOAD', run: 'FORECAST', start: '2017-06-18T05:00:00Z' })).toBe(13266);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
  });
});

describe('IESO Adequacy3 report (written from documentation)', () => {
  const day = adequacyParser('Adequacy3')(readOwn(ADEQUACY3), parsing(ADEQUACY3));

  it('reads the Ontario Demand forecast; an empty EnergyMW is missing', () => {
    // CreatedAt 2025-06-02T11:48:05 EST = 16:48:05Z
    const vintage = 'FORECAST@2025-06-02T16:48:05Z';
    expect(valueAt(day.points, { location: ON, product: 'LOAD', run: 'FORECAST', start: '2025-06-03T05:00:00Z' })).toBe(13120);
    expect(valueAt(day.points, { location: ON, product: 'LOAD', run: vintage, start: '2025-06-03T05:00:00Z' })).toBe(13120);
    expect(valueAt(day.points, { location: ON, product: 'LOAD', run: 'FORECAST', start: '2025-06-04T03:00:00Z' })).toBe(14760); // hour 23
    expect(pointAt(day.points, { location: ON, product: 'LOAD', start: '2025-06-04T04:00:00Z' })).toBeUndefined(); // hour 24 empty
    expect(pointsWhere(day.points, { run: 'FORECAST' })).toHaveLength(23);
  });

  it('is recognized by its docID and fetched from the Adequacy3 folder after Market Renewal', async () => {
    expect(detectedReports(iesoConnector, 'x.xml', readOwn(ADEQUACY3))).toEqual(['ieso.adequacy3']);
    const keys = { has: () => false } as unknown as KeyStore;
    expect(usableReports(iesoConnector, 'FORECAST', 'LOAD', '2025-06-03', iesoConnector.locations[0], keys).map((r) => r.id)).toEqual([
      'ieso.adequacy3',
    ]);
    expect(usableReports(iesoConnector, 'FORECAST', 'LOAD', '2024-06-03', iesoConnector.locations[0], keys).map((r) => r.id)).toEqual([
      'ieso.adequacy2',
    ]);
    const url = `${BASE}/Adequacy3/PUB_Adequacy3_20250603.xml`;
    const period = { key: '2025-06-03', days: ['2025-06-03'] };
    const { result, http } = await replayFetch(iesoConnector, adequacy3, ctx(period, 'FORECAST', 'LOAD'), [
      { request: { url }, file: ownPath(ADEQUACY3) },
    ]);
    expect(pointsWhere(result.points, { run: 'FORECAST' })).toHaveLength(23);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
  });
});

describeShared(GEN)('IESO generator output by fuel (real 2016 file, first 7 days)', () => {
  const year = parseGenOutputByFuel(readShared(GEN), parsing(GEN));

  it('reads each fuel as GEN_<FUEL> ACTUAL at ONTARIO, BIOFUEL as BIOMASS', () => {
    // 7 days x 24 hours x 6 fuels, every Output present.
    expect(year.points).toHaveLength(1008);
    expect(new Set(year.points.map((p) => p.product))).toEqual(
      new Set(['GEN_NUCLEAR', 'GEN_GAS', 'GEN_HYDRO', 'GEN_WIND', 'GEN_SOLAR', 'GEN_BIOMASS']),
    );
    expect(year.points.every((p) => p.location === ON && p.run === 'ACTUAL' && p.end - p.start === HOUR)).toBe(true);
    // 2016-01-01 hour 1 (00:00-01:00 EST = 05:00Z): NUCLEAR 11188, GAS 919, HYDRO 2994, WIND 1255, SOLAR 0, BIOFUEL 3
    const at = '2016-01-01T05:00:00Z';
    expect(valueAt(year.points, ON, 'GEN_NUCLEAR', at)).toBe(11188);
    expect(valueAt(year.points, ON, 'GEN_GAS', at)).toBe(919);
    expect(valueAt(year.points, ON, 'GEN_HYDRO', at)).toBe(2994);
    expect(valueAt(year.points, ON, 'GEN_WIND', at)).toBe(1255);
    expect(valueAt(year.points, ON, 'GEN_SOLAR', at)).toBe(0);
    expect(valueAt(year.points, ON, 'GEN_BIOMASS', at)).toBe(3);
    // 2016-01-07 hour 24, BIOFUEL 27 (the file's last FuelTotal) -> 2016-01-08T04:00Z
    expect(valueAt(year.points, ON, 'GEN_BIOMASS', '2016-01-08T04:00:00Z')).toBe(27);
  });

  it('hours flagged OutputQuality -1 or -2 keep their published output', () => {
    // 2016-01-05 hour 17: GAS quality -2 output 2765, HYDRO -1 5672, WIND -1 1380 (16:00 EST = 21:00Z)
    expect(valueAt(year.points, ON, 'GEN_GAS', '2016-01-05T21:00:00Z')).toBe(2765);
    expect(valueAt(year.points, ON, 'GEN_HYDRO', '2016-01-05T21:00:00Z')).toBe(5672);
    expect(valueAt(year.points, ON, 'GEN_WIND', '2016-01-05T21:00:00Z')).toBe(1380);
    // 2016-01-01 hour 5: WIND quality -1 output 1176
    expect(valueAt(year.points, ON, 'GEN_WIND', '2016-01-01T09:00:00Z')).toBe(1176);
  });

  it('an empty Output is missing; an unknown fuel or a fuel twice in an hour is an error', () => {
    const text = readShared(GEN).toString('utf8');
    const empty = parseGenOutputByFuel(Buffer.from(text.replace('<Output>11188</Output>', '<Output></Output>')), parsing('empty.xml'));
    expect(pointAt(empty.points, ON, 'GEN_NUCLEAR', '2016-01-01T05:00:00Z')).toBeUndefined();
    expect(empty.points).toHaveLength(1007);
    const unknown = Buffer.from(text.replace('<Fuel>BIOFUEL</Fuel>', '<Fuel>PEAT</Fuel>'));
    expect(() => parseGenOutputByFuel(unknown, parsing('unknown.xml'))).toThrow(/unknown fuel "PEAT"/);
    const twice = Buffer.from(text.replace('<Fuel>GAS</Fuel>', '<Fuel>NUCLEAR</Fuel>'));
    expect(() => parseGenOutputByFuel(twice, parsing('twice.xml'))).toThrow(ParseError);
  });

  it('is recognized by its docID and fetched a year at a time (replayed)', async () => {
    expect(detectedReports(iesoConnector, 'x.xml', readShared(GEN))).toEqual(['ieso.gen_output_by_fuel_year']);
    const url = `${BASE}/GenOutputbyFuelHourly/PUB_GenOutputbyFuelHourly_2016.xml`;
    const period = genOutputByFuelYearly.periodOf!('2016-01-03');
    expect(period.key).toBe('2016');
    const { result, http } = await replayFetch(iesoConnector, genOutputByFuelYearly, ctx(period, 'ACTUAL', 'GEN_GAS'), [
      { request: { url }, file: sharedPath(GEN) },
    ]);
    expect(valueAt(result.points, ON, 'GEN_GAS', '2016-01-01T05:00:00Z')).toBe(919);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
  });
});

describeShared(HOEP)('IESO operating reserve prices as ancillary services (real yearly HOEP file)', () => {
  const year = parseHoepYear(readShared(HOEP), parsing(HOEP));

  it('reads OR 10 Min Sync as AS_SPIN, non-sync as AS_NONSPIN, OR 30 Min as AS_RES30, beside OR10S/OR10N/OR30', () => {
    // 2023-09-18,23,29.08,28.37,28.37,28.35,0.78,0.18,0.18 -> 22:00 EST = 2023-09-19T03:00Z
    const at = '2023-09-19T03:00:00Z';
    expect(valueAt(year.points, ON, 'AS_SPIN', at)).toBe(0.78);
    expect(valueAt(year.points, ON, 'AS_NONSPIN', at)).toBe(0.18);
    expect(valueAt(year.points, ON, 'AS_RES30', at)).toBe(0.18);
    expect(valueAt(year.points, ON, 'OR10S', at)).toBe(0.78);
    // 2023-09-18,24,...,1.00,0.15,0.15
    expect(valueAt(year.points, ON, 'AS_SPIN', '2023-09-19T04:00:00Z')).toBe(1);
    expect(valueAt(year.points, ON, 'AS_NONSPIN', '2023-09-19T04:00:00Z')).toBe(0.15);
    expect(pointsWhere(year.points, { product: 'AS_SPIN' })).toHaveLength(6264);
    expect(pointsWhere(year.points, { product: 'AS_SPIN' }).every((p) => p.run === 'RT')).toBe(true);
  });

  it('the HOEP year report serves them, and its file is still recognized by it alone', () => {
    expect(hoepYearly.products).toEqual(expect.arrayContaining(['AS_SPIN', 'AS_NONSPIN', 'AS_RES30']));
    for (const product of ['AS_SPIN', 'AS_NONSPIN', 'AS_RES30'])
      expect(iesoMarket.products.find((p) => p.id === product)?.defaultRun).toBe('RT');
    expect(detectedReports(iesoConnector, 'x.csv', readShared(HOEP))).toEqual(['ieso.hoep_year']);
  });
});

describe('IESO fundamentals in the market data', () => {
  it('lists LOAD and the fuels in MW with run ACTUAL, and the runs ACTUAL and FORECAST', () => {
    const ids = iesoMarket.runs.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['ACTUAL', 'FORECAST', 'DA', 'RT']));
    for (const id of ['LOAD', 'GEN_NUCLEAR', 'GEN_BIOMASS']) {
      const product = iesoMarket.products.find((p) => p.id === id);
      expect(product).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    }
    expect(iesoConnector.locations.map((l) => l.name)).toEqual(['ONTARIO', 'MARKET']);
    expect(iesoConnector.reports.slice(0, 5).map((r) => r.id)).toEqual([
      'ieso.da_ontario_zonal',
      'ieso.rt_ontario_zonal',
      'ieso.hoep_year',
      'ieso.hoep_daily',
      'ieso.da_intertie_lmp',
    ]);
    expect([adequacy2, adequacy3, demandYearly, genOutputByFuelYearly].every((r) => r.provisional)).toBe(true);
  });
});
