import { GridError } from '../errors';
import { dayBounds, isCalendarDate, marketDay, parseDay, wallTime, zoneOf, type Clock } from '../time/clock';

/** What a query's START and END mean on a clock. */
export interface TimeRange {
  /** UTC ms, inclusive. */
  from: number;
  /** UTC ms, exclusive. */
  to: number;
  /** Market days the range touches, in order. */
  days: string[];
  /** A date-time START with no END: the one interval containing `from`. */
  instant: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** A longer range than this many days is refused (ask in parts): about 30 years. */
export const MAX_RANGE_DAYS = 11_000;

/**
 * Date-only START/END are market days on the market clock, END included. A date-time is read on
 * `tz` (the market clock unless asked otherwise) unless it carries an offset; a date-time END is
 * exclusive.
 */
export function parseRange(start: string | undefined, end: string | undefined, marketClock: Clock, tz: Clock): TimeRange {
  if (!start || !start.trim()) throw new GridError('BAD_DATE', 'Say which date: start=YYYY-MM-DD (a market day) or a date-time like 2025-07-01T14:00.');
  const s = start.trim();
  const e = end?.trim() || undefined;
  if (DATE_ONLY.test(s)) {
    parseDay(s);
    const from = dayBounds(s, marketClock).start;
    let to = dayBounds(s, marketClock).end;
    if (e) {
      if (DATE_ONLY.test(e)) to = dayBounds(e, marketClock).end;
      else to = parseDateTime(e, tz);
    }
    return finish(from, to, marketClock, s, e);
  }
  const from = parseDateTime(s, tz);
  if (!e) return { from, to: from + 1, days: [marketDay(from, marketClock)], instant: true };
  const to = DATE_ONLY.test(e) ? dayBounds(e, marketClock).end : parseDateTime(e, tz);
  return finish(from, to, marketClock, s, e);
}

function finish(from: number, to: number, clock: Clock, s: string, e: string | undefined): TimeRange {
  if (to <= from) throw new GridError('BAD_DATE', `The end (${e}) is not after the start (${s}).`);
  const days: string[] = [];
  let day = marketDay(from, clock);
  const last = marketDay(to - 1, clock);
  for (;;) {
    days.push(day);
    if (day >= last) break;
    if (days.length > MAX_RANGE_DAYS) {
      throw new GridError('RANGE_TOO_LARGE', `${s} to ${e} is more than ${MAX_RANGE_DAYS} days; ask for at most ${MAX_RANGE_DAYS} days at a time.`);
    }
    day = nextDay(day);
  }
  return { from, to, days, instant: false };
}

function nextDay(day: string): string {
  const { year, month, day: d } = parseDay(day);
  return new Date(Date.UTC(year, month - 1, d + 1)).toISOString().slice(0, 10);
}

export function parseDateTime(text: string, tz: Clock): number {
  const m = DATE_TIME.exec(text);
  if (!m) throw new GridError('BAD_DATE', `"${text}" is not a date or date-time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM.`);
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
    return Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  }
  zoneOf(tz);
  return wallTime(tz, year, month, day, hour, minute) + second * 1000;
}
