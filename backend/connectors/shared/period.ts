import { dayBounds } from '../../time/clock';
import type { Clock, Period } from '../../domain';

/** The first and last market day of a download period. */
export function firstAndLastDay(period: Period): [string, string] {
  return [period.days[0], period.days[period.days.length - 1]];
}

/** UTC bounds of a period's market days on a clock: [start of the first, end of the last). */
export function periodBounds(period: Period, clock: Clock): { start: number; end: number } {
  const [first, last] = firstAndLastDay(period);
  return { start: dayBounds(first, clock).start, end: dayBounds(last, clock).end };
}
