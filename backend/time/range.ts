import { GridError, type Clock, type MarketDay } from '../domain';
import { addDays, dayBounds, isCalendarDate, marketDay, parseDay, utcInstant, wallTime, zoneOf } from './clock';
import { DATE_FORMS_TEXT, dateWord, type DaySpan } from './relative-dates';

/** What a query's START and END mean on a clock. */
export interface TimeRange {
  /** UTC ms, inclusive. */
  from: number;
  /** UTC ms, exclusive. */
  to: number;
  /** Market days the range touches, in order. */
  days: MarketDay[];
  /** A date-time START with no END: the one interval containing `from`. */
  instant: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** A longer range than this many days is refused (ask in parts): about 30 years. */
export const MAX_RANGE_DAYS = 11_000;

/**
 * Date-only START/END are market days on the market clock, END included; so are relative dates and
 * periods (`T-1`, `MTD`, `2026-07`, `Q3-2026`, `CAL-2027`, today being the market day of `now`): a
 * period START with no END is the whole period, a period END its last day. A date-time is read on
 * `tz` (the market clock unless asked otherwise) unless it carries an offset; a date-time END is
 * exclusive.
 */
export function parseRange(start: string, end: string | undefined, marketClock: Clock, tz: Clock, now = Date.now()): TimeRange {
  const s = start.trim();
  const e = end?.trim() || undefined;
  const first = daySpan(s, marketClock, now);
  const from = first ? dayBounds(first.first, marketClock).start : parseDateTime(s, tz);
  if (!e) {
    if (first) return spanning(from, dayBounds(first.last, marketClock).end, marketClock, s, e);
    return { from, to: from + 1, days: [marketDay(from, marketClock)], instant: true };
  }
  const last = daySpan(e, marketClock, now);
  const to = last ? dayBounds(last.last, marketClock).end : parseDateTime(e, tz);
  return spanning(from, to, marketClock, s, e);
}

/** Throws the BAD_DATE error of one side of a range, so that the error names the field that is wrong. */
export function checkDate(text: string, clock: Clock, tz: Clock, now: number): void {
  if (!daySpan(text.trim(), clock, now)) parseDateTime(text.trim(), tz);
}

/** The market days a date-only text or a date word names; undefined for a date-time. */
export function daySpan(text: string, clock: Clock, now: number): DaySpan | undefined {
  if (DATE_ONLY.test(text)) {
    parseDay(text);
    return { first: text, last: text };
  }
  return dateWord(text, clock, now);
}

/** The market days from `first` to `last`, both included. */
export function dayRange(first: MarketDay, last: MarketDay, clock: Clock): TimeRange {
  return spanning(dayBounds(first, clock).start, dayBounds(last, clock).end, clock, first, last);
}

function spanning(from: number, to: number, clock: Clock, s: string, e: string | undefined): TimeRange {
  if (to <= from) throw new GridError('BAD_DATE', `The end (${e}) is not after the start (${s}).`);
  const days: MarketDay[] = [];
  const last = marketDay(to - 1, clock);
  for (let day = marketDay(from, clock); ; day = addDays(day, 1)) {
    days.push(day);
    if (day >= last) break;
    if (days.length > MAX_RANGE_DAYS) {
      throw new GridError(
        'RANGE_TOO_LARGE',
        `${s} to ${e} is more than ${MAX_RANGE_DAYS} days; ask for at most ${MAX_RANGE_DAYS} days at a time.`,
      );
    }
  }
  return { from, to, days, instant: false };
}

export function parseDateTime(text: string, tz: Clock): number {
  const m = DATE_TIME.exec(text);
  if (!m) throw new GridError('BAD_DATE', `"${text}" is not a date or date-time; write ${DATE_FORMS_TEXT}.`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  if (!isCalendarDate(year, month, day)) throw new GridError('BAD_DATE', `"${text}" is not a calendar date.`);
  if (hour > 24 || minute > 59 || second > 59) throw new GridError('BAD_DATE', `"${text}" has an impossible time of day.`);
  if (m[7]) {
    const offset = m[7].toUpperCase() === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
    return utcInstant(year, month, day, hour, minute, second) - offset * 60_000;
  }
  zoneOf(tz);
  return wallTime(tz, year, month, day, hour, minute) + second * 1000;
}
