import { dayText, serialFromWall, wallFromSerial, wallText, type WallTime } from '../client';
import { DATE_WORD_FORMS, isDateWord } from '../contract';
import { functionError } from './errors';

/**
 * A date argument: a whole serial, "2025-07-01" or a date written as the workbook's language
 * writes it ("7/1/2025" in en-US, "1/7/2025" in en-GB, "1.7.2025" in de-DE) is a market day; a
 * serial with a fraction, "2025-07-01 14:00" or "7/1/2025 14:00" is a date-time (a single value when it is the
 * start and there is no end). A relative date or a period ("T-1", "MTD", "2026-07", "Q3-2026",
 * "CAL-2027") is a `word`, sent to the API as it is: only the backend knows today on the market
 * clock. Its `day` is that text.
 */
export type DateArg = { kind: 'day'; day: string } | { kind: 'time'; day: string; wall: string } | { kind: 'word'; day: string };

const TEXT_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** A date in the workbook's own form, with its separator: 7/1/2025, 1.7.2025, 2025/7/1, with an optional time. */
function localDate(separator: string): RegExp {
  const sep = separator.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`^(\\d{1,4})${sep}(\\d{1,2})${sep}(\\d{1,4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$`);
}
/** Serial 61 is 1900-03-01; before it Excel's calendar has a day that never was. */
const FIRST_SERIAL = 61;

export function parseDateArg(value: unknown, name: string): DateArg {
  if (typeof value === 'number') return fromSerial(value, name);
  if (typeof value === 'string') return fromText(value.trim(), name);
  throw badDate(name, value);
}

function fromSerial(serial: number, name: string): DateArg {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL) throw badDate(name, serial);
  return fromWall(wallFromSerial(serial));
}

function fromText(text: string, name: string): DateArg {
  if (isDateWord(text)) return { kind: 'word', day: text };
  const iso = TEXT_DATE.exec(text);
  const form = localForm(workbookLanguage());
  const local = iso ? null : localDate(form.separator).exec(text);
  const m = iso ?? local;
  if (!m) throw badDate(name, text);
  const [year, month, day] = iso ? [Number(m[1]), Number(m[2]), Number(m[3])] : localParts(m, form.dayFirst);
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const wall = { year, month, day, hour, minute, second };
  const roundTrip = wallFromSerial(serialFromWall(wall));
  if (hour > 23 || minute > 59 || second > 59 || roundTrip.month !== month || roundTrip.day !== day) throw badDate(name, text);
  return m[4] === undefined ? { kind: 'day', day: dayText(wall) } : timeArg(wall);
}

/** Year, month, day of a local date: year first when written first, else in the workbook language's order. */
function localParts(m: RegExpExecArray, dayFirst: boolean): [number, number, number] {
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[1].length === 4) return [a, b, c];
  if (m[3].length !== 4) return [NaN, NaN, NaN];
  return dayFirst ? [c, b, a] : [c, a, b];
}

/** The language Excel's content is in (en-US outside Excel). */
function workbookLanguage(): string {
  const office = (globalThis as { Office?: { context?: { contentLanguage?: string; displayLanguage?: string } } }).Office;
  return office?.context?.contentLanguage || office?.context?.displayLanguage || 'en-US';
}

/** 2025-07-01 as the workbook's language writes it (7/1/2025, 1.7.2025 ...). */
function localExample(): string {
  const { dayFirst, separator } = localForm(workbookLanguage());
  return dayFirst ? `1${separator}7${separator}2025` : `7${separator}1${separator}2025`;
}

/** How the language writes a numeric date, as Intl knows it: day or month first, and the separator. */
function localForm(language: string): { dayFirst: boolean; separator: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(0));
  } catch {
    return { dayFirst: false, separator: '/' }; // an unknown language tag: Excel's own default
  }
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
  return { dayFirst: parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month'), separator };
}

function fromWall(wall: WallTime): DateArg {
  return wall.hour || wall.minute || wall.second ? timeArg(wall) : { kind: 'day', day: dayText(wall) };
}

function timeArg(wall: WallTime): DateArg {
  return { kind: 'time', day: dayText(wall), wall: wallText(wall) };
}

/** The text the API takes: a day, a word, or the wall time on the clock of the call. */
export function apiDate(arg: DateArg): string {
  return arg.kind === 'time' ? arg.wall : arg.day;
}

function badDate(name: string, value: unknown): ReturnType<typeof functionError> {
  return functionError(
    'invalidValue',
    `${name} ${JSON.stringify(value)} is not a date. Use a date cell, DATE(2025,7,1), "2025-07-01", "${localExample()}", "2025-07-01 14:00", or one of ${DATE_WORD_FORMS.map((w) => `"${w}"`).join(', ')}.`,
  );
}
