import { ParseError } from '../../domain';
import { parseDay, wallTime, wallTimeInstants } from '../../time/clock';

const HOUR_MS = 3_600_000;

/**
 * The UTC interval of an hour-ending label (`1`..`24`) on a market day, shared by ISO-NE, IESO and
 * AESO. The hour starts at wall time HE-1:00; `repeated` picks the second pass of the fall-back hour
 * (ISO-NE `02X`, AESO `02*`). When HE-1:00 falls in the spring-forward gap (AESO labels the hour
 * after the gap `03`), the hour is the one ending at wall time HE:00 instead.
 */
export function hourEndingInterval(clock: string, day: string, hourEnding: number, repeated: boolean, source: string): { start: number; end: number } {
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > 24) {
    throw new ParseError(source, `hour ending "${hourEnding}" on ${day} is not between 1 and 24`);
  }
  const { year, month, day: d } = parseDay(day);
  const starts = wallTimeInstants(clock, year, month, d, hourEnding - 1);
  if (repeated && starts.length < 2) {
    throw new ParseError(source, `hour ending ${hourEnding} on ${day} is marked as the repeated hour, but that hour is not repeated on clock ${clock}`);
  }
  const start = starts.length ? starts[repeated ? 1 : 0] : wallTime(clock, year, month, d, hourEnding) - HOUR_MS;
  return { start, end: start + HOUR_MS };
}

/** A parser's guard: two values for one location, product and interval mean the file cannot be trusted. */
export function assertNoDuplicateIntervals(points: { location: string; product: string; start: number }[], source: string): void {
  const seen = new Set<string>();
  for (const p of points) {
    const key = `${p.location}\u0000${p.product}\u0000${p.start}`;
    if (seen.has(key)) throw new ParseError(source, `two values for ${p.location} ${p.product} at ${new Date(p.start).toISOString()}; the hour labels are inconsistent`);
    seen.add(key);
  }
}
