import { addDays } from '../../../time/clock';
import { isZip, zipEntries } from '../../../formats/zip';
import type { FileSample, Report } from '../../types';
import { calendarMonth, calendarYear } from '../../../time/periods';
import { RATE_PRODUCT, REF_RUN } from './market';
import { parseEcbFile } from './parse';
import { DAILY_XML_URL, HISTORY_ZIP_URL, LATEST_ZIP_URL, NINETY_DAY_XML_URL, ecbRequest } from './requests';

/** The 90-day file serves a month only when the whole month lies inside its window (with a margin). */
const NINETY_DAY_WINDOW = 85;

const common = {
  runs: [REF_RUN],
  products: [RATE_PRODUCT],
  scope: 'market' as const,
  parse: parseEcbFile,
};

/** Every fixing since 1999-01-04 in one zipped CSV; fetched per calendar year, returns that year. */
export const historyReport: Report = {
  ...common,
  id: 'fx.ecb_hist',
  description: 'ECB euro reference rates, full history (eurofxref-hist.zip, CSV)',
  validFrom: '1999-01-04',
  periodOf: calendarYear,
  request: ecbRequest(HISTORY_ZIP_URL),
  detect: isEcbCsv,
};

/** The last 90 days of fixings (XML); fetched per calendar month. */
export const ninetyDayReport: Report = {
  ...common,
  id: 'fx.ecb_90d',
  description: 'ECB euro reference rates, last 90 days (eurofxref-hist-90d.xml)',
  periodOf: calendarMonth,
  request: ecbRequest(NINETY_DAY_XML_URL),
  detect: isEcbXml,
};

/** Today's fixing (XML), published about 16:00 CET on TARGET working days. */
export const dailyReport: Report = {
  ...common,
  id: 'fx.ecb_daily',
  description: 'ECB euro reference rates, latest fixing (eurofxref-daily.xml)',
  request: ecbRequest(DAILY_XML_URL),
};

/** Today's fixing as the zipped CSV (`13 April 2026` dates). */
export const latestCsvReport: Report = {
  ...common,
  id: 'fx.ecb_latest_csv',
  description: 'ECB euro reference rates, latest fixing (eurofxref.zip, CSV)',
  request: ecbRequest(LATEST_ZIP_URL),
};

/**
 * Which ECB file to fetch for a market day, given today's date on the FX clock: the daily file for today,
 * the 90-day file for a month wholly inside its window, the full history otherwise.
 * (The connector lists the history first, so a read path that takes the first report is still right.)
 */
export function ecbReportFor(day: string, today: string): Report {
  if (day === today) return dailyReport;
  if (calendarMonth(day).days[0] >= addDays(today, -NINETY_DAY_WINDOW)) return ninetyDayReport;
  return historyReport;
}

/** An ECB CSV, bare or zipped: header `Date,USD,JPY,...` (the history) or `Date, USD, ...` (the latest). */
function isEcbCsv(file: FileSample): boolean {
  if (isZip(file.bytes)) {
    try {
      const entries = zipEntries(file.bytes, file.name);
      return entries.length === 1 && /^eurofxref(-hist)?\.csv$/i.test(entries[0].name);
    } catch {
      return false;
    }
  }
  return /^(\xEF\xBB\xBF)?Date\s*,\s*USD\s*,\s*JPY\s*,/.test(file.head);
}

/** The ECB gesmes envelope in the eurofxref vocabulary. */
function isEcbXml(file: FileSample): boolean {
  return /<(\w+:)?Envelope[\s>]/.test(file.head) && file.head.includes('http://www.ecb.int/vocabulary/2002-08-01/eurofxref');
}
