import type { WallTime as WallSecond } from '../client';

/**
 * The chart's time axis on the market clock: instants (epoch ms) read as wall time in an IANA
 * zone, tick instants at round wall times (hours, days, months, years) that follow the range, and
 * their labels. Pure (Intl only), so a 23- or 25-hour day is labelled as the market lives it, on
 * any computer's own time zone.
 */

/** A wall time to the minute (ticks and labels need no seconds). */
export type WallTime = Omit<WallSecond, 'second'>;

export type TickUnit = 'hour' | 'day' | 'month' | 'year';

export interface TickPlan {
  unit: TickUnit;
  step: number;
  /** Tick instants in epoch ms, ascending, within the range. */
  ticks: number[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall time in `tz` at an instant. */
export function wallTime(ms: number, tz: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

/** Minutes `tz` is ahead of UTC at an instant (-240 for New York in summer). */
export function offsetMinutes(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a wall time in `tz`. A wall time the clock skips (spring forward) gives the
 * instant an hour later; one it repeats (fall back) gives the first of the two.
 */
export function instantOf(w: WallTime, tz: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = asUtc - offsetMinutes(asUtc - DAY_MS / 2, tz) * 60_000;
  const after = asUtc - offsetMinutes(asUtc + DAY_MS / 2, tz) * 60_000;
  const candidates = [before, after].filter((t) => sameWall(wallTime(t, tz), w)).sort((a, b) => a - b);
  return candidates[0] ?? Math.max(before, after);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** Steps tried in order, finest first: the first that fits `maxTicks` is taken. */
const STEPS: { unit: TickUnit; step: number; approxMs: number }[] = [
  ...[1, 2, 3, 4, 6, 12].map((step) => ({ unit: 'hour' as const, step, approxMs: step * HOUR_MS })),
  ...[1, 2, 7, 14].map((step) => ({ unit: 'day' as const, step, approxMs: step * DAY_MS })),
  ...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step, approxMs: step * 30.44 * DAY_MS })),
  ...[1, 2, 5, 10, 20, 50].map((step) => ({ unit: 'year' as const, step, approxMs: step * 365.25 * DAY_MS })),
];

/** Ticks at round wall times of `tz` between min and max (epoch ms), at most `maxTicks` of them (at least 2 asked). */
export function timeTicks(min: number, max: number, tz: string, maxTicks: number): TickPlan {
  const room = Math.max(2, maxTicks);
  for (const s of STEPS) {
    if ((max - min) / s.approxMs + 1 > room * 1.5) continue;
    const ticks = ticksFor(min, max, tz, s.unit, s.step);
    if (ticks.length <= room) return { unit: s.unit, step: s.step, ticks };
  }
  const last = STEPS[STEPS.length - 1];
  return { unit: last.unit, step: last.step, ticks: ticksFor(min, max, tz, last.unit, last.step) };
}

function ticksFor(min: number, max: number, tz: string, unit: TickUnit, step: number): number[] {
  const first = wallTime(min, tz);
  const ticks: number[] = [];
  const push = (w: WallTime) => {
    const t = instantOf(w, tz);
    if (t >= min && t <= max && t !== ticks[ticks.length - 1]) ticks.push(t);
    return t;
  };
  if (unit === 'year') {
    for (let y = Math.floor(first.year / step) * step; ; y += step)
      if (push({ year: y, month: 1, day: 1, hour: 0, minute: 0 }) > max) break;
  } else if (unit === 'month') {
    for (let i = first.year * 12 + Math.floor((first.month - 1) / step) * step; ; i += step)
      if (push({ year: Math.floor(i / 12), month: (i % 12) + 1, day: 1, hour: 0, minute: 0 }) > max) break;
  } else {
    // Day by day on the calendar (UTC arithmetic on the date only), then the hours of each day.
    for (let d = Date.UTC(first.year, first.month - 1, first.day); ; d += DAY_MS) {
      const date = new Date(d);
      const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), minute: 0 };
      if (unit === 'day') {
        if (instantOf({ ...day, hour: 0 }, tz) > max) break;
        if ((day.day - 1) % step === 0 && day.day < 29) push({ ...day, hour: 0 });
      } else {
        let past = false;
        for (let h = 0; h < 24; h += step) past = push({ ...day, hour: h }) > max;
        if (past) break;
      }
    }
  }
  return ticks;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Labels of the ticks, in `tz`: hours as 14:00 with the date under the first tick of each day,
 * days as Jul 2 with the year under the first tick of each year, months as Jul with the year.
 */
export function tickLabels(ticks: number[], unit: TickUnit, tz: string): string[] {
  let previous: WallTime | undefined;
  return ticks.map((t) => {
    const w = wallTime(t, tz);
    const newDay = !previous || previous.day !== w.day || previous.month !== w.month || previous.year !== w.year;
    const newYear = !previous || previous.year !== w.year;
    previous = w;
    switch (unit) {
      case 'hour':
        return `${two(w.hour)}:${two(w.minute)}` + (newDay ? `\n${MONTHS[w.month - 1]} ${w.day}` : '');
      case 'day':
        return `${MONTHS[w.month - 1]} ${w.day}` + (newYear ? `\n${w.year}` : '');
      case 'month':
        return MONTHS[w.month - 1] + (newYear ? `\n${w.year}` : '');
      case 'year':
        return String(w.year);
    }
  });
}

/** `2025-11-02 01:00 UTC-5`: the wall time with its offset, so the two 01:00 of a fall-back day differ. */
export function formatInstant(ms: number, tz: string): string {
  const w = wallTime(ms, tz);
  const off = offsetMinutes(ms, tz);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const offset = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${two(abs % 60)}` : ''}`;
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)} ${offset}`;
}
