import { type LocationInfo, type ParsedPoint, ParseError } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { sppConnector } from '../../backend/connectors/us/spp';
import { sppDaLmp, sppRtbmLmp } from '../../backend/connectors/us/spp/reports';
import { rtbmIntervalRequests } from '../../backend/connectors/us/spp/requests';
import { dayBounds, marketDay } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, type ReplayEntry } from '../support/replay';
import { expectComponentsAddUp, fileSample, pointAt } from '../support/points';

const market = sppConnector.market;
const DA_2026_09_23 = 'spp/DA-LMP-SL-202609230100_reduced.csv';
const DA_SPRING = 'spp/DA-LMP-SL-202603080100_reduced_legacy_noBAA.csv';
const DA_FALL = 'spp/DA-LMP-SL-202511020100_reduced_legacy_noBAA_fallback.csv';
const RT_DAILY = 'spp/RTBM-LMP-DAILY-SL-20260601_first2h_6locations.csv';
const RT_INTERVAL = 'spp/RTBM-LMP-SL-202606011205_6locations.csv';
const BASE = 'https://portal.spp.org/file-browser-api/download';

const parseDa = (body: Buffer, source = 'test') => sppDaLmp.parse(body, { market, source });
const parseRt = (body: Buffer, source = 'test') => sppRtbmLmp.parse(body, { market, source });

function starts(points: ParsedPoint[], location: string): number[] {
  return [...new Set(points.filter((p) => p.location === location).map((p) => p.start))].sort((a, b) => a - b);
}

function ctxFor(day: string, run: string): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', keys: {} };
}

describe('SPP market and requests', () => {
  it('is keyless on the Chicago clock with RT meaning RT5', () => {
    expect(market.clock).toBe('America/Chicago');
    expect(market.runAliases).toEqual({ RT: 'RT5' });
    expect(sppConnector.locations.map((l) => l.name)).toEqual(
      expect.arrayContaining(['SPPNORTH_HUB', 'SPPSOUTH_HUB', 'SWPW_HUB', 'CSWS_HUB']),
    );
    expect(sppConnector.locations.find((l) => l.name === 'SPPNORTH_HUB')?.aliases).toContain('SPPNORTH_H');
  });

  it('builds the day-ahead URL named after the day and its first interval end 01:00', () => {
    expect(sppDaLmp.request!(ctxFor('2026-09-23', 'DA')).url).toBe(
      `${BASE}/da-lmp-by-settlement-location?path=/2026/09/By_Day/DA-LMP-SL-202609230100.csv`,
    );
  });

  const file = (folder: string, name: string) => `${BASE}/rtbm-lmp-by-location?path=${folder}/RTBM-LMP-SL-${name}.csv`;

  it('a normal day: 288 files in the folder of the interval start, named by the local interval end', () => {
    const june = rtbmIntervalRequests('2026-06-30').map((r) => r.url);
    expect(june).toHaveLength(288);
    expect(june[0]).toBe(file('/2026/06/By_Interval/30', '202606300005'));
    expect(june[143]).toBe(file('/2026/06/By_Interval/30', '202606301200'));
  });

  it("the last interval of a day (23:55-00:00) is the next day's 0000 file in this day's folder", () => {
    expect(rtbmIntervalRequests('2026-06-30').at(-1)!.url).toBe(file('/2026/06/By_Interval/30', '202607010000'));
    // Across a month and a year end too.
    expect(rtbmIntervalRequests('2026-12-31').at(-1)!.url).toBe(file('/2026/12/By_Interval/31', '202701010000'));
  });

  it('the spring-forward day 2026-03-08: 276 files, 01:55 CST is followed by 03:00 CDT', () => {
    const spring = rtbmIntervalRequests('2026-03-08').map((r) => r.url);
    expect(spring).toHaveLength(276);
    expect(spring.some((u) => /RTBM-LMP-SL-2026030802\d\d\.csv$/.test(u))).toBe(false);
    expect(spring[22]).toBe(file('/2026/03/By_Interval/08', '202603080155'));
    expect(spring[23]).toBe(file('/2026/03/By_Interval/08', '202603080300'));
    expect(spring.at(-1)).toBe(file('/2026/03/By_Interval/08', '202603090000'));
  });

  it('the fall-back day 2025-11-02: 300 files, the repeated 01:00-01:55 ends named with a "d"', () => {
    const fall = rtbmIntervalRequests('2025-11-02').map((r) => r.url);
    expect(fall).toHaveLength(300);
    expect(new Set(fall).size).toBe(300);
    const folder = '/2025/11/By_Interval/02';
    expect(fall[11]).toBe(file(folder, '202511020100')); // ends 06:00Z = 01:00 CDT
    expect(fall[22]).toBe(file(folder, '202511020155')); // ends 06:55Z = 01:55 CDT
    expect(fall[23]).toBe(file(folder, '202511020100d')); // ends 07:00Z = 01:00 CST, the second 01:00
    expect(fall[34]).toBe(file(folder, '202511020155d')); // ends 07:55Z = 01:55 CST
    expect(fall[35]).toBe(file(folder, '202511020200')); // ends 08:00Z = 02:00 CST, shown once
    expect(fall.filter((u) => /d\.csv$/.test(u))).toHaveLength(12);
    expect(fall.at(-1)).toBe(file(folder, '202511030000'));
  });
});

