import { ParseError } from '../../domain';
import type { ParsedPoint } from '../../domain';

/**
 * A number from a file cell or a JSON value: empty, `-` or null is missing (undefined, never
 * zero); anything else that is not a number makes the whole file untrustworthy.
 */
export function readNumber(value: unknown, source: string, where: string): number | undefined {
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

/** One point per product that has a value; a missing product is simply not stored. */
export function pushProducts(points: ParsedPoint[], base: Omit<ParsedPoint, 'product' | 'value'>, values: Record<string, number | undefined>): void {
  for (const [product, value] of Object.entries(values)) {
    if (value !== undefined) points.push({ ...base, product, value });
  }
}

/** Error and login pages often come with status 200: name them instead of failing on a column. */
export function refuseMarkup(text: string, source: string): void {
  if (/^\s*</.test(text)) throw new ParseError(source, 'got an HTML/XML page where a data file was expected (the source may be down or the URL has changed)');
}

/** An HTML page where an XML document was expected. */
export function refuseHtml(text: string, source: string): void {
  if (/^\s*<(!doctype\s+html|html|head|body)\b/i.test(text)) {
    throw new ParseError(source, 'got an HTML page where a data file was expected (the source may be down or the URL has changed)');
  }
}
