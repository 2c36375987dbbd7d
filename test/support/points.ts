import type { Connector, FileSample, Report } from '../../backend/connectors/types';
import type { Clock, LocationInfo, ParsedPoint } from '../../backend/domain';
import { headText } from '../../backend/formats/text';
import { dayBounds } from '../../backend/time/clock';

// Helpers shared by the connector tests (test/connectors): looking up parsed points, checking that
// price components add up and that intervals tile a market day, and finding a connector's reports.

const HOUR = 3_600_000;

/** Which points to pick: every field given must match. */
export interface PointFilter {
  location?: string;
  product?: string;
  run?: string;
}

/** One point: its interval start (ISO text such as `2025-11-02T05:00:00Z`, or epoch ms) and any of location, product, run. */
export interface PointQuery extends PointFilter {
  start: string | number;
}

function matches(p: ParsedPoint, filter: PointFilter): boolean {
  return (
    (filter.location === undefined || p.location === filter.location) &&
    (filter.product === undefined || p.product === filter.product) &&
    (filter.run === undefined || p.run === filter.run)
  );
}

function toQuery(queryOrLocation: PointQuery | string, product?: string, start?: string | number): PointQuery {
  return typeof queryOrLocation === 'string' ? { location: queryOrLocation, product, start: start! } : queryOrLocation;
}

/** The first point at this location, product and start (and run, when given); undefined when there is none. */
export function pointAt(points: ParsedPoint[], location: string, product: string, start: string | number): ParsedPoint | undefined;
export function pointAt(points: ParsedPoint[], query: PointQuery): ParsedPoint | undefined;
export function pointAt(
  points: ParsedPoint[],
  queryOrLocation: PointQuery | string,
  product?: string,
  start?: string | number,
): ParsedPoint | undefined {
  const query = toQuery(queryOrLocation, product, start);
  const t = typeof query.start === 'number' ? query.start : Date.parse(query.start);
  return points.find((p) => p.start === t && matches(p, query));
}

/** The value of `pointAt`, undefined when there is no such point. */
export function valueAt(points: ParsedPoint[], location: string, product: string, start: string | number): number | undefined;
export function valueAt(points: ParsedPoint[], query: PointQuery): number | undefined;
export function valueAt(
  points: ParsedPoint[],
  queryOrLocation: PointQuery | string,
  product?: string,
  start?: string | number,
): number | undefined {
  return pointAt(points, toQuery(queryOrLocation, product, start))?.value;
}

/** The points that match the filter, in their own order. */
export function pointsWhere(points: ParsedPoint[], filter: PointFilter): ParsedPoint[] {
  return points.filter((p) => matches(p, filter));
}

/** The points that match the filter, sorted by start. */
export function seriesOf(points: ParsedPoint[], filter: PointFilter): ParsedPoint[] {
  return pointsWhere(points, filter).sort((a, b) => a.start - b.start);
}

/** The points that match the filter and start within the market `day` on `clock`, sorted by start. */
export function seriesOnDay(points: ParsedPoint[], filter: PointFilter, clock: Clock, day: string): ParsedPoint[] {
  const { start, end } = dayBounds(day, clock);
  return seriesOf(points, filter).filter((p) => p.start >= start && p.start < end);
}

const COMPONENTS = ['LMP', 'ENERGY', 'CONGESTION', 'LOSS'];

export interface ComponentCheck {
  /** The largest allowed |LMP - (ENERGY + CONGESTION + LOSS + GHG)|: 0.01 unless said. */
  tolerance?: number;
  /**
   * Which (location, run, start) groups are checked:
   * - `'all'` (the default): every group, and each must have LMP, ENERGY, CONGESTION and LOSS;
   * - `'with LMP'` / `'with ENERGY'`: every group having that product, and it must then have all four;
   * - `'complete'`: only the groups that have all four (any other group is passed over).
   */
  groups?: 'all' | 'with LMP' | 'with ENERGY' | 'complete';
}

/**
 * For the points of each (location, run, start): LMP = ENERGY + CONGESTION + LOSS (+ GHG where there is one),
 * within the tolerance. At least one group must be checked. Returns how many groups were checked.
 */
export function expectComponentsAddUp(points: ParsedPoint[], { tolerance = 0.01, groups = 'all' }: ComponentCheck = {}): number {
  const byGroup = new Map<string, Map<string, number>>();
  for (const p of points) {
    const key = `${p.location}|${p.run}|${p.start}`;
    let group = byGroup.get(key);
    if (!group) byGroup.set(key, (group = new Map()));
    group.set(p.product, p.value);
  }
  let checked = 0;
  for (const [key, g] of byGroup) {
    if (groups === 'complete' && !COMPONENTS.every((c) => g.has(c))) continue;
    if (groups === 'with LMP' && !g.has('LMP')) continue;
    if (groups === 'with ENERGY' && !g.has('ENERGY')) continue;
    expect({ group: key, missing: COMPONENTS.filter((c) => !g.has(c)) }).toEqual({ group: key, missing: [] });
    const sum = g.get('ENERGY')! + g.get('CONGESTION')! + g.get('LOSS')! + (g.get('GHG') ?? 0);
    expect(Math.abs(g.get('LMP')! - sum)).toBeLessThanOrEqual(tolerance);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
  return checked;
}

export interface WholeDayCheck {
  /** The product whose intervals tile the day: LMP unless said. */
  product?: string;
  /** Also require that every such point given is one of the day's hours (by default points of other days are ignored). */
  nothingElse?: boolean;
}

/**
 * The market `day` on `clock` has `hours` hours, and the product's points tile it hour by hour:
 * the first starts when the day starts, each starts an hour after the one before and ends where the next starts,
 * and the last ends when the day ends.
 */
export function expectWholeDay(
  points: ParsedPoint[],
  clock: Clock,
  day: string,
  hours: number,
  { product = 'LMP', nothingElse = false }: WholeDayCheck = {},
): void {
  const { start, end } = dayBounds(day, clock);
  expect((end - start) / HOUR).toBe(hours);
  const series = nothingElse ? seriesOf(points, { product }) : seriesOnDay(points, { product }, clock, day);
  expect(series).toHaveLength(hours);
  series.forEach((p, i) => {
    expect(p.start).toBe(start + i * HOUR);
    expect(p.end).toBe(i + 1 < series.length ? series[i + 1].start : end);
  });
}

/** The connector's report with this id; throws when it has none. */
export function reportById(connector: Connector, id: string): Report {
  const report = connector.reports.find((r) => r.id === id);
  if (!report) throw new Error(`no report ${id}`);
  return report;
}

/** The connector's known location with this name; throws when it has none. */
export function locationByName(connector: Connector, name: string): LocationInfo {
  const location = connector.locations.find((l) => l.name === name);
  if (!location) throw new Error(`no location ${name}`);
  return location;
}

/** A file as a report's `detect` sees it: its name, its first 64 KiB as latin1, its bytes. */
export function fileSample(name: string, bytes: Buffer): FileSample {
  return { name, head: headText(bytes), bytes };
}

/** The ids of the connector's reports that recognize the file, in the connector's order. */
export function detectedReports(connector: Connector, name: string, bytes: Buffer): string[] {
  const file = fileSample(name, bytes);
  return connector.reports.filter((r) => r.detect?.(file)).map((r) => r.id);
}

/** Makes the value the first time it is asked for (a shared fixture is then read only when a test runs, so a bare clone reports the tests as skipped). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