describe('SPP parser on own fixtures (bare clone)', () => {
  it('reads the current DA header and leaves an empty LMP cell missing', () => {
    const { points } = parseDa(readOwn('spp/DA-LMP-SL-202607040100_own.csv'));
    expect(pointAt(points, 'SPPNORTH_HUB', 'LMP', '2026-07-04T05:00:00Z')).toMatchObject({
      value: 20.5,
      end: Date.parse('2026-07-04T06:00:00Z'),
      run: 'DA',
    });
    expect(pointAt(points, 'SPPNORTH_HUB', 'CONGESTION', '2026-07-04T06:00:00Z')?.value).toBe(-1.6);
    expect(pointAt(points, 'SPPSOUTH_HUB', 'LMP', '2026-07-04T06:00:00Z')).toBeUndefined();
    expect(pointAt(points, 'SPPSOUTH_HUB', 'ENERGY', '2026-07-04T06:00:00Z')?.value).toBe(20);
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(3);
  });

  it('names a renamed column', () => {
    const text = readOwn('spp/DA-LMP-SL-202607040100_own.csv').toString('utf8').replace(',MCC,', ',Congestion,');
    expect(() => parseDa(Buffer.from(text))).toThrow(ParseError);
    expect(() => parseDa(Buffer.from(text))).toThrow(/"MCC"/);
  });

  it('names a missing UTC column', () => {
    const text = readOwn('spp/DA-LMP-SL-202607040100_own.csv').toString('utf8').replace('GMTIntervalEnd', 'UTC');
    expect(() => parseDa(Buffer.from(text))).toThrow(/"GMTIntervalEnd"/);
  });

  it('refuses an HTML page and a bad number', () => {
    expect(() => parseDa(Buffer.from('<!DOCTYPE html><html><body>Service Unavailable</body></html>'))).toThrow(ParseError);
    const text = readOwn('spp/DA-LMP-SL-202607040100_own.csv').toString('utf8').replace('20.5000', 'n/a');
    expect(() => parseDa(Buffer.from(text))).toThrow(/column "LMP": "n\/a" is not a number/);
  });

  it('detects the own files by content', () => {
    const da = readOwn('spp/DA-LMP-SL-202607040100_own.csv');
    const rt = readOwn('spp/RTBM-LMP-SL-202606010005_own.csv');
    expect(sppDaLmp.detect!(fileSample('upload.csv', da))).toBe(true);
    expect(sppRtbmLmp.detect!(fileSample('upload.csv', da))).toBe(false);
    expect(sppRtbmLmp.detect!(fileSample('upload.csv', rt))).toBe(true);
    expect(sppDaLmp.detect!(fileSample('upload.csv', rt))).toBe(false);
    expect(sppDaLmp.detect!(fileSample('x.csv', Buffer.from('a,b,c\n1,2,3\n')))).toBe(false);
  });
});

