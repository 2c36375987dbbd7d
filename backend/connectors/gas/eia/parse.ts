import { type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { eachCsvRecord } from '../../../formats/csv';
import { dayBounds, marketDay } from '../../../time/clock';
import type { Parser } from '../../types';
import { readDay } from '../../shared/dates';
import { readJsonObject, requiredArray, requiredField, requiredObject, requiredString } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { EXPORT_PROCESSES, GAS_CLOCK, type EiaSeries } from './market';

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

/**
 * `Liquefied U.S. Natural Gas Exports to Japan (MMcf)`, `U.S. Natural Gas Pipeline Exports to Mexico (MMcf)`,
 * `Sabine Pass, LA Liquefied Natural Gas Exports to India (Million Cubic Feet)`: the point of exit, then
 * the destination when the series has one (no destination: every country).
 */
const EXPORT_DESCRIPTION =
  /^(?:Liquefied\s+)?(.+?)\s+(?:Liquefied\s+)?Natural Gas(?:\s+Pipeline)?\s+Exports(?:\s+to\s+(.+?))?\s*\((?:MMcf|Million Cubic Feet)\)$/i;

/**
 * EIA API v2 natural-gas/move/poe2 (exports by point of exit), monthly, MMcf: `response.data[]` rows of
 * {period YYYY-MM, duoarea, process, series, series-description, value, units}. Process ENG is LNG_EXPORTS,
 * ENP PIPELINE_EXPORTS (other processes of the route, such as prices, are skipped). Each row is named by
 * its point of exit and destination as its series-description says them (upper case: `SABINE PASS, LA TO
 * INDIA`, `U.S.` for all points and countries), with the duoarea code and series id as aliases. A value
 * covers its calendar month, New York time. Both the API's own envelope and a re-serialised one that keeps
 * only `response.data` are read.
 */
export const parseEiaExports: Parser = (body, { source }) => {
  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  const guards = new Map<string, RowGuard>();
  dataRows(body, source).forEach((entry, i) => {
    const where = `data row ${i + 1}`;
    const row = requiredObject(entry, source, where);
    const process = EXPORT_PROCESSES[requiredString(row, 'process', source, where)];
    if (!process) return;
    const description = requiredString(row, 'series-description', source, where);
    const named = EXPORT_DESCRIPTION.exec(description.trim());
    if (!named || !process.words.test(description))
      throw new ParseError(source, `${where}: series-description "${description}" does not name a point of exit as EIA writes exports`);
    const units = requiredString(row, 'units', source, where);
    if (units.toUpperCase() !== 'MMCF') throw new ParseError(source, `${where}: exports come in "${units}", expected MMCF`);
    const location = named[2] ? `${named[1]} TO ${named[2]}`.toUpperCase() : named[1].toUpperCase();
    const { start, end } = monthBounds(requiredString(row, 'period', source, where), source, where);
    let guard = guards.get(process.product);
    if (!guard) guards.set(process.product, (guard = new RowGuard(source, { where: (n) => `data row ${n}`, product: process.product })));
    guard.check(location, start, i + 1);
    const known = locations.get(location) ?? { name: location, type: 'REGION', aliases: [] };
    for (const alias of [requiredString(row, 'duoarea', source, where), requiredString(row, 'series', source, where)])
      if (!known.aliases!.includes(alias)) known.aliases!.push(alias);
    locations.set(location, known);
    const value = readNumber(requiredField(row, 'value', source, where), source, `${where}, value`);
    if (value !== undefined) points.push({ location, run: 'MONTHLY', product: process.product, start, end, value });
  });
  return { points, locations: [...locations.values()] };
};

/** `2026-07`: the calendar month on the gas clock, [first day 00:00, next month's first day 00:00). */
function monthBounds(period: string, source: string, where: string): { start: number; end: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new ParseError(source, `${where}: period "${period}" is not a month YYYY-MM`);
  const year = Number(m[1]);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { start: dayBounds(`${m[1]}-${m[2]}-01`, GAS_CLOCK).start, end: dayBounds(next, GAS_CLOCK).start };
}
