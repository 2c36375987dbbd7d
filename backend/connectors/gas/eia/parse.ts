import { type ParsedPoint, ParseError } from '../../../domain';
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
