import { type ParsedPoint, ParseError } from '../../domain';

/** One point per product that has a value; a missing product is simply not stored. */
export function pushProducts(
  points: ParsedPoint[],
  base: Omit<ParsedPoint, 'product' | 'value'>,
  values: Record<string, number | undefined>,
): void {
  for (const [product, value] of Object.entries(values)) {
    if (value !== undefined) points.push({ ...base, product, value });
  }
}

/** Rounded to a millionth: sums and differences of prices carry float noise the source never wrote. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The energy part where a source publishes only the price and its other parts: LMP - CONGESTION - LOSS. */
export function energyOf(lmp: number | undefined, congestion: number | undefined, loss: number | undefined): number | undefined {
  if (lmp === undefined || congestion === undefined || loss === undefined) return undefined;
  return round6(lmp - congestion - loss);
}

/** A parser's guard: two values for one location, product and interval mean the file cannot be trusted. */
export function assertNoDuplicateIntervals(points: { location: string; product: string; start: number }[], source: string): void {
  const seen = new Set<string>();
  for (const p of points) {
    const key = `${p.location}\u0000${p.product}\u0000${p.start}`;
    if (seen.has(key))
      throw new ParseError(
        source,
        `two values for ${p.location} ${p.product} at ${new Date(p.start).toISOString()}; the hour labels are inconsistent`,
      );
    seen.add(key);
  }
}