describeShared(DA_2026_09_23)('SPP DA real file 2026-09-23 (BAA 3rd)', () => {
  let points: ParsedPoint[];
  let locations: LocationInfo[];
  beforeAll(() => {
    const result = parseDa(readShared(DA_2026_09_23), DA_2026_09_23);
    points = result.points;
    locations = result.locations!;
  });

  it('uses GMTIntervalEnd as the UTC end of an hour', () => {
    // Row: 09/23/2026 01:00:00,09/23/2026 06:00:00,SPP,SPPNORTH_HUB,SPPNORTH_H,15.8983,-1.1890,-1.4197,18.5070
    const p = pointAt(points, 'SPPNORTH_HUB', 'LMP', '2026-09-23T05:00:00Z');
    expect(p).toMatchObject({ value: 15.8983, end: Date.parse('2026-09-23T06:00:00Z') });
    expect(pointAt(points, 'SPPNORTH_HUB', 'LOSS', '2026-09-23T05:00:00Z')?.value).toBe(-1.189);
    expect(pointAt(points, 'SPPNORTH_HUB', 'CONGESTION', '2026-09-23T05:00:00Z')?.value).toBe(-1.4197);
    expect(pointAt(points, 'SPPNORTH_HUB', 'ENERGY', '2026-09-23T05:00:00Z')?.value).toBe(18.507);
    // Row: 09/24/2026 00:00:00,09/24/2026 05:00:00,SPP,SPPSOUTH_HUB,SPPSOUTH_H,14.6492,0.1139,-0.9424,15.4777
    expect(pointAt(points, 'SPPSOUTH_HUB', 'LMP', '2026-09-24T04:00:00Z')?.value).toBe(14.6492);
    // Row: 09/23/2026 01:00:00,...,SWPW,AVRN,AVRN,19.8555,...
    expect(pointAt(points, 'AVRN', 'LMP', '2026-09-23T05:00:00Z')?.value).toBe(19.8555);
  });

  it('covers the market day with 24 hours and keeps components adding up on every row', () => {
    const hub = starts(points, 'SPPSOUTH_HUB');
    expect(hub).toHaveLength(24);
    expect(hub.every((s) => marketDay(s, market.clock) === '2026-09-23')).toBe(true);
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(57);
  });

  it('reports locations with their pnode as alias', () => {
    expect(locations).toEqual(
      expect.arrayContaining([
        { name: 'CSWS_HUB', type: 'HUB', aliases: ['CSWS_HUB_H'] },
        { name: 'AEC', type: 'NODE', aliases: ['SOUC'] },
      ]),
    );
  });

  it('is detected as DA', () => {
    const bytes = readShared(DA_2026_09_23);
    expect(sppDaLmp.detect!(fileSample('download.csv', bytes))).toBe(true);
    expect(sppRtbmLmp.detect!(fileSample('download.csv', bytes))).toBe(false);
  });
});

describeShared(DA_SPRING)('SPP DA spring forward 2026-03-08 (legacy header, 23 hours)', () => {
  let points: ParsedPoint[];
  beforeAll(() => {
    const result = parseDa(readShared(DA_SPRING), DA_SPRING);
    points = result.points;
  });

  it('has 23 hours that tile the market day', () => {
    const hub = starts(points, 'SPPNORTH_HUB');
    expect(hub).toHaveLength(23);
    const { start, end } = dayBounds('2026-03-08', market.clock);
    expect(end - start).toBe(23 * 3_600_000);
    expect(hub[0]).toBe(start);
    expect(hub[22] + 3_600_000).toBe(end);
  });

  it('jumps from the hour ending 01:00 CST to the hour ending 03:00 CDT', () => {
    // 03/08/2026 01:00:00,03/08/2026 07:00:00,...,SPPNORTH_HUB,SPPNORTH_H,14.9946,...
    expect(pointAt(points, 'SPPNORTH_HUB', 'LMP', '2026-03-08T06:00:00Z')?.value).toBe(14.9946);
    const next = points.find((p) => p.location === 'AEC' && p.product === 'LMP' && p.end === Date.parse('2026-03-08T08:00:00Z'));
    // 03/08/2026 03:00:00,03/08/2026 08:00:00,AEC,SOUC,19.4819,...
    expect(next).toMatchObject({ value: 19.4819, start: Date.parse('2026-03-08T07:00:00Z') });
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(52);
  });

  it('is detected as DA from its hourly stamps', () => {
    expect(sppDaLmp.detect!(fileSample('legacy.csv', readShared(DA_SPRING)))).toBe(true);
  });
});

