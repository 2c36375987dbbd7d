import { DateTime, IANAZone, FixedOffsetZone, type Zone } from 'luxon';
import { type Clock, GridError } from '../domain';

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;
const zones = new Map<Clock, Zone>();

export function zoneOf(clock: Clock): Zone {
  let zone = zones.get(clock);
  if (!zone) {
    zone = /^UTC([+-]\d+(:\d\d)?)?$/i.test(clock)
      ? (FixedOffsetZone.parseSpecifier(clock) ?? FixedOffsetZone.utcInstance)
      : IANAZone.create(clock);
    if (!zone.isValid)
      throw new GridError(
        'BAD_REQUEST',
        `Unknown time zone "${clock}". Use UTC, a fixed offset like UTC-5, or an IANA name like Europe/Berlin.`,
      );
    zones.set(clock, zone);
  }
  return zone;
}

export function isValidClock(clock: string): boolean {
  try {
    zoneOf(clock);
    return true;
  } catch {
    return false;
  }
}

/**
 * Market clocks named by an IANA zone that has kept one offset since a date long before any
 * market data: their offsets need no Intl, whose first use costs a process ~10 ms (a JEPX import
 * asks nothing else of it). Checked against Intl in clock.test.ts.
 */
export const STANDING_OFFSETS: Partial<Record<Clock, { minutes: number; since: number }>> = {
  // Japan's last daylight saving time ended in September 1951.
  'Asia/Tokyo': { minutes: 540, since: Date.UTC(1952, 0, 1) },
};

const OFFSET_CACHE_LIMIT = 500_000;
/** A UTC day's offset from UTC in minutes: the same all day, or `before` until the instant `at` and `after` from it. */
type DayOffsets = number | { before: number; at: number; after: number };
const offsets = new Map<Clock, Map<number, DayOffsets>>();

/**
 * Offset from UTC in minutes at the given instant. IANA zones answer through Intl, which is slow
 * (about 5 µs), so offsets are cached per UTC day, with the instant of the day's transition when
 * it holds one (no zone changes its offset twice in a day).
 */
export function offsetMinutes(clock: Clock, ms: number): number {
  const standing = STANDING_OFFSETS[clock];
  if (standing && ms >= standing.since) return standing.minutes;
  const zone = zoneOf(clock);
  if (zone.isUniversal) return zone.offset(ms);
  let cache = offsets.get(clock);
  if (!cache) {
    cache = new Map();
    offsets.set(clock, cache);
  }
  const day = Math.floor(ms / DAY_MS);
  let known = cache.get(day);
  if (known === undefined) {
    known = offsetsOfDay(zone, day * DAY_MS);
    if (cache.size >= OFFSET_CACHE_LIMIT) cache.clear();
    cache.set(day, known);
  }
  return typeof known === 'number' ? known : ms < known.at ? known.before : known.after;
}

function offsetsOfDay(zone: Zone, start: number): DayOffsets {
  const before = zone.offset(start);
  const after = zone.offset(start + DAY_MS - 1);
  if (before === after) return before;
  // The transition, to the millisecond: zone.offset(low) is `before`, zone.offset(high) is not.
  let low = start;
  let high = start + DAY_MS - 1;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (zone.offset(mid) === before) low = mid;
    else high = mid;
  }
  return { before, at: high, after };
}

/** 400 Gregorian years: exactly 146,097 days, so a date that far on falls on the same day of the calendar. */
const FOUR_CENTURIES_MS = 146_097 * DAY_MS;

/**
 * `Date.UTC` for every year, with a 1-based month. `Date.UTC` reads the years 0 to 99 as 1900 to
 * 1999, so those dates are computed 400 years on and moved back. Fields past their range carry
 * over (day 32, hour 24), as in `Date.UTC`.
 */
