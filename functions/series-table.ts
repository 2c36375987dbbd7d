import { serialFromIsoWallTime, utcSerialFromIso } from '../client';
import type { SeriesResponse } from '../contract';
import { functionError } from './errors';
import type { Column, FormulaOptions } from './options';

/** A series answer as the cells Excel shows: spilled rows, or the one value at a time. */

export type Cell = number | string;

export function seriesTable(answer: SeriesResponse, layout: Pick<FormulaOptions, 'headers' | 'columns'>): Cell[][] {
  if (answer.points.length === 0) throw noData(answer);
  const rows = answer.points.map((point) =>
    layout.columns.map((column): Cell => {
      switch (column) {
        case 'start':
          return serialFromIsoWallTime(point.start);
        case 'end':
          return serialFromIsoWallTime(point.end);
        case 'utc':
          return utcSerialFromIso(point.start);
        case 'value':
          return point.value ?? '';
      }
    }),
  );
  return layout.headers ? [layout.columns.map((column) => heading(column, answer)), ...rows] : rows;
}

function heading(column: Column, answer: SeriesResponse): string {
  switch (column) {
    case 'start':
      return `Start (${answer.tz})`;
    case 'end':
      return `End (${answer.tz})`;
    case 'utc':
      return 'Start (UTC)';
    case 'value':
      return `${answer.product} (${answer.currency}/${answer.unit})`;
  }
}

/** The value of a single-instant answer (the one interval holding the asked time). */
export function singleValue(answer: SeriesResponse): number {
  const value = answer.points[0]?.value;
  if (value === null || value === undefined) throw noData(answer, 'at that time');
  return value;
}

function noData(answer: SeriesResponse, when = 'for this period'): ReturnType<typeof functionError> {
  return functionError('notAvailable', `No ${answer.run} ${answer.product} price for ${answer.market} ${answer.location} ${when} yet.`);
}
