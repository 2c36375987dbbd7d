import { type Clock, ParseError } from '../../domain';
import { detached } from '../../formats/text';
import { isCalendarDate, pad, utcInstant, wallTime } from '../../time/clock';
import { at } from './numbers';

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

/**
 * An ISO 8601 date-time that carries its UTC offset (`2023-01-01T08:00:00-00:00`, `2023-05-06T22:00Z`),
 * as epoch ms. `line`, when given, is written into an error only (a file of 160,000 rows reads two
 * a row).
 */
export function readInstant(text: string, source: string, where: string, line?: number): number {
  const slot = slotOf(text);
  if (stampsRead[slot] === text) return instantsOfStamps[slot];
  const ms = fixedInstant(text);
  if (ms === undefined) return anyInstant(text, source, at(where, line));
  stampsRead[slot] = detached(text); // a copy: the cell would keep its whole file's text alive
  instantsOfStamps[slot] = ms;
  return ms;
}

/**
 * Time stamps read before, and their instants, in slots chosen by the stamp's day, hour and
 * minute (a later stamp of the same slot takes it): a file's rows repeat a few hundred interval
 * stamps (a day of all CAISO APNodes, 48 in 320,000 cells). Looking one up costs less than
 * reading it, above all in a new thread whose code is not yet optimized.
 */
const STAMP_SLOTS = 4096;
const stampsRead: (string | undefined)[] = new Array<string | undefined>(STAMP_SLOTS).fill(undefined);
const instantsOfStamps = new Float64Array(STAMP_SLOTS);

/** `YYYY-MM-DDTHH:MM`'s day, hour and minute as a slot (any text has one; only equal texts match). */
function slotOf(text: string): number {
  const c = (i: number) => text.charCodeAt(i) & 15;
  return ((((c(8) * 10 + c(9)) * 24 + c(11) * 10 + c(12)) * 60 + c(14) * 10 + c(15)) ^ (c(20) << 7)) & (STAMP_SLOTS - 1);
}

/**
 * `YYYY-MM-DDTHH:MM:SS` with `Z` or `+HH:MM`/`-HH:MM`, as OASIS writes every time stamp (a day of
 * all APNodes holds 320,000), read from its character codes: what Date.parse gives, at a fraction
 * of the cost. Undefined for any other form and for any field out of range (hour 24 included),
 * which anyInstant reads or refuses.
 */
function fixedInstant(text: string): number | undefined {
  const n = text.length;
  if (n !== 25 && n !== 20) return undefined;
  if (!isChar(text, 4, 0x2d) || !isChar(text, 7, 0x2d) || !isChar(text, 10, 0x54) || !isChar(text, 13, 0x3a) || !isChar(text, 16, 0x3a))
    return undefined;
  let offset = 0;
  if (n === 20) {
    if (!isChar(text, 19, 0x5a)) return undefined;
  } else {
    const sign = text.charCodeAt(19) === 0x2b ? 1 : text.charCodeAt(19) === 0x2d ? -1 : 0;
    const hours = digits(text, 20, 2);
    const minutes = digits(text, 23, 2);
    if (sign === 0 || !isChar(text, 22, 0x3a) || !within(hours, 23) || !within(minutes, 59)) return undefined;
    offset = sign * (hours * 60 + minutes);
  }
  const ms = stampInstant(
    digits(text, 0, 4),
    digits(text, 5, 2),
    digits(text, 8, 2),
    digits(text, 11, 2),
    digits(text, 14, 2),
    digits(text, 17, 2),
    offset,
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * `fixedInstant` of the bytes [from, to) of an ASCII cell, for a reader of plain CSV bytes
 * (`formats/plain-csv.ts`); NaN where fixedInstant is undefined.
 */
export function fixedInstantAt(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from;
  const b = bytes;
  const f = from;
  if ((n !== 25 && n !== 20) || b[f + 4] !== 0x2d || b[f + 7] !== 0x2d || b[f + 10] !== 0x54 || b[f + 13] !== 0x3a || b[f + 16] !== 0x3a)
    return NaN;
  let offset = 0;
  if (n === 20) {
    if (b[f + 19] !== 0x5a) return NaN;
  } else {
    const sign = b[f + 19] === 0x2b ? 1 : b[f + 19] === 0x2d ? -1 : 0;
    const hours = twoDigitsAt(b, f + 20);
    const minutes = twoDigitsAt(b, f + 23);
    if (sign === 0 || b[f + 22] !== 0x3a || !within(hours, 23) || !within(minutes, 59)) return NaN;
    offset = sign * (hours * 60 + minutes);
  }
  const century = twoDigitsAt(b, f);
  const ofCentury = twoDigitsAt(b, f + 2);
  const year = century < 0 || ofCentury < 0 ? -1 : century * 100 + ofCentury;
  const month = twoDigitsAt(b, f + 5);
  const day = twoDigitsAt(b, f + 8);
  return stampInstant(year, month, day, twoDigitsAt(b, f + 11), twoDigitsAt(b, f + 14), twoDigitsAt(b, f + 17), offset);
}

/** The number two ASCII digits at `at` write, or -1 when one is not a digit. */
function twoDigitsAt(bytes: Uint8Array, at: number): number {
  const tens = bytes[at] - 48;
  const ones = bytes[at + 1] - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** A time stamp's fields (-1 where one was not digits) as epoch ms, or NaN when one is out of range. */
function stampInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): number {
  if (year !== lastDay.year || month !== lastDay.month || day !== lastDay.day) {
    if (year < 0 || !isCalendarDate(year, month, day)) return NaN;
    lastDay = { year, month, day, ms: utcInstant(year, month, day) };
  }
  if (!within(hour, 23) || !within(minute, 59) || !within(second, 59)) return NaN;
  return lastDay.ms + ((hour * 60 + minute) * 60 + second) * 1000 - offsetMinutes * 60_000;
}

/** The day stampInstant read last, at its midnight UTC: a file's time stamps fall on a day or two. */
let lastDay = { year: -1, month: -1, day: -1, ms: 0 };

function within(n: number, max: number): boolean {
  return n >= 0 && n <= max;
}

function isChar(text: string, i: number, code: number): boolean {
  return text.charCodeAt(i) === code;
}

/** The number that `count` ASCII digits from `from` write, or -1 if one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function anyInstant(text: string, source: string, where: string): number {
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

/**
 * A date-time the source writes on a market's clock, to the second, as epoch ms: the first of a
 * repeated fall-back hour; a time in a spring-forward gap is refused (BAD_DATE), as `wallTime` does.
 */
export function zonedOf(t: WallDateTime, clock: Clock): number {
  return wallTime(clock, t.year, t.month, t.day, t.hour, t.minute) + t.second * 1000;
}

/** The `YYYY-MM-DD` day of a date-time. */
export function dayOf(t: WallDateTime): string {
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}
