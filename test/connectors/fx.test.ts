import AdmZip from 'adm-zip';
import { fxConnector } from '../../backend/connectors/fx/ecb';
import { ecbReportFor } from '../../backend/connectors/fx/ecb/reports';
import { periodOf } from '../../backend/connectors/fetch';
import { ParseError, type ParseResult } from '../../backend/domain';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { describeShared, ownPath, readOwn, readShared, sharedPath, zippedFile } from '../support/fixtures';
import { replayFetch, replaying } from '../support/replay';
import { detectedReports, reportById, valueAt } from '../support/points';

// Our fixtures under test/fixtures/fx are written from the ECB formats (see its README.md).
const DAILY_2025 = 'ecb/eurofxref-daily_2025-05-09.xml';
const DAILY_2022 = 'ecb/eurofxref-daily_2022-07-08.xml';
const LATEST_CSV = 'ecb/eurofxref_2026-04-13.csv';
const EEX_XLSX = 'euets/emission-spot-primary-market-auction-report-2024-data.xlsx';
const BASE = 'https://www.ecb.europa.eu/stats/eurofxref';
const HOUR = 3_600_000;

const history = reportById(fxConnector, 'fx.ecb_hist');
const ninetyDays = reportById(fxConnector, 'fx.ecb_90d');
const daily = reportById(fxConnector, 'fx.ecb_daily');
const latestCsv = reportById(fxConnector, 'fx.ecb_latest_csv');

function parse(bytes: Buffer, r: Report = history): ParseResult {
  return r.parse(bytes, { market: fxConnector.market, source: 'test' });
}

function ctx(r: Report, day: string): RequestContext {
  return { period: periodOf(r, day), run: 'REF', product: 'RATE', keys: {} };
}

describe('FX market', () => {
  it('lists every currency the ECB has published, stopped ones included', () => {
    const names = fxConnector.locations.map((l) => l.name);
    expect(names).toHaveLength(41);
    for (const code of [
      'USD',
      'JPY',
      'GBP',
      'BGN',
      'HRK',
      'RUB',
      'CYP',
      'EEK',
      'LTL',
      'LVL',
      'SIT',
      'SKK',
      'MTL',
      'ROL',
      'TRL',
      'ISK',
      'ZAR',
    ])
      expect(names).toContain(code);
    expect(fxConnector.market.clock).toBe('Europe/Berlin');
    expect(fxConnector.market.keyless).toBe(true);
  });

  it('picks the daily file for today, the 90-day file for recent months, the history for older days', () => {
    expect(ecbReportFor('2026-04-13', '2026-04-13').id).toBe('fx.ecb_daily');
    expect(ecbReportFor('2026-04-10', '2026-04-13').id).toBe('fx.ecb_90d');
    expect(ecbReportFor('2026-02-02', '2026-04-13').id).toBe('fx.ecb_90d');
    expect(ecbReportFor('2026-01-30', '2026-04-13').id).toBe('fx.ecb_hist');
    expect(ecbReportFor('2010-06-01', '2026-04-13').id).toBe('fx.ecb_hist');
    expect(fxConnector.reports[0].id).toBe('fx.ecb_hist');
  });

  it('downloads the history per calendar year and the 90-day file per month', () => {
    expect(periodOf(history, '2025-05-09')).toMatchObject({ key: '2025' });
    expect(periodOf(history, '2025-05-09').days).toHaveLength(365);
    expect(periodOf(ninetyDays, '2025-02-10')).toMatchObject({ key: '2025-02' });
    expect(periodOf(ninetyDays, '2025-02-10').days).toHaveLength(28);
    expect(periodOf(daily, '2025-05-09')).toEqual({ key: '2025-05-09', days: ['2025-05-09'] });
  });
});

