import { wallTime } from '../../../time/clock';
import { readDateTime } from '../../shared/dates';
import { NEM_CLOCK } from './market';

const MINUTE = 60_000;

/** Five-minute settlement began with the trading day of 2021-10-01, at 04:00 AEST. */
export const FIVE_MINUTE_SETTLEMENT = wallTime(NEM_CLOCK, 2021, 10, 1, 4, 0);

/** `2023/08/30 18:00:00` (NEMWeb) or `2021-10-06T15:00:00` (aemo.com.au), NEM time, as UTC ms. */
export function nemInstant(stamp: string, source: string, where: string): number {
  const t = readDateTime(stamp, source, where);
  return wallTime(NEM_CLOCK, t.year, t.month, t.day, t.hour, t.minute);
}

/** A trading interval ending at `end`: 30 minutes before five-minute settlement, 5 after. */
export function tradingIntervalMinutes(end: number): number {
  return end > FIVE_MINUTE_SETTLEMENT ? 5 : 30;
}

export function intervalEndingAt(end: number, minutes: number): { start: number; end: number } {
  return { start: end - minutes * MINUTE, end };
}

/** `YYYYMMDDHHMM` (NEMWeb file names) in NEM time, as UTC ms. */
export function stampInstant(stamp: string): number {
  const n = (at: number, len: number): number => Number(stamp.slice(at, at + len));
  return wallTime(NEM_CLOCK, n(0, 4), n(4, 2), n(6, 2), n(8, 2), n(10, 2));
}
