import { ParseError } from '../../domain';

/** US `MM/DD/YYYY` dates and `MM/DD/YYYY HH:MM[:SS]` stamps, as ISO Express, AESO ETS, SPP and NYISO write them. */

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

/** `MM/DD/YYYY` (as ISO Express and AESO ETS write dates) to `YYYY-MM-DD`. */
export function usDate(text: string, source: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) throw new ParseError(source, `"${text.slice(0, 20)}" is not a MM/DD/YYYY date`);
  return `${m[3]}-${m[1]}-${m[2]}`;
}
