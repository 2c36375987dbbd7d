import { dayBounds, marketDay } from '../time/clock';
import type { Clock, ParsedPoint, SeriesKey } from '../domain';
import { detached } from '../formats/text';

const MINUTE = 60_000;
/** A day covered but for a minute still counts as whole (an interval end written one minute short). */
const SLACK_MINUTES = 1;

export interface CoveredDay {
  series: SeriesKey;
  day: string;
  /** The points' intervals cover the full market day (23, 24 or 25 hours; a daily value covers its day). */
  whole: boolean;
}

/** The minutes of one market day that points have covered: a repeated interval counts once. */
class DayMinutes {
  private readonly bits: Uint32Array;
  readonly minutes: number;

  constructor(readonly bounds: { start: number; end: number }) {
    this.minutes = Math.round((bounds.end - bounds.start) / MINUTE);
    this.bits = new Uint32Array(Math.ceil(this.minutes / 32));
  }

  mark(start: number, end: number): void {
    const from = Math.max(0, Math.round((start - this.bounds.start) / MINUTE));
    const to = Math.min(this.minutes, Math.round((end - this.bounds.start) / MINUTE));
    for (let i = from; i < to;) {
      const word = i >>> 5;
      const bit = i & 31;
      const count = Math.min(32 - bit, to - i);
      this.bits[word] |= (count === 32 ? 0xffffffff : ((1 << count) - 1) << bit) >>> 0;
      i += count;
    }
  }

  covered(): number {
    let n = 0;
    for (let w of this.bits) {
      while (w) {
        w &= w - 1;
        n++;
      }
    }
    return n;
  }
}

/**
 * Tallies which (series, day) pairs points fill, piece by piece: a large file streamed in parts
 * keeps one entry per series-day (its minutes covered, 24 bytes an hour), never the points. A
 * repeated row cannot make up for a missing one: a day is whole only when every minute is covered.
 */
export class CoverageTally {
  private readonly covered = new Map<string, { series: SeriesKey; day: string; minutes: DayMinutes }>();
  private readonly dayOfStart = new Map<number, string>(); // a file repeats the same few hundred interval starts
  private readonly boundsOfDay = new Map<string, { start: number; end: number }>();

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
        let bounds = this.boundsOfDay.get(day);
        if (!bounds) this.boundsOfDay.set(day, (bounds = dayBounds(day, this.clock)));
        entry = { series, day, minutes: new DayMinutes(bounds) };
        this.covered.set(key, entry);
      }
      entry.minutes.mark(p.start, p.end);
    }
    return this;
  }

  days(): CoveredDay[] {
    return [...this.covered.values()].map(({ series, day, minutes }) => ({
      series,
      day,
      whole: minutes.covered() >= minutes.minutes - SLACK_MINUTES,
    }));
  }
}