describeShared([DAILY_2025, DAILY_2022, LATEST_CSV, EEX_XLSX])('ECB real files', () => {
  it('reads the daily XML of 2025-05-09: 30 currencies, one fixing each', () => {
    const { points } = parse(readShared(DAILY_2025));
    expect(points).toHaveLength(30);
    const start = '2025-05-08T22:00:00.000Z'; // 2025-05-09 00:00 CEST
    expect(valueAt(points, { location: 'USD', start })).toBe(1.1252);
    expect(valueAt(points, { location: 'JPY', start })).toBe(163.36);
    expect(valueAt(points, { location: 'GBP', start })).toBe(0.8477);
    expect(valueAt(points, { location: 'BGN', start })).toBe(1.9558);
    expect(valueAt(points, { location: 'IDR', start })).toBe(18606.59);
    expect(valueAt(points, { location: 'ZAR', start })).toBe(20.4835);
    expect(points.find((p) => p.location === 'HRK')).toBeUndefined();
    expect(new Set(points.map((p) => `${p.run}|${p.product}|${p.end - p.start}`))).toEqual(new Set([`REF|RATE|${24 * HOUR}`]));
  });

  it('reads the daily XML of 2022-07-08 with HRK', () => {
    const { points } = parse(readShared(DAILY_2022));
    expect(points).toHaveLength(31);
    expect(valueAt(points, { location: 'HRK', start: '2022-07-07T22:00:00.000Z' })).toBe(7.519);
    expect(valueAt(points, { location: 'USD', start: '2022-07-07T22:00:00.000Z' })).toBe(1.0163);
  });

  it('reads the eurofxref.zip CSV (leading spaces, "13 April 2026", trailing comma): 29 currencies, no BGN', () => {
    const { points } = parse(readShared(LATEST_CSV));
    expect(points).toHaveLength(29);
    const start = '2026-04-12T22:00:00.000Z';
    expect(valueAt(points, { location: 'USD', start })).toBe(1.1684);
    expect(valueAt(points, { location: 'JPY', start })).toBe(186.75);
    expect(valueAt(points, { location: 'IDR', start })).toBe(20082.05);
    expect(valueAt(points, { location: 'ZAR', start })).toBe(19.3849);
    expect(points.find((p) => p.location === 'BGN')).toBeUndefined();
  });

  it('recognizes each file for import by its content', () => {
    expect(detectedReports(fxConnector, 'download', readShared(DAILY_2025))).toEqual(['fx.ecb_90d']);
    expect(detectedReports(fxConnector, 'download', readShared(LATEST_CSV))).toEqual(['fx.ecb_hist']);
    expect(detectedReports(fxConnector, 'download', readShared(EEX_XLSX))).toEqual([]);
  });

  it('replays the daily XML, keeping only the day asked for', async () => {
    const { http, ask } = replaying(fxConnector, [{ request: { url: `${BASE}/eurofxref-daily.xml` }, file: sharedPath(DAILY_2025) }]);
    const got = await ask(daily, ctx(daily, '2025-05-09'));
    expect(http.requests).toEqual([{ method: 'GET', url: `${BASE}/eurofxref-daily.xml`, headerNames: [], source: 'replay' }]);
    expect(got.points).toHaveLength(30);
    const before = await ask(daily, ctx(daily, '2025-05-12'));
    expect(before.points).toHaveLength(0); // the file still holds Friday's fixing
  });

  it('replays eurofxref.zip', async () => {
    const { result: got, http } = await replayFetch(fxConnector, latestCsv, ctx(latestCsv, '2026-04-13'), [
      { request: { url: `${BASE}/eurofxref.zip` }, file: zippedFile('eurofxref.csv', readShared(LATEST_CSV)) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([`${BASE}/eurofxref.zip`]);
    expect(valueAt(got.points, { location: 'USD', start: '2026-04-12T22:00:00.000Z' })).toBe(1.1684);
  });
});

describe('ECB history CSV (our written fixture)', () => {
  const { points } = parse(readOwn('fx/eurofxref-hist_written.csv'));

  it('reads every rate and skips N/A', () => {
    expect(points).toHaveLength(89);
    expect(valueAt(points, { location: 'USD', start: '2025-05-08T22:00:00.000Z' })).toBe(1.1252);
    expect(valueAt(points, { location: 'HRK', start: '2022-07-07T22:00:00.000Z' })).toBe(7.519);
    expect(valueAt(points, { location: 'HRK', start: '2022-12-29T23:00:00.000Z' })).toBe(7.5365);
    expect(valueAt(points, { location: 'CYP', start: '2025-05-08T22:00:00.000Z' })).toBeUndefined();
  });

  it('ends BGN on 2025-12-31', () => {
    expect(valueAt(points, { location: 'BGN', start: '2025-12-30T23:00:00.000Z' })).toBe(1.9558);
    expect(valueAt(points, { location: 'BGN', start: '2026-01-01T23:00:00.000Z' })).toBeUndefined();
    expect(valueAt(points, { location: 'USD', start: '2026-01-01T23:00:00.000Z' })).toBe(1.172);
  });

  it('follows CET/CEST around the DST changes', () => {
    expect(valueAt(points, { location: 'USD', start: '2025-03-27T23:00:00.000Z' })).toBe(1.08); // Friday 2025-03-28, CET
    expect(valueAt(points, { location: 'USD', start: '2025-03-30T22:00:00.000Z' })).toBe(1.0815); // Monday 2025-03-31, CEST
    expect(valueAt(points, { location: 'USD', start: '2025-10-23T22:00:00.000Z' })).toBe(1.162); // Friday 2025-10-24, CEST
    expect(valueAt(points, { location: 'USD', start: '2025-10-26T23:00:00.000Z' })).toBe(1.1635); // Monday 2025-10-27, CET
  });

  it('gives a rate dated on a DST Sunday its 23 or 25 hours (synthetic rows)', () => {
    const dst = parse(readOwn('fx/dst_sundays_synthetic.csv')).points.filter((p) => p.location === 'USD');
    const spring = dst.find((p) => p.value === 1.081)!;
    expect(new Date(spring.start).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const fall = dst.find((p) => p.value === 1.163)!;
    expect(new Date(fall.start).toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(new Date(fall.end).toISOString()).toBe('2025-10-26T23:00:00.000Z');
    expect(fall.end - fall.start).toBe(25 * HOUR);
  });

  it('replays eurofxref-hist.zip for one year and returns only that year', async () => {
    const { result: got, http } = await replayFetch(fxConnector, history, ctx(history, '2025-05-09'), [
      { request: { url: `${BASE}/eurofxref-hist.zip` }, file: zippedFile('eurofxref-hist.csv', readOwn('fx/eurofxref-hist_written.csv')) },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([`${BASE}/eurofxref-hist.zip`]);
    expect(got.points).toHaveLength(50);
    expect(valueAt(got.points, { location: 'JPY', start: '2025-05-08T22:00:00.000Z' })).toBe(163.36);
    expect(valueAt(got.points, { location: 'HRK', start: '2022-07-07T22:00:00.000Z' })).toBeUndefined();
  });

  it('is recognized for import, bare or zipped', () => {
    expect(detectedReports(fxConnector, 'download', readOwn('fx/eurofxref-hist_written.csv'))).toEqual(['fx.ecb_hist']);
    const zip = new AdmZip();
    zip.addFile('eurofxref-hist.csv', readOwn('fx/eurofxref-hist_written.csv'));
    expect(detectedReports(fxConnector, 'download', zip.toBuffer())).toEqual(['fx.ecb_hist']);
  });
});

describe('ECB 90-day XML (our written fixture)', () => {
  it('reads every dated Cube', () => {
    const { points } = parse(readOwn('fx/eurofxref-hist-90d_written.xml'), ninetyDays);
    expect(points).toHaveLength(36);
    expect(valueAt(points, { location: 'USD', start: '2025-05-08T22:00:00.000Z' })).toBe(1.1252);
    expect(valueAt(points, { location: 'USD', start: '2025-05-07T22:00:00.000Z' })).toBe(1.124);
    expect(valueAt(points, { location: 'GBP', start: '2025-05-06T22:00:00.000Z' })).toBe(0.85);
  });

  it('replays the 90-day file for a month', async () => {
    const { result: got, http } = await replayFetch(fxConnector, ninetyDays, ctx(ninetyDays, '2025-05-09'), [
      { request: { url: `${BASE}/eurofxref-hist-90d.xml` }, file: ownPath('fx/eurofxref-hist-90d_written.xml') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([`${BASE}/eurofxref-hist-90d.xml`]);
    expect(got.points).toHaveLength(36);
  });
});

describe('ECB files that cannot be trusted', () => {
  it('names a renamed Date column', () => {
    expect(() => parse(Buffer.from('Day,USD,JPY,\n2025-05-09,1.1252,163.36,\n'))).toThrow(ParseError);
    expect(() => parse(Buffer.from('Day,USD,JPY,\n2025-05-09,1.1252,163.36,\n'))).toThrow(/not an ECB reference-rate file/);
    expect(() => parse(Buffer.from('Date,US Dollar,JPY,\n2025-05-09,1.1252,163.36,\n'))).toThrow(
      /column "US Dollar" is not a currency code/,
    );
    const zip = new AdmZip();
    zip.addFile('eurofxref-hist.csv', Buffer.from('Datum,USD,\n2025-05-09,1.1252,\n'));
    expect(() => parse(zip.toBuffer())).toThrow(/missing column "Date"/);
  });

  it('refuses a bad rate or date', () => {
    expect(() => parse(Buffer.from('Date,USD,\n2025-05-09,1,1252,\n'))).toThrow(/line 2 has a value \("1252"\) under no currency column/);
    expect(() => parse(Buffer.from('Date,USD,\n2025-05-09,abc,\n'))).toThrow(/the rate of USD on 2025-05-09: "abc" is not a number/);
    expect(() => parse(Buffer.from('Date,USD,\n2025-05-09,-1.1,\n'))).toThrow(
      /the rate of USD on 2025-05-09 is -1.1, not a positive number/,
    );
    expect(() => parse(Buffer.from('Date,USD,\n2025-13-09,1.1,\n'))).toThrow(/"2025-13-09" is not a date/);
    expect(() => parse(Buffer.from('Date,USD,\n9 Mai 2025,1.1,\n'))).toThrow(/line 2: "9 Mai 2025" is not a date/);
  });

  it('names the missing element of an XML answer', () => {
    const xml =
      "<?xml version='1.0'?><gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01'><gesmes:subject>Reference rates</gesmes:subject></gesmes:Envelope>";
    expect(() => parse(Buffer.from(xml), daily)).toThrow(/missing element "Cube"/);
  });

  it('refuses an HTML page', () => {
    expect(() => parse(Buffer.from('<!DOCTYPE html><html><body>Maintenance</body></html>'), daily)).toThrow(ParseError);
    expect(detectedReports(fxConnector, 'download', Buffer.from('<!DOCTYPE html><html><body>Maintenance</body></html>'))).toEqual([]);
  });
});
