/**
 * NERC off-peak holidays (the days US forward power contracts treat as off-peak all day):
 * New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving Day, Christmas Day.
 * A holiday on a Sunday is observed on the Monday after; one on a Saturday is not moved.
 * Source: NERC "Additional Off-Peak Days" as used by the PJM, CME and ICE peak contract specs.
 */
export function nercHolidays(year: number): Set<string> {
  const days = [
    observed(year, 1, 1),
    lastWeekday(year, 5, 1), // Memorial Day: last Monday of May
    observed(year, 7, 4),
    nthWeekday(year, 9, 1, 1), // Labor Day: first Monday of September
    nthWeekday(year, 11, 4, 4), // Thanksgiving: fourth Thursday of November
    observed(year, 12, 25),
  ];
  return new Set(days);
}

const cache = new Map<number, Set<string>>();

export function isNercHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  let set = cache.get(year);
  if (!set) {
    set = nercHolidays(year);
    cache.set(year, set);
  }
  return set.has(day);
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Sunday-to-Monday rule. */
function observed(year: number, month: number, day: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return iso(year, month, weekday === 0 ? day + 1 : day);
}

/** The n-th given weekday (0 Sunday .. 6 Saturday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return iso(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return iso(year, month, lastDay.getUTCDate() - back);
}
