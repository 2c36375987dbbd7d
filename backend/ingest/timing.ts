import type { Clock, MarketDay } from '../domain';
import { addDays, marketDay, parseDay, wallTime } from '../time/clock';
import { MIN_POLL_MINUTES, type PublicationSchedule } from './schedules';

const MINUTE_MS = 60_000;

/** A report expected but not out yet is asked for again after this. */
export const RETRY_MS = 5 * MINUTE_MS;
/** The longest wait after repeated failures. */
export const MAX_BACKOFF_MS = 60 * MINUTE_MS;

/** The instant the clock shows `at` (HH:MM) on `day`. */
export function publicationInstant(day: MarketDay, clock: Clock, at: string): number {
  const { year, month, day: d } = parseDay(day);
  const [hour, minute] = at.split(':').map(Number);
  return wallTime(clock, year, month, d, hour, minute);
}

/** How often a real-time run is fetched: its interval, at least MIN_POLL_MINUTES. */
export function pollMs(schedule: PublicationSchedule, intervalMinutes: number): number {
  const minutes = schedule.kind === 'day-ahead' ? intervalMinutes : (schedule.everyMinutes ?? intervalMinutes);
  return Math.max(MIN_POLL_MINUTES, minutes) * MINUTE_MS;
}

/**
 * The market days a pass fetches now, oldest first, leaving out those already had. Day-ahead:
 * today, and tomorrow once its publication time has passed. Real time: yesterday (its last
 * intervals, until it is final) and today. A forecast: today and the days ahead it covers.
 */
export function daysDue(schedule: PublicationSchedule, now: number, clock: Clock, had: ReadonlySet<MarketDay>): MarketDay[] {
  const today = marketDay(now, clock);
  const days =
    schedule.kind === 'day-ahead'
      ? now >= publicationInstant(today, clock, schedule.at)
        ? [today, addDays(today, 1)]
        : [today]
      : schedule.kind === 'forecast'
        ? Array.from({ length: schedule.aheadDays + 1 }, (_, i) => addDays(today, i))
        : [addDays(today, -1), today];
  return days.filter((d) => !had.has(d));
}

/**
 * When the next pass is due after one that went well (`missing`: days it wanted and did not get,
 * not published yet). Day-ahead: soon while a published day is missing, else at the next
 * publication time; real time: after the polling period.
 */
export function nextPass(schedule: PublicationSchedule, now: number, clock: Clock, periodMs: number, missing: number): number {
  if (schedule.kind !== 'day-ahead') return now + periodMs;
  if (missing > 0) return now + RETRY_MS;
  const today = marketDay(now, clock);
  const todays = publicationInstant(today, clock, schedule.at);
  return now < todays ? todays : publicationInstant(addDays(today, 1), clock, schedule.at);
}

/** The wait after the n-th failure in a row (1, 2, ...): doubling from RETRY_MS up to MAX_BACKOFF_MS. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, RETRY_MS * 2 ** Math.max(0, failures - 1));
}
