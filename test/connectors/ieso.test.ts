import { ParseError } from '../../backend/domain';
import type { ParseContext, RequestContext } from '../../backend/connectors/types';
import { dayBounds } from '../../backend/time/clock';
import { iesoConnector } from '../../backend/connectors/ca/ieso';
import { iesoMarket } from '../../backend/connectors/ca/ieso/market';
import {
  parseDayAheadIntertie,
  parseDayAheadZonal,
  parseHoepDay,
  parseHoepYear,
  parseRealTimeZonal,
} from '../../backend/connectors/ca/ieso/parse';
import { dayAheadIntertie, dayAheadZonal, hoepDaily, hoepYearly, realTimeZonal } from '../../backend/connectors/ca/ieso/reports';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, expectComponentsAddUp, valueAt } from '../support/points';

// Real captures: the day-ahead zonal XML and the yearly HOEP CSV in ../shared/fixtures/ieso.
// Own fixtures in test/fixtures/ieso were written from the documented schemas (see its README).
const DA_XML = 'ieso/PUB_DAHourlyOntarioZonalPrice_20260528.xml';
const HOEP_CSV = 'ieso/PUB_PriceHOEPPredispOR_2023.csv';
const BASE = 'https://reports-public.ieso.ca/public';
const ON = 'ONTARIO';

const parsing = (source: string): ParseContext => ({ market: iesoMarket, source });

function ctx(day: string, run = 'DA'): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', keys: {} };
}

describeShared(DA_XML)('IESO day-ahead Ontario zonal price (real capture)', () => {
  const day = parseDayAheadZonal(readShared(DA_XML), parsing(DA_XML));

  it('reads 24 hour-ending EST hours with their components', () => {
    const lmps = day.points.filter((p) => p.product === 'LMP');
    expect(lmps).toHaveLength(24);
    expect(valueAt(day.points, ON, 'LMP', '2026-05-28T05:00:00Z')).toBe(17.76); // HE1 = 00:00-01:00 EST
    expect(valueAt(day.points, ON, 'LOSS', '2026-05-28T05:00:00Z')).toBe(0.02);
    expect(valueAt(day.points, ON, 'CONGESTION', '2026-05-28T05:00:00Z')).toBe(-0.26);
    expect(valueAt(day.points, ON, 'ENERGY', '2026-05-28T05:00:00Z')).toBe(18);
    expect(valueAt(day.points, ON, 'LMP', '2026-05-29T04:00:00Z')).toBe(26.01); // HE24
    expect(valueAt(day.points, ON, 'ENERGY', '2026-05-29T04:00:00Z')).toBe(21.01);
    expect(lmps.every((p) => p.end - p.start === 3_600_000 && p.run === 'DA')).toBe(true);
    expectComponentsAddUp(day.points, { groups: 'complete' });
  });

  it('a renamed element is a ParseError naming it', () => {
    const renamed = Buffer.from(
      readShared(DA_XML)
        .toString('utf8')
        .replace(/LossPriceCapped>/g, 'LossPrice>'),
    );
    expect(() => parseDayAheadZonal(renamed, parsing('renamed.xml'))).toThrow(/missing element "LossPriceCapped"/);
  });

  it('is recognized for import by its docID, and by no other report', () => {
    expect(detectedReports(iesoConnector, 'x', readShared(DA_XML))).toEqual(['ieso.da_ontario_zonal']);
  });

  it('is replayed from its dated URL', async () => {
    const url = `${BASE}/DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_20260528.xml`;
    const { result, http } = await replayFetch(iesoConnector, dayAheadZonal, ctx('2026-05-28'), [
      { request: { url }, file: sharedPath(DA_XML) },
    ]);
    expect(valueAt(result.points, ON, 'LMP', '2026-05-28T05:00:00Z')).toBe(17.76);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });
});

