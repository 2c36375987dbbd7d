import { ParseError } from '../../domain';
import { isCalendarDate, pad, utcInstant } from '../../time/clock';

/** `YYYY-MM-DD` as `YYYYMMDD`, as most sources write a day in file names and URLs. */
export function compactDay(day: string): string {
  return day.replace(/-/g, '');
}

/** A `YYYY-MM-DD` date that is on the calendar. */
export function readDay(text: string, source: string, where: string): string {
  const day = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || !isCalendarDate(+m[1], +m[2], +m[3]))
    throw new ParseError(source, `${where}: "${day.slice(0, 30)}" is not a date (YYYY-MM-DD)`);
  return day;
}

/** A date and time as a file writes it, before any clock is applied. */
export type WallDateTime = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

/** The fields, checked: a calendar date and a time of day. */
function wallDateTime([year, month, day, hour, minute, second]: number[]): WallDateTime | undefined {
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}

const DATE_TIME = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** `2025-07-01T04:00:00`, `2025-07-01 04:00` or `2023/08/30 18:00:00`: a date-time without an offset. */
export function readDateTime(text: string, source: string, where: string): WallDateTime {
  const m = DATE_TIME.exec(text.trim());
  const t = m && wallDateTime([1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)));
  if (!t) throw new ParseError(source, `${where}: "${text.slice(0, 30)}" is not a date-time (YYYY-MM-DD HH:MM[:SS])`);
  return t;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time that carries its UTC offset (`2023-01-01T08:00:00-00:00`, `2023-05-06T22:00Z`), as epoch ms. */
export function readInstant(text: string, source: string, where: string): number {
  const m = INSTANT.exec(text.trim());
  const ms = m && isCalendarDate(+m[1], +m[2], +m[3]) ? Date.parse(text.trim()) : NaN;
  if (!Number.isFinite(ms)) throw new ParseError(source, `${where}: "${text.slice(0, 40)}" is not a date-time with a UTC offset`);
  return ms;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i;

/** Does the cell hold a US `MM/DD/YYYY` date (as some preambles do)? */
export function isUsDate(text: string): boolean {
  return US_DATE.test(text.trim());
}

/** `MM/DD/YYYY` (or `M/D/YYYY`), as US ISOs write dates, to `YYYY-MM-DD`. */
export function usDate(text: string, source: string, where: string): string {
  const m = US_DATE.exec(text.trim());
  if (!m || !isCalendarDate(+m[3], +m[1], +m[2])) throw new ParseError(source, `${where}: "${text.slice(0, 20)}" is not a MM/DD/YYYY date`);
  return `${m[3]}-${pad(+m[1])}-${pad(+m[2])}`;
}

/**
 * `MM/DD/YYYY HH:MM[:SS]` as ISO Express, AESO, SPP, NYISO and ERCOT write time stamps, or with a
 * 12-hour clock as Data Miner exports them (`7/1/2025 4:00:00 AM`).
 */
export function readUsDateTime(text: string, source: string, where: string): WallDateTime {
  const m = US_DATE_TIME.exec(text.trim());
  const t = m ? usFields(m) : undefined;
  if (!t) throw new ParseError(source, `${where}: "${text.slice(0, 30)}" is not a time stamp of the form MM/DD/YYYY HH:MM[:SS]`);
  return t;
}

/** A US stamp's fields, a 12-hour clock turned into 24 hours. */
function usFields(m: RegExpExecArray): WallDateTime | undefined {
  const [month, day, year, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const half = m[7]?.toUpperCase();
  if (!half) return wallDateTime([year, month, day, hour, minute, second]);
  if (hour < 1 || hour > 12) return undefined;
  return wallDateTime([year, month, day, (hour % 12) + (half === 'PM' ? 12 : 0), minute, second]);
}

/** A date-time the source writes in UTC, as epoch ms. */
export function utcOf(t: WallDateTime): number {
  return utcInstant(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/** The `YYYY-MM-DD` day of a date-time. */
export function dayOf(t: WallDateTime): string {
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}
