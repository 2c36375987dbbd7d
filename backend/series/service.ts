import type {
  AggregateResponse,
  BlockMeansResponse,
  Conversion,
  FxResponse,
  LatestResponse,
  MissingDay,
  SeriesPoint,
  SeriesQuality,
  SeriesColumnsResponse,
  SeriesResponse,
  ValueResponse,
} from '../../contract';
import type { Connector } from '../connectors/types';
import {
  andThen,
  currencyPair,
  GridError,
  isPromise,
  type LocationInfo,
  type MarketDay,
  type Maybe,
  type SeriesKey,
  type StoredPoint,
} from '../domain';
import type { SeriesStore } from '../store/series-store';
import { blockFilter, blockHours } from '../time/blocks';
import { addDays, DAY_MS, dayBounds, formatInstant, marketDay } from '../time/clock';
import { dayRange, type TimeRange } from '../time/range';
import type { Catalog } from './catalog';
import { convertCurrency } from './currency/converter';
import type { ExchangeRates } from './currency/exchange-rates';
import { pairPoints } from './currency/pairs';
import { inColumns } from './columns';
import type { Cancellation } from './fetcher';
import type {
  AggregateQuery,
  BackfillQuery,
  FxQuery,
  LatestQuery,
  MarketBlockQuery,
  PointsQuery,
  SeriesQuery,
  SharedSeries,
} from './queries';
import {
  backfillPieces,
  type DayFailure,
  type Ensured,
  type Freshness,
  type PlannedRequest,
  type ReadThrough,
  type ResolvedSeries,
} from './read-through';
import { averageBy, fillGrid, typicalStep } from './resample';
import { statistic } from './statistics';
import { convertUnit } from './units';
import { forecastAsOf } from './forecast-vintages';

/** The points a query names, in the asked unit and currency: what every answer is made from. */
export interface QueryResult {
  resolved: ResolvedSeries;
  points: StoredPoint[];
  unit: string;
  currency: string;
  conversion?: Conversion;
  freshness: Freshness;
  /** The series' usual interval length. */
  stepMs: number;
  /** The cached series read (absent for FX pairs, computed from the fixings). */
  seriesId?: number;
  /** Days a partial answer lacks. */
  missing: DayFailure[];
}

interface SharedResolution {
  resolved: ResolvedSeries;
  currencies: string[];
  /** Series ids by currency. */
  ids: Map<string, number>;
}

/**
 * The ONE read path: resolve names -> market days needed -> which are missing or stale in
 * coverage -> fetch them through the connector -> answer from the store, converted as asked.
 * The API, the batch, the CLI and the Excel functions all come through here, with typed queries.
 */
