import { type LocationInfo, type ParsedPoint, ParseError } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { nyisoConnector } from '../../backend/connectors/us/nyiso';
import { nyisoDamLbmp, nyisoRealtimeLbmp, nyisoRtLbmp } from '../../backend/connectors/us/nyiso/reports';
import { dayBounds, marketDay } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath, zipped } from '../support/fixtures';
import { dailyGoneMonthZip } from '../support/nyiso';
import { replayFetch } from '../support/replay';
import { expectComponentsAddUp, fileSample, locationByName, pointAt, seriesOf } from '../support/points';

const market = nyisoConnector.market;
const DAM = 'nyiso/20260923damlbmp_zone.csv';
const RTH_FALL = 'nyiso/20251102rtlbmp_zone_sample_3zones.csv';
const RT5 = 'nyiso/20220718realtime_zone.csv';
const MIS = 'http://mis.nyiso.com/public/csv';
const HOUR = 3_600_000;

const parseDam = (body: Buffer, source = 'test') => nyisoDamLbmp.parse(body, { market, source });
const parseRth = (body: Buffer, source = 'test') => nyisoRtLbmp.parse(body, { market, source });
const parseRt5 = (body: Buffer, source = 'test') => nyisoRealtimeLbmp.parse(body, { market, source });

function ctxFor(day: string, run: string, location?: LocationInfo): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', location, keys: {} };
}

describe('NYISO market', () => {
  it('lists the 11 zones, 4 proxies and the NYCA total with their PTIDs, RT meaning the 5-minute RTD price', () => {
    expect(market.clock).toBe('America/New_York');
    expect(market.runAliases).toEqual({ RT: 'RT5' });
    expect(nyisoConnector.locations).toHaveLength(16);
    expect(locationByName(nyisoConnector, 'N.Y.C.')).toMatchObject({ type: 'ZONE', aliases: expect.arrayContaining(['61761', 'ZONE J']) });
    expect(locationByName(nyisoConnector, 'H Q')).toMatchObject({ type: 'INTERFACE', aliases: expect.arrayContaining(['61844']) });
    expect(locationByName(nyisoConnector, 'WEST').aliases).toContain('61752');
  });
});

