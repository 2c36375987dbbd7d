import { apiPath, fetchApi } from '../client';
import type { Block, Stat } from '../contract';

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
