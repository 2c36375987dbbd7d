import type { RequestContext } from '../../backend/connectors/types';
import { nyisoConnector } from '../../backend/connectors/us/nyiso';
import {
  nyisoDamAsp,
  nyisoIsolf,
  nyisoPal,
  nyisoPalIntegrated,
  nyisoRtAsp,
  nyisoRtFuelMix,
} from '../../backend/connectors/us/nyiso/reports';
import { GridError, type ParsedPoint, ParseError } from '../../backend/domain';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath, zipped } from '../support/fixtures';
import { dailyGoneMonthZip } from '../support/nyiso';
import { replayFetch, replaying } from '../support/replay';
import { detectedReports, locationByName, pointAt, pointsWhere, seriesOf, valueAt } from '../support/points';

// Real files: ../shared/fixtures/nyiso (SOURCES-FUNDAMENTALS.md). Own files: test/fixtures/nyiso,
// written from the documented layouts (README.md there). Expected values are read off the files.
const market = nyisoConnector.market;
const PAL = 'nyiso/20171122pal.csv';
const PAL_FALL = 'nyiso/20251102palIntegrated_sample_2zones_first5h_fallback.csv';
const PAL_SPRING = 'nyiso/20250309palIntegrated_sample_2zones_first4h_springforward.csv';
const ISOLF = 'nyiso/20250219isolf.csv';
const FUEL = 'nyiso/20250201rtfuelmix.csv';
const FUEL_LEGACY = 'nyiso/20160119rtfuelmix_legacy_GenMWh_header.csv';
const MIS = 'http://mis.nyiso.com/public/csv';
const FIVE = 300_000;
const HOUR = 3_600_000;

const parsing = (source: string) => ({ market, source });
const ms = (iso: string) => Date.parse(iso);

function ctxFor(day: string, run: string, product: string): RequestContext {
  return { period: { key: day, days: [day] }, run, product, keys: {} };
}

/** The points of one series tile [from, to) in steps of `step`. */
function expectTiles(points: ParsedPoint[], from: number, to: number, step: number): void {
  expect(points).toHaveLength((to - from) / step);
  points.forEach((p, i) => {
    expect(p.start).toBe(from + i * step);
    expect(p.end).toBe(p.start + step);
  });
}

describe('NYISO fundamentals: market', () => {
  it('lists load, fuels and reserve prices, the ACTUAL and FORECAST runs, NYISO as the system, ICAP as unavailable', () => {
    const ids = market.products.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['LOAD', 'GEN_GAS', 'GEN_OTHER_FOSSIL', 'AS_SPIN', 'AS_NONSPIN', 'AS_RES30', 'AS_REG']));
    expect(market.products.find((p) => p.id === 'LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(market.products.find((p) => p.id === 'AS_SPIN')).toMatchObject({ defaultRun: 'DA' });
    expect(market.products.find((p) => p.id === 'AS_SPIN')!.unit).toBeUndefined();
    expect(market.runs.map((r) => r.id)).toEqual(['DA', 'RT5', 'RTH', 'ACTUAL', 'FORECAST']);
    expect(locationByName(nyisoConnector, 'NYISO')).toMatchObject({ type: 'SYSTEM' });
    expect(market.unavailable?.map((u) => u.dataset)).toEqual(['ICAP capacity auction results']);
  });

  it('keeps the price reports first and in their order', () => {
    expect(nyisoConnector.reports.map((r) => r.id)).toEqual([
      'nyiso.damlbmp',
      'nyiso.realtime',
      'nyiso.rtlbmp',
      'nyiso.pal',
      'nyiso.pal_integrated',
      'nyiso.isolf',
      'nyiso.rtfuelmix',
      'nyiso.damasp',
      'nyiso.rtasp',
    ]);
  });
});