describe('NYISO parser on own fixtures (bare clone)', () => {
  it('spring forward 2026-03-08: 23 hour-beginning hours, 01:00 EST then 03:00 EDT', () => {
    const { points } = parseDam(readOwn('nyiso/20260308damlbmp_zone_own.csv'));
    const lmp = seriesOf(points, { location: 'WEST', product: 'LMP' });
    expect(lmp).toHaveLength(23);
    const { start, end } = dayBounds('2026-03-08', market.clock);
    expect(lmp[0].start).toBe(start);
    expect(lmp[22].end).toBe(end);
    // 03/08/2026 01:00,WEST,61752,31.00,-1.00,0.50 and 03/08/2026 03:00,WEST,61752,33.00,-1.00,0.50
    expect(pointAt(points, 'WEST', 'LMP', '2026-03-08T06:00:00Z')?.value).toBe(31);
    expect(pointAt(points, 'WEST', 'LMP', '2026-03-08T07:00:00Z')?.value).toBe(33);
    // CONGESTION = -(published 0.50); ENERGY = 33.00 - (-1.00) + 0.50
    expect(pointAt(points, 'WEST', 'CONGESTION', '2026-03-08T07:00:00Z')?.value).toBe(-0.5);
    expect(pointAt(points, 'WEST', 'ENERGY', '2026-03-08T07:00:00Z')?.value).toBe(34.5);
    expect(expectComponentsAddUp(points)).toBe(23);
  });

  it('fall back 2025-11-02: the first 01:00 is EDT, the second EST', () => {
    const { points } = parseDam(readOwn('nyiso/20251102damlbmp_zone_own.csv'));
    expect(pointAt(points, 'LONGIL', 'LMP', '2025-11-02T05:00:00Z')?.value).toBe(41);
    expect(pointAt(points, 'LONGIL', 'LMP', '2025-11-02T06:00:00Z')?.value).toBe(31);
    expect(pointAt(points, 'LONGIL', 'LMP', '2025-11-02T07:00:00Z')?.value).toBe(32);
  });

  it('refuses a stamp repeated more than the clock allows, and one inside the spring gap', () => {
    const text = readOwn('nyiso/20251102damlbmp_zone_own.csv').toString('utf8');
    const thrice = text.replace('11/02/2025 02:00', '11/02/2025 01:00');
    expect(() => parseDam(Buffer.from(thrice))).toThrow(/LONGIL at 11\/02\/2025 01:00:00 appears more often/);
    const gap = readOwn('nyiso/20260308damlbmp_zone_own.csv').toString('utf8').replace('03/08/2026 03:00', '03/08/2026 02:00');
    expect(() => parseDam(Buffer.from(gap))).toThrow(/does not exist/);
  });

  it('names the line and the column of a price that is not a number', () => {
    const text = readOwn('nyiso/20251101rtlbmp_zone.csv').toString('utf8');
    const lbmp = text.replace('61752,44.00,', '61752,44.0x,');
    expect(() => parseRth(Buffer.from(lbmp))).toThrow(/^test: line 3, column "LBMP \(\$\/MWHr\)": "44\.0x" is not a number$/);
    const losses = text.replace('61761,50.00,2.00,', '61761,50.00,two,');
    expect(() => parseRth(Buffer.from(losses))).toThrow(
      /^test: line 2, column "Marginal Cost Losses \(\$\/MWHr\)": "two" is not a number$/,
    );
    const congestion = text.replace('61761,48.50,1.50,0.00', '61761,48.50,1.50,O.00');
    expect(() => parseRth(Buffer.from(congestion))).toThrow(
      /^test: line 4, column "Marginal Cost Congestion \(\$\/MWHr\)": "O\.00" is not a number$/,
    );
  });

  it('names a renamed column, refuses HTML', () => {
    const text = readOwn('nyiso/20251101rtlbmp_zone.csv').toString('utf8').replace('Marginal Cost Congestion', 'Congestion Cost');
    expect(() => parseRth(Buffer.from(text))).toThrow(ParseError);
    expect(() => parseRth(Buffer.from(text))).toThrow(/"Marginal Cost Congestion \(\$\/MWHr\)"/);
    expect(() => parseRth(Buffer.from('<html><head><title>404 Not Found</title></head></html>'))).toThrow(ParseError);
  });

  it('detects hourly files by content plus name, realtime by its seconds', () => {
    const rth = readOwn('nyiso/20251101rtlbmp_zone.csv');
    expect(nyisoRtLbmp.detect!(fileSample('20251101rtlbmp_zone.csv', rth))).toBe(true);
    expect(nyisoDamLbmp.detect!(fileSample('20251101rtlbmp_zone.csv', rth))).toBe(false);
    expect(nyisoDamLbmp.detect!(fileSample('20260308damlbmp_zone_own.csv', readOwn('nyiso/20260308damlbmp_zone_own.csv')))).toBe(true);
    // Same content under an uninformative name: damlbmp and rtlbmp cannot be told apart.
    expect(nyisoRtLbmp.detect!(fileSample('prices.csv', rth))).toBe(false);
    expect(nyisoDamLbmp.detect!(fileSample('prices.csv', rth))).toBe(false);
  });

  it('asks for the _gen file for a generator', async () => {
    const entries = [{ request: { url: `${MIS}/damlbmp/20251101damlbmp_gen.csv` }, file: ownPath('nyiso/20251101rtlbmp_zone.csv') }];
    const gen: LocationInfo = { name: 'ASTORIA___GT_01', type: 'GENERATOR', aliases: ['23523'] };
    const { http } = await replayFetch(nyisoConnector, nyisoDamLbmp, ctxFor('2025-11-01', 'DA', gen), entries);
    expect(http.requests.map((r) => r.url)).toEqual([`${MIS}/damlbmp/20251101damlbmp_gen.csv`]);
  });
});

