import { dayBounds, marketDay } from '../time/clock';
import type { Clock, ParsedPoint, SeriesKey } from '../domain';
import { detached } from '../formats/text';

const SLACK_MS = 60_000;

export interface CoveredDay {
  series: SeriesKey;
  day: string;
  /** The points' intervals cover the full market day (23, 24 or 25 hours; a daily value covers its day). */
  whole: boolean;
}

/**
 * Tallies which (series, day) pairs points fill, piece by piece: a large file streamed in parts
 * keeps one entry per series-day, never the points.
 */
export class CoverageTally {
  private readonly covered = new Map<string, { series: SeriesKey; day: string; ms: number }>();
  private readonly dayOfStart = new Map<number, string>(); // a file repeats the same few hundred interval starts

  constructor(
    private readonly market: string,
    private readonly clock: Clock,
    private readonly currency: string,
  ) {}

  add(points: ParsedPoint[]): this {
    for (const p of points) {
      let day = this.dayOfStart.get(p.start);
      if (day === undefined) {
        day = marketDay(p.start, this.clock);
        this.dayOfStart.set(p.start, day);
      }
      const currency = p.currency ?? this.currency;
      const key = `${p.location}\u0000${p.run}\u0000${p.product}\u0000${currency}\u0000${day}`;
      let entry = this.covered.get(key);
      if (!entry) {
        const series = {
          market: this.market,
          location: detached(p.location),
          run: detached(p.run),
          product: detached(p.product),
          currency: detached(currency),
        };
        entry = { series, day, ms: 0 };
        this.covered.set(key, entry);
      }
      const b = dayBounds(day, this.clock);
      entry.ms += Math.min(p.end, b.end) - Math.max(p.start, b.start);
    }
    return this;
  }

  days(): CoveredDay[] {
    return [...this.covered.values()].map((c) => {
      const b = dayBounds(c.day, this.clock);
      return { series: c.series, day: c.day, whole: c.ms >= b.end - b.start - SLACK_MS };
    });
  }
}
