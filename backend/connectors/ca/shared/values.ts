import { ParseError } from '../../../errors';
import type { ParsedPoint } from '../../types';

/**
 * A numeric cell or JSON value: empty, `-` or null is missing (undefined, never zero); anything
 * else that is not a number makes the whole file untrustworthy.
 */
export function numberValue(value: unknown, source: string, where: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new ParseError(source, `${where}: ${value} is not a finite number`);
  }
  const text = String(value).trim().replace(/,/g, '');
  if (text === '' || text === '-') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ParseError(source, `${where}: "${text.slice(0, 40)}" is not a number`);
  return n;
}

/** One point per product that has a value; missing products are simply not stored. */
export function pushProducts(points: ParsedPoint[], base: Omit<ParsedPoint, 'product' | 'value'>, values: Record<string, number | undefined>): void {
  for (const [product, value] of Object.entries(values)) {
    if (value !== undefined) points.push({ ...base, product, value });
  }
}

/** Error pages often arrive with status 200; name them instead of failing on a missing column. */
export function rejectHtml(text: string, source: string): void {
  if (/^\s*<(!doctype\s+html|html|head|body)\b/i.test(text)) {
    throw new ParseError(source, 'got an HTML page where a data file was expected (the source may be down or the URL has changed)');
  }
}

/** `MM/DD/YYYY` (as ISO Express and AESO ETS write dates) to `YYYY-MM-DD`. */
export function usDate(text: string, source: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) throw new ParseError(source, `"${text.slice(0, 20)}" is not a MM/DD/YYYY date`);
  return `${m[3]}-${m[1]}-${m[2]}`;
}
