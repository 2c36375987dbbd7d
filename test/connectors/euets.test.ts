import AdmZip from 'adm-zip';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { euetsConnector } from '../../backend/connectors/eu/euets';
import { periodOf } from '../../backend/connectors/fetch';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { readXlsxSheet, excelSerialDay, isXlsx } from '../../backend/formats/xlsx';
import { describeShared, ownPath, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { fileSample, valueAt } from '../support/points';

const FILE_2024 = 'euets/emission-spot-primary-market-auction-report-2024-data.xlsx';
const URL_2024 = 'https://public.eex-group.com/eex/eua-auction-report/emission-spot-primary-market-auction-report-2024-data.xlsx';
const report = euetsConnector.reports[0];
const HOUR = 3_600_000;

function parse(bytes: Buffer): ParseResult {
  return report.parse(bytes, { market: euetsConnector.market, source: 'test' });
}

/** Our written workbook (test/fixtures/euets/mini-workbook), zipped as an .xlsx. */
const MINI_PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/worksheets/sheet1.xml',
];
function miniWorkbook(edit: (name: string, text: string) => string = (_, t) => t): Buffer {
  const zip = new AdmZip();
  for (const part of MINI_PARTS) zip.addFile(part, Buffer.from(edit(part, readFileSync(ownPath(`euets/mini-workbook/${part}`), 'utf8'))));
  return zip.toBuffer();
}

/** The real workbook with one part's text changed. */
function editedReal(part: string, edit: (text: string) => string): Buffer {
  const src = new AdmZip(readShared(FILE_2024));
  const out = new AdmZip();
  for (const e of src.getEntries()) {
    const data = e.getData();
    out.addFile(e.entryName, e.entryName === part ? Buffer.from(edit(data.toString('utf8'))) : data);
  }
  return out.toBuffer();
}

describe('EUETS market', () => {
  it('says plainly that futures are not available', () => {
    expect(euetsConnector.market.notes).toContain(
      'EUA futures (ICE Endex / EEX) are licensed data with no public source; gridcell has only the primary auction results.',
    );
    expect(euetsConnector.market.clock).toBe('Europe/Berlin');
    expect(euetsConnector.locations.map((l) => [l.name, l.aliases?.[0]])).toEqual([
      ['EUA', 'T3PA'],
      ['EUAA', 'EAA3'],
    ]);
  });

  it('downloads one file per calendar year', () => {
    const period = periodOf(report, '2024-07-01');
    expect(period.key).toBe('2024');
    expect(period.days).toHaveLength(366);
    expect(period.days[0]).toBe('2024-01-01');
    expect(period.days[365]).toBe('2024-12-31');
    const ctx: RequestContext = { period, run: 'AUCTION', product: 'LMP', keys: {} };
    expect(report.request!(ctx).url).toBe(URL_2024);
  });
});

describe('xlsx reader', () => {
  it('turns Excel date serials into days', () => {
    expect(excelSerialDay(45642)).toBe('2024-12-16');
    expect(excelSerialDay(45642.45886145833)).toBe('2024-12-16');
    expect(excelSerialDay(0, true)).toBe('1904-01-01');
  });

  it('refuses what is not a workbook', () => {
    expect(() => readXlsxSheet(Buffer.from('<html><body>Not found</body></html>'), 'page.html')).toThrow(ParseError);
    expect(() => readXlsxSheet(Buffer.from('<html><body>Not found</body></html>'), 'page.html')).toThrow(/not an Excel .xlsx workbook/);
    expect(isXlsx(Buffer.from('PK\u0003\u0004 broken'))).toBe(false);
  });

  it('reads inline strings, rich-text shared strings and escaped characters', () => {
    const book = miniWorkbook((name, t) => {
      if (name.endsWith('sheet1.xml'))
        return t.replace('<c r="D7" t="s"><v>26</v></c>', '<c r="D7" t="inlineStr"><is><t>Auction &amp; Co &#8364;</t></is></c>');
      if (name.endsWith('sharedStrings.xml'))
        return t.replace('<si><t>EU</t></si>', '<si><r><t>E</t></r><r><rPr><b/></rPr><t>U</t></r></si>');
      return t;
    });
    const sheet = readXlsxSheet(book, 'mini.xlsx');
    expect(sheet.name).toBe('Primary Market Auction');
    expect(sheet.rows[6][3]).toBe('Auction & Co €');
    expect(sheet.rows[6][25]).toBe('EU');
    expect(sheet.rows[6][1]).toBe(45592);
    expect(sheet.rows[0]).toEqual([]);
  });

  it('names a missing sheet', () => {
    expect(() => readXlsxSheet(miniWorkbook(), 'mini.xlsx', 'Secondary')).toThrow(
      /no sheet "Secondary" \(sheets: Primary Market Auction\)/,
    );
  });
});

