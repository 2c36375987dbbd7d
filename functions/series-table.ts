import { DATE_FORMAT, DATE_TIME_FORMAT, PRICE_FORMAT, serialFromIsoWallTime, utcSerialFromIso } from '../client';
import { datasetOf, unitText, type SeriesResponse } from '../contract';
import { formatted, formattedValueType, type NumberCell } from './cell-format';
import { functionError } from './errors';
import type { Column, FormulaOptions } from './options';

/** A series answer as the cells Excel shows: spilled rows, or the one value at a time. */

export type Cell = NumberCell | string;

const DAY_MS = 86_400_000;

export function seriesTable(answer: SeriesResponse, layout: Pick<FormulaOptions, 'headers' | 'columns'>): Cell[][] {
  if (answer.points.length === 0) throw noData(answer);
  const type = formattedValueType();
  const timeFormat = timeFormatOf(answer.points[0]);
  const time = (serial: number) => formatted(serial, timeFormat, type);
  const rows = answer.points.map((point) =>
    layout.columns.map((column): Cell => {
      switch (column) {
        case 'start':
          return time(serialFromIsoWallTime(point.start));
        case 'end':
          return time(serialFromIsoWallTime(point.end));
        case 'utc':
          return time(utcSerialFromIso(point.start));
        case 'value':
          return point.value === null ? '' : formatted(point.value, PRICE_FORMAT, type);
      }
    }),
  );
  return layout.headers ? [layout.columns.map((column) => heading(column, answer)), ...rows] : rows;
}

/** Days, weeks, months ... show as dates; hours and shorter as date-times (a 23-hour day is a day). */
export function timeFormatOf(interval: { start: string; end: string }): string {
  return Date.parse(interval.end) - Date.parse(interval.start) >= DAY_MS - 3_600_000 ? DATE_FORMAT : DATE_TIME_FORMAT;
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
      return `${answer.product} (${unitText(answer)})`;
  }
}

/** The value of a single-instant answer (the one interval holding the asked time). */
export function singleValue(answer: SeriesResponse): NumberCell {
  const value = answer.points[0]?.value;
  if (value === null || value === undefined) throw noData(answer, 'at that time');
  return formatted(value, PRICE_FORMAT);
}

function noData(answer: SeriesResponse, when = 'for this period'): ReturnType<typeof functionError> {
  const what = datasetOf(answer.product) === 'price' ? `${answer.product} price` : answer.product;
  return functionError('notAvailable', `No ${answer.run} ${what} for ${answer.market} ${answer.location} ${when} yet.`);
}
