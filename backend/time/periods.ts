import type { Period } from '../domain';
import { daysBetween, pad, parseDay } from './clock';

/** The calendar month holding a day, as a download period (key `YYYY-MM`). */
export function calendarMonth(day: string): Period {
  const { year, month } = parseDay(day);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const key = `${year}-${pad(month)}`;
  return { key, days: daysBetween(`${key}-01`, `${key}-${pad(last)}`) };
}

/** The calendar year holding a day, as a download period (key `YYYY`). */
export function calendarYear(day: string): Period {
  const { year } = parseDay(day);
  return { key: String(year), days: daysBetween(`${year}-01-01`, `${year}-12-31`) };
}
