import { readFileSync } from 'node:fs';
import { sharedPath } from './fixtures';

/**
 * The hours of an AESO Historical Pool Price CSV, read straight from the file for expected values:
 * `"MM/DD/YYYY HE","price",...`, HE 01-24 on Alberta time, `02*` the repeated fall-back hour.
 */
export interface PoolHour {
  day: string;
  /** Hour ending, 1-24. */
  he: number;
  repeated: boolean;
  value: number;
}

export function poolHours(relative: string): PoolHour[] {
  const hours: PoolHour[] = [];
  for (const line of readFileSync(sharedPath(relative), 'utf8').split(/\r?\n/)) {
    const m = /^"(\d\d)\/(\d\d)\/(\d{4}) (\d\d)(\*?)","(-?[\d.]+)"/.exec(line);
    if (m) hours.push({ day: `${m[3]}-${m[1]}-${m[2]}`, he: Number(m[4]), repeated: m[5] === '*', value: Number(m[6]) });
  }
  return hours;
}

/** AESO's on-peak: HE 08 to HE 23, every day. */
export function onPeak(h: PoolHour): boolean {
  return h.he >= 8 && h.he <= 23;
}

export function mean(values: number[]): number {
  if (!values.length) throw new Error('no values');
  return values.reduce((a, b) => a + b, 0) / values.length;
}
