import { type ParsedPoint, ParseError } from '../../../domain';
import { checkRowWidth, columnIndex, headerWidth, readCsv } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { parseXml } from '../../../formats/xml';
import { isZip, singleZipMember } from '../../../formats/zip';
import { dayBounds, marketDay, pad } from '../../../time/clock';
import type { Parser } from '../../types';
import { readDay } from '../../shared/dates';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { FX_CLOCK, RATE_PRODUCT, REF_RUN } from './market';

const CSV_CAP = 64 * 1024 * 1024;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** One fixing of one currency: units per 1 EUR on a date. */
interface Fixing {
  date: string;
  currency: string;
  rate: number;
}

/**
 * Any ECB reference-rate file: the gesmes XML (daily, 90-day, history) or the CSV (bare, or zipped as
 * eurofxref.zip / eurofxref-hist.zip). When fetched for a period, only that period's days are returned.
 */
export const parseEcbFile: Parser = (body, ctx) => {
  const { source } = ctx;
  const fixings = readFixings(body, source);
  const wanted = ctx.request ? new Set(ctx.request.period.days) : undefined;
  const points: ParsedPoint[] = [];
  const bounds = new Map<string, { start: number; end: number }>(); // the history repeats each date ~30 times
  for (const f of fixings) {
    if (wanted && !wanted.has(f.date)) continue;
    let day = bounds.get(f.date);
    if (!day) bounds.set(f.date, (day = dayBounds(f.date, FX_CLOCK)));
    const { start, end } = day;
    points.push({ location: f.currency, run: REF_RUN, product: RATE_PRODUCT, start, end, value: f.rate });
  }
  return { points };
};

function readFixings(body: Buffer, source: string): Fixing[] {
  if (isZip(body)) return readCsvFixings(decodeText(singleZipMember(body, source, /\.csv$/i, CSV_CAP).bytes), source);
  const text = decodeText(body).trimStart();
  if (/^<\?xml|^<(\w+:)?Envelope/.test(text)) return readXmlFixings(text, source);
  if (/^date\s*,/i.test(text)) return readCsvFixings(text, source);
  throw new ParseError(source, `not an ECB reference-rate file (it starts "${text.slice(0, 40).replace(/\s+/g, ' ')}")`);
}

/** `<Envelope><Cube><Cube time='YYYY-MM-DD'><Cube currency='USD' rate='1.1252'/>...` */
function readXmlFixings(text: string, source: string): Fixing[] {
  const envelope = parseXml(text, source, ['Cube']).Envelope as { Cube?: { Cube?: Record<string, unknown>[] }[] } | undefined;
  const days = envelope?.Cube?.[0]?.Cube;
  if (!days) throw new ParseError(source, 'missing element "Cube" with the dated rates (is this the ECB eurofxref XML?)');
  const fixings: Fixing[] = [];
  const guard = new RowGuard(source, { where: (i) => `dated Cube ${i}`, when: (start) => marketDay(start, FX_CLOCK) });
  for (const [i, day] of days.entries()) {
    const date = day['@_time'];
    if (typeof date !== 'string') throw new ParseError(source, 'a dated Cube has no attribute "time"');
    guard.check('the reference rates', dayBounds(readDay(date, source, 'Cube time'), FX_CLOCK).start, i + 1);
    for (const cube of (day.Cube as Record<string, unknown>[] | undefined) ?? []) {
      const currency = cube['@_currency'];
      const rate = cube['@_rate'];
      if (typeof currency !== 'string' || typeof rate !== 'string')
        throw new ParseError(source, `a rate Cube of ${date} lacks attribute "currency" or "rate"`);
      const value = rateOf(rate, source, `${currency} on ${date}`);
      if (value !== undefined) fixings.push({ date, currency, rate: value });
    }
  }
  return fixings;
}

/** `Date,USD,JPY,...,` with ISO dates and N/A (history) or `Date, USD, ...` with `13 April 2026` (latest). */
function readCsvFixings(text: string, source: string): Fixing[] {
  const rows = readCsv(text, source);
  const header = rows[0] ?? [];
  const { date: dateAt } = columnIndex(header, { date: ['Date'] }, source);
  const currencies = header.map((h, i) => ({ code: h.trim(), at: i })).filter((c) => c.at !== dateAt && c.code !== '');
  for (const c of currencies) if (!/^[A-Z]{3}$/.test(c.code)) throw new ParseError(source, `column "${c.code}" is not a currency code`);
  const fixings: Fixing[] = [];
  const guard = new RowGuard(source, { when: (start) => marketDay(start, FX_CLOCK) });
  const width = headerWidth(header);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.every((cell) => cell === '')) continue;
    const stray = row.findIndex((cell, i) => cell !== '' && i !== dateAt && !(header[i] ?? '').trim());
    if (stray >= 0)
      throw new ParseError(source, `line ${r + 1} has a value ("${row[stray]}") under no currency column; the row is shifted`);
    checkRowWidth(row, width, source, r + 1);
    const date = csvDate(row[dateAt] ?? '', source, r + 1);
    guard.check('the reference rates', dayBounds(date, FX_CLOCK).start, r + 1);
    for (const c of currencies) {
      const rate = rateOf(row[c.at] ?? '', source, `${c.code} on ${date}`);
      if (rate !== undefined) fixings.push({ date, currency: c.code, rate });
    }
  }
  return fixings;
}

/** `2025-05-09` (the history) or `9 May 2025` (the latest). */
function csvDate(cell: string, source: string, line: number): string {
  const t = cell.trim();
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t);
  if (!m) return readDay(t, source, `line ${line}`);
  const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
  if (month === 0) throw new ParseError(source, `line ${line}: "${t}" is not a date`);
  return readDay(`${m[3]}-${pad(month)}-${pad(Number(m[1]))}`, source, `line ${line}`);
}

/** A positive rate; empty or N/A is missing (a currency not fixed that day). */
function rateOf(cell: string, source: string, what: string): number | undefined {
  if (cell.trim().toUpperCase() === 'N/A') return undefined;
  const rate = readNumber(cell, source, `the rate of ${what}`);
  if (rate !== undefined && rate <= 0) throw new ParseError(source, `the rate of ${what} is ${rate}, not a positive number`);
  return rate;
}
