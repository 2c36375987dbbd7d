import { apiPath, fetchApi } from '../client';
import type { Block, SeriesPoint, Stat } from '../contract';

/** The small statistics table under the chart: ATC, peak and off-peak means, min and max, per run. */

export interface StatRow {
  label: string;
  block: Block;
  stat: Stat;
}

/** The rows a market supports: its own peak blocks (US on/off-peak, or European peak). */
export function statRows(blocks: Block[]): StatRow[] {
  const peak = blocks.includes('ONPEAK') ? 'ONPEAK' : 'PEAK';
  const rows: StatRow[] = [
    { label: 'ATC', block: 'ATC', stat: 'mean' },
    { label: 'On-peak', block: peak, stat: 'mean' },
    { label: 'Off-peak', block: 'OFFPEAK', stat: 'mean' },
    { label: 'Min', block: 'ATC', stat: 'min' },
    { label: 'Max', block: 'ATC', stat: 'max' },
  ];
  return rows.filter((row) => blocks.includes(row.block));
}

export interface StatsQuery {
  market: string;
  location: string;
  runs: string[];
  start: string;
  end: string;
  signal: AbortSignal;
}

/** Values by row then run; null where the backend had no answer. */
export async function loadStats(rows: StatRow[], q: StatsQuery): Promise<(number | null)[][]> {
  return Promise.all(
    rows.map((row) =>
      Promise.all(
        q.runs.map((run) =>
          fetchApi(
            apiPath('/aggregate', {
              market: q.market,
              location: q.location,
              start: q.start,
              end: q.end,
              block: row.block,
              stat: row.stat,
              run,
            }),
            q.signal,
          ).then(
            (answer) => answer.value,
            () => null,
          ),
        ),
      ),
    ),
  );
}

/** The rows that need no peak calendar: what can be read off averaged points (daily averages of a long range). */
export const PLAIN_ROWS: StatRow[] = [
  { label: 'Mean', block: 'ATC', stat: 'mean' },
  { label: 'Min', block: 'ATC', stat: 'min' },
  { label: 'Max', block: 'ATC', stat: 'max' },
];

/**
 * PLAIN_ROWS over the points the chart shows, by row then run: the mean weighted by interval
 * length (as the backend's), min and max of the values; null for a run with no value.
 */
export function pointStats(series: { points: SeriesPoint[] }[]): (number | null)[][] {
  const perRun = series.map(({ points }) => {
    let weighted = 0;
    let weight = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      if (p.value === null) continue;
      const length = Date.parse(p.end) - Date.parse(p.start);
      weighted += p.value * length;
      weight += length;
      if (p.value < min) min = p.value;
      if (p.value > max) max = p.value;
    }
    return weight > 0 ? [weighted / weight, min, max] : [null, null, null];
  });
  return PLAIN_ROWS.map((_, row) => perRun.map((values) => values[row]));
}