describeShared(HOEP_CSV)('IESO yearly HOEP file (real capture)', () => {
  const year = parseHoepYear(readShared(HOEP_CSV), parsing(HOEP_CSV));

  it('reads HOEP, hour-1 predispatch and operating reserve prices', () => {
    expect(year.points.filter((p) => p.product === 'LMP')).toHaveLength(6264);
    expect(valueAt(year.points, ON, 'LMP', '2023-01-01T05:00:00Z')).toBe(14.42);
    expect(valueAt(year.points, ON, 'PREDISPATCH', '2023-01-01T05:00:00Z')).toBe(41.03);
    expect(valueAt(year.points, ON, 'OR10S', '2023-01-01T05:00:00Z')).toBe(0.15);
    expect(valueAt(year.points, ON, 'LMP', '2023-01-01T06:00:00Z')).toBe(19.21);
    expect(valueAt(year.points, ON, 'LMP', '2023-09-19T04:00:00Z')).toBe(28.31); // 2023-09-18 HE24
    expect(valueAt(year.points, ON, 'OR10S', '2023-09-19T03:00:00Z')).toBe(0.78); // 2023-09-18 HE23
    expect(valueAt(year.points, ON, 'OR30', '2023-09-19T04:00:00Z')).toBe(0.15);
    expect(year.points.every((p) => p.run === 'RT')).toBe(true);
  });

  it('the clock is EST all year: the DST days of Toronto are ordinary 24-hour days', () => {
    for (const day of ['2023-03-12', '2023-11-05']) {
      const { start, end } = dayBounds(day, iesoMarket.clock);
      expect(end - start).toBe(24 * 3_600_000);
    }
    const { start, end } = dayBounds('2023-03-12', iesoMarket.clock);
    expect(start).toBe(Date.parse('2023-03-12T05:00:00Z'));
    const hours = year.points.filter((p) => p.product === 'LMP' && p.start >= start && p.start < end).sort((a, b) => a.start - b.start);
    expect(hours).toHaveLength(24);
    hours.forEach((p, i) => expect(p.start).toBe(start + i * 3_600_000));
  });

  it('a renamed column is a ParseError naming it', () => {
    const renamed = Buffer.from(readShared(HOEP_CSV).toString('utf8').replace('Date,Hour,HOEP,', 'Date,Hour,Price,'));
    expect(() => parseHoepYear(renamed, parsing('renamed.csv'))).toThrow(/missing column "HOEP"/);
  });

  it('is fetched per year and replayed from its URL', async () => {
    const period = hoepYearly.periodOf!('2023-03-12');
    expect(period.key).toBe('2023');
    expect(period.days).toHaveLength(365);
    expect(hoepYearly.periodOf!('2025-02-01').days.at(-1)).toBe('2025-04-30');
    const url = `${BASE}/PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_2023.csv`;
    const { result, http } = await replayFetch(iesoConnector, hoepYearly, { ...ctx('2023-03-12', 'RT'), period }, [
      { request: { url }, file: sharedPath(HOEP_CSV) },
    ]);
    expect(valueAt(result.points, ON, 'LMP', '2023-01-01T05:00:00Z')).toBe(14.42);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(detectedReports(iesoConnector, 'x', readShared(HOEP_CSV))).toEqual(['ieso.hoep_year']);
  });
});

