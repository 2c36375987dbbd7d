import { nemConnector } from '../../backend/connectors/apac/nem';
import {
  dispatchIsArchiveReport,
  dispatchIsReport,
  fiveMinuteReport,
  publicPricesReport,
  tradingIsArchiveReport,
  tradingIsReport,
} from '../../backend/connectors/apac/nem/reports';
import { periodOf } from '../../backend/connectors/fetch';
import { GridError, type ParsedPoint, ParseError } from '../../backend/domain';
import type { ParseContext, Report, RequestContext } from '../../backend/connectors/types';
import { readCidTables } from '../../backend/formats/aemo-cid';
import { singleZipMember } from '../../backend/formats/zip';
import { dayBounds } from '../../backend/time/clock';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, replaying } from '../support/replay';
import { fileSample, pointAt, seriesOnDay } from '../support/points';

// Real files: ../shared/fixtures/nem (captured). Own fixtures in test/fixtures/nem are written from
// documentation in the real C/I/D format with made-up values (see test/fixtures/nem/README.md).
const TRADINGIS = 'nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip';
const FIVE_MIN = 'nem/aemo_visualisations_5MIN_2021-10-06_to_2021-10-08.json';
const ARCHIVE_INDEX = 'nem/nemweb_Reports_ARCHIVE_TradingIS_Reports_index_2023-09-02.html';
const ctx = (source: string): ParseContext => ({ market: nemConnector.market, source });
const forDay = (report: Report, day: string): RequestContext => ({ period: periodOf(report, day), run: 'RT', product: 'LMP', keys: {} });

describe('AEMO C/I/D reader', () => {
  const text = [
    'C,NEMP.WORLD,PRICES,AEMO,PUBLIC,2023/10/01,04:10:00,1,PRICES,0',
    'I,DREGION,,2,SETTLEMENTDATE,REGIONID,RRP',
    'D,DREGION,,2,"2023/10/01 04:05:00",NSW1,50',
    'I,TREGION,,2,SETTLEMENTDATE,REGIONID,RRP',
    'D,TREGION,,2,"2023/10/01 04:30:00",NSW1,51',
    'C,"END OF REPORT",6',
  ].join('\r\n');

  it('yields tables by name (empty table names too) with their columns', () => {
    const tables = readCidTables(text, 't');
    expect(tables.get('DREGION,')?.columns).toEqual(['SETTLEMENTDATE', 'REGIONID', 'RRP']);
    expect(tables.get('DREGION,')?.rows).toEqual([['2023/10/01 04:05:00', 'NSW1', '50']]);
    expect(tables.get('TREGION,')?.version).toBe('2');
  });

  it('refuses HTML, a truncated report, and data before its header', () => {
    expect(() => readCidTables('<html><body>Service Unavailable</body></html>', 'x')).toThrow(ParseError);
    expect(() => readCidTables(text.replace('C,"END OF REPORT",6', ''), 'x')).toThrow(/END OF REPORT/);
    expect(() => readCidTables(text.replace('I,DREGION,,2,SETTLEMENTDATE,REGIONID,RRP\r\n', ''), 'x')).toThrow(/before its I header/);
  });
});

