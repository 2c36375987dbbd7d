import { ParseError } from '../../../domain';
import { pad } from '../../../time/clock';
import { readDay, usDate } from '../../shared/dates';
import { wallInstant } from '../../shared/hour-ending';
import { ercotMarket } from './market';

/** `10/04/2026` (MIS files) or `2026-10-04` (API) to `2026-10-04`. */
export function ercotDay(cell: string, source: string, where: string): string {
  return cell.includes('/') ? usDate(cell, source, where) : readDay(cell, source, where);
}

/**
 * A Y/N (MIS) or true/false (API) repeated-hour flag. ERCOT raises DSTFlag (and its successor
 * RepeatedHourFlag) on the REPEATED hour of the fall-back day, i.e. the second, standard-time
 * occurrence; the first, daylight-time occurrence carries N/false.
 */
export function isRepeatedHour(cell: unknown): boolean {
  return cell === true || (typeof cell === 'string' && /^(y|true)$/i.test(cell.trim()));
}

/** UTC start of a wall time of an ERCOT market day; a wall time in the spring-forward gap is an error. */
export function ercotInstant(
  day: string,
  time: { hour: number; minute: number; second?: number },
  repeated: boolean,
  source: string,
  where: string,
): number {
  const instant = wallInstant(ercotMarket.clock, day, time, repeated, source, where);
  if (instant === undefined)
    throw new ParseError(
      source,
      `${where}: ${day} ${pad(time.hour)}:${pad(time.minute)} does not exist in Central time (spring-forward gap)`,
    );
  return instant;
}

/** Start of interval `interval` (1-based, `minutes` long) within hour-ending `hourEnding` (1..24). */
export function hourEndingStart(
  day: string,
  hourEnding: number,
  interval: number,
  minutes: number,
  repeated: boolean,
  source: string,
  where: string,
): number {
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > 24)
    throw new ParseError(source, `${where}: hour ending "${hourEnding}" is not 1..24`);
  if (!Number.isInteger(interval) || interval < 1 || interval * minutes > 60)
    throw new ParseError(source, `${where}: interval "${interval}" is not within the hour`);
  return ercotInstant(day, { hour: hourEnding - 1, minute: (interval - 1) * minutes }, repeated, source, where);
}