describeShared(DAM)('NYISO DAM real file 2026-09-23 (CRLF, unquoted)', () => {
  let points: ParsedPoint[];
  let locations: LocationInfo[];
  beforeAll(() => {
    const result = parseDam(readShared(DAM), DAM);
    points = result.points;
    locations = result.locations!;
  });

  it('reads hour-beginning stamps on the Eastern clock', () => {
    // 09/23/2026 00:00,CAPITL,61757,34.97,1.15,0.00
    expect(pointAt(points, 'CAPITL', 'LMP', '2026-09-23T04:00:00Z')).toMatchObject({
      value: 34.97,
      end: Date.parse('2026-09-23T05:00:00Z'),
      run: 'DA',
    });
    // 09/23/2026 23:00,WEST,61752,30.88,-2.68,0.39
    expect(pointAt(points, 'WEST', 'LMP', '2026-09-24T03:00:00Z')?.value).toBe(30.88);
    expect(pointAt(points, 'WEST', 'LOSS', '2026-09-24T03:00:00Z')?.value).toBe(-2.68);
    expect(pointAt(points, 'WEST', 'CONGESTION', '2026-09-24T03:00:00Z')?.value).toBe(-0.39);
    const west = seriesOf(points, { location: 'WEST', product: 'LMP' });
    expect(west).toHaveLength(24);
    expect(west.every((p) => marketDay(p.start, market.clock) === '2026-09-23')).toBe(true);
  });

  it('flips congestion: at 17:00 EDT energy is 40.81 for all 15 names', () => {
    // 09/23/2026 17:00,WEST,61752,35.60,-3.63,1.58 -> energy 35.60 + 3.63 + 1.58 = 40.81, CONGESTION -1.58
    expect(pointAt(points, 'WEST', 'CONGESTION', '2026-09-23T21:00:00Z')?.value).toBe(-1.58);
    const energy = points.filter((p) => p.product === 'ENERGY' && p.start === Date.parse('2026-09-23T21:00:00Z'));
    expect(energy).toHaveLength(15);
    for (const p of energy) expect(p.value).toBeCloseTo(40.81, 6);
  });

  it('gives one energy price per hour across all zones and proxies, components adding up', () => {
    const byHour = new Map<number, number[]>();
    for (const p of points.filter((q) => q.product === 'ENERGY')) byHour.set(p.start, [...(byHour.get(p.start) ?? []), p.value]);
    expect(byHour.size).toBe(24);
    // The three published figures are each rounded to the cent, so the derived energy differs by up to 2 cents
    // (it is 29.18 to 29.20 at 12:00); with congestion taken at its published sign it would differ by dollars.
    for (const values of byHour.values()) expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(0.0201);
    expect(expectComponentsAddUp(points)).toBe(360);
  });

  it('reports the zones with their PTIDs from the static list', () => {
    expect(locations).toHaveLength(15);
    expect(locations.find((l) => l.name === 'O H')?.aliases).toContain('61846');
    expect(locations.find((l) => l.name === 'LONGIL')?.aliases).toContain('61762');
  });

  it('replays the daily CSV for a zone', async () => {
    const url = `${MIS}/damlbmp/20260923damlbmp_zone.csv`;
    const { result, http } = await replayFetch(
      nyisoConnector,
      nyisoDamLbmp,
      ctxFor('2026-09-23', 'DA', locationByName(nyisoConnector, 'N.Y.C.')),
      [{ request: { url }, file: sharedPath(DAM) }],
    );
    // 09/23/2026 17:00,N.Y.C.,61761,44.40,3.59,0.00
    expect(pointAt(result.points, 'N.Y.C.', 'LMP', '2026-09-23T21:00:00Z')?.value).toBe(44.4);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });
});

