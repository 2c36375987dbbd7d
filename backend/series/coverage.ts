import { dayBounds, marketDay } from '../time/clock';
import type { Clock, PointColumns, PointSeries, SeriesKey } from '../domain';
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

interface DayOf {
  day: string;
  /** This tally's number for the day: with a series id, one numeric key per series-day. */
  index: number;
  bounds: { start: number; end: number };
}

/** Series ids are far below this; a tally's days far below DAYS_PER_SERIES. */
const DAYS_PER_SERIES = 1 << 20;

/**
 * Tallies which (series, day) pairs points fill, piece by piece: a large file streamed in parts
 * keeps one entry per series-day (its minutes covered, 24 bytes an hour), never the points. A
 * repeated row cannot make up for a missing one: a day is whole only when every minute is covered.
 * Points come with the series ids the store gave them, so a point costs numbers, not strings.
 */
export class CoverageTally {
  private readonly covered = new Map<number, { series: SeriesKey; day: string; minutes: DayMinutes }>();
  private readonly keys = new Map<number, SeriesKey>();
  private readonly dayOfStart = new Map<number, DayOf>(); // a file repeats the same few hundred interval starts
  private readonly days = new Map<string, DayOf>();

  constructor(
    private readonly market: string,
    private readonly clock: Clock,
    private readonly currency: string,
  ) {}

  /** Points and their series ids, in the same order. */
  add(points: PointColumns, seriesIds: Float64Array): this {
    const { start, end, series, seriesIndex } = points;
    for (let i = 0; i < seriesIds.length; i++) {
      const id = seriesIds[i];
      const day = this.dayOf(start[i]);
      const key = id * DAYS_PER_SERIES + day.index;
      let entry = this.covered.get(key);
      if (!entry) {
        entry = { series: this.keyOf(id, series[seriesIndex[i]]), day: day.day, minutes: new DayMinutes(day.bounds) };
        this.covered.set(key, entry);
      }
      entry.minutes.mark(start[i], end[i]);
    }
    return this;
  }

  covers(): CoveredDay[] {
    return [...this.covered.values()].map(({ series, day, minutes }) => ({
      series,
      day,
      whole: minutes.covered() >= minutes.minutes - SLACK_MINUTES,
    }));
  }

  private dayOf(start: number): DayOf {
    let found = this.dayOfStart.get(start);
    if (!found) {
      const day = marketDay(start, this.clock);
      found = this.days.get(day);
      if (!found) this.days.set(day, (found = { day, index: this.days.size, bounds: dayBounds(day, this.clock) }));
      this.dayOfStart.set(start, found);
    }
    return found;
  }

  private keyOf(id: number, p: PointSeries): SeriesKey {
    let key = this.keys.get(id);
    if (!key) {
      key = {
        market: this.market,
        location: detached(p.location),
        run: detached(p.run),
        product: detached(p.product),
        currency: detached(p.currency ?? this.currency),
      };
      this.keys.set(id, key);
    }
    return key;
  }
}