describeShared(DA_FALL)('SPP DA fall back 2025-11-02 (legacy header, 25 hours)', () => {
  let points: ParsedPoint[];
  beforeAll(() => {
    const result = parseDa(readShared(DA_FALL), DA_FALL);
    points = result.points;
  });

  it('has 25 hours; local 02:00 twice, told apart by GMTIntervalEnd', () => {
    const hub = starts(points, 'SPPNORTH_HUB');
    expect(hub).toHaveLength(25);
    const { start, end } = dayBounds('2025-11-02', market.clock);
    expect(end - start).toBe(25 * 3_600_000);
    expect(hub[0]).toBe(start);
    // 11/02/2025 02:00:00,11/02/2025 07:00:00,SPPNORTH_HUB,SPPNORTH_H,26.3047,...  (CDT)
    expect(pointAt(points, 'SPPNORTH_HUB', 'LMP', '2025-11-02T06:00:00Z')?.value).toBe(26.3047);
    // 11/02/2025 02:00:00,11/02/2025 08:00:00,SPPNORTH_HUB,SPPNORTH_H,27.3118,...  (CST)
    expect(pointAt(points, 'SPPNORTH_HUB', 'LMP', '2025-11-02T07:00:00Z')?.value).toBe(27.3118);
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(56);
  });
});

describeShared([RT_DAILY, RT_INTERVAL])('SPP RTBM real files', () => {
  it('reads the daily roll-up header (GMT Interval, Settlement Location Name, PNODE Name, BAA last)', () => {
    const { points } = parseRt(readShared(RT_DAILY), RT_DAILY);
    // 06/01/2026 00:05:00,06/01/2026 05:05:00,SPPNORTH_HUB,SPPNORTH_H,21.7710,0.2867,12.8207,8.6636,SPP
    expect(pointAt(points, 'SPPNORTH_HUB', 'LMP', '2026-06-01T05:00:00Z')).toMatchObject({
      value: 21.771,
      end: Date.parse('2026-06-01T05:05:00Z'),
      run: 'RT5',
    });
    expect(pointAt(points, 'SPPNORTH_HUB', 'CONGESTION', '2026-06-01T05:00:00Z')?.value).toBe(12.8207);
    // 06/01/2026 01:55:00,06/01/2026 06:55:00,CISO,CISO,-6.7445,0.0597,0.0000,-6.8042,SWPW
    expect(pointAt(points, 'CISO', 'LMP', '2026-06-01T06:50:00Z')?.value).toBe(-6.7445);
    expect(pointAt(points, 'CISO', 'CONGESTION', '2026-06-01T06:50:00Z')?.value).toBe(0);
    expect(starts(points, 'SWPW_HUB')).toHaveLength(23);
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(138);
  });

  it('reads an interval file (BAA last)', () => {
    const { points } = parseRt(readShared(RT_INTERVAL), RT_INTERVAL);
    // 06/01/2026 12:05:00,06/01/2026 17:05:00,SWPW_HUB,SWPW_HUB_H,-7.0633,-0.0399,0.0000,-7.0234,SWPW
    expect(pointAt(points, 'SWPW_HUB', 'LMP', '2026-06-01T17:00:00Z')).toMatchObject({
      value: -7.0633,
      end: Date.parse('2026-06-01T17:05:00Z'),
    });
    expect(pointAt(points, 'SPPSOUTH_HUB', 'LMP', '2026-06-01T17:00:00Z')?.value).toBe(31.2921);
    expect(expectComponentsAddUp(points, { groups: 'with LMP' })).toBe(6);
  });

  it('detects both as RTBM', () => {
    for (const f of [RT_DAILY, RT_INTERVAL]) {
      expect(sppRtbmLmp.detect!(fileSample('file.csv', readShared(f)))).toBe(true);
      expect(sppDaLmp.detect!(fileSample('file.csv', readShared(f)))).toBe(false);
    }
  });
});

