/**
 * How the API's ISO times become Excel date serials, and back: a serial counts days since
 * 1899-12-30 of a wall-clock time (valid from 1900-03-01 on). The wall time of an API point is
 * read from its ISO string, which carries the clock's offset, so a serial shows exactly the time
 * printed in the answer, on whichever clock it was asked.
 */

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function serialFromWall(w: WallTime): number {
  return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - EXCEL_EPOCH_MS) / DAY_MS;
}

/** The wall time a serial shows, rounded to the second (Excel's arithmetic leaves tiny fractions). */
export function wallFromSerial(serial: number): WallTime {
  const t = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** The serial of the wall time written in an ISO string (`2025-11-02T01:00:00-05:00` -> 01:00 that day). */
export function serialFromIsoWallTime(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`"${iso}" is not an ISO-8601 time`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  return serialFromWall({ year, month, day, hour, minute, second });
}

/** The serial of the instant on UTC: tells the two repeated fall-back hours apart. */
export function utcSerialFromIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`"${iso}" is not an ISO-8601 time`);
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

export function dayText(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** `YYYY-MM-DDTHH:MM[:SS]`, the wall time without an offset (read on the clock the call asks for). */
export function wallText(w: WallTime): string {
  return `${dayText(w)}T${pad(w.hour)}:${pad(w.minute)}${w.second ? `:${pad(w.second)}` : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
