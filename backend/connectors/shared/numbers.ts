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
  if (typeof value === 'string') {
    const plain = plainDecimal(value);
    if (!Number.isNaN(plain)) return plain;
    // Any other number, as a cell may write it (`1e3`, `.5`), is read without copying the text.
    if (value.charCodeAt(0) > 32 && !radixPrefixed(value)) {
      const n = Number(value);
      if (Number.isFinite(n)) return n;
    }
  }
  const text = String(value).trim();
  if (text === '' || text === '-') return undefined;
  const unsigned = text.replace(/^([-+]?)\$/, '$1');
  const n = unsigned === '' || radixPrefixed(unsigned) ? NaN : Number(GROUPED.test(unsigned) ? unsigned.replace(/,/g, '') : unsigned);
  if (!Number.isFinite(n)) throw new ParseError(source, `${at(where, line)}: "${text.slice(0, 40)}" is not a number`);
  return n;
}

/** 10^0 .. 10^22: each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * `-12.345`, as nearly every cell of every report writes a number, read from its character codes
 * (Number() goes through the runtime each time). NaN for anything else (a sign `+`, `.5`, `5.`,
 * `1e3`, `1,000`, more than 15 digits: see `decimalOfDigits`), which readNumber reads the slow way.
 */
function plainDecimal(text: string): number {
  const n = text.length;
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (n - i > 16 || i === n) return NaN;
  let digits = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) digits = digits * 10 + d;
    else if (d === -2 && fraction < 0 && i > (negative ? 1 : 0) && i < n - 1) fraction = n - 1 - i;
    else return NaN;
  }
  const value = decimalOfDigits(digits, n - (negative ? 1 : 0) - (fraction > 0 ? 1 : 0), fraction);
  return negative ? -value : value;
}

/**
 * `plainDecimal` of the bytes [from, to) of an ASCII cell, for a reader of plain CSV bytes
 * (`formats/plain-csv.ts`); NaN where plainDecimal is, the empty cell included.
 */
export function plainDecimalAt(bytes: Uint8Array, from: number, to: number): number {
  const negative = bytes[from] === 45;
  const first = negative ? from + 1 : from;
  if (to - first > 16 || first === to) return NaN;
  let digits = 0;
  let fraction = -1;
  for (let i = first; i < to; i++) {
    const d = bytes[i] - 48;
    if (d >= 0 && d <= 9) digits = digits * 10 + d;
    else if (d === -2 && fraction < 0 && i > first && i < to - 1) fraction = to - 1 - i;
    else return NaN;
  }
  const value = decimalOfDigits(digits, to - first - (fraction > 0 ? 1 : 0), fraction);
  return negative ? -value : value;
}

/**
 * The number `count` decimal digits write (as the integer `digits`) with `fraction` of them after
 * the point (-1: no point). With at most 15 digits they make an exact integer, and one division by
 * an exact power of ten is rounded once, so the result is the one Number() gives; with more, NaN
 * (16 digits may not be exact), which the readers turn into the slow path.
 */
function decimalOfDigits(digits: number, count: number, fraction: number): number {
  if (count > 15) return NaN;
  return fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
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
