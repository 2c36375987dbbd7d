/**
 * AEMO's NEMweb (`nemweb.com.au/Reports/...`) and the aemo.com.au 5MIN feed as a simulated upstream.
 * Everything it serves is built from the recorded files in ../shared/fixtures/nem/, read in place:
 *
 * - `GET /Reports/Current/TradingIS_Reports/`: the folder listing as NEMweb's IIS writes it (the head,
 *   the `[To Parent Directory]` link and the `date time size <A HREF>` lines of the recorded ARCHIVE
 *   listing), one `PUBLIC_TRADINGIS_<YYYYMMDDHHMM>_<16-digit id>.zip` per 5-minute interval, named by
 *   the interval's END in NEM time (AEST, UTC+10, no DST);
 * - each such file: the recorded TradingIS zip (interval ending 2023-08-30 18:00) re-stamped to its
 *   interval (the `C` line's date, time and ids, SETTLEMENTDATE, PERIODID, LASTCHANGED; every price
 *   as recorded), zipped again as one deflated `.CSV` member named like the zip;
 * - `GET /Reports/ARCHIVE/TradingIS_Reports/`: the weekly archive listing, and each week's
 *   `PUBLIC_TRADINGIS_<Sunday>_<Saturday>.zip`: a zip of that week's interval zips as above.
 *
 * When files appear, taken from the recordings: the recorded interval file was written at 17:55:08
 * for its interval ending 18:00 (the `C` line; Last-Modified 07:55 GMT), so an interval's file is
 * listed from 4 min 52 s before its stamp, and a week's archive holds the files written in it
 * (Sunday 00:00 to Saturday 24:00: stamps from Sunday 00:05 to the next Sunday 00:00). The recorded
 * ARCHIVE listing (2023-09-02) shows each week listed at about 01:02 on the second Sunday after it
 * (20230813_20230819 on Sunday 27 August) and 56 weeks kept; its size column is reused (see
 * `recordedWeekSize`), as the week zips are built only when asked for. The simulation assumes the Current
 * folder keeps a file until its week is archived (so the two folders meet without a gap).
 *
 * `Current/Public_Prices/`, `Current/DispatchIS_Reports/` and `ARCHIVE/DispatchIS_Reports/` are
 * listed with no files: no PUBLIC_PRICES or DISPATCHIS file was ever recorded (SOURCES-INTL.md) to
 * build them from, so here they hold nothing and each report reading them answers NOT_PUBLISHED.
 *
 * `POST /aemo/apps/api/report/5MIN` answers the recorded 5MIN JSON (two days, 576 intervals a region)
 * moved in time so that its last row is the latest interval ended.
 *
 * What it enforces: the spacing of `nemMarket.hosts` (nemweb.com.au declares none, only 4 at a time;
 * visualisations.aemo.com.au one request a second, answered 429 when sooner), and a 404 (IIS's page)
 * for any file or folder NEMweb would not have at that moment: a stamp not listed (not written yet,
 * or archived away), an id other than the listed one, a week not archived yet or no longer kept.
 */
