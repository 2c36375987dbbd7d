import { unitText } from '../contract';
import { serialFromIsoWallTime } from '../client';
import type { RunSeries } from './backfill';

/** The previewed runs side by side, one row per interval start: what "Insert table" writes. */

export interface JoinedTable {
  header: string[];
  rows: { start: string; values: (number | null)[] }[];
}

export function joinRuns(series: RunSeries[]): JoinedTable {
  const byStart = new Map<string, (number | null)[]>();
  series.forEach((line, column) => {
    for (const point of line.points) {
      const row = byStart.get(point.start) ?? series.map(() => null);
      row[column] = point.value;
      byStart.set(point.start, row);
    }
  });
  const tz = series[0]?.tz ?? '';
  return {
    header: [`Start (${tz})`, ...series.map((s) => `${s.label} (${unitText(s)})`)],
    rows: [...byStart].sort(([a], [b]) => Date.parse(a) - Date.parse(b)).map(([start, values]) => ({ start, values })),
  };
}

/** Cells for Excel: start as a date serial on the answer's clock, blanks for missing values. */
export function sheetValues(table: JoinedTable): (string | number)[][] {
  return [table.header, ...table.rows.map((r) => [serialFromIsoWallTime(r.start), ...r.values.map((v) => v ?? '')])];
}

/** Tab-separated text for the clipboard (outside Excel): times as the wall time written in the answer. */
export function tabSeparated(table: JoinedTable): string {
  return [table.header, ...table.rows.map((r) => [r.start.slice(0, 16).replace('T', ' '), ...r.values.map((v) => v ?? '')])]
    .map((cells) => cells.join('\t'))
    .join('\n');
}