describeShared(FILE_2024)('EEX auction report 2024 (real file)', () => {
  let result: ParseResult;
  let points: ParsedPoint[];
  beforeAll(() => {
    result = parse(readShared(FILE_2024));
    points = result.points;
  });

  it('has every auction of the year: 213 EUA and 8 EUAA', () => {
    const auctions = (loc: string) => points.filter((p) => p.location === loc && p.product === 'LMP').length;
    expect(auctions('EUA')).toBe(213);
    expect(auctions('EUAA')).toBe(8);
    expect(new Set(points.map((p) => p.run))).toEqual(new Set(['AUCTION']));
    expect(result.locations?.map((l) => l.name).sort()).toEqual(['EUA', 'EUAA']);
  });

  it('reads the values of 2024-12-16 (row 7, the newest auction)', () => {
    const start = '2024-12-15T23:00:00.000Z'; // 2024-12-16 00:00 CET
    expect(valueAt(points, 'EUA', 'LMP', start)).toBe(63.64);
    expect(valueAt(points, 'EUA', 'MIN_BID', start)).toBe(62.5);
    expect(valueAt(points, 'EUA', 'MAX_BID', start)).toBe(120);
    expect(valueAt(points, 'EUA', 'MEAN_BID', start)).toBe(65.61);
    expect(valueAt(points, 'EUA', 'MEDIAN_BID', start)).toBe(63.59);
    expect(valueAt(points, 'EUA', 'VOLUME', start)).toBe(3248000);
    expect(valueAt(points, 'EUA', 'BIDS', start)).toBe(4785500);
    expect(valueAt(points, 'EUA', 'BIDS_SUBMITTED', start)).toBe(96);
    expect(valueAt(points, 'EUA', 'BIDS_SUCCESSFUL', start)).toBe(44);
    expect(valueAt(points, 'EUA', 'COVER', start)).toBe(1.47);
    expect(valueAt(points, 'EUA', 'BIDDERS', start)).toBe(22);
    expect(valueAt(points, 'EUA', 'BIDDERS_SUCCESSFUL', start)).toBe(21);
    expect(valueAt(points, 'EUA', 'REVENUE', start)).toBe(206702720);
    const p = points.find((x) => x.location === 'EUA' && x.product === 'LMP' && x.start === Date.parse(start))!;
    expect(new Date(p.end).toISOString()).toBe('2024-12-16T23:00:00.000Z');
  });

  it('reads an aviation (EAA3) auction: 2024-12-11 and 2024-11-13', () => {
    expect(valueAt(points, 'EUAA', 'LMP', '2024-12-10T23:00:00.000Z')).toBe(69.17);
    expect(valueAt(points, 'EUAA', 'VOLUME', '2024-12-10T23:00:00.000Z')).toBe(198000);
    expect(valueAt(points, 'EUAA', 'COVER', '2024-12-10T23:00:00.000Z')).toBe(5.23);
    expect(valueAt(points, 'EUAA', 'LMP', '2024-11-12T23:00:00.000Z')).toBe(65.86);
    expect(valueAt(points, 'EUA', 'LMP', '2024-12-10T23:00:00.000Z')).toBeUndefined();
  });

  it('reads the oldest auction, 2024-01-15 (row 227)', () => {
    expect(valueAt(points, 'EUA', 'LMP', '2024-01-14T23:00:00.000Z')).toBe(63.5);
    expect(valueAt(points, 'EUA', 'VOLUME', '2024-01-14T23:00:00.000Z')).toBe(3099500);
  });

  it('switches from CET to CEST and back around the DST Sundays', () => {
    // Thursday 2024-03-28 (CET, UTC+1) and Tuesday 2024-04-02 (CEST, UTC+2)
    expect(valueAt(points, 'EUA', 'LMP', '2024-03-27T23:00:00.000Z')).toBe(59.86);
    expect(valueAt(points, 'EUA', 'LMP', '2024-04-01T22:00:00.000Z')).toBe(57.07);
    // Friday 2024-10-25 (CEST) and Monday 2024-10-28 (CET)
    expect(valueAt(points, 'EUA', 'LMP', '2024-10-24T22:00:00.000Z')).toBe(66.32);
    expect(valueAt(points, 'EUA', 'LMP', '2024-10-27T23:00:00.000Z')).toBe(64.38);
    for (const p of points) expect(p.end - p.start).toBe(24 * HOUR);
  });

  it('adds up: revenue = clearing price x volume auctioned, for every auction', () => {
    const byAuction = new Map<string, Record<string, number>>();
    for (const p of points)
      byAuction.set(`${p.location}|${p.start}`, { ...byAuction.get(`${p.location}|${p.start}`), [p.product]: p.value });
    expect(byAuction.size).toBe(221);
    for (const v of byAuction.values()) expect(Math.abs(v.LMP * v.VOLUME - v.REVENUE)).toBeLessThanOrEqual(0.01);
  });

  it('is recognized for import by its content', () => {
    expect(report.detect!(fileSample('downloaded.bin', readShared(FILE_2024)))).toBe(true);
    expect(report.detect!(fileSample('x.xlsx', Buffer.from('<html></html>')))).toBe(false);
  });

  it('names a renamed column', () => {
    const renamed = editedReal('xl/sharedStrings.xml', (t) => t.replace('<t>Auction Price €/tCO2</t>', '<t>Clearing Price €/tCO2</t>'));
    expect(() => parse(renamed)).toThrow(ParseError);
    expect(() => parse(renamed)).toThrow(/missing column "Auction Price €\/tCO2"/);
  });

  it('finds the header wherever it is', () => {
    // Two more rows above the header: the header is looked for, not assumed on row 6.
    const moved = editedReal('xl/worksheets/sheet1.xml', (t) =>
      t
        .replace(/<row r="(\d+)"/g, (_, r: string) => `<row r="${Number(r) + 2}"`)
        .replace(/ r="([A-Z]+)(\d+)"/g, (_, c: string, r: string) => ` r="${c}${Number(r) + 2}"`),
    );
    expect(valueAt(parse(moved).points, 'EUA', 'LMP', '2024-12-15T23:00:00.000Z')).toBe(63.64);
  });

  it('replays the yearly download through the http layer', async () => {
    const ctx: RequestContext = { period: periodOf(report, '2024-12-16'), run: 'AUCTION', product: 'LMP', keys: {} };
    const { result: got, http } = await replayFetch(euetsConnector, report, ctx, [
      { request: { url: URL_2024 }, file: sharedPath(FILE_2024) },
    ]);
    expect(http.requests).toEqual([{ method: 'GET', url: URL_2024, headerNames: [], source: 'replay' }]);
    expect(valueAt(got.points, 'EUA', 'LMP', '2024-12-15T23:00:00.000Z')).toBe(63.64);
    expect(got.points.filter((p) => p.product === 'LMP')).toHaveLength(221);
  });
});