export class SeriesService {
  private readonly resolutions = new WeakMap<SharedSeries, { generation: number; resolution: Maybe<SharedResolution | undefined> }>();

  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
    private readonly readThrough: ReadThrough,
    private readonly rates: ExchangeRates,
  ) {}

  private get offline(): boolean {
    return this.readThrough.options.offline;
  }

  /**
   * With `partial`, the days available and the others listed in `missing` (see ReadThrough.ensure).
   * `job`: a background job's fetch, not held to what one request may fetch, and stopped when the
   * job is cancelled. Each step takes what the store holds in memory at once and waits only for
   * what is on its way, so a batch of lookups answered from memory costs no turn of the event loop
   * each; the steps below are the one read path, cut where an answer may have to be waited for.
   */
  points(q: PointsQuery, partial = false, job?: Cancellation): Maybe<QueryResult> {
    const refreshed = this.store.refresh();
    return andThen(refreshed, () => this.pointsNamed(q, partial, job));
  }

  /** Points of a current store: the series named (resolved once for the lookups of a batch that name it alike). */
  private pointsNamed(q: PointsQuery, partial: boolean, job: Cancellation | undefined): Maybe<QueryResult> {
    const connector = this.catalog.connector(q.market);
    if (connector.market.id === 'FX') {
      const pair = currencyPair(q.location);
      if (pair) return this.pairResult(q, connector, pair);
    }
    const sharing = this.shared(q, connector);
    return andThen(sharing, (known) => this.pointsKnown(q, connector, known, partial, job));
  }

  private async pairResult(q: PointsQuery, connector: Connector, pair: { from: string; to: string }): Promise<QueryResult> {
    const market = connector.market;
    const points = await pairPoints(this.rates, pair, q.range.days, market.clock, this.offline);
    const location = { name: `${pair.from}${pair.to}`, type: 'PAIR' };
    return {
      resolved: { connector, location, run: q.run, product: q.product },
      points,
      unit: pair.from,
      currency: pair.to,
      freshness: { provisional: false, stale: false },
      stepMs: DAY_MS,
      missing: [],
    };
  }

  private pointsKnown(
    q: PointsQuery,
    connector: Connector,
    known: SharedResolution | undefined,
    partial: boolean,
    job: Cancellation | undefined,
  ): Maybe<QueryResult> {
    if (known) return this.pointsOf(q, known.resolved, known, partial, job);
    return this.locate(q, connector).then((location) =>
      this.pointsOf(q, { connector, location, run: q.run, product: q.product }, undefined, partial, job),
    );
  }

  /** A location not resolved for the batch: the catalog's, else probed online (an unknown node). */
  private async locate(q: PointsQuery, connector: Connector): Promise<LocationInfo> {
    return (
      (await this.catalog.knows(connector, q.location)) ??
      (await this.readThrough.location(connector, q.location, q.run, q.product, q.range.days[0]))
    );
  }

  private pointsOf(
    q: PointsQuery,
    resolved: ResolvedSeries,
    known: SharedResolution | undefined,
    partial: boolean,
    job: Cancellation | undefined,
  ): Maybe<QueryResult> {
    const market = resolved.connector.market;
    const productUnit = market.products.find((p) => p.id === q.product)?.unit;
    if (productUnit && q.currency && q.currency !== market.currency)
      throw new GridError('BAD_REQUEST', `currency=${q.currency} cannot apply here: ${q.product} is in ${productUnit}, not a price.`);
    if (q.asOf !== undefined) return this.forecastPoints(q, resolved, productUnit);
    const currency = this.storedCurrency(resolved, q.range.days, q.currency, known?.currencies);
    return andThen(currency, (c) => this.pointsIn(q, resolved, known, c, productUnit, partial, job));
  }

  private async forecastPoints(q: PointsQuery, resolved: ResolvedSeries, productUnit: string | undefined): Promise<QueryResult> {
    const market = resolved.connector.market;
    const key = { market: market.id, location: resolved.location.name, run: q.run, product: q.product };
    const asOf = inAskedUnit(
      await forecastAsOf(this.store, key, q.asOf!, (id) => this.read(id, q.range, market.clock)),
      q,
      market,
      productUnit,
    );
    return {
      resolved,
      points: asOf.points,
      unit: asOf.unit,
      currency: market.currency,
      freshness: { provisional: false, stale: false },
      stepMs: typicalStep(asOf.points, runOf(market, q.run).intervalMinutes * 60_000),
      missing: [],
    };
  }

  /** The series' days in the cache and fresh, else fetched; then its points read. */
  private pointsIn(
    q: PointsQuery,
    resolved: ResolvedSeries,
    known: SharedResolution | undefined,
    seriesCurrency: string,
    productUnit: string | undefined,
    partial: boolean,
    job: Cancellation | undefined,
  ): Maybe<QueryResult> {
    const cached = this.readThrough.cached(resolved, q.range.days, seriesCurrency, known?.ids);
    if (isPromise(cached)) return cached.then((found) => this.ensured(q, resolved, seriesCurrency, productUnit, found, partial, job));
    return cached
      ? this.pointsRead(q, resolved, seriesCurrency, productUnit, cached)
      : this.ensured(q, resolved, seriesCurrency, productUnit, cached, partial, job);
  }

  private async ensured(
    q: PointsQuery,
    resolved: ResolvedSeries,
    seriesCurrency: string,
    productUnit: string | undefined,
    cached: Ensured | undefined,
    partial: boolean,
    job: Cancellation | undefined,
  ): Promise<QueryResult> {
    const ensured = cached ?? (await this.readThrough.ensure(resolved, q.range.days, seriesCurrency, partial, job));
    return this.pointsRead(q, resolved, seriesCurrency, productUnit, ensured);
  }

  private pointsRead(
    q: PointsQuery,
    resolved: ResolvedSeries,
    seriesCurrency: string,
    productUnit: string | undefined,
    ensured: Ensured,
  ): Maybe<QueryResult> {
    const read = this.read(ensured.seriesId, q.range, resolved.connector.market.clock);
    return andThen(read, (points) => this.answered(q, resolved, seriesCurrency, productUnit, ensured, points));
  }

  /** The points read, in the unit and currency asked. */
  private answered(
    q: PointsQuery,
    resolved: ResolvedSeries,
    seriesCurrency: string,
    productUnit: string | undefined,
    { seriesId, freshness, missing }: Ensured,
    points: StoredPoint[],
  ): Maybe<QueryResult> {
    const market = resolved.connector.market;
    const unit = inAskedUnit(points, q, market, productUnit);
    const stepMs = typicalStep(unit.points, runOf(market, q.run).intervalMinutes * 60_000);
    const result: QueryResult = {
      resolved,
      points: unit.points,
      unit: unit.unit,
      currency: seriesCurrency,
      freshness,
      stepMs,
      seriesId,
      missing,
    };
    if (!q.currency || q.currency === seriesCurrency) return result;
    return convertCurrency(this.rates, unit.points, seriesCurrency, q.currency, market.clock, this.offline).then((converted) => {
      result.points = converted.points;
      result.currency = converted.currency;
      result.conversion = converted.conversion;
      return result;
    });
  }

  /**
   * What the read path resolves once for every lookup of a batch that names a series the same way
   * (`q.shared`): the location, the currencies stored and the series ids; read again after any write.
   */
  private shared(q: PointsQuery, connector: Connector): Maybe<SharedResolution | undefined> {
    if (!q.shared) return undefined;
    const found = this.resolutions.get(q.shared);
    if (found && found.generation === this.store.generation) return found.resolution;
    const entry: { generation: number; resolution: Maybe<SharedResolution | undefined> } = {
      generation: this.store.generation,
      resolution: this.resolve(q, connector),
    };
    // Once resolved, the lookups after it take the resolution at once.
    if (isPromise(entry.resolution))
      void entry.resolution.then(
        (r) => (entry.resolution = r),
        () => undefined,
      );
    this.resolutions.set(q.shared, entry);
    return entry.resolution;
  }

  private resolve(q: PointsQuery, connector: Connector): Maybe<SharedResolution | undefined> {
    const location = this.catalog.knows(connector, q.location);
    return andThen(location, (found) => this.resolveAt(q, connector, found));
  }

  private resolveAt(q: PointsQuery, connector: Connector, location: LocationInfo | undefined): Maybe<SharedResolution | undefined> {
    if (!location) return undefined;
    const resolved = { connector, location, run: q.run, product: q.product };
    const currencies = this.store.currencies({ market: connector.market.id, location: location.name, run: q.run, product: q.product });
    return andThen(currencies, (found) => ({ resolved, currencies: found, ids: new Map<string, number>() }));
  }

  /** The requests a backfill of these locations would make now, piece by piece as it asks (nothing is fetched). */
  async plan(q: BackfillQuery): Promise<PlannedRequest[]> {
    await this.store.refresh();
    const series = await this.seriesOf(q);
    const pieces = await Promise.all(backfillPieces(q.range.days).map((piece) => this.readThrough.plan(series, piece)));
    return pieces.flat();
  }

  /** Days of a backfill's range (over its locations) stored since `since`. */
  async daysStored(q: BackfillQuery, since: number): Promise<number> {
    await this.store.refresh();
    return this.readThrough.daysStored(await this.seriesOf(q), q.range.days, since);
  }

  private seriesOf(q: BackfillQuery): Promise<ResolvedSeries[]> {
    const connector = this.catalog.connector(q.market);
    return Promise.all(
      q.locations.map(async (name) => ({
        connector,
        location: await this.catalog.location(connector, name),
        run: q.run,
        product: q.product,
      })),
    );
  }

  async series(q: SeriesQuery): Promise<SeriesResponse> {
    const { result, shaped } = await this.shapedPoints(q);
    // Fields set on one object in a fixed order, no spreads: a batch writes thousands of these as JSON.
    const answer = seriesHead(result, q) as SeriesResponse;
    answer.points = formatPoints(shaped, q.tz);
    answer.quality = await this.quality(result, q.range);
    answer.conversion = result.conversion;
    return answer;
  }

  /** The same series in columns: the values in order, with a first start and a step when evenly spaced, else every start. */
  async columns(q: SeriesQuery): Promise<SeriesColumnsResponse> {
    const { result, shaped } = await this.shapedPoints(q);
    const columns = inColumns(shaped, q.tz);
    const answer = seriesHead(result, q) as SeriesColumnsResponse;
    answer.start = columns.start;
    answer.stepSeconds = columns.stepSeconds;
    answer.starts = columns.starts;
    answer.values = columns.values;
    answer.quality = await this.quality(result, q.range);
    answer.conversion = result.conversion;
    return answer;
  }

  /** A series' points, averaged over its interval or filled onto its grid as asked. */
  private async shapedPoints(
    q: SeriesQuery,
  ): Promise<{ result: QueryResult; shaped: { start: number; end: number; value: number | null }[] }> {
    const result = await this.points(q, q.partial);
    const { range, tz, interval, fill } = q;
    const shaped = interval
      ? averageBy(result.points, interval, tz, range)
      : fill && !range.instant
        ? fillGrid(result.points, range.from, range.to, result.stepMs, fill)
        : result.points;
    return { result, shaped };
  }

  /** The value of the interval holding an instant: the same read path, answered with its start and value only. */
  value(q: PointsQuery): Maybe<ValueResponse> {
    const result = this.points(q);
    return andThen(result, (r) => valueOf(r, q));
  }

  /** A statistic (mean by default) over the intervals of a peak block. */
  async aggregate(q: AggregateQuery): Promise<AggregateResponse> {
    const result = await this.points(q);
    const inBlock = blockFilter(q.market, q.block);
    const points = result.points.filter((p) => inBlock(p.start));
    if (!points.length)
      throw new GridError(
        'NO_DATA',
        `No ${q.run} ${q.product} intervals of block ${q.block} for ${result.resolved.location.name} in that range.`,
      );
    return {
      ...identity(result),
      block: q.block,
      stat: q.stat,
      value: statistic(points, q.stat),
      count: points.length,
      from: formatInstant(q.range.from, q.tz),
      to: formatInstant(q.range.to, q.tz),
    };
  }

  /**
   * A block's monthly means over every cached location of a run and product, from the cache only:
   * the store answers them together (on ClickHouse, one query over every node).
   */
  async blockMeans(q: MarketBlockQuery): Promise<BlockMeansResponse> {
    await this.store.refresh();
    const market = this.catalog.connector(q.market).market;
    const series = (await this.store.seriesOf(q.market)).filter(
      (s) => s.key.run === q.run && s.key.product === q.product && s.key.currency === market.currency,
    );
    const locationOf = new Map(series.map((s) => [s.id, s.key.location]));
    const means = await this.store.blockMeans({
      seriesIds: series.map((s) => s.id),
      fromMs: q.range.from,
      toMs: q.range.to,
      block: blockHours(q.market, q.block, q.range.from, q.range.to),
    });
    const rows = means
      .map(({ seriesId, month, mean, count }) => ({ location: locationOf.get(seriesId)!, month, mean, count }))
      .sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : a.month < b.month ? -1 : 1));
    return {
      market: q.market,
      run: q.run,
      product: q.product,
      block: q.block,
      currency: market.currency,
      unit: series[0]?.unit ?? market.unit,
      from: formatInstant(q.range.from, market.clock),
      to: formatInstant(q.range.to, market.clock),
      rows,
    };
  }

  /** The newest interval (today's, else yesterday's) and how soon to ask again. */
  async latest(q: LatestQuery): Promise<LatestResponse> {
    const market = this.catalog.connector(q.market).market;
    const today = marketDay(this.readThrough.options.now(), market.clock);
    // Partial: today not published yet (or not cached offline) leaves yesterday's last interval.
    const result = await this.points({ ...q, range: dayRange(addDays(today, -1), today, market.clock) }, true);
    const last = result.points[result.points.length - 1];
    if (!last) throw new GridError('NO_DATA', `No recent ${q.run} price for ${result.resolved.location.name}.`);
    return {
      ...identity(result),
      start: formatInstant(last.start, q.tz),
      end: formatInstant(last.end, q.tz),
      value: last.value,
      fetchedAt: new Date(result.freshness.fetchedAt ?? this.readThrough.options.now()).toISOString(),
      pollSeconds: Math.max(30, runOf(market, q.run).intervalMinutes * 60),
    };
  }

  async fx(q: FxQuery): Promise<FxResponse> {
    const r = await this.rates.cross(q.from, q.to, q.date, this.offline);
    return { from: q.from, to: q.to, date: q.date, rateDate: r.rateDate, rate: r.rate };
  }

  /** How complete and how fresh an answer is: intervals expected and present, and the coverage of its days. */
  private async quality(result: QueryResult, range: TimeRange): Promise<SeriesQuality> {
    const { freshness, seriesId } = result;
    const days = range.days;
    const expected = range.instant ? 1 : Math.round((range.to - range.from) / result.stepMs);
    // A single value (what a batch of formulas asks thousands of) carries no coverage detail.
    if (range.instant)
      return {
        provisional: freshness.provisional,
        stale: freshness.stale,
        fetchedAt: isoTime(freshness.fetchedAt),
        expected,
        present: result.points.length,
      };
    // The coverage rows the read path has just read, from the store's cache.
    const sources = new Set<string>();
    let oldest = Infinity;
    let finalDays = 0;
    if (seriesId !== undefined)
      for (const row of await Promise.all(days.map(async (day) => this.store.coverage(seriesId, day)))) {
        if (!row) continue;
        sources.add(row.source);
        if (row.fetchedAt < oldest) oldest = row.fetchedAt;
        if (row.final) finalDays++;
      }
    return {
      provisional: freshness.provisional,
      stale: freshness.stale,
      fetchedAt: isoTime(freshness.fetchedAt),
      oldestFetchedAt: oldest === Infinity ? undefined : new Date(oldest).toISOString(),
      expected,
      present: result.points.length,
      sources: sources.size > 1 ? [...sources].sort() : [...sources],
      days: days.length,
      finalDays,
      missing: result.missing.length
        ? result.missing.map(({ day, error }): MissingDay => ({ day, code: error.code, message: error.message }))
        : undefined,
    };
  }

  private read(seriesId: number | undefined, range: TimeRange, clock: string): Maybe<StoredPoint[]> {
    if (seriesId === undefined) return [];
    if (!range.instant) return this.store.points(seriesId, range.from, range.to);
    // The market day's points are cached: thousands of one-value lookups hit the same days.
    const at = this.store.pointAt(seriesId, range.from, dayBounds(range.days[0], clock));
    return andThen(at, (p) => this.holding(p, seriesId, range));
  }

  /** The point found in the day's span, else the last one before (a long interval begun earlier), if it holds the instant. */
  private holding(inSpan: StoredPoint | undefined, seriesId: number, range: TimeRange): Maybe<StoredPoint[]> {
    if (inSpan) return holdsInstant(inSpan, range.from);
    const before = this.store.lastOnOrBefore(seriesId, range.from);
    return andThen(before, (p) => holdsInstant(p, range.from));
  }

  /**
   * The currency to read a series in: the one asked for when the cache holds it for every day,
   * else the market's own, else another the cache holds whole (a Nord Pool file served in SEK).
   */
  private storedCurrency(resolved: ResolvedSeries, days: MarketDay[], asked: string | undefined, currencies?: string[]): Maybe<string> {
    const { connector, location, run, product } = resolved;
    const stored = currencies ?? this.store.currencies({ market: connector.market.id, location: location.name, run, product });
    return andThen(stored, (found) => this.currencyAmong(resolved, days, asked, found));
  }

  private currencyAmong(resolved: ResolvedSeries, days: MarketDay[], asked: string | undefined, stored: string[]): Maybe<string> {
    const market = resolved.connector.market;
    // The usual case, answered at once: the series is stored in the market's currency only.
    if (stored.length === 0 || (stored.length === 1 && stored[0] === market.currency)) return market.currency;
    return this.currencyHeld(resolved, days, asked, stored);
  }

  /** A series stored in another currency than the market's: the one asked, else the market's, else another, held for every day. */
  private async currencyHeld(
    { connector, location, run, product }: ResolvedSeries,
    days: MarketDay[],
    asked: string | undefined,
    stored: string[],
  ): Promise<string> {
    const market = connector.market;
    const key = { market: market.id, location: location.name, run, product };
    if (asked && asked !== market.currency && stored.includes(asked) && (await this.holdsWhole({ ...key, currency: asked }, days)))
      return asked;
    if (await this.holdsWhole({ ...key, currency: market.currency }, days)) return market.currency;
    for (const c of stored) if (c !== market.currency && (await this.holdsWhole({ ...key, currency: c }, days))) return c;
    return market.currency;
  }

  /** Whether the cache has every day of a series. */
  private async holdsWhole(key: SeriesKey, days: MarketDay[]): Promise<boolean> {
    const id = await this.store.findSeries(key);
    if (id === undefined) return false;
    const rows = await Promise.all(days.map(async (day) => this.store.coverage(id, day)));
    return rows.every((row) => row !== undefined);
  }
}

