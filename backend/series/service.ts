import { GridError } from '../errors';
import type { KeyStore } from '../config';
import type { SeriesQuality, SeriesResponse } from '../api/contract';
import type { Connector, LocationInfo } from '../connectors/types';
import type { SeriesKey, SeriesStore, StoredPoint } from '../store/series-store';
import { DAY_MS, dayBounds, formatInstant, marketDay, zoneOf, addDays } from '../time/clock';
import type { Catalog } from './catalog';
import type { Fetcher } from './fetcher';
import { usableReports } from './report-choice';
import { averageBy, fillGrid, typicalStep } from './resample';
import { parseRange, type TimeRange } from './time-range';
import type { CrossRate, CurrencyConverter } from './currency';
import { fxPair, pairPoints } from './fx-pairs';
import { convertUnit } from './units';

export interface SeriesParams {
  market?: string;
  location?: string;
  start?: string;
  end?: string;
  run?: string;
  product?: string;
  tz?: string;
  currency?: string;
  interval?: string;
  fill?: string;
  unit?: string;
}

export interface QueryResult {
  resolved: ResolvedSeries;
  range: TimeRange;
  tz: string;
  points: StoredPoint[];
  unit: string;
  currency: string;
  conversion?: SeriesResponse['conversion'];
  quality: Omit<SeriesQuality, 'expected' | 'present'>;
  /** The series' usual interval length. */
  stepMs: number;
}

/** A resolved series: which market, location, run and product a query names. */
export interface ResolvedSeries {
  connector: Connector;
  location: LocationInfo;
  run: string;
  product: string;
}

export interface ServiceOptions {
  offline: boolean;
  provisionalTtlSeconds: number;
  now: () => number;
}

/** Most intervals one answer may hold (100 years of 5-minute data is refused with this number). */
export const MAX_POINTS = 2_000_000;

/**
 * The ONE read path: resolve names -> market days needed -> which are missing or stale in
 * coverage -> fetch them through the connector -> answer from SQLite, converted as asked.
 * The API, the batch, the CLI and the Excel functions all come through here.
 */
export class SeriesService {
  constructor(
    readonly catalog: Catalog,
    readonly store: SeriesStore,
    private readonly fetcher: Fetcher,
    private readonly keys: KeyStore,
    private readonly currency: CurrencyConverter,
    private readonly cross: CrossRate,
    readonly options: ServiceOptions,
  ) {}

  resolve(params: SeriesParams): ResolvedSeries {
    const connector = this.catalog.market(params.market);
    return {
      connector,
      location: this.catalog.location(connector, params.location),
      run: this.catalog.run(connector, params.run),
      product: this.catalog.product(connector, params.product),
    };
  }

  /**
   * The points a query names, fetched as needed, in the asked unit and currency (not yet
   * averaged or formatted): what series, aggregate and latest answers are made from.
   */
  async query(params: SeriesParams): Promise<QueryResult> {
    this.store.refresh();
    const connector = this.catalog.market(params.market);
    const market = connector.market;
    const tz = resolveTz(params.tz, market.clock);
    const run = this.catalog.run(connector, params.run);
    const product = this.catalog.product(connector, params.product);
    const range = parseRange(params.start, params.end, market.clock, tz);
    const runInfo = market.runs.find((r) => r.id === run)!;
    const expectedCount = Math.round((range.to - range.from) / (runInfo.intervalMinutes * 60_000));
    if (!range.instant && expectedCount > MAX_POINTS) {
      throw new GridError('RANGE_TOO_LARGE', `That range holds about ${expectedCount.toLocaleString('en-US')} ${run} intervals, more than the ${MAX_POINTS.toLocaleString('en-US')} one answer may hold; ask for a shorter range or an interval=day average.`);
    }
    const pair = market.id === 'FX' ? fxPair(params.location) : undefined;
    if (pair) {
      const points = await pairPoints(this.cross, pair, range.days, market.clock, this.options.offline);
      const location = { name: `${pair.from}${pair.to}`, type: 'PAIR' };
      return { resolved: { connector, location, run, product }, range, tz, points, unit: pair.from, currency: pair.to, quality: { provisional: false, stale: false }, stepMs: DAY_MS };
    }
    const location = await this.locationOrProbe(connector, params.location, run, product, range.days[0]);
    const resolved = { connector, location, run, product };
    const seriesCurrency = this.storedCurrency(resolved, range.days, params.currency);
    const { seriesId, quality } = await this.ensure(resolved, range.days, seriesCurrency);
    const productUnit = market.products.find((p) => p.id === product)?.unit;
    const unit = convertUnit(this.read(seriesId, range, market.clock), productUnit ?? market.unit, params.unit, !productUnit);
    const converted = await this.currency.convert(unit.points, seriesCurrency, params.currency, market.clock, this.options.offline);
    return { resolved, range, tz, points: converted.points, unit: unit.unit, currency: converted.currency, conversion: converted.conversion, quality, stepMs: typicalStep(unit.points, runInfo.intervalMinutes * 60_000) };
  }

