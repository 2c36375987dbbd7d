import { type ParsedPoint, ParseError } from '../../../domain';
import { eachCsvRecord } from '../../../formats/csv';
import { dayBounds, marketDay } from '../../../time/clock';
import type { Parser } from '../../types';
import { readDay } from '../../shared/dates';
import { readJsonObject, requiredArray, requiredField, requiredObject, requiredString } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { GAS_CLOCK, type EiaSeries } from './market';

/**
 * An EIA API v2 JSON page of the given series: `response.data[]` rows of {period, series, value, units}.
 * `value` comes as a string on some routes and a number on others; null or empty is missing.
 * Each value covers its day (or, for weekly storage, the week-ending day) [00:00, 24:00) New York.
 * Series not in `known` are skipped (a hand-downloaded file may carry more series than gridcell stores).
 */
export function eiaParser(known: EiaSeries[]): Parser {
  const bySeries = new Map(known.map((s) => [s.id, s]));
  return (body, { source }) => {
    const points: ParsedPoint[] = [];
    const guard = new RowGuard(source, { where: (i) => `data row ${i}`, when: (start) => marketDay(start, GAS_CLOCK) });
    dataRows(body, source).forEach((entry, i) => {
      const where = `data row ${i + 1}`;
      const row = requiredObject(entry, source, where);
      const period = requiredString(row, 'period', source, where);
      const seriesId = requiredString(row, 'series', source, where);
      const series = bySeries.get(seriesId);
      if (!series) return;
      const value = readNumber(requiredField(row, 'value', source, where), source, `${where}, value`);
      if (value === undefined) return;
      if (row.units !== undefined && String(row.units).toUpperCase() !== series.units) {
        throw new ParseError(source, `series ${seriesId} comes in "${String(row.units)}", expected ${series.units}`);
      }
      const { start, end } = dayBounds(readDay(period, source, `${where}, period`), GAS_CLOCK);
      guard.check(seriesId, start, i + 1);
      points.push({ location: series.location, run: series.run, product: series.product, start, end, value });
    });
    return { points };
  };
}

function dataRows(body: Buffer, source: string): unknown[] {
  const json = readJsonObject(body, source, 'an EIA API answer');
  if (json.error !== undefined) throw new ParseError(source, `EIA answered with an error: ${JSON.stringify(json.error)}`);
  const response = requiredObject(requiredField(json, 'response', source), source, '"response"');
  return requiredArray(response, 'data', source, 'response');
}

/**
 * FRED's graph CSV of one series: a header `observation_date,<ID>` (`DATE,<ID>` in older downloads),
 * then `YYYY-MM-DD,value` rows. A day without a value (a holiday) is `.` or empty: no point.
 * When read as the answer to a request, only the requested days are kept.
 */
export function fredParser(seriesId: string, series: EiaSeries): Parser {
  return (body, ctx) => {
    const { source } = ctx;
    const wanted = ctx.request ? new Set(ctx.request.period.days) : undefined;
    const points: ParsedPoint[] = [];
    const guard = new RowGuard(source, { where: (i) => `line ${i}`, when: (start) => marketDay(start, GAS_CLOCK) });
    eachCsvRecord(
      body,
      source,
      {
        columns: { date: ['observation_date', 'DATE'], value: [seriesId] },
        expected: `a FRED CSV of ${seriesId} (header "observation_date,${seriesId}")`,
      },
      (row, col, line) => {
        const day = readDay(row[col.date].trim(), source, `line ${line}, date`);
        const cell = row[col.value].trim();
        if (wanted && !wanted.has(day)) return;
        const value = cell === '.' ? undefined : readNumber(cell, source, `line ${line}, ${seriesId}`);
        const { start, end } = dayBounds(day, GAS_CLOCK);
        guard.check(seriesId, start, line);
        if (value !== undefined) points.push({ location: series.location, run: series.run, product: series.product, start, end, value });
      },
    );
    return { points };
  };
}