import AdmZip from 'adm-zip';
import { nemMarket } from '../../../backend/connectors/apac/nem/market';
import { readShared } from '../fixtures';
import { simulatedUpstream, type Answer, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const NEM_TRADINGIS_FILE = 'nem/PUBLIC_TRADINGIS_202308301800_0000000395916754.zip';
export const NEM_ARCHIVE_LISTING_FILE = 'nem/nemweb_Reports_ARCHIVE_TradingIS_Reports_index_2023-09-02.html';
export const NEM_FIVE_MIN_FILE = 'nem/aemo_visualisations_5MIN_2021-10-06_to_2021-10-08.json';
/** nemweb.com.au: what gridcell keeps for the host (no spacing, only concurrency). */
export const NEMWEB_SPACING_MS = nemMarket.hosts['nemweb.com.au'].minIntervalMs ?? 0;
/** visualisations.aemo.com.au: one request a second. */
export const NEM_FIVE_MIN_SPACING_MS = nemMarket.hosts['visualisations.aemo.com.au'].minIntervalMs ?? 0;
export const NEM_FIVE_MIN_PATH = '/aemo/apps/api/report/5MIN';
/** Weeks the ARCHIVE folder keeps, as many as the recorded listing holds. */
export const NEM_ARCHIVE_WEEKS_KEPT = 56;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIVE_MINUTES = 5 * MINUTE;
const AEST = 10 * HOUR;
/** A week is listed in ARCHIVE on the second Sunday after it, at 01:02 (Sunday it starts + 14 days). */
const ARCHIVED_AFTER_MS = 14 * DAY + HOUR + 2 * MINUTE;

const FOLDERS = {
  tradingIs: '/Reports/Current/TradingIS_Reports/',
  tradingIsArchive: '/Reports/ARCHIVE/TradingIS_Reports/',
  empty: ['/Reports/Current/Public_Prices/', '/Reports/Current/DispatchIS_Reports/', '/Reports/ARCHIVE/DispatchIS_Reports/'],
};

if (NEMWEB_SPACING_MS !== 0) throw new Error('nemweb.com.au now declares a spacing: the simulated NEMweb must enforce it');

const NOT_FOUND: Answer = {
  status: 404,
  type: 'text/html',
  body: '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>',
};

/** `YYYY/MM/DD HH:MM:SS` (and its pieces) of a UTC instant in NEM time. */
function nemTime(ms: number): { date: string; time: string; compact: string; d: Date } {
  const d = new Date(ms + AEST);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return { date, time, compact: `${date.replace(/\//g, '')}${time.slice(0, 5).replace(':', '')}`, d };
}

/** The UTC instant of a NEM-time `YYYYMMDDHHMM` or `YYYY/MM/DD HH:MM:SS`. */
function fromNem(stamp: string): number {
  const n = stamp.replace(/\D/g, '');
  const at = (i: number, len: number) => Number(n.slice(i, i + len) || 0);
  return Date.UTC(at(0, 4), at(4, 2) - 1, at(6, 2), at(8, 2), at(10, 2), at(12, 2)) - AEST;
}

interface Recorded {
  end: number;
  id: number;
  /** The CSV's lines (CRLF in the file). */
  lines: string[];
  /** How long before its interval's end the file was written (the `C` line), and its rows last changed. */
  writtenBefore: number;
  changedBefore: number;
}

let recordedCache: Recorded | undefined;

function recorded(): Recorded {
  if (recordedCache) return recordedCache;
  const [entry] = new AdmZip(readShared(NEM_TRADINGIS_FILE)).getEntries();
  const [, stamp, id] = /^PUBLIC_TRADINGIS_(\d{12})_(\d{16})\.CSV$/i.exec(entry.entryName)!;
  const lines = entry.getData().toString('latin1').split('\r\n');
  const end = fromNem(stamp);
  const c = lines[0].split(',');
  const columns = lines.find((l) => l.startsWith('I,TRADING,PRICE,'))!.split(',');
  const changed = lines.find((l) => l.startsWith('D,TRADING,PRICE,'))!.split(',')[columns.indexOf('LASTCHANGED')];
  recordedCache = {
    end,
    id: Number(id),
    lines,
    writtenBefore: end - fromNem(`${c[5]} ${c[6]}`),
    changedBefore: end - fromNem(changed),
  };
  return recordedCache;
}

/** The file id NEMweb gives the interval ending at `end` (the recorded id, one more per interval after it). */
function idOf(end: number): string {
  const { end: recordedEnd, id } = recorded();
  return String(id + (end - recordedEnd) / FIVE_MINUTES).padStart(16, '0');
}

const nameOf = (end: number): string => `PUBLIC_TRADINGIS_${nemTime(end).compact}_${idOf(end)}`;
const writtenAt = (end: number): number => end - recorded().writtenBefore;

/** The recorded CSV re-stamped to the interval ending at `end`: C line, SETTLEMENTDATE, PERIODID, LASTCHANGED. */
function intervalCsv(end: number): Buffer {
  const rec = recorded();
  const settlement = nemTime(end);
  const written = nemTime(end - rec.writtenBefore);
  const changed = nemTime(end - rec.changedBefore);
  // PERIODID counts the calendar day's 5-minute intervals (216 for the one ending 18:00); the one ending 24:00 is 288.
  const startOfDay = (end - FIVE_MINUTES + AEST) % DAY;
  const period = String(startOfDay / FIVE_MINUTES + 1);
  let columns: string[] = [];
  const lines = rec.lines.map((line, i) => {
    const cells = line.split(',');
    if (i === 0) {
      cells[5] = written.date;
      cells[6] = written.time;
      cells[7] = idOf(end);
      cells[9] = idOf(end - FIVE_MINUTES);
    } else if (cells[0] === 'I') columns = cells.slice(4);
    else if (cells[0] === 'D') {
      const set = (column: string, value: string) => {
        const at = columns.indexOf(column);
        if (at >= 0) cells[4 + at] = value;
      };
      set('SETTLEMENTDATE', `"${settlement.date} ${settlement.time}"`);
      set('PERIODID', period);
      set('LASTCHANGED', `"${changed.date} ${changed.time}"`);
    }
    return cells.join(',');
  });
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** A zip of deflated members (as AEMO writes them, stamped with the time written, NEM time). */
function zipOf(members: { name: string; bytes: Buffer; at: number }[]): Buffer {
  const zip = new AdmZip();
  for (const m of members) {
    zip.addFile(m.name, m.bytes);
    // A zip's time is a wall time, read off the Date's local fields: NEM's wall time, whatever the process's zone.
    const { d } = nemTime(m.at);
    zip.getEntry(m.name)!.header.time = new Date(
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    );
  }
  return zip.toBuffer();
}

const intervalZips = new Map<number, Buffer>();

/** The interval file, as NEMweb's Current folder serves it. */
export function intervalZip(end: number): Buffer {
  let zip = intervalZips.get(end);
  if (!zip) {
    zip = zipOf([{ name: `${nameOf(end)}.CSV`, bytes: intervalCsv(end), at: writtenAt(end) }]);
    if (intervalZips.size > 50_000) intervalZips.clear();
    intervalZips.set(end, zip);
  }
  return zip;
}

/** The interval stamps (ends) of the files written in [from, to). */
function endsWritten(from: number, to: number): number[] {
  const written = recorded().writtenBefore;
  const ends: number[] = [];
  for (let end = Math.ceil((from + written) / FIVE_MINUTES) * FIVE_MINUTES; end - written < to; end += FIVE_MINUTES) ends.push(end);
  return ends;
}

/** 00:00 NEM time of the Sunday starting the week that holds `at`. */
function sundayOf(at: number): number {
  const local = at + AEST;
  const midnight = local - (((local % DAY) + DAY) % DAY);
  return midnight - new Date(midnight).getUTCDay() * DAY - AEST;
}

const archivedAt = (sunday: number): number => sunday + ARCHIVED_AFTER_MS;
const weekName = (sunday: number): string =>
  `PUBLIC_TRADINGIS_${nemTime(sunday).compact.slice(0, 8)}_${nemTime(sunday + 6 * DAY).compact.slice(0, 8)}.zip`;

const weekZips = new Map<number, Buffer>();

/** A week's archive zip: the interval zips written from its Sunday 00:00 to the next, NEM time. */
function weekZip(sunday: number): Buffer {
  let zip = weekZips.get(sunday);
  if (!zip) {
    zip = zipOf(
      endsWritten(sunday, sunday + 7 * DAY).map((end) => ({ name: `${nameOf(end)}.zip`, bytes: intervalZip(end), at: writtenAt(end) })),
    );
    weekZips.clear(); // one at a time: a week is 2016 interval zips
    weekZips.set(sunday, zip);
  }
  return zip;
}

/** The Sundays of the weeks the ARCHIVE folder lists at `now`, oldest first. */
function archivedWeeks(now: number): number[] {
  let newest = sundayOf(now);
  while (archivedAt(newest) > now) newest -= 7 * DAY;
  return Array.from({ length: NEM_ARCHIVE_WEEKS_KEPT }, (_, i) => newest - (NEM_ARCHIVE_WEEKS_KEPT - 1 - i) * 7 * DAY);
}

/**
 * The size column of the ARCHIVE listing: the recorded listing's sizes, newest for newest (a week's zip
 * is built only when asked for, 2016 interval zips; the connector reads names, not sizes).
 */
let recordedSizes: number[] | undefined;

function recordedWeekSize(fromNewest: number): number {
  const sizes = (recordedSizes ??= [
    ...readShared(NEM_ARCHIVE_LISTING_FILE)
      .toString('latin1')
      .matchAll(/(\d+) <A HREF="[^"]+\.zip"/g),
  ].map((m) => Number(m[1])));
  return sizes[sizes.length - 1 - (fromNewest % sizes.length)];
}

/** The interval stamps the Current folder lists at `now`: written since the oldest week not archived began. */
function currentEnds(now: number): number[] {
  const weeks = archivedWeeks(now);
  return endsWritten(weeks[weeks.length - 1] + 7 * DAY, now + 1);
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One IIS listing line: `<date, 29 wide><time, 9 wide><size, 13 wide> <A HREF>`, as in the recorded listing. */
function listingLine(folder: string, name: string, at: number, size: number): string {
  const { d } = nemTime(at);
  const date = `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  const time = `${d.getUTCHours() % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  return `${date.padStart(29)}${time.padStart(9)}${String(size).padStart(13)} <A HREF="${folder}${name}">${name}</A><br>`;
}

/** A folder's listing: the recorded listing's head and tail around the lines. */
function listing(folder: string, lines: string[]): Answer {
  const page = readShared(NEM_ARCHIVE_LISTING_FILE).toString('latin1');
  const head = page
    .slice(0, page.indexOf('<br><br>') + '<br><br>'.length)
    .split(FOLDERS.tradingIsArchive)
    .join(folder);
  const parent = folder.replace(/[^/]+\/$/, '');
  const body = `${head.replace('<A HREF="/Reports/ARCHIVE/">', `<A HREF="${parent}">`)}${lines.join('')}${page.slice(page.lastIndexOf('</pre>'))}`;
  return { status: 200, type: 'text/html', body: Buffer.from(body, 'latin1') };
}

/** The recorded 5MIN answer moved so that its last row is the latest interval ended at `now`. */
function fiveMinute(now: number): Answer {
  const doc = JSON.parse(readShared(NEM_FIVE_MIN_FILE).toString('utf8')) as { '5MIN': { SETTLEMENTDATE: string }[] };
  const last = Math.max(...doc['5MIN'].map((r) => fromNem(r.SETTLEMENTDATE)));
  const shift = Math.floor(now / FIVE_MINUTES) * FIVE_MINUTES - last;
  for (const row of doc['5MIN']) {
    const t = nemTime(fromNem(row.SETTLEMENTDATE) + shift);
    row.SETTLEMENTDATE = `${t.date.replace(/\//g, '-')}T${t.time}`;
  }
  return { status: 200, type: 'application/json', body: JSON.stringify(doc) };
}

export function simulatedNem(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(
    time,
    NEM_FIVE_MIN_SPACING_MS,
    (url) => {
      const now = time.now();
      const path = url.pathname;
      if (path === NEM_FIVE_MIN_PATH) return fiveMinute(now);
      if (FOLDERS.empty.includes(path)) return listing(path, []);
      if (path === FOLDERS.tradingIs)
        return listing(
          path,
          currentEnds(now).map((end) => listingLine(path, `${nameOf(end)}.zip`, writtenAt(end), intervalZip(end).length)),
        );
      if (path === FOLDERS.tradingIsArchive)
        return listing(
          path,
          archivedWeeks(now).map((sunday, i, weeks) =>
            listingLine(path, weekName(sunday), archivedAt(sunday), recordedWeekSize(weeks.length - 1 - i)),
          ),
        );
      const file = /^(\/Reports\/(?:Current|ARCHIVE)\/TradingIS_Reports\/)(PUBLIC_TRADINGIS_[0-9_]+\.zip)$/.exec(path);
      if (file?.[1] === FOLDERS.tradingIs) {
        const end = currentEnds(now).find((e) => `${nameOf(e)}.zip` === file[2]);
        return end === undefined ? NOT_FOUND : { status: 200, type: 'application/x-zip-compressed', body: intervalZip(end) };
      }
      if (file?.[1] === FOLDERS.tradingIsArchive) {
        const sunday = archivedWeeks(now).find((s) => weekName(s) === file[2]);
        return sunday === undefined ? NOT_FOUND : { status: 200, type: 'application/x-zip-compressed', body: weekZip(sunday) };
      }
      return NOT_FOUND;
    },
    (url) => url.pathname === NEM_FIVE_MIN_PATH,
  );
}
