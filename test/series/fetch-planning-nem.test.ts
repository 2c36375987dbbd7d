/**
 * The fetch planner on a simulated AEMO NEMweb (test/support/simulated/nem.ts): folder listings,
 * interval files and weekly archive zips built from the recorded TradingIS file and ARCHIVE listing
 * in ../shared/fixtures/nem. Each test asks the real app (the registered NEM connector sent to the
 * simulated host) for a recent day or an older week, counts the requests against the connector's own
 * rules (its reports in order, each day falling through to the next on NOT_PUBLISHED), checks the
 * simulated clock and the values stored against the recorded file, read here.
 *
 * The simulated NEMweb holds TradingIS only (no PUBLIC_PRICES or DISPATCHIS file was ever recorded):
 * its Public_Prices and DispatchIS folders are listed empty, so the reports before TradingIS each
 * cost a listing and answer NOT_PUBLISHED.
 */
import AdmZip from 'adm-zip';
import { createApp } from '../../backend/app/create-app';
import type { Connector } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import type { SeriesResponse } from '../../contract';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared, readShared } from '../support/fixtures';
import {
  NEM_ARCHIVE_LISTING_FILE,
  NEM_FIVE_MIN_FILE,
  NEM_FIVE_MIN_PATH,
  NEM_FIVE_MIN_SPACING_MS,
  NEM_TRADINGIS_FILE,
  NEMWEB_SPACING_MS,
  simulatedNem,
} from '../support/simulated/nem';
import { SimulatedTime } from '../support/simulated/time';
import { daysFrom, type SimulatedUpstream } from '../support/simulated/upstream';

/** Sunday 29 November 2026, 12:00 AEST. */
const TODAY = '2026-11-29T02:00:00Z';
const REGIONS = ['NSW1', 'QLD1', 'SA1', 'TAS1', 'VIC1'];
const FIVE_MINUTES = 5 * 60_000;

const CURRENT = '/Reports/Current/TradingIS_Reports/';
const ARCHIVE = '/Reports/ARCHIVE/TradingIS_Reports/';
const PUBLIC_PRICES = '/Reports/Current/Public_Prices/';
const DISPATCH_ARCHIVE = '/Reports/ARCHIVE/DispatchIS_Reports/';
const DISPATCH_CURRENT = '/Reports/Current/DispatchIS_Reports/';

type App = ReturnType<typeof createApp>;

/** The registered NEM connector sent to the simulated NEMweb, with the limits gridcell keeps for nemweb.com.au. */
function onNemweb(upstream: SimulatedUpstream): Connector {
  return redirected(registered('NEM'), upstream.url, registered('NEM').market.hosts['nemweb.com.au']);
}

function appOn(time: SimulatedTime, connector: Connector): App {
  return createApp({ env: cleanEnv(), connectors: [connector], http: new HttpClient({ time }), now: time.now });
}

async function using<T>(app: App, body: (app: App) => Promise<T>): Promise<T> {
  try {
    return await body(app);
  } finally {
    await app.close();
  }
}

/** A column of the recorded TradingIS file's TRADING,PRICE table (RRP, RAISE6SECRRP, ...) by region, read from the zip. */
function recordedPrice(column: string): Record<string, number> {
  const [entry] = new AdmZip(readShared(NEM_TRADINGIS_FILE)).getEntries();
  const lines = entry
    .getData()
    .toString('latin1')
    .split(/\r?\n/)
    .map((l) => l.split(','));
  const header = lines.find((c) => c[0] === 'I' && c[1] === 'TRADING' && c[2] === 'PRICE')!.slice(4);
  const rows = lines.filter((c) => c[0] === 'D' && c[1] === 'TRADING' && c[2] === 'PRICE').map((c) => c.slice(4));
  return Object.fromEntries(rows.map((r) => [r[header.indexOf('REGIONID')], Number(r[header.indexOf(column)])]));
}