describe('EEX auction report (our written workbook)', () => {
  const { points } = parse(miniWorkbook());

  it('gives the auction on the 25-hour day 2024-10-27 its whole day', () => {
    const p = points.find((x) => x.location === 'EUA' && x.product === 'LMP')!;
    expect(p.value).toBe(64);
    expect(new Date(p.start).toISOString()).toBe('2024-10-26T22:00:00.000Z');
    expect(new Date(p.end).toISOString()).toBe('2024-10-27T23:00:00.000Z');
    expect(p.end - p.start).toBe(25 * HOUR);
  });

  it('gives the auction on the 23-hour day 2024-03-31 its whole day', () => {
    const p = points.find((x) => x.location === 'EUAA' && x.product === 'LMP')!;
    expect(p.value).toBe(58);
    expect(new Date(p.start).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(new Date(p.end).toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(p.end - p.start).toBe(23 * HOUR);
    expect(valueAt(points, 'EUAA', 'REVENUE', '2024-03-30T23:00:00.000Z')).toBe(52548000);
  });

  it('stores nothing for a cancelled auction (missing is not zero)', () => {
    expect(points.filter((p) => p.start === Date.parse('2024-03-28T23:00:00.000Z'))).toHaveLength(0);
    expect(points).toHaveLength(26);
  });

  it('refuses two auctions of one contract on one day', () => {
    const twice = miniWorkbook((name, t) =>
      name.endsWith('sheet1.xml')
        ? t.replace('<v>45382</v>', '<v>45592</v>').replace('<c r="E8" t="s"><v>31</v>', '<c r="E8" t="s"><v>27</v>')
        : t,
    );
    expect(() => parse(twice)).toThrow(/two T3PA auctions on 2024-10-27/);
  });

  it('refuses a date that is not an Excel date', () => {
    const text = miniWorkbook((name, t) =>
      name.endsWith('sheet1.xml') ? t.replace('<c r="B7" t="n"><v>45592</v></c>', '<c r="B7" t="s"><v>28</v></c>') : t,
    );
    expect(() => parse(text)).toThrow(/row 7: Date "successful" is not an Excel date/);
  });

  it('refuses a sheet without the header', () => {
    const headless = miniWorkbook((name, t) => (name.endsWith('sheet1.xml') ? t.replace(/<row r="6">.*?<\/row>/, '') : t));
    expect(() => parse(headless)).toThrow(/no header row with "Date" and "Contract"/);
  });

  it('refuses an HTML page served instead of the workbook', () => {
    expect(() => parse(Buffer.from('<!DOCTYPE html><html><body>Maintenance</body></html>'))).toThrow(ParseError);
  });

  it('is recognized for import; a workbook with other sheets is not', () => {
    expect(report.detect!(fileSample('a.xlsx', miniWorkbook()))).toBe(true);
    const other = miniWorkbook((name, t) => (name === 'xl/workbook.xml' ? t.replace('Primary Market Auction', 'Secondary Market') : t));
    expect(report.detect!(fileSample('b.xlsx', other))).toBe(false);
  });

  it('a 404 for a year EEX has not published is NOT_PUBLISHED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'euets-'));
    const body = join(dir, 'missing.html');
    writeFileSync(body, '<html>Not Found</html>');
    const url = URL_2024.replace('2024', '2031');
    const ctx: RequestContext = { period: periodOf(report, '2031-01-10'), run: 'AUCTION', product: 'LMP', keys: {} };
    await expect(replayFetch(euetsConnector, report, ctx, [{ request: { url }, file: body, status: 404 }])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
    });
  });
});
