/** Date ranges of the market browser: the default range and the steps a backfill takes. */

const DAY_MS = 86_400_000;

export interface Step {
  start: string;
  end: string;
  days: number;
}

/** Longer ranges than this are fetched month by month, shorter ones day by day. */
export const DAILY_STEPS_UP_TO = 31;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysInRange(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The last `days` days up to yesterday (on this computer's calendar). */
export function recentDays(days: number, today = new Date()): { start: string; end: string } {
  const local = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())).toISOString().slice(0, 10);
  return { start: addDays(local, -days), end: addDays(local, -1) };
}

/** The range cut into days (up to DAILY_STEPS_UP_TO days) or calendar months, in order. */
export function plannedSteps(start: string, end: string): Step[] {
  const total = daysInRange(start, end);
  if (total < 1) return [];
  if (total <= DAILY_STEPS_UP_TO)
    return Array.from({ length: total }, (_, i) => ({ start: addDays(start, i), end: addDays(start, i), days: 1 }));
  const steps: Step[] = [];
  for (let first = start; first <= end;) {
    const monthEnd = addDays(`${nextMonth(first)}-01`, -1);
    const last = monthEnd < end ? monthEnd : end;
    steps.push({ start: first, end: last, days: daysInRange(first, last) });
    first = addDays(last, 1);
  }
  return steps;
}

function nextMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