/** `YYYYMMDDHHMM` stamps (interval ends, NEM time) of a market day's 288 intervals: 00:05 to 24:00 (the next day's 0000). */
function dayStamps(day: string): string[] {
  const start = Date.parse(`${day}T00:00:00+10:00`);
  return Array.from({ length: 288 }, (_, i) => {
    const t = new Date(start + (i + 1) * FIVE_MINUTES + 10 * 3_600_000).toISOString();
    return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}`;
  });
}

/** Each market day (AEST) of an answer has its 288 consecutive five-minute intervals, 00:00 to 24:00. */
function expectWholeDays(answer: SeriesResponse, days: string[]): void {
  expect(answer.points).toHaveLength(days.length * 288);
  for (const [d, day] of days.entries()) {
    const points = answer.points.slice(d * 288, (d + 1) * 288);
    expect(points.every((p) => p.start.startsWith(day))).toBe(true);
    expect(Date.parse(points[0].start)).toBe(Date.parse(`${day}T00:00:00+10:00`));
    points.forEach((p, i) => {
      expect(Date.parse(p.start)).toBe(Date.parse(`${day}T00:00:00+10:00`) + i * FIVE_MINUTES);
      expect(Date.parse(p.end) - Date.parse(p.start)).toBe(FIVE_MINUTES);
    });
  }
}

describeShared([NEM_TRADINGIS_FILE, NEM_ARCHIVE_LISTING_FILE, NEM_FIVE_MIN_FILE])('NEM on its simulated NEMweb', () => {
  let time: SimulatedTime;
  let nem: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    nem = await simulatedNem(time);
  });
  afterEach(() => nem.close());
  const app = () => appOn(time, onNemweb(nem));
  const paths = () => nem.requests.map((r) => r.url);

  test('yesterday is 5 listings + 288 interval files (the day falls through 4 reports to Current TradingIS); a second region is 0', () =>
    using(app(), async (a) => {
      const started = time.now();
      const nsw = await seriesOf(a, { market: 'NEM', location: 'NSW1', start: '2026-11-28' });
      // The connector's order, each report answering NOT_PUBLISHED for a day it does not hold:
      // 1. Public_Prices: its listing (no file for the day here);
      // 2. ARCHIVE TradingIS: its listing (the week of 22-28 November is archived on 6 December);
      // 3. ARCHIVE DispatchIS: its listing (none here);
      // 4. Current DispatchIS: its listing (none here);
      // 5. Current TradingIS: its listing, then one file per interval of the day: 288.
      expect(paths().slice(0, 5)).toEqual([PUBLIC_PRICES, ARCHIVE, DISPATCH_ARCHIVE, DISPATCH_CURRENT, CURRENT]);
      const files = paths().slice(5);
      expect(files).toHaveLength(288);
      const stamps = files.map((p) => new RegExp(`^${CURRENT}PUBLIC_TRADINGIS_(\\d{12})_\\d{16}\\.zip$`).exec(p)?.[1]);
      expect(stamps.sort()).toEqual(dayStamps('2026-11-28'));
      expect(nem.requests).toHaveLength(5 + 288);
      // nemweb.com.au declares no spacing (4 at a time): nothing is answered 429 and no simulated time passes.
      expect(NEMWEB_SPACING_MS).toBe(0);
      expect(nem.requests.every((r) => r.status === 200)).toBe(true);
      expect(time.now()).toBe(started);
      // Every interval has the recorded prices (the one recorded file, re-stamped).
      expectWholeDays(nsw, ['2026-11-28']);
      const rrp = recordedPrice('RRP');
      expect(new Set(nsw.points.map((p) => p.value))).toEqual(new Set([rrp.NSW1]));
      // The files hold every region and price: the other regions are stored already.
      for (const region of REGIONS.filter((r) => r !== 'NSW1')) {
        const other = await seriesOf(a, { market: 'NEM', location: region, start: '2026-11-28' });
        expectWholeDays(other, ['2026-11-28']);
        expect(new Set(other.points.map((p) => p.value))).toEqual(new Set([rrp[region]]));
      }
      const raise = await seriesOf(a, { market: 'NEM', location: 'TAS1', product: 'RAISE6SEC', start: '2026-11-28' });
      expect(new Set(raise.points.map((p) => p.value))).toEqual(new Set([recordedPrice('RAISE6SECRRP').TAS1]));
      expect(nem.requests).toHaveLength(5 + 288);
    }));

  test('an older week is 1 Public_Prices listing (a window of the week) + the ARCHIVE listing + 2 week zips (the week and the next)', () =>
    using(app(), async (a) => {
      const started = time.now();
      const days = daysFrom('2026-11-01', '2026-11-07');
      const week = await seriesOf(a, { market: 'NEM', location: 'SA1', start: days[0], end: days[6] });
      // 1. Public_Prices takes a window of up to 31 days: its listing once (the week's files are not in it);
      // 2. ARCHIVE TradingIS (periodOf: the Sunday-to-Saturday week): its listing, the week's zip, and the next
      //    week's zip, as `archiveFiles` adds the zip holding the day after the period when it is listed.
      expect(paths().slice(0, 1)).toEqual([PUBLIC_PRICES]);
      expect(paths().slice(1)).toEqual([
        ARCHIVE,
        `${ARCHIVE}PUBLIC_TRADINGIS_20261101_20261107.zip`,
        `${ARCHIVE}PUBLIC_TRADINGIS_20261108_20261114.zip`,
      ]);
      expect(nem.requests).toHaveLength(4);
      expect(nem.requests.every((r) => r.status === 200)).toBe(true);
      expect(time.now()).toBe(started);
      expectWholeDays(week, days);
      expect(new Set(week.points.map((p) => p.value))).toEqual(new Set([recordedPrice('RRP').SA1]));
      // The whole market was stored from the zip: another region of the week asks nothing.
      const vic = await seriesOf(a, { market: 'NEM', location: 'VIC1', start: days[0], end: days[6] });
      expectWholeDays(vic, days);
      expect(nem.requests).toHaveLength(4);
    }));

  test('the latest archived week is 1 Public_Prices listing + the ARCHIVE listing + 1 week zip (the next is not listed yet)', () =>
    using(app(), async (a) => {
      const days = daysFrom('2026-11-15', '2026-11-21');
      const week = await seriesOf(a, { market: 'NEM', location: 'QLD1', start: days[0], end: days[6] });
      // Archived at 01:02 today (the second Sunday after it); 22-28 November is still in Current.
      expect(paths()).toEqual([PUBLIC_PRICES, ARCHIVE, `${ARCHIVE}PUBLIC_TRADINGIS_20261115_20261121.zip`]);
      expect(nem.requests.every((r) => r.status === 200)).toBe(true);
      // The day's last interval (ending 24:00 on Saturday 21 November) is in the week's own zip: the whole week.
      expectWholeDays(week, days);
      expect(new Set(week.points.map((p) => p.value))).toEqual(new Set([recordedPrice('RRP').QLD1]));
    }));

  test('the simulated NEMweb answers 404 for files it does not hold and 429 for the 5MIN feed inside its second', async () => {
    const get = async (p: string, method = 'GET') => (await fetch(`${nem.url}${p}`, { method })).status;
    const listing = await (await fetch(`${nem.url}${CURRENT}`)).text();
    const names = [...listing.matchAll(/<A HREF="[^"]+\/(PUBLIC_TRADINGIS_\d{12}_\d{16}\.zip)">/g)].map((m) => m[1]);
    // Listed from 22 November 00:05 (the week after the newest archived one) to the file written before 12:00 today.
    expect(names[0]).toMatch(/^PUBLIC_TRADINGIS_202611220005_/);
    expect(names[names.length - 1]).toMatch(/^PUBLIC_TRADINGIS_202611291200_/);
    expect(names).toHaveLength(7 * 288 + 144);
    expect(await get(`${CURRENT}${names[0]}`)).toBe(200);
    expect(await get(`${CURRENT}${names[0].replace(/_\d{16}\.zip$/, '_0000000000000001.zip')}`)).toBe(404); // another id
    expect(await get(`${CURRENT}PUBLIC_TRADINGIS_202611291205_0000000396905834.zip`)).toBe(404); // not written yet
    expect(await get(`${ARCHIVE}PUBLIC_TRADINGIS_20261122_20261128.zip`)).toBe(404); // archived on 6 December
    expect(await get(`${ARCHIVE}PUBLIC_TRADINGIS_20251019_20251025.zip`)).toBe(404); // no longer kept (56 weeks)
    expect(await get(`${ARCHIVE}PUBLIC_TRADINGIS_20251026_20251101.zip`)).toBe(200); // the oldest kept
    expect(await get('/Reports/Current/Public_Prices/PUBLIC_PRICES_202611270000_20261128040502.zip')).toBe(404);
    expect(await get(`${CURRENT}`)).toBe(200); // nemweb.com.au: no spacing
    expect(await get(NEM_FIVE_MIN_PATH, 'POST')).toBe(200);
    expect(await get(NEM_FIVE_MIN_PATH, 'POST')).toBe(429);
    await time.sleep(NEM_FIVE_MIN_SPACING_MS);
    expect(await get(NEM_FIVE_MIN_PATH, 'POST')).toBe(200);
    expect(nem.requests.filter((r) => r.status === 429).map((r) => r.url)).toEqual([NEM_FIVE_MIN_PATH]);
  });
});
