import { type Clock, ParseError } from '../../domain';
import { pad, parseDay, wallTime, wallTimeInstants } from '../../time/clock';

const HOUR_MS = 3_600_000;

/**
 * An hour-ending label: `01`..`24`, `1:00`..`24:00`, with `X` (ISO-NE `02X`) or `*` (AESO `02*`)
 * marking the second pass of the fall-back hour.
 */
export function readHourEnding(text: string, source: string, where: string): { hourEnding: number; repeated: boolean } {
  const m = /^(\d{1,2})(?::00)?([X*]?)$/i.exec(text.trim());
  if (!m)
    throw new ParseError(source, `${where}: "${text.slice(0, 20)}" is not an hour ending (01..24, or 02X / 02* for the repeated hour)`);
  return { hourEnding: Number(m[1]), repeated: m[2] !== '' };
}

/**
 * The instant a wall time of a market day names; `repeated` picks the second pass of the fall-back
 * hour (and is an error on any other hour). Undefined in the spring-forward gap, where the caller decides.
 */
export function wallInstant(
  clock: Clock,
  day: string,
  time: { hour: number; minute: number; second?: number },
  repeated: boolean,
  source: string,
  where: string,
): number | undefined {
  const { year, month, day: d } = parseDay(day);
  const found = wallTimeInstants(clock, year, month, d, time.hour, time.minute, time.second ?? 0);
  if (repeated && found.length < 2) {
    throw new ParseError(
      source,
      `${where}: ${day} ${pad(time.hour)}:${pad(time.minute)} is marked as the repeated hour, but it is not repeated on clock ${clock}`,
    );
  }
  return found[repeated ? 1 : 0];
}

/**
 * The UTC interval of hour ending `hourEnding` (1..24) on a market day, shared by ISO-NE, IESO and
 * AESO. The hour starts at wall time HE-1:00. When that falls in the spring-forward gap (AESO labels
 * the hour after the gap `03`), the hour is the one ending at wall time HE:00 instead.
 */
export function hourEndingInterval(
  clock: Clock,
  day: string,
  hourEnding: number,
  repeated: boolean,
  source: string,
  where: string,
): { start: number; end: number } {
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > 24) {
    throw new ParseError(source, `${where}: hour ending "${hourEnding}" on ${day} is not between 1 and 24`);
  }
  const { year, month, day: d } = parseDay(day);
  const start =
    wallInstant(clock, day, { hour: hourEnding - 1, minute: 0 }, repeated, source, where) ??
    wallTime(clock, year, month, d, hourEnding) - HOUR_MS;
  return { start, end: start + HOUR_MS };
}