function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function identity(result: QueryResult) {
  return {
    market: result.resolved.connector.market.id,
    location: result.resolved.location.name,
    run: result.resolved.run,
    product: result.resolved.product,
    currency: result.currency,
    unit: result.unit,
  };
}

/** ISO points on a clock; one interval's end is the next one's start, so each boundary is formatted once. */
/** What a series answer says of itself, in whichever form its points come. */
function seriesHead(result: QueryResult, q: SeriesQuery): Omit<SeriesResponse, 'points' | 'quality' | 'conversion'> {
  const { resolved } = result;
  return {
    market: resolved.connector.market.id,
    location: resolved.location.name,
    run: resolved.run,
    product: resolved.product,
    currency: result.currency,
    unit: result.unit,
    clock: resolved.connector.market.clock,
    tz: q.tz,
    interval: q.interval,
  };
}

function formatPoints(points: { start: number; end: number; value: number | null }[], tz: string): SeriesPoint[] {
  const out: SeriesPoint[] = new Array(points.length);
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

function holdsInstant(p: StoredPoint | undefined, ms: number): StoredPoint[] {
  return p && p.end > ms ? [p] : [];
}

function valueOf(result: QueryResult, q: PointsQuery): ValueResponse {
  const point = result.points[0];
  return { start: formatInstant(point ? point.start : q.range.from, q.tz), value: point ? point.value : null };
}

function runOf(market: Connector['market'], run: string): { intervalMinutes: number } {
  return market.runs.find((r) => r.id === run)!;
}

/** Points in the energy unit asked: a price per MWh or kWh; a product with a unit of its own (MW) as it is. */
function inAskedUnit(points: StoredPoint[], q: PointsQuery, market: Connector['market'], productUnit: string | undefined) {
  return convertUnit(points, productUnit ?? market.unit, q.unit, !productUnit);
}