  async series(params: SeriesParams): Promise<SeriesResponse> {
    const q = await this.query(params);
    const { resolved, range, tz } = q;
    const interval = params.interval?.trim().toLowerCase() || undefined;
    const fill = params.fill?.trim().toLowerCase() || undefined;
    if (fill && fill !== 'none' && fill !== 'prev') throw new GridError('BAD_REQUEST', `fill=${params.fill} is not one of none, prev.`);
    const points = interval ? averageBy(q.points, interval, tz) : q.points;
    const shaped = fill && !range.instant && !interval ? fillGrid(points, range.from, range.to, q.stepMs, fill as 'none' | 'prev') : points;

    return {
      market: resolved.connector.market.id,
      location: resolved.location.name,
      run: resolved.run,
      product: resolved.product,
      currency: q.currency,
      unit: q.unit,
      clock: resolved.connector.market.clock,
      tz,
      interval,
      points: formatPoints(shaped, tz),
      quality: { ...q.quality, expected: range.instant ? 1 : Math.round((range.to - range.from) / q.stepMs), present: q.points.length },
      conversion: q.conversion,
    };
  }

  private read(seriesId: number | undefined, range: TimeRange, clock: string): StoredPoint[] {
    if (seriesId === undefined) return [];
    if (range.instant) {
      // The market day's points are cached: thousands of one-value lookups hit the same days.
      const p = this.store.pointAt(seriesId, range.from, dayBounds(range.days[0], clock)) ?? this.store.lastOnOrBefore(seriesId, range.from);
      return p && p.end > range.from ? [p] : [];
    }
    return this.store.points(seriesId, range.from, range.to);
  }

  /**
   * Makes sure every day is in the cache (fetching what is missing or stale) and says how fresh
   * the answer is. Offline, a day never fetched is a NOT_CACHED error.
   */
  async ensure(resolved: ResolvedSeries, days: string[], currency = resolved.connector.market.currency): Promise<{ seriesId: number | undefined; quality: Omit<SeriesQuality, 'expected' | 'present'> }> {
    const { connector, location, run, product } = resolved;
    const market = connector.market;
    const key = { market: market.id, location: location.name, run, product, currency };
    const now = this.options.now();
    const ttl = this.options.provisionalTtlSeconds * 1000;
    let seriesId = this.store.findSeries(key);
    let provisional = false;
    let stale = false;
    let fetchedAt = 0;
    const missing: { day: string; cached: boolean }[] = [];
    for (const day of days) {
      const cov = seriesId !== undefined ? this.store.coverage(seriesId, day) : undefined;
      if (cov) fetchedAt = Math.max(fetchedAt, cov.fetchedAt);
      if (cov && (cov.final || now - cov.fetchedAt < ttl)) {
        provisional ||= !cov.final;
        continue;
      }
      missing.push({ day, cached: !!cov });
    }
    if (missing.length) {
      if (this.options.offline) {
        const absent = missing.filter((m) => !m.cached).map((m) => m.day);
        if (absent.length) throw notCached(market.id, location.name, run, product, absent);
        stale = true;
        provisional = true;
      } else {
        const failures = await this.fetchDays(resolved, missing.map((m) => m.day));
        seriesId = this.store.findSeries(key);
        const today = marketDay(now, market.clock);
        for (const { day, cached } of missing) {
          const cov = seriesId !== undefined ? this.store.coverage(seriesId, day) : undefined;
          if (cov && cov.fetchedAt >= now) {
            provisional ||= !cov.final;
            fetchedAt = Math.max(fetchedAt, cov.fetchedAt);
            continue;
          }
          const failure = failures.get(day);
          if (cached && failure && failure.code !== 'MISSING_KEY') {
            stale = true;
            provisional = true;
            continue;
          }
          if (failure) throw failure;
          if (cached) continue;
          throw day >= today
            ? new GridError('NOT_PUBLISHED', `${market.id} ${run} ${product} for ${location.name} on ${day} is not published yet.`)
            : new GridError('NO_DATA', `${market.id} published no ${run} ${product} for ${location.name} on ${day}.`);
        }
      }
    }
    return { seriesId, quality: { provisional, stale, fetchedAt: fetchedAt ? new Date(fetchedAt).toISOString() : undefined } };
  }

