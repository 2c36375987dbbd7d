import type { Stat } from '../../contract';
import type { StoredPoint } from '../domain';

/**
 * A statistic over points: means are time-weighted, the rest count each interval once. A loop,
 * never an array spread into a call: an answer may hold millions of values.
 */
export function statistic(points: readonly StoredPoint[], stat: Stat): number {
  switch (stat) {
    case 'count':
      return points.length;
    case 'sum': {
      let sum = 0;
      for (const p of points) sum += p.value;
      return sum;
    }
    case 'min': {
      let min = Infinity;
      for (const p of points) if (p.value < min) min = p.value;
      return min;
    }
    case 'max': {
      let max = -Infinity;
      for (const p of points) if (p.value > max) max = p.value;
      return max;
    }
    case 'mean': {
      let weighted = 0;
      let weight = 0;
      for (const p of points) {
        weighted += p.value * (p.end - p.start);
        weight += p.end - p.start;
      }
      return weighted / weight;
    }
    case 'first':
    case 'last': {
      // In time order whatever order the points came in.
      let found = points[0];
      for (const p of points) if (stat === 'first' ? p.start < found.start : p.start > found.start) found = p;
      return found?.value ?? NaN;
    }
  }
}

/** The shortest interval of the points (Infinity when there are none). */
export function shortestInterval(points: readonly StoredPoint[]): number {
  let shortest = Infinity;
  for (const p of points) if (p.end - p.start < shortest) shortest = p.end - p.start;
  return shortest;
}
