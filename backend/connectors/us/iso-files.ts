import { GridError, ParseError } from '../../errors';
import type { ParsedPoint } from '../types';

/**
 * Helpers shared by the SPP and NYISO connectors, whose CSV files have the same shape of
 * problem: US `MM/DD/YYYY HH:MM[:SS]` stamps, four price components per row, files that are
 * not published yet.
 */

export interface UsDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const US_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseUsDateTime(text: string, source: string, line: number): UsDateTime {
  const m = US_DATE_TIME.exec(text.trim());
  if (!m) throw new ParseError(source, `line ${line}: "${text}" is not a time stamp of the form MM/DD/YYYY HH:MM[:SS]`);
  return { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) };
}

/** A price cell: empty or `-` is missing (undefined), anything else must be a number. */
export function priceCell(cell: string | undefined, column: string, line: number, source: string): number | undefined {
  const t = (cell ?? '').trim();
  if (t === '' || t === '-') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new ParseError(source, `line ${line}: "${t}" in column "${column}" is not a number`);
  return n;
}

/** An HTML or XML page (a login or error page) where CSV was expected. */
export function refuseMarkup(text: string, source: string): void {
  if (/^\s*</.test(text)) throw new ParseError(source, 'the answer is an HTML/XML page, not the CSV file expected (the source may be down or the file moved)');
}

export interface Components {
  LMP?: number;
  ENERGY?: number;
  CONGESTION?: number;
  LOSS?: number;
}

/** One point per component that is present (missing stays missing, never zero). */
export function pushComponents(out: ParsedPoint[], location: string, run: string, start: number, end: number, values: Components): void {
  for (const product of ['LMP', 'ENERGY', 'CONGESTION', 'LOSS'] as const) {
    const value = values[product];
    if (value !== undefined) out.push({ location, run, product, start, end, value });
  }
}

export function isNotPublished(e: unknown): boolean {
  return e instanceof GridError && e.code === 'NOT_PUBLISHED';
}

/** `YYYY-MM-DD` as `YYYYMMDD`. */
export function compactDay(day: string): string {
  return day.replace(/-/g, '');
}

/** First line of a text sample, split into trimmed, unquoted header cells. */
export function headerCells(head: string): string[] {
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').trim());
}
