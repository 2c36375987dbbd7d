import type { QualityKind } from '../../../contract';
import type { Clock, MarketDay, StoredPoint } from '../../domain';
import { dayBounds, marketDay } from '../../time/clock';
import { priceLimitOn } from './price-limits';

/** A finding before it is told which series it is about. */
export interface Flag {
  kind: QualityKind;
  day: MarketDay;
  start?: number;
  value?: number;
  /** Says what was found; `at` writes an instant on the market clock. */
  message: (at: (ms: number) => string) => string;
}

/** Interval starts a covered day should hold at `stepMs` but does not (23- and 25-hour days counted as they are). */
export function missingIntervals(
  points: readonly StoredPoint[],
  day: MarketDay,
  clock: Clock,
  stepMs: number,
): { expected: number; missing: number[] } {
  const { start, end } = dayBounds(day, clock);
  const present = new Set<number>();
  for (const p of points) if (p.start >= start && p.start < end) present.add(p.start);
  const missing: number[] = [];
  let expected = 0;
  for (let t = start; t < end; t += stepMs) {
    expected++;
    if (!present.has(t)) missing.push(t);
  }
  return { expected, missing };
}

export function gapFlag(day: MarketDay, expected: number, missing: number[]): Flag {
  const shown = missing.slice(0, 5);
  return {
    kind: 'gap',
    day,
    message: (at) =>
      `${expected - missing.length} of ${expected} intervals; missing ${shown.map(at).join(', ')}${missing.length > shown.length ? ` and ${missing.length - shown.length} more` : ''}.`,
  };
}

/** Values beyond the market's published price cap or floor. */
export function outsideLimits(points: readonly StoredPoint[], market: string, clock: Clock): Flag[] {
  const flags: Flag[] = [];
  for (const p of points) {
    const day = marketDay(p.start, clock);
    const limit = priceLimitOn(market, day);
    if (!limit) continue;
    const [bound, word] =
      limit.cap !== undefined && p.value > limit.cap
        ? [limit.cap, 'above the market price cap']
        : limit.floor !== undefined && p.value < limit.floor
          ? [limit.floor, 'below the market price floor']
          : [];
    if (bound === undefined) continue;
    flags.push({
      kind: 'outside-limits',
      day,
      start: p.start,
      value: p.value,
      message: (at) => `${at(p.start)}: ${p.value} is ${word} of ${bound}.`,
    });
  }
  return flags;
}

/** Neighbours on each side that a value is compared with. */
const NEIGHBOURS = 12;
/** How many robust standard deviations (1.4826 x the median absolute deviation) away counts as far. */
const FAR = 10;

/**
 * Values far from their neighbours: more than FAR robust standard deviations from the median of
 * the NEIGHBOURS intervals on each side, and more than half that median's size away. Flagged,
 * never dropped: a scarcity price is real.
 */
export function outliers(points: readonly StoredPoint[], clock: Clock): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < points.length; i++) {
    const around: number[] = [];
    for (let j = Math.max(0, i - NEIGHBOURS); j <= Math.min(points.length - 1, i + NEIGHBOURS); j++)
      if (j !== i) around.push(points[j].value);
    if (around.length < NEIGHBOURS) continue;
    const med = median(around);
    const spread = 1.4826 * median(around.map((v) => Math.abs(v - med)));
    const p = points[i];
    const off = Math.abs(p.value - med);
    if (off > FAR * spread && off > Math.abs(med) / 2 && off > 1) {
      flags.push({
        kind: 'outlier',
        day: marketDay(p.start, clock),
        start: p.start,
        value: p.value,
        message: (at) => `${at(p.start)}: ${p.value} is far from its neighbours (median ${round(med)}).`,
      });
    }
  }
  return flags;
}

/** Intervals where the components do not add up to the LMP (beyond the rounding of published values). */
export function componentMismatches(lmp: readonly StoredPoint[], components: Map<string, readonly StoredPoint[]>, clock: Clock): Flag[] {
  const byStart = [...components.values()].map((list) => new Map(list.map((p) => [p.start, p.value])));
  const names = [...components.keys()].join(' + ');
  const flags: Flag[] = [];
  for (const p of lmp) {
    let sum = 0;
    let complete = true;
    for (const m of byStart) {
      const v = m.get(p.start);
      if (v === undefined) complete = false;
      else sum += v;
    }
    if (!complete || Math.abs(sum - p.value) <= 0.015 + 1e-6 * Math.abs(p.value)) continue;
    flags.push({
      kind: 'components',
      day: marketDay(p.start, clock),
      start: p.start,
      value: p.value,
      message: (at) => `${at(p.start)}: ${names} = ${round(sum)}, but the LMP is ${p.value}.`,
    });
  }
  return flags;
}

/** Day-ahead intervals whose real-time average differs by more than `threshold`. */
export function spreads(da: readonly StoredPoint[], rt: readonly StoredPoint[], threshold: number, clock: Clock): Flag[] {
  const flags: Flag[] = [];
  let j = 0;
  for (const d of da) {
    let weighted = 0;
    let weight = 0;
    while (j < rt.length && rt[j].start < d.start) j++;
    for (let k = j; k < rt.length && rt[k].start < d.end; k++) {
      weighted += rt[k].value * (rt[k].end - rt[k].start);
      weight += rt[k].end - rt[k].start;
    }
    if (!weight) continue;
    const average = weighted / weight;
    if (Math.abs(average - d.value) <= threshold) continue;
    flags.push({
      kind: 'spread',
      day: marketDay(d.start, clock),
      start: d.start,
      value: round(average),
      message: (at) =>
        `${at(d.start)}: real-time ${round(average)} against day-ahead ${d.value}, ${round(Math.abs(average - d.value))} apart (more than ${threshold}).`,
    });
  }
  return flags;
}

/** Fewest peers whose median makes a fair comparison. */
const MIN_PEERS = 3;

/** Intervals where a location is more than `threshold` from the median of its peers (the market's other hubs, zones or regions). */
export function peerDeviations(
  own: readonly StoredPoint[],
  peers: readonly (readonly StoredPoint[])[],
  threshold: number,
  clock: Clock,
): Flag[] {
  if (peers.length < MIN_PEERS) return [];
  const byStart = peers.map((list) => new Map(list.map((p) => [p.start, p.value])));
  const flags: Flag[] = [];
  for (const p of own) {
    const values = byStart.map((m) => m.get(p.start)).filter((v): v is number => v !== undefined);
    if (values.length < MIN_PEERS) continue;
    const med = median(values);
    if (Math.abs(p.value - med) <= threshold) continue;
    flags.push({
      kind: 'peers',
      day: marketDay(p.start, clock),
      start: p.start,
      value: p.value,
      message: (at) =>
        `${at(p.start)}: ${p.value} against a median of ${round(med)} at ${values.length} other locations, ${round(Math.abs(p.value - med))} apart (more than ${threshold}).`,
    });
  }
  return flags;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
