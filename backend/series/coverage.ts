import { dayBounds, marketDay } from '../time/clock';
import type { Clock, PointColumns, PointSeries, SeriesKey } from '../domain';
import type { CoverageEntry } from '../store/series-store';

const MINUTE = 60_000;
/** A day covered but for a minute still counts as whole (an interval end written one minute short). */
const SLACK_MINUTES = 1;

interface DayOf {
  day: string;
  start: number;
  end: number;
  minutes: number;
  /** Series id -> the minutes of the day its points cover; WHOLE once they cover all of it. */
  covered: Map<number, number[] | typeof WHOLE>;
}

/** A series-day already filled and handed out by `add`: nothing more is tallied for it. */
const WHOLE = null;

/**
 * Adds [from, to) to sorted, disjoint ranges [from, to, from, to, ...], merging what it touches:
 * a repeated interval adds nothing. Points of a series mostly come in order, so the new range
 * usually extends the last one.
 */
function addRange(ranges: number[], from: number, to: number): void {
  const n = ranges.length;
  if (n === 0 || from > ranges[n - 1]) {
    ranges.push(from, to);
    return;
  }
  if (from >= ranges[n - 2]) {
    ranges[n - 1] = Math.max(ranges[n - 1], to);
    return;
  }
  let i = 0;
  while (i < n && ranges[i + 1] < from) i += 2; // the first range that ends at or after `from`
  let lo = from;
  let hi = to;
  let j = i;
  for (; j < n && ranges[j] <= to; j += 2) {
    lo = Math.min(lo, ranges[j]);
    hi = Math.max(hi, ranges[j + 1]);
  }
  // Ranges i..j-1 become [lo, hi], in place: files list a series' hours in any order, and
  // `splice` would make an array per point.
  const shift = j - i - 2;
  if (shift < 0) {
    ranges.push(0, 0);
    for (let k = n - 1; k >= i; k--) ranges[k + 2] = ranges[k];
  } else if (shift > 0) {
    for (let k = j; k < n; k++) ranges[k - shift] = ranges[k];
    ranges.length = n - shift;
  }
  ranges[i] = lo;
  ranges[i + 1] = hi;
}

function coveredMinutes(ranges: number[]): number {
  let minutes = 0;
  for (let i = 0; i < ranges.length; i += 2) minutes += ranges[i + 1] - ranges[i];
  return minutes;
}

/**
 * Tallies which (series, day) pairs points fill, piece by piece: a large file streamed in parts
 * keeps per series-day only the minutes covered, as merged ranges (one range once the day is
 * whole), never the points. A repeated row cannot make up for a missing one: a day is whole only
 * when every minute is covered. Points come with the series ids the store gave them, so a point
 * costs numbers, not strings.
 */
export class CoverageTally {
  private readonly keys = new Map<number, SeriesKey>();
  private readonly dayOfStart = new Map<number, DayOf>(); // a file repeats the same few hundred interval starts
  private readonly days = new Map<string, DayOf>();

  constructor(
    private readonly market: string,
    private readonly clock: Clock,
    private readonly currency: string,
  ) {}

  /**
   * Points and their series' ids, by `seriesIndex`. Returns the series-days these points made
   * whole: no later point of the write can make them partial, so the writer may store their
   * coverage at once; `covers` leaves them out.
   */
  add(points: PointColumns, seriesIds: Float64Array): CoverageEntry[] {
    const { start, end, series, seriesIndex } = points;
    const whole: CoverageEntry[] = [];
    // A file lists a series' points together, or an instant's points together (a JEPX row holds
    // 17 series): the series-day and the day of the point before are kept at hand.
    let lastId = NaN;
    let lastDay: DayOf | undefined;
    let day: DayOf | undefined;
    let ranges: number[] | typeof WHOLE = [];
    for (let i = 0; i < seriesIndex.length; i++) {
      const id = seriesIds[seriesIndex[i]];
      // Most points fall on the day of the point before (in any order): its bounds tell, no lookup.
      if (!day || !(start[i] >= day.start && start[i] < day.end)) day = this.dayOf(start[i]);
      const from = Math.max(0, Math.round((start[i] - day.start) / MINUTE));
      const to = Math.min(day.minutes, Math.round((end[i] - day.start) / MINUTE));
      if (id !== lastId || day !== lastDay) {
        lastId = id;
        lastDay = day;
        const held = day.covered.get(id);
        if (held === undefined) {
          if (!this.keys.has(id)) this.keys.set(id, this.keyOf(series[seriesIndex[i]]));
          day.covered.set(id, (ranges = []));
        } else ranges = held;
      }
      if (ranges === WHOLE || to <= from) continue;
      const before = ranges.length;
      addRange(ranges, from, to);
      if (ranges.length > 2) continue;
      if (ranges[1] - ranges[0] >= day.minutes - SLACK_MINUTES) {
        day.covered.set(id, (ranges = WHOLE));
        whole.push(this.entry(id, day, false));
      } else if (before > 2) {
        // Merged back into one range: a fresh pair, without the grown array's spare room.
        day.covered.set(id, (ranges = [ranges[0], ranges[1]]));
      }
    }
    return whole;
  }

  /** Each other series-day the points touched; partial where they do not cover all of it. */
  covers(): CoverageEntry[] {
    const out: CoverageEntry[] = [];
    for (const day of this.days.values())
      for (const [id, ranges] of day.covered)
        if (ranges !== WHOLE) out.push(this.entry(id, day, coveredMinutes(ranges) < day.minutes - SLACK_MINUTES));
    return out;
  }

  private entry(id: number, day: DayOf, partial: boolean): CoverageEntry {
    return { series: this.keys.get(id)!, seriesId: id, day: day.day, partial };
  }

  /** Keyed by the minute (a small integer key; days begin on a minute). */
  private dayOf(start: number): DayOf {
    const minute = Math.floor(start / MINUTE);
    let found = this.dayOfStart.get(minute);
    if (!found) {
      const day = marketDay(start, this.clock);
      found = this.days.get(day);
      if (!found) {
        const bounds = dayBounds(day, this.clock);
        found = { day, ...bounds, minutes: Math.round((bounds.end - bounds.start) / MINUTE), covered: new Map() };
        this.days.set(day, found);
      }
      this.dayOfStart.set(minute, found);
    }
    return found;
  }

  private keyOf(p: PointSeries): SeriesKey {
    return {
      market: this.market,
      location: p.location,
      run: p.run,
      product: p.product,
      currency: p.currency ?? this.currency,
    };
  }
}
