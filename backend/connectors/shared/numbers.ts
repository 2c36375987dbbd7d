import { ParseError } from '../../domain';

/** `1,012.50`: commas only as thousands separators, so that a stray comma is never read as one. */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number from a file cell or a JSON value. Empty, `-` or null is missing (undefined, never zero).
 * A leading `$` and thousands separators are dropped (`$1,012.50`). Anything else that is not a
 * number makes the whole file untrustworthy: a ParseError naming `where`.
 */
export function readNumber(value: unknown, source: string, where: string, line?: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new ParseError(source, `${at(where, line)}: ${value} is not a finite number`);
  }
  // A plain number, as almost every cell holds, is read without copying the text.
  if (typeof value === 'string' && value.charCodeAt(0) > 32 && !radixPrefixed(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  const text = String(value).trim();
  if (text === '' || text === '-') return undefined;
  const unsigned = text.replace(/^([-+]?)\$/, '$1');
  const n = unsigned === '' || radixPrefixed(unsigned) ? NaN : Number(GROUPED.test(unsigned) ? unsigned.replace(/,/g, '') : unsigned);
  if (!Number.isFinite(n)) throw new ParseError(source, `${at(where, line)}: "${text.slice(0, 40)}" is not a number`);
  return n;
}

/** `0x1F`, `0b101`, `0o17`: JavaScript reads them as numbers, no market publishes them. */
function radixPrefixed(text: string): boolean {
  const i = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0;
  const letter = text.charCodeAt(i + 1) | 0x20;
  return text.charCodeAt(i) === 48 && (letter === 0x78 || letter === 0x62 || letter === 0x6f);
}

/** A count or a position (an hour, an interval number) that must be there and be whole. */
export function readWholeNumber(value: unknown, source: string, where: string, line?: number): number {
  const n = readNumber(value, source, where, line);
  if (n === undefined || !Number.isInteger(n)) throw new ParseError(source, `${at(where, line)}: "${String(value)}" is not a whole number`);
  return n;
}

/**
 * `line 12, LMP`: where a cell is. Row readers pass the line apart from the column so that the
 * text is only written for an error (a day of all CAISO nodes reads 160,000 rows).
 */
export function at(where: string, line: number | undefined): string {
  return line === undefined ? where : `line ${line}, ${where}`;
}
