import { DATE_WORD_FORMS, DATE_WORDS } from '../../contract';
import { GridError, type Clock, type MarketDay } from '../domain';
import { addDays, daysInMonth, marketDay, pad, parseDay } from './clock';

/** The market days a date word stands for, both included: one day for `T-1`, a month for `2026-07`. */
export interface DaySpan {
  first: MarketDay;
  last: MarketDay;
}

/** The longest word: `CAL-2027`, `T-99999`. */
const WORD_MAX_LENGTH = 8;

/** What a date may be written as, for error messages. */
export const DATE_FORMS_TEXT = `YYYY-MM-DD, YYYY-MM-DDTHH:MM, or one of ${DATE_WORD_FORMS.join(', ')}`;

/**
 * The days a relative date or a period names, today being the market day of `now` on `clock`;
 * undefined when the text is not such a word (it may still be a date). Case-insensitive.
 */
export function dateWord(text: string, clock: Clock, now: number): DaySpan | undefined {
  const t = text.trim();
  if (t.length > WORD_MAX_LENGTH) return undefined; // a date-time, the common case: no pattern to try
  let m: RegExpExecArray | null;
  if ((m = DATE_WORDS.month.exec(t))) return monthSpan(t, Number(m[1]), Number(m[2]));
  if ((m = DATE_WORDS.quarter.exec(t))) {
    const [quarter, year] = [Number(m[1]), Number(m[2])];
    return { first: `${year}-${pad(quarter * 3 - 2)}-01`, last: monthSpan(t, year, quarter * 3).last };
  }
  if ((m = DATE_WORDS.year.exec(t))) return { first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  const today = marketDay(now, clock);
  if ((m = DATE_WORDS.today.exec(t))) return single(addDays(today, sign(m[1]) * Number(m[2] ?? 0)));
  if ((m = DATE_WORDS.offset.exec(t))) {
    const n = sign(m[1]) * Number(m[2]);
    const unit = m[3].toUpperCase();
    if (unit === 'D' || unit === 'W') return single(addDays(today, unit === 'W' ? 7 * n : n));
    return single(addMonths(today, unit === 'Y' ? 12 * n : n));
  }
  if ((m = DATE_WORDS.toDate.exec(t))) {
    const { year, month } = parseDay(today);
    const firstOfMonth = `${year}-${pad(month)}-01`;
    switch (m[1].toUpperCase()) {
      case 'MTD':
        return { first: firstOfMonth, last: today };
      case 'YTD':
        return { first: `${year}-01-01`, last: today };
      case 'BOM':
        return single(firstOfMonth);
      default:
        return single(monthSpan(t, year, month).last);
    }
  }
  return undefined;
}

function single(day: MarketDay): DaySpan {
  return { first: day, last: day };
}

function sign(text: string | undefined): number {
  return text === '-' ? -1 : 1;
}

function monthSpan(text: string, year: number, month: number): DaySpan {
  if (month < 1 || month > 12) throw new GridError('BAD_DATE', `"${text}" has no month ${month}; write a month as YYYY-MM, e.g. 2026-07.`);
  return { first: `${year}-${pad(month)}-01`, last: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
}

/** The same day of the month `n` months on, or that month's last day when it is shorter (03-31 - 1M = 02-28). */
function addMonths(day: MarketDay, n: number): MarketDay {
  const d = parseDay(day);
  const index = d.year * 12 + (d.month - 1) + n;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  if (year < 0 || year > 9999) throw new GridError('BAD_DATE', `${n} months from ${day} is outside the years 0 to 9999.`);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(Math.min(d.day, daysInMonth(year, month)))}`;
}