describeShared(PAL)('NYISO pal (real, 2017-11-22, five-minute actual load)', () => {
  const { points, locations } = nyisoPal.parse(readShared(PAL), parsing(PAL));
  const day = dayBounds('2017-11-22', market.clock);

  it('reads each five-minute stamp as the start of its interval, 288 a zone', () => {
    // line 2: "11/22/2017 00:00:00","EST","CAPITL",61757,1140.5
    expect(pointAt(points, 'CAPITL', 'LOAD', '2017-11-22T05:00:00Z')).toMatchObject({
      value: 1140.5,
      run: 'ACTUAL',
      end: ms('2017-11-22T05:05:00Z'),
    });
    // line 3191: "11/22/2017 23:55:00","EST","WEST",61752,1678.2
    expect(valueAt(points, 'WEST', 'LOAD', '2017-11-23T04:55:00Z')).toBe(1678.2);
    // line 21: "11/22/2017 00:05:00","EST","N.Y.C.",61761,4738.2
    expect(valueAt(points, 'N.Y.C.', 'LOAD', '2017-11-22T05:05:00Z')).toBe(4738.2);
    expectTiles(seriesOf(points, { location: 'HUD VL' }), day.start, day.end, FIVE);
  });

  it('leaves out the irregular RTD stamps (00:07:34, 00:09:40)', () => {
    expect(points.some((p) => p.start === ms('2017-11-22T05:07:34Z') || p.start === ms('2017-11-22T05:09:40Z'))).toBe(false);
    // line 46: "11/22/2017 00:10:00","EST","CAPITL",61757,1133.8 (not the 00:09:40 reading 1135.6)
    expect(valueAt(points, 'CAPITL', 'LOAD', '2017-11-22T05:10:00Z')).toBe(1133.8);
  });

  it('adds the NYCA total where all 11 zones are given', () => {
    // lines 2-12 (00:00): 1140.5+1581.8+557.8+951.5+977.7+1798.3+730.3+235.6+4776.8+454.8+1635.7 = 14840.8
    expect(valueAt(points, 'NYISO', 'LOAD', '2017-11-22T05:00:00Z')).toBeCloseTo(14840.8, 6);
    // lines 3181-3191 (23:55): 1196.8+1678.6+597.5+979+1015.9+1979.9+800.1+275.2+4932+498.2+1678.2 = 15631.4
    expect(valueAt(points, 'NYISO', 'LOAD', '2017-11-23T04:55:00Z')).toBeCloseTo(15631.4, 6);
    expectTiles(seriesOf(points, { location: 'NYISO' }), day.start, day.end, FIVE);
    expect(points).toHaveLength(12 * 288);
    expect(locations!.map((l) => l.name).sort()).toEqual(
      ['CAPITL', 'CENTRL', 'DUNWOD', 'GENESE', 'HUD VL', 'LONGIL', 'MHK VL', 'MILLWD', 'N.Y.C.', 'NORTH', 'NYISO', 'WEST'].sort(),
    );
  });

  it('is recognized as pal only', () => {
    expect(detectedReports(nyisoConnector, 'load.csv', readShared(PAL))).toEqual(['nyiso.pal']);
  });

  it('refuses a time zone that does not fit the date, and an unknown zone', () => {
    const text = readShared(PAL).toString('latin1');
    const summer = Buffer.from(text.replace('"11/22/2017 00:00:00","EST","CAPITL"', '"11/22/2017 00:00:00","EDT","CAPITL"'));
    expect(() => nyisoPal.parse(summer, parsing('edt'))).toThrow(/not a time New York shows/);
    const unknown = Buffer.from(text.replace('"EST","CAPITL"', '"EST","CAPITAL REGION"'));
    expect(() => nyisoPal.parse(unknown, parsing('zone'))).toThrow(ParseError);
  });

  it('names the line and the column of a load that is not a number', () => {
    const text = readShared(PAL).toString('latin1');
    const broken = Buffer.from(text.replace('"CENTRL",61754,1581.8', '"CENTRL",61754,1581.8.1'));
    expect(() => nyisoPal.parse(broken, parsing('pal'))).toThrow(/^pal: line 3, column "Load": "1581\.8\.1" is not a number$/);
  });

  it('is asked for as the daily file, the day read whole', async () => {
    const url = `${MIS}/pal/20171122pal.csv`;
    const { result, http } = await replayFetch(nyisoConnector, nyisoPal, ctxFor('2017-11-22', 'ACTUAL', 'LOAD'), [
      { request: { url }, file: sharedPath(PAL) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, 'CAPITL', 'LOAD', '2017-11-22T05:00:00Z')).toBe(1140.5);
  });
});

describeShared([PAL_FALL, PAL_SPRING])('NYISO palIntegrated (real lines, DST days)', () => {
  it('fall back: 01:00 EDT then 01:00 EST, hour-beginning', () => {
    const { points } = nyisoPalIntegrated.parse(readShared(PAL_FALL), parsing(PAL_FALL));
    // "11/02/2025 00:00:00","EDT","CAPITL",61757,1101.1828
    expect(pointAt(points, 'CAPITL', 'LOAD', '2025-11-02T04:00:00Z')).toMatchObject({ value: 1101.1828, end: ms('2025-11-02T05:00:00Z') });
    // "11/02/2025 01:00:00","EDT","CAPITL",61757,1072.1903 and "...","EST","CAPITL",61757,1062.1101
    expect(valueAt(points, 'CAPITL', 'LOAD', '2025-11-02T05:00:00Z')).toBe(1072.1903);
    expect(valueAt(points, 'CAPITL', 'LOAD', '2025-11-02T06:00:00Z')).toBe(1062.1101);
    // "11/02/2025 01:00:00","EST","N.Y.C.",61761,4045.3607
    expect(valueAt(points, 'N.Y.C.', 'LOAD', '2025-11-02T06:00:00Z')).toBe(4045.3607);
    // "11/02/2025 04:00:00","EST","N.Y.C.",61761,3916.5619
    expect(valueAt(points, 'N.Y.C.', 'LOAD', '2025-11-02T09:00:00Z')).toBe(3916.5619);
    expectTiles(seriesOf(points, { location: 'CAPITL' }), ms('2025-11-02T04:00:00Z'), ms('2025-11-02T10:00:00Z'), HOUR);
    // Two zones of eleven: no NYCA total.
    expect(pointsWhere(points, { location: 'NYISO' })).toEqual([]);
    expect(points).toHaveLength(12);
    // Hourly beside pal's five-minute LOAD ACTUAL: its own run.
    expect(points.every((p) => p.run === 'RTH')).toBe(true);
  });

  it('spring forward: 01:00 EST then 03:00 EDT, no gap', () => {
    const { points } = nyisoPalIntegrated.parse(readShared(PAL_SPRING), parsing(PAL_SPRING));
    // "03/09/2025 01:00:00","EST","CAPITL",61757,1252.0484 and "03/09/2025 03:00:00","EDT","CAPITL",61757,1242.5531
    expect(valueAt(points, 'CAPITL', 'LOAD', '2025-03-09T06:00:00Z')).toBe(1252.0484);
    expect(valueAt(points, 'CAPITL', 'LOAD', '2025-03-09T07:00:00Z')).toBe(1242.5531);
    // "03/09/2025 04:00:00","EDT","N.Y.C.",61761,4538.7322
    expect(valueAt(points, 'N.Y.C.', 'LOAD', '2025-03-09T08:00:00Z')).toBe(4538.7322);
    expectTiles(seriesOf(points, { location: 'N.Y.C.' }), ms('2025-03-09T05:00:00Z'), ms('2025-03-09T09:00:00Z'), HOUR);
  });

  it('is recognized as palIntegrated only; a renamed load column is named', () => {
    expect(detectedReports(nyisoConnector, 'x.csv', readShared(PAL_FALL))).toEqual(['nyiso.pal_integrated']);
    expect(detectedReports(nyisoConnector, 'x.csv', readShared(PAL_SPRING))).toEqual(['nyiso.pal_integrated']);
    const renamed = Buffer.from(readShared(PAL_FALL).toString('utf8').replace('"Integrated Load"', '"Load MW"'));
    expect(() => nyisoPalIntegrated.parse(renamed, parsing('renamed'))).toThrow(/missing column "Integrated Load"/);
  });
});

describeShared(ISOLF)('NYISO isolf (real, 2025-02-19, six days of hourly forecast)', () => {
  const { points, locations } = nyisoIsolf.parse(readShared(ISOLF), parsing(ISOLF));
  // The file has no time of issue: its first day's midnight (EST) is the vintage.
  const VINTAGE = 'FORECAST@2025-02-19T05:00:00Z';

  it('reads each zone column under FORECAST and the vintage of the file day', () => {
    // line 2: "02/19/2025 00:00",1492 (Capitl),...,1215 (Hud Vl),...,18054 (NYISO)
    expect(valueAt(points, { location: 'CAPITL', product: 'LOAD', run: 'FORECAST', start: '2025-02-19T05:00:00Z' })).toBe(1492);
    expect(valueAt(points, { location: 'CAPITL', product: 'LOAD', run: VINTAGE, start: '2025-02-19T05:00:00Z' })).toBe(1492);
    expect(valueAt(points, { location: 'HUD VL', product: 'LOAD', run: 'FORECAST', start: '2025-02-19T05:00:00Z' })).toBe(1215);
    expect(valueAt(points, { location: 'NYISO', product: 'LOAD', run: 'FORECAST', start: '2025-02-19T05:00:00Z' })).toBe(18054);
    // last line: "02/24/2025 23:00",...,5130 (N.Y.C.),...,16465 (NYISO)
    expect(valueAt(points, { location: 'NYISO', product: 'LOAD', run: VINTAGE, start: '2025-02-25T04:00:00Z' })).toBe(16465);
    expect(valueAt(points, { location: 'N.Y.C.', product: 'LOAD', run: 'FORECAST', start: '2025-02-25T04:00:00Z' })).toBe(5130);
  });

  it('covers 144 hour-beginning hours for the 12 columns, once under each run', () => {
    expect(points).toHaveLength(144 * 12 * 2);
    expect(new Set(points.map((p) => p.run))).toEqual(new Set(['FORECAST', VINTAGE]));
    expectTiles(seriesOf(points, { location: 'MHK VL', run: 'FORECAST' }), ms('2025-02-19T05:00:00Z'), ms('2025-02-25T05:00:00Z'), HOUR);
    expect(locations).toHaveLength(12);
  });

  it('is recognized as isolf only; an unknown column is refused', () => {
    expect(detectedReports(nyisoConnector, 'f.csv', readShared(ISOLF))).toEqual(['nyiso.isolf']);
    const renamed = Buffer.from(readShared(ISOLF).toString('utf8').replace('"Mhk Vl"', '"Mohawk Vl"'));
    expect(() => nyisoIsolf.parse(renamed, parsing('renamed'))).toThrow(/"Mohawk Vl" is not a NYISO load zone/);
  });

  it('falls back to the month zip when the daily file is gone', async () => {
    const daily = `${MIS}/isolf/20250219isolf.csv`;
    const monthly = `${MIS}/isolf/20250201isolf_csv.zip`;
    const { result, http } = await replayFetch(
      nyisoConnector,
      nyisoIsolf,
      ctxFor('2025-02-19', 'FORECAST', 'LOAD'),
      dailyGoneMonthZip(daily, monthly, { '20250219isolf.csv': readShared(ISOLF) }),
    );
    expect(http.requests.map((r) => r.url)).toEqual([daily, monthly]);
    expect(valueAt(result.points, { location: 'NYISO', product: 'LOAD', run: 'FORECAST', start: '2025-02-19T05:00:00Z' })).toBe(18054);
  });
});

describe('NYISO isolf (own fixture, fall-back day)', () => {
  const { points } = nyisoIsolf.parse(readOwn('nyiso/20251102isolf_own_fallback.csv'), parsing('own isolf'));

  it('reads the repeated 01:00 in file order, EDT first', () => {
    // "11/02/2025 01:00",1100,... then "11/02/2025 01:00",1085,...
    expect(valueAt(points, { location: 'CAPITL', run: 'FORECAST', product: 'LOAD', start: '2025-11-02T05:00:00Z' })).toBe(1100);
    expect(valueAt(points, { location: 'CAPITL', run: 'FORECAST', product: 'LOAD', start: '2025-11-02T06:00:00Z' })).toBe(1085);
    // "11/02/2025 02:00",...,14180 (NYISO)
    expect(
      valueAt(points, { location: 'NYISO', run: 'FORECAST@2025-11-02T04:00:00Z', product: 'LOAD', start: '2025-11-02T07:00:00Z' }),
    ).toBe(14180);
  });

  it('refuses an hour repeated more often than the clock repeats it', () => {
    const thrice = Buffer.from(
      readOwn('nyiso/20251102isolf_own_fallback.csv').toString('utf8').replace('"11/02/2025 02:00"', '"11/02/2025 01:00"'),
    );
    expect(() => nyisoIsolf.parse(thrice, parsing('thrice'))).toThrow(/more often than the clock repeats it/);
  });
});

describeShared([FUEL, FUEL_LEGACY])('NYISO rtfuelmix (real, five-minute generation by fuel)', () => {
  it('2025-02-01: stamps end their interval; Dual Fuel and Natural Gas summed as GEN_GAS', () => {
    const { points, locations } = nyisoRtFuelMix.parse(readShared(FUEL), parsing(FUEL));
    // lines 2-3: 02/01/2025 00:05:00,EST,Dual Fuel,4613.0 and ...,Natural Gas,3487.0 -> 8100 for [00:00, 00:05)
    expect(pointAt(points, 'NYISO', 'GEN_GAS', '2025-02-01T05:00:00Z')).toMatchObject({
      value: 8100,
      end: ms('2025-02-01T05:05:00Z'),
      run: 'ACTUAL',
    });
    // line 5: ...,Other Fossil Fuels,1.0; line 6: Other Renewables,232.0; line 8: Hydro,1846.0
    expect(valueAt(points, 'NYISO', 'GEN_OTHER_FOSSIL', '2025-02-01T05:00:00Z')).toBe(1);
    expect(valueAt(points, 'NYISO', 'GEN_OTHER_RENEWABLES', '2025-02-01T05:00:00Z')).toBe(232);
    expect(valueAt(points, 'NYISO', 'GEN_HYDRO', '2025-02-01T05:00:00Z')).toBe(1846);
    // lines 2011-2017: 02/02/2025 00:00:00 ends the day's last interval: 5205 + 4376 gas, 3273 nuclear, 152 wind
    expect(valueAt(points, 'NYISO', 'GEN_GAS', '2025-02-02T04:55:00Z')).toBe(9581);
    expect(valueAt(points, 'NYISO', 'GEN_NUCLEAR', '2025-02-02T04:55:00Z')).toBe(3273);
    expect(valueAt(points, 'NYISO', 'GEN_WIND', '2025-02-02T04:55:00Z')).toBe(152);
    const day = dayBounds('2025-02-01', market.clock);
    for (const product of ['GEN_GAS', 'GEN_NUCLEAR', 'GEN_OTHER_FOSSIL', 'GEN_OTHER_RENEWABLES', 'GEN_WIND', 'GEN_HYDRO'])
      expectTiles(seriesOf(points, { product }), day.start, day.end, FIVE);
    expect(points).toHaveLength(6 * 288);
    expect(locations).toEqual([{ name: 'NYISO', type: 'SYSTEM', aliases: ['NYCA', 'SYSTEM'] }]);
  });

  it('2016 legacy layout: "Gen MWh", stamps without seconds, irregular stamps left out', () => {
    const { points } = nyisoRtFuelMix.parse(readShared(FUEL_LEGACY), parsing(FUEL_LEGACY));
    // lines 1402-1408: 01/19/2016 16:40 ends [16:35, 16:40) EST: Dual Fuel 4257 + Natural Gas 2277, Hydro 3185
    expect(valueAt(points, 'NYISO', 'GEN_GAS', '2016-01-19T21:35:00Z')).toBe(6534);
    expect(valueAt(points, 'NYISO', 'GEN_HYDRO', '2016-01-19T21:35:00Z')).toBe(3185);
    // the 16:38 readings (lines 1395-1401) make no interval of their own
    expect(points.some((p) => p.end === ms('2016-01-19T21:38:00Z') || p.start === ms('2016-01-19T21:38:00Z'))).toBe(false);
    // lines 2-3: 01/19/2016 00:05,EST,Dual Fuel,2678.0 and Hydro,2385.0
    expect(valueAt(points, 'NYISO', 'GEN_HYDRO', '2016-01-19T05:00:00Z')).toBe(2385);
    const day = dayBounds('2016-01-19', market.clock);
    expectTiles(seriesOf(points, { product: 'GEN_WIND' }), day.start, day.end, FIVE);
  });

  it('is recognized as rtfuelmix only, in both layouts and as a month zip', () => {
    expect(detectedReports(nyisoConnector, 'a.csv', readShared(FUEL))).toEqual(['nyiso.rtfuelmix']);
    expect(detectedReports(nyisoConnector, 'b.csv', readShared(FUEL_LEGACY))).toEqual(['nyiso.rtfuelmix']);
    expect(detectedReports(nyisoConnector, 'c.zip', zipped({ '20250201rtfuelmix.csv': readShared(FUEL) }))).toEqual(['nyiso.rtfuelmix']);
  });

  it('refuses a file cut at a line end, and a fuel it does not know', () => {
    const lines = readShared(FUEL).toString('latin1').split('\r\n');
    const cut = Buffer.from(lines.slice(0, -2).join('\r\n'));
    expect(() => nyisoRtFuelMix.parse(cut, parsing('cut'))).toThrow(/cut short/);
    const tidal = Buffer.from(readShared(FUEL).toString('latin1').replace(',Wind,', ',Tidal,'));
    expect(() => nyisoRtFuelMix.parse(tidal, parsing('tidal'))).toThrow(/unknown fuel "Tidal"/);
  });

  it('reads the day from the month zip when the daily file is gone', async () => {
    const daily = `${MIS}/rtfuelmix/20250201rtfuelmix.csv`;
    const monthly = `${MIS}/rtfuelmix/20250201rtfuelmix_csv.zip`;
    const { result, http } = await replayFetch(
      nyisoConnector,
      nyisoRtFuelMix,
      ctxFor('2025-02-01', 'ACTUAL', 'GEN_GAS'),
      dailyGoneMonthZip(daily, monthly, { '20250201rtfuelmix.csv': readShared(FUEL) }),
    );
    expect(http.requests.map((r) => r.url)).toEqual([daily, monthly]);
    expect(valueAt(result.points, 'NYISO', 'GEN_GAS', '2025-02-01T05:00:00Z')).toBe(8100);
  });

  it('says not published when neither the daily file nor the month zip has the day', async () => {
    const daily = `${MIS}/rtfuelmix/20250202rtfuelmix.csv`;
    const monthly = `${MIS}/rtfuelmix/20250201rtfuelmix_csv.zip`;
    const { ask } = replaying(nyisoConnector, dailyGoneMonthZip(daily, monthly, { '20250201rtfuelmix.csv': readShared(FUEL) }));
    const asked = ask(nyisoRtFuelMix, ctxFor('2025-02-02', 'ACTUAL', 'GEN_GAS'));
    await expect(asked).rejects.toBeInstanceOf(GridError);
    await expect(asked).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describe('NYISO damasp / rtasp (own fixtures written from the documented layout)', () => {
  const DAM = 'nyiso/20251102damasp_own_fallback.csv';
  const RT = 'nyiso/20250309rtasp_own_springforward.csv';

  it('day-ahead: hour-beginning, EDT then EST in the repeated hour, the four services', () => {
    const { points } = nyisoDamAsp.parse(readOwn(DAM), parsing(DAM));
    // "11/02/2025 00:00","EDT","WEST",61752,4.10,1.05,0.50,9.75
    expect(pointAt(points, { location: 'WEST', product: 'AS_SPIN', start: '2025-11-02T04:00:00Z' })).toMatchObject({
      value: 4.1,
      run: 'DA',
      end: ms('2025-11-02T05:00:00Z'),
    });
    expect(valueAt(points, 'WEST', 'AS_NONSPIN', '2025-11-02T04:00:00Z')).toBe(1.05);
    expect(valueAt(points, 'WEST', 'AS_RES30', '2025-11-02T04:00:00Z')).toBe(0.5);
    expect(valueAt(points, 'WEST', 'AS_REG', '2025-11-02T04:00:00Z')).toBe(9.75);
    // "11/02/2025 01:00","EDT","N.Y.C.",...,5.80 and "11/02/2025 01:00","EST","N.Y.C.",...,5.40
    expect(valueAt(points, 'N.Y.C.', 'AS_SPIN', '2025-11-02T05:00:00Z')).toBe(5.8);
    expect(valueAt(points, 'N.Y.C.', 'AS_SPIN', '2025-11-02T06:00:00Z')).toBe(5.4);
    // the empty non-synchronized cell of the EST 01:00 N.Y.C. row is missing, not zero
    expect(pointAt(points, 'N.Y.C.', 'AS_NONSPIN', '2025-11-02T06:00:00Z')).toBeUndefined();
    expect(points).toHaveLength(8 * 4 - 1);
  });

  it('real-time: stamps end their interval; the irregular 01:57:12 shortens the next; spring forward', () => {
    const { points } = nyisoRtAsp.parse(readOwn(RT), parsing(RT));
    // "03/09/2025 01:55:00","EST","WEST",61752,2.30,... -> [01:50, 01:55) EST
    expect(pointAt(points, 'WEST', 'AS_SPIN', '2025-03-09T06:50:00Z')).toMatchObject({
      value: 2.3,
      run: 'RT5',
      end: ms('2025-03-09T06:55:00Z'),
    });
    // "03/09/2025 01:57:12","EST","WEST",...,2.45 -> [01:55:00, 01:57:12)
    expect(pointAt(points, 'WEST', 'AS_SPIN', '2025-03-09T06:55:00Z')).toMatchObject({ value: 2.45, end: ms('2025-03-09T06:57:12Z') });
    // "03/09/2025 03:00:00","EDT","N.Y.C.",...,4.10,...,11.80 -> [01:57:12 EST, 03:00 EDT)
    expect(pointAt(points, 'N.Y.C.', 'AS_SPIN', '2025-03-09T06:57:12Z')).toMatchObject({ value: 4.1, end: ms('2025-03-09T07:00:00Z') });
    expect(valueAt(points, 'N.Y.C.', 'AS_REG', '2025-03-09T06:57:12Z')).toBe(11.8);
    // the first stamp of a zone starts five minutes earlier: "03/09/2025 01:50:00" -> [01:45, 01:50)
    expect(valueAt(points, 'N.Y.C.', 'AS_RES30', '2025-03-09T06:45:00Z')).toBe(0.8);
    // the regulation movement price ($/MW) is not stored
    expect(new Set(points.map((p) => p.product))).toEqual(new Set(['AS_SPIN', 'AS_NONSPIN', 'AS_RES30', 'AS_REG']));
  });

  it('are told apart by the movement column', () => {
    expect(detectedReports(nyisoConnector, 'a.csv', readOwn(DAM))).toEqual(['nyiso.damasp']);
    expect(detectedReports(nyisoConnector, 'b.csv', readOwn(RT))).toEqual(['nyiso.rtasp']);
  });

  it('are asked for as the documented daily files', async () => {
    const dam = `${MIS}/damasp/20251102damasp.csv`;
    const rt = `${MIS}/rtasp/20250309rtasp.csv`;
    const { http, ask } = replaying(nyisoConnector, [
      { request: { url: dam }, file: ownPath(DAM) },
      { request: { url: rt }, file: ownPath(RT) },
    ]);
    const da = await ask(nyisoDamAsp, ctxFor('2025-11-02', 'DA', 'AS_SPIN'));
    const rtResult = await ask(nyisoRtAsp, ctxFor('2025-03-09', 'RT5', 'AS_SPIN'));
    expect(http.requests.map((r) => r.url)).toEqual([dam, rt]);
    expect(valueAt(da.points, 'WEST', 'AS_REG', '2025-11-02T07:00:00Z')).toBe(9);
    expect(valueAt(rtResult.points, 'WEST', 'AS_REG', '2025-03-09T07:00:00Z')).toBe(12);
  });

  it('refuse an HTML page and a missing service column', () => {
    expect(() => nyisoDamAsp.parse(Buffer.from('<html><body>Not Found</body></html>'), parsing('page'))).toThrow(ParseError);
    const renamed = Buffer.from(readOwn(DAM).toString('utf8').replace('30 Min Operating Reserve', '30 Min Reserve'));
    expect(() => nyisoDamAsp.parse(renamed, parsing('renamed'))).toThrow(/missing column "30 Min Operating Reserve \(\$\/MWHr\)"/);
  });
});