export function utcInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 0 && year < 100) return Date.UTC(year + 400, month - 1, day, hour, minute, second) - FOUR_CENTURIES_MS;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Validated `YYYY-MM-DD`. */
export function parseDay(day: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new GridError('BAD_DATE', `"${day}" is not a date; write it as YYYY-MM-DD.`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (!isCalendarDate(year, month, d)) throw new GridError('BAD_DATE', `"${day}" is not a calendar date.`);
  return { year, month, day: d };
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Every UTC instant at which the clock shows this wall time: none in a spring-forward gap,
 * two in the repeated fall-back hour (earlier first), one otherwise.
 */
export function wallTimeInstants(clock: Clock, year: number, month: number, day: number, hour: number, minute = 0, second = 0): number[] {
  const naive = utcInstant(year, month, day, hour, minute, second);
  // The offsets around it: one on an ordinary day, two near a transition.
  const early = offsetMinutes(clock, naive - DAY_MS);
  const middle = offsetMinutes(clock, naive);
  const late = offsetMinutes(clock, naive + DAY_MS);
  const found: number[] = [];
  addShown(found, clock, naive, early);
  if (middle !== early) addShown(found, clock, naive, middle);
  if (late !== early && late !== middle) addShown(found, clock, naive, late);
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}

/** The instant at which the clock shows `naive` (a wall time read as UTC) with this offset, when it does. */
function addShown(found: number[], clock: Clock, naive: number, offset: number): void {
  const t = naive - offset * MINUTE;
  if (offsetMinutes(clock, t) === offset) found.push(t);
}

/** The wall time as one instant; in the repeated hour `occurrence` 1 is the first, 2 the second. */
export function wallTime(clock: Clock, year: number, month: number, day: number, hour: number, minute = 0, occurrence: 1 | 2 = 1): number {
  const found = wallTimeInstants(clock, year, month, day, hour, minute);
  if (found.length === 0) {
    throw new GridError(
      'BAD_DATE',
      `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)} does not exist on clock ${clock} (daylight-saving gap).`,
    );
  }
  return found[Math.min(occurrence, found.length) - 1];
}

/**
 * The starts of a date's numbered slots of `minutes` each (slot 1 at midnight), as `wallTime` gives
 * them, for a reader of a file with a row per slot (JEPX's half hours). Where the clock keeps one
 * offset all day, a date's slots lie `minutes` apart from the first one asked: one wall time a
 * date, not one a row (a fiscal year of JEPX asks 17,000). On a day the offset changes, each slot's
 * wall time is found on its own (a slot in a spring-forward gap refused as `wallTime` refuses it).
 */
export class DaySlots {
  private date = NaN;
  /** The date's slot 1, and whether its offset holds all day. */
  private first = 0;
  private even = false;

  constructor(
    private readonly clock: Clock,
    private readonly minutes: number,
  ) {}

  start(year: number, month: number, day: number, slot: number): number {
    const date = (year * 100 + month) * 100 + day;
    const apart = this.minutes * MINUTE;
    if (date === this.date && this.even) return this.first + (slot - 1) * apart;
    const minutes = (slot - 1) * this.minutes;
    const start = wallTime(this.clock, year, month, day, Math.floor(minutes / 60), minutes % 60);
    if (date !== this.date) {
      this.date = date;
      this.first = start - (slot - 1) * apart;
      this.even = offsetMinutes(this.clock, this.first) === offsetMinutes(this.clock, this.first + DAY_MS);
    }
    return start;
  }
}

const boundsCache = new Map<string, { start: number; end: number }>();

/** UTC instants bounding the market day: [start, end). 23 or 25 hours on DST days. */
export function dayBounds(day: string, clock: Clock): { start: number; end: number } {
  const key = `${clock} ${day}`;
  let bounds = boundsCache.get(key);
  if (!bounds) {
    bounds = computeDayBounds(day, clock);
    if (boundsCache.size >= 100_000) boundsCache.clear();
    boundsCache.set(key, bounds);
  }
  return bounds;
}

function computeDayBounds(day: string, clock: Clock): { start: number; end: number } {
  const { year, month, day: d } = parseDay(day);
  const start = startOfLocalDay(clock, year, month, d);
  const next = new Date(utcInstant(year, month, d + 1));
  const end = startOfLocalDay(clock, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  return { start, end };
}

function startOfLocalDay(clock: Clock, year: number, month: number, day: number): number {
  // Midnight can fall in a DST gap in some zones; the day then starts at the first instant after it.
  const found = wallTimeInstants(clock, year, month, day, 0);
  if (found.length) return found[0];
  return DateTime.fromObject({ year, month, day }, { zone: zoneOf(clock) })
    .startOf('day')
    .toMillis();
}

/** The market day (`YYYY-MM-DD`) that contains the instant. */
export function marketDay(ms: number, clock: Clock): string {
  const local = new Date(ms + offsetMinutes(clock, ms) * MINUTE);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** Inclusive list of days from `first` to `last`. */
export function daysBetween(first: string, last: string): string[] {
  const a = parseDay(first);
  const b = parseDay(last);
  const out: string[] = [];
  const t0 = utcInstant(a.year, a.month, a.day);
  const t1 = utcInstant(b.year, b.month, b.day);
  for (let t = t0; t <= t1; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function addDays(day: string, n: number): string {
  const { year, month, day: d } = parseDay(day);
  return new Date(utcInstant(year, month, d + n)).toISOString().slice(0, 10);
}

/**
 * ISO-8601 with the clock's offset, e.g. `2025-07-01T00:00:00-04:00`. On hot paths (a year's rows
 * is 8,760 calls): no Date objects, and the texts of the last day and offset, and of each minute
 * of a day, made once.
 */
export function formatInstant(ms: number, clock: Clock): string {
  const off = offsetMinutes(clock, ms);
  const local = ms + off * MINUTE;
  const days = Math.floor(local / DAY_MS);
  const secondOfDay = Math.floor((local - days * DAY_MS) / 1000);
  return dateText(days) + timeText(secondOfDay) + offsetText(off, clock);
}

let lastDay = { days: NaN, text: '' };

/** `YYYY-MM-DDT` of a day count since 1970-01-01. */
function dateText(days: number): string {
  if (lastDay.days !== days) {
    const { year, month, day } = civilDate(days);
    lastDay = { days, text: `${year}-${pad(month)}-${pad(day)}T` };
  }
  return lastDay.text;
}

const minuteTexts: string[] = [];

/** `HH:MM:SS` of a second of the day. */
function timeText(secondOfDay: number): string {
  const seconds = secondOfDay % 60;
  const minute = (secondOfDay - seconds) / 60;
  const text = (minuteTexts[minute] ??= `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`);
  return seconds === 0 ? text : text.slice(0, 6) + pad(seconds);
}

let lastOffset = { minutes: NaN, clock: '', text: '' };

/** `Z` on the UTC clock, else the offset as `+HH:MM` or `-HH:MM`. */
function offsetText(minutes: number, clock: Clock): string {
  if (lastOffset.minutes !== minutes || lastOffset.clock !== clock) {
    const abs = Math.abs(minutes);
    const text = minutes === 0 && /^utc$/i.test(clock) ? 'Z' : `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    lastOffset = { minutes, clock, text };
  }
  return lastOffset.text;
}

/** Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** Local wall-clock fields of an instant on a clock. */
export function wallFields(
  ms: number,
  clock: Clock,
): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const local = new Date(ms + offsetMinutes(clock, ms) * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1, // ISO: Monday 1 .. Sunday 7
  };
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
