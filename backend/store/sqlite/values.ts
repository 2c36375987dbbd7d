/**
 * How a value is stored. Market values are decimals: one with at most five places is stored as
 * an integer count of 1e-5 (3 or 4 bytes for a price, where a REAL takes 8), exactly: it is
 * stored so only when dividing the integer back gives the same double. Any other value is a REAL.
 * The column has no type (no affinity), so SQLite keeps each value's own storage class and
 * `typeof` tells the two apart.
 */
const SCALE = 100_000;

/** The value as a count of 1e-5 when that is exact, else undefined (stored as a REAL). */
export function scaledValue(value: number): number | undefined {
  const scaled = Math.round(value * SCALE);
  return Number.isSafeInteger(scaled) && scaled / SCALE === value ? scaled : undefined;
}

/**
 * A count bound as a parameter: better-sqlite3 binds every JS number as a REAL, so the SQL casts
 * it (exact below 2^53) instead of the caller making a BigInt per value.
 */
export const SCALED_PARAMETER = 'CAST(? AS INTEGER)';

/** The SQL that reads a stored value back as the double it was. */
export function valueOf(column: string): string {
  return `CASE typeof(${column}) WHEN 'integer' THEN ${column} / ${SCALE}.0 ELSE ${column} END`;
}

/** The SQL of a stored value's count of 1e-5, or NULL where it is stored as a REAL. */
export function scaledCountOf(column: string): string {
  return `CASE typeof(${column}) WHEN 'integer' THEN ${column} END`;
}

/** The double a stored count of 1e-5 stands for: the same division as valueOf's SQL. */
export function unscaled(count: number): number {
  return count / SCALE;
}
