import { ParseError } from '../../../domain';
import { parseDay, wallTimeInstants } from '../../../time/clock';
import { ercotMarket } from './market';

/** `10/04/2026` (MIS files) or `2026-10-04` (API) to `2026-10-04`. */
export function ercotDay(cell: string, source: string, line: number): string {
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
  const day = us ? `${us[3]}-${us[1]}-${us[2]}` : cell;
  try {
    parseDay(day);
  } catch {
    throw new ParseError(source, `line ${line}: "${cell}" is not a delivery date`);
  }
  return day;
}

/**
 * A Y/N (MIS) or true/false (API) repeated-hour flag. ERCOT raises DSTFlag (and its successor
 * RepeatedHourFlag) on the REPEATED hour of the fall-back day, i.e. the second, standard-time
 * occurrence; the first, daylight-time occurrence carries N/false.
 */
export function isRepeatedHour(cell: unknown): boolean {
  return cell === true || (typeof cell === 'string' && /^(y|true)$/i.test(cell.trim()));
}

/**
 * UTC start of the wall time `hour:minute:second` of an ERCOT market day. On the fall-back day
 * the repeated hour is picked by its flag; a wall time in the spring-forward gap is an error.
 */
export function ercotInstant(day: string, hour: number, minute: number, repeated: boolean, source: string, line: number, second = 0): number {
  const { year, month, day: d } = parseDay(day);
  const found = wallTimeInstants(ercotMarket.clock, year, month, d, hour, minute, second);
  if (found.length === 0) throw new ParseError(source, `line ${line}: ${day} ${hour}:${String(minute).padStart(2, '0')} does not exist in Central time (spring-forward gap)`);
  if (!repeated) return found[0];
  if (found.length < 2) throw new ParseError(source, `line ${line}: ${day} ${hour}:${String(minute).padStart(2, '0')} is flagged as the repeated hour but is not repeated`);
  return found[1];
}

/** Start of interval `interval` (1-based, `minutes` long) within hour-ending `hourEnding` (1..24). */
export function hourEndingStart(day: string, hourEnding: number, interval: number, minutes: number, repeated: boolean, source: string, line: number): number {
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > 24) throw new ParseError(source, `line ${line}: hour ending "${hourEnding}" is not 1..24`);
  if (!Number.isInteger(interval) || interval < 1 || interval * minutes > 60) throw new ParseError(source, `line ${line}: interval "${interval}" is not within the hour`);
  return ercotInstant(day, hourEnding - 1, (interval - 1) * minutes, repeated, source, line);
}

/** `01:00`..`24:00` (or a bare number) to 1..24. */
export function hourEndingOf(cell: unknown, source: string, line: number): number {
  const m = /^(\d{1,2})(?::00)?$/.exec(String(cell).trim());
  if (!m) throw new ParseError(source, `line ${line}: "${String(cell)}" is not an hour ending`);
  return Number(m[1]);
}