describeShared(TRADINGIS)('NEM TradingIS (real file)', () => {
  let points: ParsedPoint[];
  beforeAll(() => ({ points } = tradingIsReport.parse(readShared(TRADINGIS), ctx(TRADINGIS))));
  const iso = '2023-08-30T07:55:00.000Z'; // interval ending 18:00 AEST -> [17:55, 18:00)

  it('reads RRP and FCAS prices as interval-ending 5-minute intervals', () => {
    expect(pointAt(points, 'SA1', 'LMP', iso)?.value).toBe(262.4);
    expect(pointAt(points, 'NSW1', 'LMP', iso)?.value).toBe(299.99);
    expect(pointAt(points, 'TAS1', 'LMP', iso)?.value).toBe(54.32);
    expect(pointAt(points, 'TAS1', 'RAISE6SEC', iso)?.value).toBe(132.39);
    expect(pointAt(points, 'TAS1', 'RAISE60SEC', iso)?.value).toBe(18.57);
    expect(pointAt(points, 'TAS1', 'LOWERREG', iso)?.value).toBe(7.52);
    expect(pointAt(points, 'VIC1', 'RAISEREG', iso)?.value).toBe(174.2);
    expect(pointAt(points, 'SA1', 'LMP', iso)?.end).toBe(Date.parse('2023-08-30T08:00:00.000Z'));
  });

  it('drops the 1-second FCAS placeholder zeros from before that market opened (2023-10-09)', () => {
    expect(points.filter((p) => p.product === 'RAISE1SEC' || p.product === 'LOWER1SEC')).toHaveLength(0);
    expect(points).toHaveLength(5 * 9);
  });

  it('is recognized for import from its zip member name', () => {
    expect(tradingIsReport.detect!(fileSample('upload.bin', readShared(TRADINGIS)))).toBe(true);
    expect(dispatchIsReport.detect!(fileSample('upload.bin', readShared(TRADINGIS)))).toBe(false);
    const csv = singleZipMember(readShared(TRADINGIS), 'x').bytes;
    expect(tradingIsReport.detect!(fileSample('a.csv', csv))).toBe(true);
  });

  it('a renamed column is a ParseError naming it; HTML is a ParseError', () => {
    const csv = singleZipMember(readShared(TRADINGIS), 'x').bytes.toString('latin1');
    const renamed = Buffer.from(csv.replace(',REGIONID,PERIODID,RRP,', ',REGIONID,PERIODID,PRICE,'), 'latin1');
    expect(() => tradingIsReport.parse(renamed, ctx('renamed.csv'))).toThrow(/missing column "RRP"/);
    expect(() => tradingIsReport.parse(Buffer.from('<!DOCTYPE html><html></html>'), ctx('page'))).toThrow(ParseError);
  });
});

describe('NEM TradingIS before five-minute settlement (own fixtures)', () => {
  it('a 2020 file is a 30-minute interval', () => {
    const file = 'nem/PUBLIC_TRADINGIS_202004051030_0000000330000021.zip';
    const { points } = tradingIsReport.parse(readOwn(file), ctx(file));
    const p = pointAt(points, 'NSW1', 'LMP', '2020-04-05T00:00:00.000Z'); // [10:00, 10:30) AEST
    expect(p?.value).toBe(35.25);
    expect(p!.end - p!.start).toBe(30 * 60_000);
    expect(pointAt(points, 'NSW1', 'LOWERREG', '2020-04-05T00:00:00.000Z')?.value).toBe(7.5);
  });

  it('a zip of zips reads; 2020-04-05 (south-east DST ends, NEM time does not) has 48 intervals', () => {
    const file = 'nem/PUBLIC_TRADINGIS_20200405.zip';
    const { points } = tradingIsReport.parse(readOwn(file), ctx(file));
    const day = seriesOnDay(points, { location: 'NSW1', product: 'LMP' }, 'UTC+10', '2020-04-05');
    expect(day).toHaveLength(48);
    expect(day[0].start).toBe(Date.parse('2020-04-04T14:00:00.000Z'));
    expect(day[0].value).toBe(30);
    expect(seriesOnDay(points, { location: 'VIC1', product: 'LMP' }, 'UTC+10', '2020-04-05')[47].value).toBe(45.75);
    expect(day[47].end).toBe(Date.parse('2020-04-05T14:00:00.000Z'));
  });
});

