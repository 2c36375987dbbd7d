import { ParseError } from '../../domain';

/** `1,012.50`: commas only as thousands separators, so that a stray comma is never read as one. */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number from a file cell or a JSON value. Empty, `-` or null is missing (undefined, never zero).
 * A leading `$` and thousands separators are dropped (`$1,012.50`). Anything else that is not a
 * number makes the whole file untrustworthy: a ParseError naming `where`.
 */
export function readNumber(value: unknown, source: string, where: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new ParseError(source, `${where}: ${value} is not a finite number`);
  }
  const text = String(value).trim();
  if (text === '' || text === '-') return undefined;
  const unsigned = text.replace(/^([-+]?)\$/, '$1');
  const n = unsigned === '' ? NaN : Number(GROUPED.test(unsigned) ? unsigned.replace(/,/g, '') : unsigned);
  if (!Number.isFinite(n)) throw new ParseError(source, `${where}: "${text.slice(0, 40)}" is not a number`);
  return n;
}

/** A count or a position (an hour, an interval number) that must be there and be whole. */
export function readWholeNumber(value: unknown, source: string, where: string): number {
  const n = readNumber(value, source, where);
  if (n === undefined || !Number.isInteger(n)) throw new ParseError(source, `${where}: "${String(value)}" is not a whole number`);
  return n;
}