  /**
   * The currency to read a series in: the one asked for when the cache holds it for every day,
   * else the market's own, else another the cache holds whole (a Nord Pool file served in SEK).
   */
  private storedCurrency({ connector, location, run, product }: ResolvedSeries, days: string[], wanted: string | undefined): string {
    const market = connector.market;
    const stored = this.store.currencies({ market: market.id, location: location.name, run, product });
    if (stored.length === 0 || (stored.length === 1 && stored[0] === market.currency)) return market.currency;
    const key = { market: market.id, location: location.name, run, product };
    const asked = wanted?.trim().toUpperCase();
    if (asked && asked !== market.currency && stored.includes(asked) && this.holdsWhole({ ...key, currency: asked }, days)) return asked;
    if (this.holdsWhole({ ...key, currency: market.currency }, days)) return market.currency;
    return stored.find((c) => c !== market.currency && this.holdsWhole({ ...key, currency: c }, days)) ?? market.currency;
  }

  /** Whether the cache has every day of a series. */
  private holdsWhole(key: SeriesKey, days: string[]): boolean {
    const id = this.store.findSeries(key);
    return id !== undefined && days.every((day) => this.store.coverage(id, day));
  }

  /** Fetches the days (one fetch per report period); returns the error for each day that failed. */
  private async fetchDays(resolved: ResolvedSeries, days: string[]): Promise<Map<string, GridError>> {
    const { connector, run } = resolved;
    const failures = new Map<string, GridError>();
    const tomorrow = addDays(marketDay(this.options.now(), connector.market.clock), 1);
    await Promise.all(
      days.map(async (day) => {
        if (day > tomorrow) {
          failures.set(day, new GridError('NOT_PUBLISHED', `${connector.market.id} ${run} for ${day} is not published yet: that day is in the future.`));
          return;
        }
        try {
          await this.fetchFromFirstThatHasIt(resolved, day);
        } catch (e) {
          failures.set(day, e instanceof GridError ? e : new GridError('INTERNAL', (e as Error).message));
        }
      }),
    );
    return failures;
  }

  /**
   * Asks the usable reports in order; one that has not published the day (a final file not out
   * yet) hands over to the next (the preliminary one).
   */
  private async fetchFromFirstThatHasIt({ connector, location, run, product }: ResolvedSeries, day: string): Promise<void> {
    const reports = usableReports(connector, run, product, day, location, this.keys);
    for (let i = 0; ; i++) {
      try {
        await this.fetcher.fetchPeriod(connector, reports[i], day, run, product, location);
        return;
      } catch (e) {
        if (i === reports.length - 1 || !(e instanceof GridError) || e.code !== 'NOT_PUBLISHED') throw e;
      }
    }
  }

  /**
   * A location the catalog does not know may still be a node the market publishes ("any node by
   * name"): online, and where reports fetch per location, it is tried before being refused.
   */
  private async locationOrProbe(connector: Connector, name: string | undefined, run: string, product: string, day: string): Promise<LocationInfo> {
    try {
      return this.catalog.location(connector, name);
    } catch (e) {
      const perLocation = connector.reports.some((r) => r.scope === 'location' && r.runs.includes(run) && (r.request || r.fetch));
      if (this.options.offline || !perLocation || !name || /[^A-Za-z0-9_.\- ]/.test(name)) throw e;
      const candidate: LocationInfo = { name: name.trim().toUpperCase(), type: 'NODE' };
      try {
        await this.ensure({ connector, location: candidate, run, product }, [day]);
        return this.catalog.location(connector, candidate.name);
      } catch {
        throw e;
      }
    }
  }
}

/** ISO points on a clock; one interval's end is the next one's start, so each boundary is formatted once. */
function formatPoints(points: { start: number; end: number; value: number | null }[], tz: string): SeriesResponse['points'] {
  const out: SeriesResponse['points'] = new Array(points.length);
  let lastMs = NaN;
  let lastText = '';
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const start = p.start === lastMs ? lastText : formatInstant(p.start, tz);
    lastMs = p.end;
    lastText = formatInstant(p.end, tz);
    out[i] = { start, end: lastText, value: p.value };
  }
  return out;
}

export function resolveTz(tz: string | undefined, marketClock: string): string {
  const t = tz?.trim();
  if (!t || /^market$/i.test(t)) return marketClock;
  if (/^utc$/i.test(t) || t.toUpperCase() === 'Z') return 'UTC';
  zoneOf(t);
  return t;
}

function notCached(market: string, location: string, run: string, product: string, days: string[]): GridError {
  const shown = days.length > 4 ? `${days.slice(0, 3).join(', ')} ... ${days[days.length - 1]} (${days.length} days)` : days.join(', ');
  return new GridError('NOT_CACHED', `${market} ${location} ${run} ${product} for ${shown} is not in the cache, and gridcell is offline. Import the file with "gridcell import", or go online.`);
}

