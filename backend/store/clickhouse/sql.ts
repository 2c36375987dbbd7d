/**
 * The one place values become SQL text. ClickHouse 18.16 has no server-side query parameters, so
 * every value a query names goes through these: numbers are checked, strings escaped by the rules
 * of ClickHouse's string literals (backslash and single quote). Nothing else is ever interpolated.
 */

/** A string literal. */
export function str(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An integer literal (a series id, epoch seconds, a mask). */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`Not an integer fit for SQL: ${n}`);
  return String(n);
}

/** A database, table or cluster name: only letters, digits and underscores, so it needs no quoting. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a plain name: ${name}`);
  return name;
}

/** A list of literals for IN or an array: `(a, b)`. */
export function list<T>(values: readonly T[], literal: (v: T) => string): string {
  return `(${values.map(literal).join(', ')})`;
}

export function array<T>(values: readonly T[], literal: (v: T) => string): string {
  return `[${values.map(literal).join(', ')}]`;
}

/** Epoch milliseconds as the DateTime literal of their second (rounded as the SQLite store rounds). */
export function seconds(ms: number, round: (x: number) => number = Math.round): string {
  return `toDateTime(${int(round(ms / 1000))})`;
}
