import { formatInstant } from '../time/clock';

export interface Columns {
  /** The first start and the step between starts, when the starts are evenly spaced in UTC. */
  start?: string;
  stepSeconds?: number;
  /** Every start, when they are not evenly spaced. */
  starts?: string[];
  values: (number | null)[];
}

/**
 * Points as columns: their values in order, with one start and a step where the starts are evenly
 * spaced (so a year of hours writes one time, not 8,760), else every start, in the zone asked.
 */
export function inColumns(points: readonly { start: number; value: number | null }[], tz: string): Columns {
  const values: (number | null)[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) values[i] = points[i].value;
  if (points.length === 0) return { values };
  const stepMs = points.length > 1 ? points[1].start - points[0].start : 0;
  let even = true;
  for (let i = 2; even && i < points.length; i++) even = points[i].start - points[i - 1].start === stepMs;
  if (points.length === 1) return { start: formatInstant(points[0].start, tz), values };
  if (even && stepMs > 0) return { start: formatInstant(points[0].start, tz), stepSeconds: stepMs / 1000, values };
  return { starts: points.map((p) => formatInstant(p.start, tz)), values };
}