describeShared(RTH_FALL)('NYISO rtlbmp real fall-back day 2025-11-02', () => {
  let points: ParsedPoint[];
  beforeAll(() => {
    const result = parseRth(readShared(RTH_FALL), RTH_FALL);
    points = result.points;
  });

  it('has 25 hours per zone; the repeated 01:00 is EDT first, EST second (file order)', () => {
    const nyc = seriesOf(points, { location: 'N.Y.C.', product: 'LMP' });
    expect(nyc).toHaveLength(25);
    const { start, end } = dayBounds('2025-11-02', market.clock);
    expect(end - start).toBe(25 * HOUR);
    expect(nyc[0].start).toBe(start);
    expect(nyc[24].end).toBe(end);
    // "11/02/2025 01:00","N.Y.C.",61761,56.71,1.98,0.00 then "11/02/2025 01:00","N.Y.C.",61761,38.03,1.39,0.00
    expect(pointAt(points, 'N.Y.C.', 'LMP', '2025-11-02T05:00:00Z')?.value).toBe(56.71);
    expect(pointAt(points, 'N.Y.C.', 'LMP', '2025-11-02T06:00:00Z')?.value).toBe(38.03);
    // "11/02/2025 01:00","WEST",61752,35.99,-0.65,0.00 (second)
    expect(pointAt(points, 'WEST', 'LOSS', '2025-11-02T06:00:00Z')?.value).toBe(-0.65);
    // "11/02/2025 02:00","PJM",61847,45.88,0.21,0.00
    expect(pointAt(points, 'PJM', 'LMP', '2025-11-02T07:00:00Z')).toMatchObject({ value: 45.88, run: 'RTH' });
    expect(expectComponentsAddUp(points)).toBe(75);
  });

  it('reads every member of a monthly zip (import)', () => {
    const zip = zipped({
      '20251101rtlbmp_zone.csv': readOwn('nyiso/20251101rtlbmp_zone.csv'),
      '20251102rtlbmp_zone.csv': readShared(RTH_FALL),
    });
    expect(nyisoRtLbmp.detect!(fileSample('upload.zip', zip))).toBe(true);
    expect(nyisoDamLbmp.detect!(fileSample('upload.zip', zip))).toBe(false);
    const { points: all } = parseRth(zip, 'upload.zip');
    // Own member: "11/01/2025 00:00","N.Y.C.",61761,50.00,2.00,-3.00
    expect(pointAt(all, 'N.Y.C.', 'LMP', '2025-11-01T04:00:00Z')?.value).toBe(50);
    expect(pointAt(all, 'N.Y.C.', 'CONGESTION', '2025-11-01T04:00:00Z')?.value).toBe(3);
    expect(pointAt(all, 'N.Y.C.', 'ENERGY', '2025-11-01T04:00:00Z')?.value).toBe(45);
    expect(pointAt(all, 'N.Y.C.', 'LMP', '2025-11-02T06:00:00Z')?.value).toBe(38.03);
    expect(seriesOf(all, { location: 'WEST', product: 'LMP' })).toHaveLength(2 + 25);
  });

  it('falls back to the monthly archive when the daily CSV is gone', async () => {
    const daily = `${MIS}/rtlbmp/20251102rtlbmp_zone.csv`;
    const monthly = `${MIS}/rtlbmp/20251101rtlbmp_zone_csv.zip`;
    const { result, http } = await replayFetch(
      nyisoConnector,
      nyisoRtLbmp,
      ctxFor('2025-11-02', 'RTH', locationByName(nyisoConnector, 'WEST')),
      dailyGoneMonthZip(daily, monthly, {
        '20251101rtlbmp_zone.csv': readOwn('nyiso/20251101rtlbmp_zone.csv'),
        '20251102rtlbmp_zone.csv': readShared(RTH_FALL),
      }),
    );
    expect(http.requests.map((r) => r.url)).toEqual([daily, monthly]);
    // Only the asked day's member is read.
    expect(result.points.every((p) => marketDay(p.start, market.clock) === '2025-11-02')).toBe(true);
    // "11/02/2025 01:00","WEST",61752,54.28,-0.46,0.00 (first, EDT)
    expect(pointAt(result.points, 'WEST', 'LMP', '2025-11-02T05:00:00Z')?.value).toBe(54.28);
  });

  it('says NOT_PUBLISHED when neither the day nor the month has it', async () => {
    await expect(
      replayFetch(
        nyisoConnector,
        nyisoRtLbmp,
        ctxFor('2025-11-02', 'RTH'),
        dailyGoneMonthZip(`${MIS}/rtlbmp/20251102rtlbmp_zone.csv`, `${MIS}/rtlbmp/20251101rtlbmp_zone_csv.zip`, {
          '20251101rtlbmp_zone.csv': readOwn('nyiso/20251101rtlbmp_zone.csv'),
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describeShared(RT5)('NYISO realtime (RTD 5-minute) real file 2022-07-18', () => {
  let points: ParsedPoint[];
  beforeAll(() => {
    const result = parseRt5(readShared(RT5), RT5);
    points = result.points;
  });

  it('reads interval-end stamps; the first interval starts at midnight', () => {
    // "07/18/2022 00:05:00","WEST",61752,72.10,-0.14,0.00
    expect(pointAt(points, 'WEST', 'LMP', '2022-07-18T04:00:00Z')).toMatchObject({
      value: 72.1,
      end: Date.parse('2022-07-18T04:05:00Z'),
      run: 'RT5',
    });
    // "07/19/2022 00:00:00","N.Y.C.",61761,75.39,7.62,-6.84: last interval of the day
    const last = pointAt(points, 'N.Y.C.', 'LMP', '2022-07-19T03:55:00Z');
    expect(last).toMatchObject({ value: 75.39, end: Date.parse('2022-07-19T04:00:00Z') });
    expect(marketDay(last!.start, market.clock)).toBe('2022-07-18');
    expect(pointAt(points, 'N.Y.C.', 'CONGESTION', '2022-07-19T03:55:00Z')?.value).toBe(6.84);
  });

  it('irregular stamps end short intervals that start at the previous stamp', () => {
    // "07/18/2022 00:15:00" 71.87, "00:15:12" 52.28, "00:16:36" 56.14, "00:20:00" 51.32 (WEST)
    const west = seriesOf(points, { location: 'WEST', product: 'LMP' });
    const i = west.findIndex((p) => p.end === Date.parse('2022-07-18T04:15:12Z'));
    expect(west.slice(i - 1, i + 3).map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.value])).toEqual([
      ['2022-07-18T04:10:00.000Z', '2022-07-18T04:15:00.000Z', 71.87],
      ['2022-07-18T04:15:00.000Z', '2022-07-18T04:15:12.000Z', 52.28],
      ['2022-07-18T04:15:12.000Z', '2022-07-18T04:16:36.000Z', 56.14],
      ['2022-07-18T04:16:36.000Z', '2022-07-18T04:20:00.000Z', 51.32],
    ]);
    // 305 stamps per name; the intervals tile the day without overlap.
    expect(west).toHaveLength(305);
    const { start, end } = dayBounds('2022-07-18', market.clock);
    expect(west[0].start).toBe(start);
    expect(west[304].end).toBe(end);
    for (let k = 1; k < west.length; k++) expect(west[k].start).toBe(west[k - 1].end);
  });

  it('flips congestion and keeps the components adding up on every row', () => {
    // "07/18/2022 16:10:46","N.Y.C.",61761,187.21,2.30,-162.60
    expect(pointAt(points, 'N.Y.C.', 'CONGESTION', '2022-07-18T20:10:00Z')?.value).toBe(162.6);
    expect(pointAt(points, 'N.Y.C.', 'ENERGY', '2022-07-18T20:10:00Z')?.value).toBe(22.31);
    expect(expectComponentsAddUp(points)).toBe(305 * 15);
  });

  it('is detected as realtime from its content alone', () => {
    const bytes = readShared(RT5);
    expect(nyisoRealtimeLbmp.detect!(fileSample('20rt.csv', bytes))).toBe(true);
    expect(nyisoDamLbmp.detect!(fileSample('20rt.csv', bytes))).toBe(false);
  });

  it('replays the daily realtime zone CSV', async () => {
    const url = `${MIS}/realtime/20220718realtime_zone.csv`;
    const { result, http } = await replayFetch(
      nyisoConnector,
      nyisoRealtimeLbmp,
      ctxFor('2022-07-18', 'RT5', locationByName(nyisoConnector, 'CAPITL')),
      [{ request: { url }, file: sharedPath(RT5) }],
    );
    // "07/18/2022 00:05:00","CAPITL",61757,77.34,6.43,1.32
    expect(pointAt(result.points, 'CAPITL', 'ENERGY', '2022-07-18T04:00:00Z')?.value).toBe(72.23);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
  });
});