describe('IESO real-time Ontario zonal price (own fixtures, schema r2)', () => {
  it('reads twelve 5-minute intervals of a delivery hour', () => {
    const hour = parseRealTimeZonal(readOwn('ieso/PUB_RealtimeOntarioZonalPrice_2026052801.xml'), parsing('h1'));
    expect(hour.points.filter((p) => p.product === 'LMP')).toHaveLength(12);
    expect(valueAt(hour.points, ON, 'LMP', '2026-05-28T05:00:00Z')).toBe(20);
    expect(valueAt(hour.points, ON, 'LMP', '2026-05-28T05:25:00Z')).toBe(22.5); // interval 6
    expect(valueAt(hour.points, ON, 'CONGESTION', '2026-05-28T05:25:00Z')).toBe(-1.1);
    expect(valueAt(hour.points, ON, 'ENERGY', '2026-05-28T05:25:00Z')).toBe(23.57);
    expect(valueAt(hour.points, ON, 'LMP', '2026-05-28T05:55:00Z')).toBe(25.5); // interval 12
    expect(hour.points.every((p) => p.end - p.start === 300_000 && p.run === 'RT')).toBe(true);
    expectComponentsAddUp(hour.points, { groups: 'complete' });
  });

  it('intervals not yet priced are missing, not zero', () => {
    const hour = parseRealTimeZonal(readOwn('ieso/PUB_RealtimeOntarioZonalPrice_2026052802.xml'), parsing('h2'));
    expect(hour.points.filter((p) => p.product === 'LMP')).toHaveLength(9);
    expect(valueAt(hour.points, ON, 'LMP', '2026-05-28T06:40:00Z')).toBe(20); // interval 9
    expect(valueAt(hour.points, ON, 'LMP', '2026-05-28T06:45:00Z')).toBeUndefined(); // interval 10
  });

  it('an HTML page or another report is a ParseError', () => {
    expect(() => parseRealTimeZonal(readOwn('ieso/not_found.html'), parsing('page'))).toThrow(ParseError);
    expect(() => parseRealTimeZonal(readOwn('ieso/PUB_DAHourlyIntertieLMP_20260528.xml'), parsing('other'))).toThrow(
      /expected IESO RealtimeOntarioZonalPrice/,
    );
  });

  it('fetches the day hour by hour and stops at the first hour not yet published', async () => {
    const url = (hh: string) => `${BASE}/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_20260528${hh}.xml`;
    const { result, http } = await replayFetch(iesoConnector, realTimeZonal, ctx('2026-05-28', 'RT'), [
      { request: { url: url('01') }, file: ownPath('ieso/PUB_RealtimeOntarioZonalPrice_2026052801.xml') },
      { request: { url: url('02') }, file: ownPath('ieso/PUB_RealtimeOntarioZonalPrice_2026052802.xml') },
      { request: { url: url('03') }, file: ownPath('ieso/not_found.html'), status: 404 },
    ]);
    expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(21);
    expect(valueAt(result.points, ON, 'LMP', '2026-05-28T06:40:00Z')).toBe(20);
    expect(http.requests.map((r) => r.url)).toEqual([url('01'), url('02'), url('03')]);
  });

  it('a day whose first hour is missing is not published', async () => {
    const url = `${BASE}/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_2026052901.xml`;
    await expect(
      replayFetch(iesoConnector, realTimeZonal, ctx('2026-05-29', 'RT'), [
        { request: { url }, file: ownPath('ieso/not_found.html'), status: 404 },
      ]),
    ).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});

describe('IESO real-time Ontario zonal price in both layouts (own fixtures test/fixtures/ieso-rt, from documentation)', () => {
  const R1_H1 = 'ieso-rt/PUB_RealtimeOntarioZonalPrice_2025110201.xml';
  const R1_H2 = 'ieso-rt/PUB_RealtimeOntarioZonalPrice_2025110202.xml';
  const R2_SPRING = 'ieso-rt/PUB_RealtimeOntarioZonalPrice_2026030803.xml';

  it('r1 (RealTimePriceComponents) on the Toronto fall-back day: hour 1 is 00:00-01:00 EST, twelve intervals', () => {
    const hour = parseRealTimeZonal(readOwn(R1_H1), parsing(R1_H1));
    expect(hour.points.filter((p) => p.product === 'LMP')).toHaveLength(12);
    expect(valueAt(hour.points, ON, 'LMP', '2025-11-02T05:00:00Z')).toBe(31.1); // Interval1 of "Zonal Price"
    expect(valueAt(hour.points, ON, 'LOSS', '2025-11-02T05:00:00Z')).toBe(0.41); // Interval1 of the loss block
    expect(valueAt(hour.points, ON, 'CONGESTION', '2025-11-02T05:30:00Z')).toBe(-0.25); // Interval7 of the congestion block
    expect(valueAt(hour.points, ON, 'ENERGY', '2025-11-02T05:30:00Z')).toBe(29.07); // 29.20 - 0.38 + 0.25
    expect(valueAt(hour.points, ON, 'LMP', '2025-11-02T05:55:00Z')).toBe(28.15); // Interval12
    expect(hour.points.every((p) => p.end - p.start === 300_000 && p.run === 'RT')).toBe(true);
    expectComponentsAddUp(hour.points, { groups: 'complete' });
  });

  it('r1 hour 2 follows hour 1 without a gap or an overlap although Toronto repeats 01:00 that night; empty slots are missing', () => {
    const hour = parseRealTimeZonal(readOwn(R1_H2), parsing(R1_H2));
    expect(valueAt(hour.points, ON, 'LMP', '2025-11-02T06:00:00Z')).toBe(27.9); // "For 2025-11-02 - Hour 2", Interval1 = 01:00 EST
    expect(valueAt(hour.points, ON, 'CONGESTION', '2025-11-02T06:10:00Z')).toBe(1.2); // Interval3
    expect(valueAt(hour.points, ON, 'LMP', '2025-11-02T06:45:00Z')).toBe(26.1); // Interval10
    expect(valueAt(hour.points, ON, 'LMP', '2025-11-02T06:50:00Z')).toBeUndefined(); // Interval11 empty
    expect(hour.points.filter((p) => p.product === 'LMP')).toHaveLength(10);
    const { start } = dayBounds('2025-11-02', iesoMarket.clock);
    expect(start).toBe(Date.parse('2025-11-02T05:00:00Z'));
  });

  it('r2 (ZonalPrice) on the Toronto spring-forward day: hour 3 is 02:00-03:00 EST, an hour Toronto skips', () => {
    const hour = parseRealTimeZonal(readOwn(R2_SPRING), parsing(R2_SPRING));
    expect(hour.points.filter((p) => p.product === 'LMP')).toHaveLength(12);
    expect(valueAt(hour.points, ON, 'LMP', '2026-03-08T07:00:00Z')).toBe(22.4); // Interval 1
    expect(valueAt(hour.points, ON, 'CONGESTION', '2026-03-08T07:40:00Z')).toBe(-0.6); // Interval 9
    expect(valueAt(hour.points, ON, 'ENERGY', '2026-03-08T07:40:00Z')).toBe(22.63); // 22.30 - 0.27 + 0.60
    expect(valueAt(hour.points, ON, 'LMP', '2026-03-08T07:55:00Z')).toBe(23.5); // Interval 12
    const { start, end } = dayBounds('2026-03-08', iesoMarket.clock);
    expect(end - start).toBe(24 * 3_600_000);
    expectComponentsAddUp(hour.points, { groups: 'complete' });
  });

  it('both layouts are recognized as the real-time zonal report', () => {
    for (const f of [R1_H1, R2_SPRING]) expect(detectedReports(iesoConnector, 'x.xml', readOwn(f))).toEqual(['ieso.rt_ontario_zonal']);
  });

  it('r1: a bad DeliveryDate, an unknown block or a missing interval is a ParseError naming it', () => {
    const text = readOwn(R1_H1).toString('utf8');
    expect(() => parseRealTimeZonal(Buffer.from(text.replace('For 2025-11-02 - Hour 1', '2025-11-02')), parsing('d'))).toThrow(
      /"For YYYY-MM-DD - Hour H"/,
    );
    expect(() => parseRealTimeZonal(Buffer.from(text.replace('>Energy Loss Price<', '>Intertie Price<')), parsing('n'))).toThrow(
      /unknown component "Intertie Price"/,
    );
    expect(() =>
      parseRealTimeZonal(Buffer.from(text.replace(/<OntarioZonalPriceInterval7>[\s\S]*?<\/OntarioZonalPriceInterval7>/, '')), parsing('m')),
    ).toThrow(/missing element "OntarioZonalPriceInterval7"/);
  });

  it('a third layout is a ParseError saying neither is there', () => {
    const other = Buffer.from(
      readOwn(R2_SPRING)
        .toString('utf8')
        .replace(/ZonalPrice>/g, 'ZonalPrices>'),
    );
    expect(() => parseRealTimeZonal(other, parsing('x'))).toThrow(
      /neither "ZonalPrice" \(layout r2\) nor "RealTimePriceComponents" \(layout r1\)/,
    );
  });

  it('a day in the r1 layout is fetched hour by hour from the same file names', async () => {
    const url = (hh: string) => `${BASE}/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_20251102${hh}.xml`;
    const { result, http } = await replayFetch(iesoConnector, realTimeZonal, ctx('2025-11-02', 'RT'), [
      { request: { url: url('01') }, file: ownPath(R1_H1) },
      { request: { url: url('02') }, file: ownPath(R1_H2) },
      { request: { url: url('03') }, file: ownPath('ieso/not_found.html'), status: 404 },
    ]);
    expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(22);
    expect(valueAt(result.points, ON, 'LMP', '2025-11-02T05:55:00Z')).toBe(28.15);
    expect(valueAt(result.points, ON, 'LMP', '2025-11-02T06:00:00Z')).toBe(27.9);
    expect(http.requests.map((r) => r.url)).toEqual([url('01'), url('02'), url('03')]);
  });
});

describe('IESO day-ahead intertie LMP (own fixture from the published layout)', () => {
  const file = readOwn('ieso/PUB_DAHourlyIntertieLMP_20260528.xml');

  it('reads each intertie; external congestion and NISL count as congestion', () => {
    const day = parseDayAheadIntertie(file, parsing('intertie'));
    expect(day.locations).toEqual([
      { name: 'EC.NYISO', type: 'INTERFACE', aliases: ['EC.NYISO:LMP'] },
      { name: 'WC.MISO', type: 'INTERFACE', aliases: ['WC.MISO:LMP'] },
    ]);
    expect(valueAt(day.points, 'EC.NYISO', 'LMP', '2026-05-28T05:00:00Z')).toBe(19.4);
    expect(valueAt(day.points, 'EC.NYISO', 'CONGESTION', '2026-05-28T05:00:00Z')).toBe(1.09); // -0.26 + 1.35 + 0
    expect(valueAt(day.points, 'EC.NYISO', 'ENERGY', '2026-05-28T05:00:00Z')).toBe(17.76);
    expect(valueAt(day.points, 'WC.MISO', 'CONGESTION', '2026-05-28T05:00:00Z')).toBe(-2.5); // NISL -2.50
    expect(valueAt(day.points, 'WC.MISO', 'LMP', '2026-05-28T06:00:00Z')).toBeUndefined(); // empty hour
    expectComponentsAddUp(day.points, { groups: 'complete' });
  });

  it('a missing component is a ParseError naming it', () => {
    const renamed = Buffer.from(file.toString('utf8').replace(/Energy Loss Price/g, 'Loss Price'));
    expect(() => parseDayAheadIntertie(renamed, parsing('renamed'))).toThrow(/missing component "Energy Loss Price"/);
  });

  it('is replayed from its dated URL and recognized for import', async () => {
    const url = `${BASE}/DAHourlyIntertieLMP/PUB_DAHourlyIntertieLMP_20260528.xml`;
    const { result, http } = await replayFetch(iesoConnector, dayAheadIntertie, ctx('2026-05-28'), [
      { request: { url }, file: ownPath('ieso/PUB_DAHourlyIntertieLMP_20260528.xml') },
    ]);
    expect(valueAt(result.points, 'WC.MISO', 'LMP', '2026-05-28T05:00:00Z')).toBe(15.02);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(detectedReports(iesoConnector, 'x', file)).toEqual(['ieso.da_intertie_lmp']);
  });
});

describe('IESO report validity', () => {
  it('zonal reports start at Market Renewal, HOEP ends the day before', () => {
    expect([dayAheadZonal, realTimeZonal, dayAheadIntertie].map((r) => r.validFrom)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01']);
    expect(hoepYearly.validUntil).toBe('2025-04-30');
  });
});

describe('IESO daily HOEP file (own fixture in the DispUnconsHOEP CSV layout)', () => {
  // 2024-11-03 is the fall-back day in Toronto; the IESO clock (EST all year) still has 24 hours.
  const FILE = 'ieso/PUB_DispUnconsHOEP_20241103.csv';
  const text = () => readOwn(FILE).toString('utf8');

  it('reads 24 hour-ending EST hours, contiguous across the Toronto DST change', () => {
    const day = parseHoepDay(readOwn(FILE), parsing(FILE));
    expect(valueAt(day.points, ON, 'LMP', '2024-11-03T05:00:00Z')).toBe(31.05); // HE1 = 00:00-01:00 EST
    expect(valueAt(day.points, ON, 'LMP', '2024-11-03T06:00:00Z')).toBe(28.4); // HE2
    expect(valueAt(day.points, ON, 'LMP', '2024-11-03T22:00:00Z')).toBe(47.85); // HE18
    expect(valueAt(day.points, ON, 'LMP', '2024-11-04T04:00:00Z')).toBe(30.11); // HE24
    const { start, end } = dayBounds('2024-11-03', iesoMarket.clock);
    expect(end - start).toBe(24 * 3_600_000);
    const hours = [...day.points].sort((a, b) => a.start - b.start);
    expect(hours).toHaveLength(24);
    hours.forEach((p, i) =>
      expect(p).toMatchObject({ location: ON, run: 'RT', product: 'LMP', start: start + i * 3_600_000, end: start + (i + 1) * 3_600_000 }),
    );
  });

  it('an empty or "-" price is missing, not zero', () => {
    const day = parseHoepDay(Buffer.from(text().replace(' 6 ,27.33,', ' 6 ,,').replace(' 7 ,30.18,', ' 7 ,-,')), parsing('gaps'));
    expect(day.points).toHaveLength(22);
    expect(valueAt(day.points, ON, 'LMP', '2024-11-03T10:00:00Z')).toBeUndefined(); // HE6
    expect(valueAt(day.points, ON, 'LMP', '2024-11-03T11:00:00Z')).toBeUndefined(); // HE7
  });

  it('a renamed section, a missing price column or another page is a ParseError', () => {
    expect(() => parseHoepDay(Buffer.from(text().replace('RTEM_HOEP;', 'RTEM_PRICE;')), parsing('renamed'))).toThrow(
      /missing the "RTEM_HOEP" section line/,
    );
    expect(() => parseHoepDay(Buffer.from(text().replace(' 5 ,24.87,DSO-RD;', ' 5 ;')), parsing('short'))).toThrow(
      /line 9 has 1 of the 3 fields of an hour \(hour, HOEP, source flag\): the row is cut short/,
    );
    expect(() => parseHoepDay(Buffer.from(text().replace('PM,20241103,', 'PM,2024-11-03,')), parsing('date'))).toThrow(
      /missing the "PM,YYYYMMDD" date line/,
    );
    expect(() => parseHoepDay(readOwn('ieso/not_found.html'), parsing('page'))).toThrow(ParseError);
  });

  it('is replayed from its dated URL and recognized for import by its content', async () => {
    const url = `${BASE}/DispUnconsHOEP/PUB_DispUnconsHOEP_20241103.csv`;
    const { result, http } = await replayFetch(iesoConnector, hoepDaily, ctx('2024-11-03', 'RT'), [
      { request: { url }, file: ownPath(FILE) },
    ]);
    expect(valueAt(result.points, ON, 'LMP', '2024-11-03T05:00:00Z')).toBe(31.05);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(detectedReports(iesoConnector, 'renamed.txt', readOwn(FILE))).toEqual(['ieso.hoep_daily']);
  });

  it('ends with HOEP and comes after the yearly file, which stays the first choice', () => {
    expect(hoepDaily.validUntil).toBe('2025-04-30');
    const ids = iesoConnector.reports.map((r) => r.id);
    expect(ids.indexOf('ieso.hoep_year')).toBeLessThan(ids.indexOf('ieso.hoep_daily'));
  });
});
