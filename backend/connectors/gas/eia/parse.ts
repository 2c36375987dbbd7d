import { ParseError } from '../../../domain';
import { decodeText } from '../../../formats/text';
import { dayBounds } from '../../../time/clock';
import type { ParseContext } from '../../types';
import type { ParsedPoint, ParseResult } from '../../../domain';
import { GAS_CLOCK, type EiaSeries } from './market';

interface EiaRow {
  period?: unknown;
  series?: unknown;
  value?: unknown;
  units?: unknown;
}

/**
 * An EIA API v2 JSON page: `response.data[]` rows of {period, series, value, units}.
 * `value` comes as a string on some routes and a number on others; null or empty is missing.
 * Each value covers its day (or, for weekly storage, the week-ending day) [00:00, 24:00) New York.
 * Series not in `known` are skipped (a hand-downloaded file may carry more series than gridcell stores).
 */
export function parseEiaPage(body: Buffer, ctx: Pick<ParseContext, 'source'>, known: EiaSeries[]): ParseResult {
  const { source } = ctx;
  const response = responseOf(body, source);
  const bySeries = new Map(known.map((s) => [s.id, s]));
  const points: ParsedPoint[] = [];
  response.data.forEach((row, i) => {
    const period = field(row, 'period', i, source);
    const seriesId = field(row, 'series', i, source);
    const series = bySeries.get(seriesId);
    if (!series) return;
    if (!('value' in row)) throw new ParseError(source, `data row ${i + 1} has no "value"`);
    const value = valueOf(row.value, source, i);
    if (value === undefined) return;
    if (row.units !== undefined && String(row.units).toUpperCase() !== series.units) {
      throw new ParseError(source, `series ${seriesId} comes in "${String(row.units)}", expected ${series.units}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) throw new ParseError(source, `data row ${i + 1}: period "${period}" is not a date`);
    const { start, end } = dayBounds(period, GAS_CLOCK);
    points.push({ location: series.location, run: series.run, product: series.product, start, end, value });
  });
  return { points };
}

function responseOf(body: Buffer, source: string): { data: EiaRow[] } {
  const text = decodeText(body).trim();
  if (!text.startsWith('{')) throw new ParseError(source, `expected EIA JSON, got ${describe(text)}`);
  let json: { response?: { data?: unknown }; error?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (e) {
    throw new ParseError(source, `not valid JSON (${(e as Error).message})`);
  }
  if (json.error !== undefined) throw new ParseError(source, `EIA answered with an error: ${JSON.stringify(json.error).slice(0, 200)}`);
  if (!json.response || !Array.isArray(json.response.data)) throw new ParseError(source, 'missing "response.data" in the EIA answer');
  return { data: json.response.data as EiaRow[] };
}

function field(row: EiaRow, name: 'period' | 'series', i: number, source: string): string {
  const v = row[name];
  if (typeof v !== 'string' || v === '') throw new ParseError(source, `data row ${i + 1} has no "${name}"`);
  return v;
}

function valueOf(v: unknown, source: string, i: number): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) throw new ParseError(source, `data row ${i + 1}: value ${JSON.stringify(v)} is not a number`);
  return n;
}

function describe(text: string): string {
  return /^<(!doctype|html)/i.test(text) ? 'an HTML page' : `"${text.slice(0, 40)}"`;
}
