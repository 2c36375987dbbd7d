/**
 * The ECB's euro reference rates (`www.ecb.europa.eu/stats/eurofxref/...`) as a simulated upstream,
 * built from the recorded files in ../shared/fixtures/ecb/:
 * - `eurofxref-hist.zip`: one `eurofxref-hist.csv` of every TARGET working day from 1999-01-04 to
 *   the day before today (weekdays but 1 January and 25/26 December), newest first, each row the
 *   recorded rates of 13 April 2026 (eurofxref_2026-04-13.csv) under its own ISO date, in the
 *   history's layout (`Date,USD,...,` and a trailing comma, LF).
 * - `eurofxref-hist-90d.xml`: the recorded daily XML of 2025-05-09, its rates block repeated for every
 *   TARGET day of the last 90 days before today, newest first.
 * - `eurofxref-daily.xml`: the recorded daily XML of 2025-05-09 re-stamped to today.
 * - `eurofxref.zip`: the recorded latest CSV (`eurofxref.csv`), re-dated to the last TARGET day before today.
 * The files take no parameters; any other path is a 404. It enforces the spacing gridcell keeps for
 * www.ecb.europa.eu (one request every 500 ms, 429 when broken).
 */
import AdmZip from 'adm-zip';
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const ECB_SPACING_MS = 500;
export const ECB_LATEST_CSV_FILE = 'ecb/eurofxref_2026-04-13.csv';
export const ECB_DAILY_XML_FILE = 'ecb/eurofxref-daily_2025-05-09.xml';

/** The recorded latest CSV: its currency codes and rates, in order. */
export function recordedEcbRates(): { currencies: string[]; rates: string[] } {
  const [header, row] = readShared(ECB_LATEST_CSV_FILE).toString('utf8').split(/\r?\n/);
  const cells = (line: string) =>
    line
      .split(',')
      .map((c) => c.trim())
      .slice(1, -1);
  return { currencies: cells(header), rates: cells(row) };
}

/** A TARGET closing day: a weekend, New Year's Day, Christmas or 26 December (Easter is not modelled). */
export function isTargetHoliday(day: DateTime): boolean {
  const md = day.toFormat('MM-dd');
  return day.weekday > 5 || md === '01-01' || md === '12-25' || md === '12-26';
}

function historyZip(today: string): Buffer {
  const { currencies, rates } = recordedEcbRates();
  const lines = [`Date,${currencies.join(',')},`];
  for (let d = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 }); d.toISODate()! >= '1999-01-04'; d = d.minus({ days: 1 }))
    if (!isTargetHoliday(d)) lines.push(`${d.toISODate()},${rates.join(',')},`);
  const zip = new AdmZip();
  zip.addFile('eurofxref-hist.csv', Buffer.from(`${lines.join('\n')}\n`));
  return zip.toBuffer();
}

/** The last TARGET day before `today`, ISO. */
function lastFixing(today: string): DateTime {
  let d = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 });
  while (isTargetHoliday(d)) d = d.minus({ days: 1 });
  return d;
}

/** The recorded daily XML's rate block repeated for every TARGET day of the last 90 days, newest first. */
function ninetyDays(today: string): string {
  const xml = readShared(ECB_DAILY_XML_FILE).toString('utf8');
  const block = /\t\t<Cube time='[^']*'>[\s\S]*?\n\t\t<\/Cube>\n/.exec(xml)![0];
  let blocks = '';
  for (let d = lastFixing(today); d >= DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 90 }); d = d.minus({ days: 1 }))
    if (!isTargetHoliday(d)) blocks += block.replace(/time='[^']*'/, `time='${d.toISODate()}'`);
  return xml.replace(block, blocks);
}

/** The recorded latest CSV re-dated to the last fixing (`13 April 2026` form), zipped as `eurofxref.csv`. */
function latestZip(today: string): Buffer {
  const csv = readShared(ECB_LATEST_CSV_FILE).toString('utf8').replace('13 April 2026', lastFixing(today).toFormat('d MMMM yyyy'));
  const zip = new AdmZip();
  zip.addFile('eurofxref.csv', Buffer.from(csv));
  return zip.toBuffer();
}

export function simulatedEcb(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, ECB_SPACING_MS, (url) => {
    const today = DateTime.fromMillis(time.now(), { zone: 'Europe/Berlin' }).toISODate()!;
    if (url.pathname === '/stats/eurofxref/eurofxref-hist.zip') return { status: 200, type: 'application/zip', body: historyZip(today) };
    if (url.pathname === '/stats/eurofxref/eurofxref-daily.xml')
      return {
        status: 200,
        type: 'text/xml',
        body: readShared(ECB_DAILY_XML_FILE)
          .toString('utf8')
          .replace(/time='[^']*'/, `time='${today}'`),
      };
    if (url.pathname === '/stats/eurofxref/eurofxref-hist-90d.xml') return { status: 200, type: 'text/xml', body: ninetyDays(today) };
    if (url.pathname === '/stats/eurofxref/eurofxref.zip') return { status: 200, type: 'application/zip', body: latestZip(today) };
    return { status: 404, type: 'text/html', body: '<html><body><h1>Page not found</h1></body></html>' };
  });
}
