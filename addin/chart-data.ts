import type { RunSeries } from './backfill';

/**
 * The charted runs on one time line, as uPlot takes them: x the interval starts in epoch seconds
 * (UTC instants, so a 25-hour day has 25 distinct x), one y array per run. A run's value holds over
 * its interval (an hourly day-ahead price beside 5-minute real-time prices is drawn as steps); where
 * a run has no value (a gap in the data, or a null) its y is null and the line breaks there.
 */

export interface AlignedSeries {
  /** Epoch seconds, ascending. */
  xs: number[];
  ys: (number | null)[][];
  /** Intervals with a value, per run: what is plotted. */
  counts: number[];
}

interface Interval {
  start: number;
  end: number;
  value: number | null;
}

export function alignSeries(lines: RunSeries[]): AlignedSeries {
  const runs: Interval[][] = lines.map((line) =>
    line.points
      .map((p) => ({ start: Date.parse(p.start) / 1000, end: Date.parse(p.end) / 1000, value: p.value }))
      .sort((a, b) => a.start - b.start),
  );
  const xSet = new Set<number>();
  for (const intervals of runs)
    intervals.forEach((iv, i) => {
      xSet.add(iv.start);
      // Where the next interval does not start at this one's end, the line must stop at the end.
      if (intervals[i + 1]?.start !== iv.end) xSet.add(iv.end);
    });
  const xs = [...xSet].sort((a, b) => a - b);
  const ys = runs.map((intervals) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    let at = 0;
    xs.forEach((x, i) => {
      while (at < intervals.length && intervals[at].end <= x) at++;
      const iv = intervals[at];
      if (iv && iv.start <= x && x < iv.end) y[i] = iv.value;
    });
    return y;
  });
  const counts = runs.map((intervals) => intervals.filter((iv) => iv.value !== null).length);
  return { xs, ys, counts };
}

/**
 * The lines stacked, for a fuel mix drawn as areas: each y the sum of its own value and those of
 * the lines before it. A line without a value at an x adds nothing there (a fuel that was not
 * running); an x where no line has a value stays a gap.
 */
export function stackSeries(ys: (number | null)[][]): (number | null)[][] {
  const sums: (number | null)[] = ys[0]?.map(() => null) ?? [];
  return ys.map((y) =>
    y.map((value, i) => {
      if (value !== null) sums[i] = (sums[i] ?? 0) + value;
      return sums[i];
    }),
  );
}