describeShared(FIVE_MIN)('NEM aemo.com.au 5MIN feed (real file)', () => {
  let points: ParsedPoint[];
  beforeAll(() => ({ points } = fiveMinuteReport.parse(readShared(FIVE_MIN), ctx(FIVE_MIN))));

  it('reads RRP and demand, interval-ending AEST', () => {
    expect(pointAt(points, 'SA1', 'LMP', '2021-10-06T14:00:00.000Z')?.value).toBe(-24.18063);
    expect(pointAt(points, 'SA1', 'DEMAND', '2021-10-06T14:00:00.000Z')?.value).toBe(1218.6);
    // First row: NSW1 ending 15:00 AEST, a real price of 0 kept.
    expect(pointAt(points, 'NSW1', 'LMP', '2021-10-06T04:55:00.000Z')?.value).toBe(0);
    expect(pointAt(points, 'NSW1', 'DEMAND', '2021-10-06T04:55:00.000Z')?.value).toBe(5941.25);
  });

  it('keeps floor-like prices and has 288 intervals on a whole day', () => {
    expect(points.filter((p) => p.product === 'LMP' && p.value === -200).length).toBeGreaterThan(0);
    for (const region of ['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1'])
      expect(seriesOnDay(points, { location: region, product: 'LMP' }, 'UTC+10', '2021-10-07')).toHaveLength(288);
  });

  it('keeps ACTUAL rows only; a missing field is a ParseError naming it', () => {
    const forecast = Buffer.from(
      JSON.stringify({
        '5MIN': [{ SETTLEMENTDATE: '2021-10-08T15:00:00', REGIONID: 'NSW1', RRP: 50, TOTALDEMAND: 1, PERIODTYPE: 'FORECAST' }],
      }),
    );
    expect(fiveMinuteReport.parse(forecast, ctx('f')).points).toHaveLength(0);
    const noRrp = Buffer.from(
      JSON.stringify({ '5MIN': [{ SETTLEMENTDATE: '2021-10-08T15:00:00', REGIONID: 'NSW1', PERIODTYPE: 'ACTUAL' }] }),
    );
    expect(() => fiveMinuteReport.parse(noRrp, ctx('f'))).toThrow(/5MIN row 1: missing field "RRP"/);
    expect(() => fiveMinuteReport.parse(Buffer.from('<html>busy</html>'), ctx('f'))).toThrow(ParseError);
    expect(() => fiveMinuteReport.parse(Buffer.from('{"data":[]}'), ctx('f'))).toThrow(/"5MIN"/);
  });

  it('replays the POST and keeps only the asked day; a day the feed lacks is NOT_PUBLISHED', async () => {
    const request = {
      method: 'POST' as const,
      url: 'https://visualisations.aemo.com.au/aemo/apps/api/report/5MIN',
      body: '{"timeScale":["5MIN"]}',
    };
    const { http, ask } = replaying(nemConnector, [{ request, file: sharedPath(FIVE_MIN) }]);
    const result = await ask(fiveMinuteReport, forDay(fiveMinuteReport, '2021-10-07'));
    expect(result.points).toHaveLength(288 * 5 * 3);
    expect(pointAt(result.points, 'SA1', 'LMP', '2021-10-06T14:00:00.000Z')?.value).toBe(-24.18063);
    expect(http.requests[0]).toEqual({ method: 'POST', url: request.url, headerNames: ['Content-Type', 'Accept'], source: 'replay' });
    await expect(ask(fiveMinuteReport, forDay(fiveMinuteReport, '2021-10-09'))).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describe('NEM DispatchIS (own fixtures)', () => {
  const f1805 = 'nem/PUBLIC_DISPATCHIS_202401151805_0000000410000001.zip';
  const iso = '2024-01-15T08:00:00.000Z'; // ending 18:05 AEST

  it('reads prices at the cap and floor, FCAS incl. 1-second, demand; ignores the intervention run', () => {
    const { points } = dispatchIsReport.parse(readOwn(f1805), ctx(f1805));
    expect(pointAt(points, 'SA1', 'LMP', iso)?.value).toBe(16600);
    expect(pointAt(points, 'VIC1', 'LMP', iso)?.value).toBe(-1000);
    expect(pointAt(points, 'QLD1', 'LMP', iso)?.value).toBe(78.51);
    expect(pointAt(points, 'SA1', 'RAISE6SEC', iso)?.value).toBe(120.01);
    expect(pointAt(points, 'SA1', 'RAISE1SEC', iso)?.value).toBe(2.25);
    expect(pointAt(points, 'SA1', 'LOWER1SEC', iso)?.value).toBe(0.03);
    expect(pointAt(points, 'NSW1', 'DEMAND', iso)?.value).toBe(9655.98);
    expect(points.filter((p) => p.value === 999.99)).toHaveLength(0);
    expect(dispatchIsReport.detect!(fileSample('upload.bin', readOwn(f1805)))).toBe(true);
  });

  it("replays listing + the day's interval files (latest re-issue wins), empty RRP is missing", async () => {
    const base = 'https://nemweb.com.au/Reports/Current/DispatchIS_Reports/';
    const { http, ask } = replaying(nemConnector, [
      { request: { url: base }, file: ownPath('nem/nemweb_Reports_Current_DispatchIS_Reports_index.html') },
      { request: { url: `${base}PUBLIC_DISPATCHIS_202401151805_0000000410000001.zip` }, file: ownPath(f1805) },
      {
        request: { url: `${base}PUBLIC_DISPATCHIS_202401151810_0000000410000009.zip` },
        file: ownPath('nem/PUBLIC_DISPATCHIS_202401151810_0000000410000009.zip'),
      },
    ]);
    const result = await ask(dispatchIsReport, forDay(dispatchIsReport, '2024-01-15'));
    expect(http.requests.map((r) => r.url)).toEqual([
      base,
      `${base}PUBLIC_DISPATCHIS_202401151805_0000000410000001.zip`,
      `${base}PUBLIC_DISPATCHIS_202401151810_0000000410000009.zip`,
    ]);
    expect(pointAt(result.points, 'TAS1', 'LMP', '2024-01-15T08:05:00.000Z')?.value).toBe(90.12);
    expect(pointAt(result.points, 'NSW1', 'LMP', '2024-01-15T08:05:00.000Z')).toBeUndefined();
    expect(pointAt(result.points, 'NSW1', 'DEMAND', '2024-01-15T08:05:00.000Z')?.value).toBe(5000);
    await expect(ask(dispatchIsReport, forDay(dispatchIsReport, '2024-01-17'))).rejects.toBeInstanceOf(GridError);
  });
});

describe('NEM DispatchIS archive (own fixtures)', () => {
  const base = 'https://nemweb.com.au/Reports/ARCHIVE/DispatchIS_Reports/';
  const listingFile = ownPath('nem/nemweb_Reports_ARCHIVE_DispatchIS_Reports_index.html');

  it("a day reads its daily zip of zips (and the next day's, for an interval ending 24:00): 288 intervals per region", async () => {
    const { result, http } = await replayFetch(nemConnector, dispatchIsArchiveReport, forDay(dispatchIsArchiveReport, '2024-01-10'), [
      { request: { url: base }, file: listingFile },
      { request: { url: `${base}PUBLIC_DISPATCHIS_20240110.zip` }, file: ownPath('nem/PUBLIC_DISPATCHIS_20240110.zip') },
      { request: { url: `${base}PUBLIC_DISPATCHIS_20240111.zip` }, file: ownPath('nem/PUBLIC_DISPATCHIS_20240111.zip') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([
      base,
      `${base}PUBLIC_DISPATCHIS_20240110.zip`,
      `${base}PUBLIC_DISPATCHIS_20240111.zip`,
    ]);
    for (const region of ['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1']) {
      for (const product of ['LMP', 'DEMAND', 'RAISE6SEC', 'LOWER1SEC']) {
        expect(seriesOnDay(result.points, { location: region, product }, 'UTC+10', '2024-01-10')).toHaveLength(288);
      }
    }
    expect(result.points.every((p) => p.start >= Date.parse('2024-01-09T14:00:00Z') && p.end <= Date.parse('2024-01-10T14:00:00Z'))).toBe(
      true,
    );
    expect(result.points.filter((p) => p.value === 7777)).toHaveLength(0);
    // Ending 00:05 AEST: [00:00, 00:05) = 2024-01-09T14:00Z.
    expect(pointAt(result.points, 'NSW1', 'LMP', '2024-01-09T14:00:00.000Z')?.value).toBe(60);
    expect(pointAt(result.points, 'NSW1', 'DEMAND', '2024-01-09T14:00:00.000Z')?.value).toBe(2000);
    expect(pointAt(result.points, 'SA1', 'LMP', '2024-01-09T16:05:00.000Z')?.value).toBe(81.25);
    expect(pointAt(result.points, 'SA1', 'RAISE6SEC', '2024-01-09T16:05:00.000Z')?.value).toBe(9.5);
    expect(pointAt(result.points, 'SA1', 'LOWER1SEC', '2024-01-09T16:05:00.000Z')?.value).toBe(0.02);
    // Ending 24:00 AEST (file stamp 202401110000): the day's last interval.
    const last = pointAt(result.points, 'VIC1', 'LMP', '2024-01-10T13:55:00.000Z');
    expect(last?.value).toBe(101.75);
    expect(last!.end).toBe(Date.parse('2024-01-10T14:00:00.000Z'));
    expect(pointAt(result.points, 'VIC1', 'DEMAND', '2024-01-10T13:55:00.000Z')?.value).toBe(6287);
  });

  it('a day not archived yet is NOT_PUBLISHED, so the Current folder after it serves recent days', async () => {
    await expect(
      replayFetch(nemConnector, dispatchIsArchiveReport, forDay(dispatchIsArchiveReport, '2024-01-12'), [
        { request: { url: base }, file: listingFile },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
    const ids = nemConnector.reports.map((r) => r.id);
    expect(ids.indexOf('nem.dispatchis_archive')).toBeLessThan(ids.indexOf('nem.dispatchis'));
    expect(dispatchIsArchiveReport.products).toEqual(dispatchIsReport.products);
    expect(dispatchIsArchiveReport.validFrom).toBe(dispatchIsReport.validFrom);
  });
});

describe('NEM PUBLIC_PRICES (own fixtures)', () => {
  const base = 'https://nemweb.com.au/Reports/Current/Public_Prices/';
  const f0930 = 'nem/PUBLIC_PRICES_202309300000_20231001040503.zip';
  const f1001 = 'nem/PUBLIC_PRICES_202310010000_20231002040501.zip';

  it("a calendar day takes the previous trading day's file for 00:05-04:00: 288 intervals on 2023-10-01 (south-east DST starts)", async () => {
    const { result, http } = await replayFetch(nemConnector, publicPricesReport, forDay(publicPricesReport, '2023-10-01'), [
      { request: { url: base }, file: ownPath('nem/nemweb_Reports_Current_Public_Prices_index.html') },
      { request: { url: `${base}PUBLIC_PRICES_202309300000_20231001040503.zip` }, file: ownPath(f0930) },
      { request: { url: `${base}PUBLIC_PRICES_202310010000_20231002040501.zip` }, file: ownPath(f1001) },
    ]);
    expect(http.requests).toHaveLength(3);
    for (const region of ['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1'])
      expect(seriesOnDay(result.points, { location: region, product: 'LMP' }, 'UTC+10', '2023-10-01')).toHaveLength(288);
    expect(result.points.every((p) => p.start >= Date.parse('2023-09-30T14:00:00Z') && p.end <= Date.parse('2023-10-01T14:00:00Z'))).toBe(
      true,
    );
    expect(pointAt(result.points, 'NSW1', 'LMP', '2023-09-30T14:00:00.000Z')?.value).toBe(40);
    expect(pointAt(result.points, 'NSW1', 'DEMAND', '2023-09-30T14:00:00.000Z')?.value).toBe(1240);
    expect(pointAt(result.points, 'VIC1', 'LMP', '2023-10-01T01:55:00.000Z')?.value).toBe(85.5);
    expect(pointAt(result.points, 'VIC1', 'DEMAND', '2023-10-01T01:55:00.000Z')?.value).toBe(5095);
    expect(pointAt(result.points, 'VIC1', 'RAISE6SEC', '2023-10-01T01:55:00.000Z')?.value).toBe(1.4);
    expect(pointAt(result.points, 'VIC1', 'LOWERREG', '2023-10-01T01:55:00.000Z')?.value).toBe(8.4);
  });

  it('a day whose trading-day file is not out yet is NOT_PUBLISHED', async () => {
    await expect(
      replayFetch(nemConnector, publicPricesReport, forDay(publicPricesReport, '2023-10-02'), [
        { request: { url: base }, file: ownPath('nem/nemweb_Reports_Current_Public_Prices_index.html') },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });

  it('imports a whole file without a request, and recognizes it', () => {
    const { points } = publicPricesReport.parse(readOwn(f0930), ctx(f0930));
    expect(pointAt(points, 'NSW1', 'LMP', '2023-09-30T01:55:00.000Z')?.value).toBe(45.5);
    expect(points.filter((p) => p.location === 'NSW1' && p.product === 'LMP')).toHaveLength(288);
    expect(publicPricesReport.detect!(fileSample('upload.bin', readOwn(f0930)))).toBe(true);
    expect(tradingIsReport.detect!(fileSample('upload.bin', readOwn(f0930)))).toBe(false);
  });
});

describeShared(ARCHIVE_INDEX)('NEM TradingIS archive (real listing, own archive zip)', () => {
  it('a week is one period; the listing gives the weekly zip of zips', async () => {
    const period = periodOf(tradingIsArchiveReport, '2023-08-14');
    expect(period.key).toBe('week-2023-08-13');
    expect(period.days).toHaveLength(7);
    const base = 'https://nemweb.com.au/Reports/ARCHIVE/TradingIS_Reports/';
    const { result, http } = await replayFetch(nemConnector, tradingIsArchiveReport, forDay(tradingIsArchiveReport, '2023-08-14'), [
      { request: { url: base }, file: sharedPath(ARCHIVE_INDEX) },
      { request: { url: `${base}PUBLIC_TRADINGIS_20230813_20230819.zip` }, file: ownPath('nem/PUBLIC_TRADINGIS_20230813_20230819.zip') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([base, `${base}PUBLIC_TRADINGIS_20230813_20230819.zip`]);
    const p = pointAt(result.points, 'NSW1', 'LMP', '2023-08-13T23:55:00.000Z');
    expect(p?.value).toBe(55);
    expect(p!.end - p!.start).toBe(5 * 60_000);
    expect(pointAt(result.points, 'NSW1', 'LMP', '2023-08-14T00:05:00.000Z')?.value).toBe(55.5);
  });

  it('a week past the listing is NOT_PUBLISHED', async () => {
    await expect(
      replayFetch(nemConnector, tradingIsArchiveReport, forDay(tradingIsArchiveReport, '2023-09-01'), [
        { request: { url: 'https://nemweb.com.au/Reports/ARCHIVE/TradingIS_Reports/' }, file: sharedPath(ARCHIVE_INDEX) },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describe('NEM market', () => {
  it('has the five regions, RT, LMP, every FCAS price and demand', () => {
    expect(nemConnector.locations.map((l) => l.name)).toEqual(['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1']);
    expect(nemConnector.market.clock).toBe('UTC+10');
    expect(nemConnector.market.products.map((p) => p.id)).toEqual([
      'LMP',
      'RAISE6SEC',
      'RAISE60SEC',
      'RAISE5MIN',
      'RAISEREG',
      'LOWER6SEC',
      'LOWER60SEC',
      'LOWER5MIN',
      'LOWERREG',
      'RAISE1SEC',
      'LOWER1SEC',
      'DEMAND',
      'LOAD',
    ]);
    expect(nemConnector.market.products.find((p) => p.id === 'DEMAND')?.unit).toBe('MW');
  });

  it('a NEM day is 24 hours even when Sydney changes clocks', () => {
    for (const day of ['2023-10-01', '2024-04-07']) {
      const { start, end } = dayBounds(day, 'UTC+10');
      expect(end - start).toBe(24 * 3_600_000);
    }
  });
});