describeShared(DA_2026_09_23)('SPP DA replay', () => {
  it('fetches the documented URL and parses it', async () => {
    const url = `${BASE}/da-lmp-by-settlement-location?path=/2026/09/By_Day/DA-LMP-SL-202609230100.csv`;
    const { result, http } = await replayFetch(sppConnector, sppDaLmp, ctxFor('2026-09-23', 'DA'), [
      { request: { url }, file: sharedPath(DA_2026_09_23) },
    ]);
    expect(pointAt(result.points, 'SPPSOUTH_HUB', 'LMP', '2026-09-23T05:00:00Z')?.value).toBe(18.0349);
    expect(http.requests).toEqual([{ method: 'GET', url, headerNames: [], source: 'replay' }]);
  });
});

describeShared(RT_DAILY)('SPP RTBM replay: a past day', () => {
  it('takes the daily roll-up', async () => {
    const url = `${BASE}/rtbm-lmp-by-location?path=/2026/06/By_Day/RTBM-LMP-DAILY-SL-20260601.csv`;
    const { result, http } = await replayFetch(sppConnector, sppRtbmLmp, ctxFor('2026-06-01', 'RT5'), [
      { request: { url }, file: sharedPath(RT_DAILY) },
    ]);
    expect(pointAt(result.points, 'AEC', 'LMP', '2026-06-01T05:00:00Z')?.value).toBe(10.9217);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
  });
});

describe('SPP RTBM replay: the running day', () => {
  const interval = (hhmm: string) => `${BASE}/rtbm-lmp-by-location?path=/2026/06/By_Interval/01/RTBM-LMP-SL-20260601${hhmm}.csv`;
  const notYet = (url: string): ReplayEntry => ({ request: { url }, file: ownPath('spp/README.md'), status: 404 });

  it('walks the interval files until a whole hour is unpublished', async () => {
    const ends = Array.from({ length: 24 }, (_, i) => (i + 1) * 5).map(
      (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`,
    );
    expect(ends[0]).toBe('0005');
    expect(ends[23]).toBe('0200');
    const entries: ReplayEntry[] = [
      notYet(`${BASE}/rtbm-lmp-by-location?path=/2026/06/By_Day/RTBM-LMP-DAILY-SL-20260601.csv`),
      { request: { url: interval('0005') }, file: ownPath('spp/RTBM-LMP-SL-202606010005_own.csv') },
      ...ends.slice(1).map((e) => notYet(interval(e))),
    ];
    const { result, http } = await replayFetch(sppConnector, sppRtbmLmp, ctxFor('2026-06-01', 'RT5'), entries);
    expect(pointAt(result.points, 'SPPNORTH_HUB', 'LMP', '2026-06-01T05:00:00Z')).toMatchObject({
      value: 12.34,
      end: Date.parse('2026-06-01T05:05:00Z'),
    });
    expect(pointAt(result.points, 'SWPW_HUB', 'ENERGY', '2026-06-01T05:00:00Z')?.value).toBe(-3.55);
    expect(expectComponentsAddUp(result.points, { groups: 'with LMP' })).toBe(2);
    // The daily file, then the first hour (one published), then the second hour (none): stop.
    expect(http.requests.map((r) => r.url)).toEqual([
      `${BASE}/rtbm-lmp-by-location?path=/2026/06/By_Day/RTBM-LMP-DAILY-SL-20260601.csv`,
      ...ends.map(interval),
    ]);
  });

  it('says NOT_PUBLISHED when nothing of the day is out', async () => {
    const entries = [notYet(`${BASE}/rtbm-lmp-by-location?path=/2026/06/By_Day/RTBM-LMP-DAILY-SL-20260601.csv`)];
    for (let m = 5; m <= 60; m += 5)
      entries.push(notYet(interval(`${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`)));
    await expect(replayFetch(sppConnector, sppRtbmLmp, ctxFor('2026-06-01', 'RT5'), entries)).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});
