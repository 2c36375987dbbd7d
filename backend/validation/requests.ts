import {
  AGGREGATE_PARAMS,
  BACKFILL_PARAMS,
  VALUE_PARAMS,
  CURRENCY_CODE,
  DEFAULT_BLOCK,
  DEFAULT_STAT,
  ENERGY_UNITS,
  FILL_MODES,
  FX_PARAMS,
  INTERVALS,
  LATEST_PARAMS,
  LOCATIONS_MAX_LIMIT,
  LOCATIONS_PARAMS,
  COVERAGE_PARAMS,
  BLOCK_MEANS_PARAMS,
  QUALITY_PARAMS,
  MARKET_TZ,
  oneOf,
  REAL_TIME_RUN,
  SERIES_PARAMS,
  STATS,
  UTC_TZ,
  type Run,
} from '../../contract';
import type { Connector } from '../connectors/types';
import { currencyPair, FORECAST_RUN, GridError, isConvertible, type Clock } from '../domain';
import type { Catalog } from '../series/catalog';
import type {
  AggregateQuery,
  BackfillQuery,
  FxQuery,
  QualityQuery,
  LatestQuery,
  LocationsQuery,
  MarketBlockQuery,
  MarketPart,
  PointsQuery,
  Presentation,
  SeriesName,
  SeriesQuery,
} from '../series/queries';
import { blocksOf } from '../time/blocks';
import { addDays, marketDay, zoneOf } from '../time/clock';
import { checkDate, daySpan, parseRange, type TimeRange } from '../time/range';
import { DATE_FORMS_TEXT } from '../time/relative-dates';
import { FieldReader, type RawParams } from './fields';

/**
 * A batch's lookups, read once at the edge: each series by the text that names it (all but the
 * instant), and each instant's range by its text, clock and zone (a recalculation asks the same
 * hours of many series).
 */
export class LookupNames {
  private readonly series = new Map<string, PointsQuery>();
  private readonly instants = new Map<Clock, Map<Clock, Map<string, TimeRange>>>();

  get(key: string): PointsQuery | undefined {
    return this.series.get(key);
  }

  set(key: string, query: PointsQuery): void {
    this.series.set(key, query);
  }

  /** The range of an instant read before on this clock and zone. */
  instant(start: string, clock: Clock, tz: Clock): TimeRange | undefined {
    return this.instants.get(clock)?.get(tz)?.get(start);
  }

  keepInstant(start: string, clock: Clock, tz: Clock, range: TimeRange): void {
    let byZone = this.instants.get(clock);
    if (!byZone) this.instants.set(clock, (byZone = new Map()));
    let byText = byZone.get(tz);
    if (!byText) byZone.set(tz, (byText = new Map()));
    byText.set(start, range);
  }
}

/** Most intervals one answer may hold (100 years of 5-minute data is refused with this number). */
export const MAX_POINTS = 2_000_000;
export const DEFAULT_LOCATIONS_LIMIT = 50;
export const QUALITY_DEFAULT_DAYS = 30;
/** A day-ahead/real-time or peer gap worth a look, in the market's currency per MWh. */
export const DEFAULT_SPREAD = 250;
export const MAX_LOCATION_CHARS = 200;
/** A portfolio backfill names at most this many locations (each is a series to fill). */
export const MAX_BACKFILL_LOCATIONS = 500;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * The edge: turns the text of an API call or a command line into the typed query the series
 * service answers, once. A wrong request is one error that names every wrong field.
 */
export class RequestParser {
  constructor(
    private readonly catalog: Catalog,
    private readonly now: () => number,
  ) {}

  series(params: RawParams): SeriesQuery {
    const f = new FieldReader(params, SERIES_PARAMS);
    const query: SeriesQuery | undefined = this.points(f);
    const interval = this.choice(f, 'interval', INTERVALS);
    const fill = this.choice(f, 'fill', FILL_MODES);
    const partial = this.choice(f, 'partial', ['0', '1'] as const, '0', 'partial is') === '1';
    const background = this.background(f);
    f.finish();
    // Fields are added, not spread into a new object: thousands of these are made per batch.
    query!.interval = interval;
    query!.fill = fill;
    query!.partial = partial;
    query!.background = background;
    return query!;
  }

  /**
   * One value at an instant: `start` must be a date-time, not a day. In a batch (`names`), the
   * fields naming the series are read once for every lookup that writes them the same way.
   */
  value(params: RawParams, names?: LookupNames): PointsQuery {
    const key = names && lookupKey(params);
    const named = key === undefined ? undefined : names!.get(key);
    const instant = named && this.instant(params.start, named, names!);
    if (instant) return instant;
    const f = new FieldReader(params, VALUE_PARAMS);
    const query = this.points(f);
    if (query && !query.range.instant)
      f.fail(
        'start',
        'BAD_DATE',
        `start=${params.start} is a day; a single value is asked at a time such as 2025-07-01T14:00 (a day's values: /series).`,
      );
    f.finish();
    if (key !== undefined) {
      query!.shared = {};
      names!.set(key, query!);
    }
    return query!;
  }

  /**
   * The lookup of another instant of an already read series; undefined when `start` is not a
   * date-time (the full reading says why). A date-time's range does not depend on the time now, so
   * the batch keeps it for the other series asked at the same text.
   */
  private instant(start: string | undefined, named: PointsQuery, names: LookupNames): PointsQuery | undefined {
    if (start === undefined) return undefined;
    const clock = this.catalog.connector(named.market).market.clock;
    let range = names.instant(start, clock, named.tz);
    if (!range) {
      try {
        range = parseRange(start, undefined, clock, named.tz, this.now());
      } catch {
        return undefined;
      }
      if (!range.instant) return undefined;
      names.keepInstant(start, clock, named.tz, range);
    }
    const { market, location, run, product, tz, currency, unit, asOf, shared } = named;
    return { market, location, run, product, tz, currency, unit, asOf, range, shared };
  }

  aggregate(params: RawParams): AggregateQuery {
    const f = new FieldReader(params, AGGREGATE_PARAMS);
    const query = this.points(f);
    const blocks = query ? blocksOf(query.market) : undefined;
    const block = blocks && this.choice(f, 'block', blocks, DEFAULT_BLOCK, `${query!.market} defines the blocks`);
    const stat = this.choice(f, 'stat', STATS) ?? DEFAULT_STAT;
    const background = this.background(f);
    f.finish();
    return Object.assign(query!, { block: block!, stat, background });
  }

  private background(f: FieldReader): boolean {
    return this.choice(f, 'background', ['0', '1'] as const, '0', 'background is') === '1';
  }

  /** The newest interval: the market's main real-time run unless another is named. */
  latest(params: RawParams): LatestQuery {
    const f = new FieldReader(params, LATEST_PARAMS);
    const connector = this.connector(f);
    const m = connector?.market;
    const realTime = m && (m.runs.some((r) => r.id === REAL_TIME_RUN) || m.runAliases?.[REAL_TIME_RUN]);
    const name = connector && this.name(f, connector, realTime ? REAL_TIME_RUN : undefined);
    const presentation = this.presentation(f, m?.clock);
    f.finish();
    return Object.assign(name!, presentation);
  }

  /** A range to fetch in the background: the series and its market days. */
  backfill(params: RawParams): BackfillQuery {
    const listed = params.locations
      ?.split(';')
      .map((l) => l.trim())
      .filter(Boolean);
    const f = new FieldReader(listed?.length && !params.location ? { ...params, location: listed[0] } : params, BACKFILL_PARAMS);
    const connector = this.connector(f);
    const name = connector && this.name(f, connector);
    const locations = [...new Set([...(name ? [name.location] : []), ...(listed ?? [])])];
    if (locations.length > MAX_BACKFILL_LOCATIONS)
      f.fail(
        'locations',
        'TOO_LARGE',
        `A backfill takes at most ${MAX_BACKFILL_LOCATIONS} locations; this one names ${locations.length}. Split the portfolio.`,
      );
    for (const location of locations) this.checkName(f, location);
    const start = f.required('start', '2025-01-01');
    const clock = connector?.market.clock ?? UTC_TZ;
    const range = start === undefined ? undefined : this.range(f, start, f.text('end'), clock, clock);
    f.finish();
    return Object.assign(name!, { locations, range: range! });
  }

  /** A check of a market's cache: the last QUALITY_DEFAULT_DAYS days unless a range is given. */
  async quality(params: RawParams): Promise<QualityQuery> {
    const f = new FieldReader(params, QUALITY_PARAMS);
    const connector = this.connector(f);
    const clock = connector?.market.clock ?? UTC_TZ;
    const { location, run, product } = await this.marketPart(f, connector);
    const today = marketDay(this.now(), clock);
    const start = f.text('start') ?? addDays(today, 1 - QUALITY_DEFAULT_DAYS);
    const range = this.range(f, start, f.text('end') ?? (f.text('start') ? undefined : today), clock, clock);
    const spreadText = f.text('spread');
    const spread = spreadText === undefined ? DEFAULT_SPREAD : Number(spreadText);
    if (!(spread > 0) || !Number.isFinite(spread))
      f.fail('spread', 'BAD_REQUEST', `spread=${spreadText} must be a positive number, in the market's currency per MWh.`);
    f.finish();
    return { market: connector!.market.id, location, run, product, range: range!, spread };
  }

  fx(params: RawParams): FxQuery {
    const f = new FieldReader(params, FX_PARAMS);
    let from = f.text('from')?.toUpperCase();
    let to = f.text('to')?.toUpperCase();
    const pair = f.text('pair');
    if (pair) {
      const parsed = currencyPair(pair);
      if (!parsed)
        f.fail(
          'pair',
          'BAD_REQUEST',
          `pair=${pair} is not a pair of currencies the ECB publishes; write it like EURUSD, USDJPY or USD/JPY.`,
        );
      ({ from, to } = parsed ?? {});
    } else {
      for (const [field, code] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (code === undefined) f.fail(field, 'BAD_REQUEST', `Give ${field}= as a currency code, e.g. from=EUR&to=USD, or pair=EURUSD.`);
        else this.checkCurrency(f, field, code);
      }
    }
    const dateText = f.required('date', '2025-07-01');
    const date = dateText && f.read('date', () => this.fxDay(dateText));
    f.finish();
    return { from: from!, to: to!, date: date! };
  }

  /** A day of ECB fixings, on the FX market's clock: a date or a one-day word such as T-1. */
  private fxDay(text: string): string {
    const span = daySpan(text, this.catalog.market('FX').market.clock, this.now());
    if (!span) throw new GridError('BAD_DATE', `date=${text} is not a date; write ${DATE_FORMS_TEXT}.`);
    if (span.first !== span.last)
      throw new GridError(
        'BAD_DATE',
        `date=${text} is ${span.first} to ${span.last}; the ECB rate is for one day, e.g. date=T-1 or ${span.last}.`,
      );
    return span.first;
  }

  /** A block's monthly means over a market's cached locations (GET /markets/:market/block-means). */
  blockMeans(market: string, params: RawParams): MarketBlockQuery {
    const f = new FieldReader({ ...params, market }, [...BLOCK_MEANS_PARAMS, 'market']);
    const connector = this.connector(f);
    const clock = connector?.market.clock ?? UTC_TZ;
    const product = connector && f.read('product', () => this.catalog.product(connector, f.text('product')));
    const run = connector && f.read('run', () => this.catalog.run(connector, f.text('run'), product));
    const start = f.required('start', '2025-07-01');
    const range = start === undefined ? undefined : this.range(f, start, f.text('end'), clock, clock);
    const block =
      connector && this.choice(f, 'block', blocksOf(connector.market.id), DEFAULT_BLOCK, `${connector.market.id} defines the blocks`);
    f.finish();
    return { market: connector!.market.id, run: run!, product: product!, range: range!, block: block! };
  }

  /** Which part of a market's cache GET /markets/:market/coverage describes. */
  async coverage(market: string, params: RawParams): Promise<MarketPart> {
    const f = new FieldReader({ ...params, market }, [...COVERAGE_PARAMS, 'market']);
    const connector = this.connector(f);
    const part = await this.marketPart(f, connector);
    f.finish();
    return { market: connector!.market.id, ...part };
  }

  /** The location, run and product that narrow a market's part, each optional (checked only for a known market). */
  private async marketPart(f: FieldReader, connector: Connector | undefined): Promise<Omit<MarketPart, 'market'>> {
    if (!connector) return {};
    const [location, run, product] = [f.text('location'), f.text('run'), f.text('product')];
    // Read before the other fields, so that one error still names every wrong field.
    const found = location === undefined ? undefined : await this.catalog.location(connector, location).catch((e: Error) => e);
    return {
      location:
        found === undefined
          ? undefined
          : f.read('location', () => {
              if (found instanceof Error) throw found;
              return found.name;
            }),
      run: run === undefined ? undefined : f.read('run', () => this.catalog.run(connector, run)),
      product: product === undefined ? undefined : f.read('product', () => this.catalog.product(connector, product)),
    };
  }

  locations(market: string, params: RawParams): LocationsQuery {
    const f = new FieldReader({ ...params, market }, [...LOCATIONS_PARAMS, 'market']);
    const connector = this.connector(f);
    const limitText = f.text('limit');
    const limit = limitText === undefined ? DEFAULT_LOCATIONS_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > LOCATIONS_MAX_LIMIT) {
      f.fail('limit', 'BAD_REQUEST', `limit=${limitText} must be a whole number from 1 to ${LOCATIONS_MAX_LIMIT}.`);
    }
    f.finish();
    return { market: connector!.market.id, search: f.text('q'), limit };
  }

  /** Market, location, run, product, the range and how to present it: what every points query has. */
  private points(f: FieldReader): PointsQuery | undefined {
    const connector = this.connector(f);
    const name = connector && this.name(f, connector);
    const presentation = this.presentation(f, connector?.market.clock);
    const start = f.required('start', '2025-07-01');
    const clock = connector?.market.clock ?? UTC_TZ;
    const range = start === undefined ? undefined : this.range(f, start, f.text('end'), clock, presentation.tz);
    if (presentation.asOf !== undefined && name && name.run !== FORECAST_RUN)
      f.fail(
        'asof',
        'BAD_REQUEST',
        `asof= asks which issue of a forecast to answer; it applies to run=${FORECAST_RUN} only, not ${name.run}.`,
      );
    if (!name || !range || !f.ok) return undefined;
    this.checkSize(f, connector, name.run, range);
    const { market, location, run, product } = name;
    const { tz, currency, unit, asOf } = presentation;
    return { market, location, run, product, tz, currency, unit, asOf, range };
  }

  /** START and END, each side's error under its own field, then the range (an END before the START is the end's error). */
  private range(f: FieldReader, start: string, end: string | undefined, clock: Clock, tz: Clock): TimeRange | undefined {
    const now = this.now();
    try {
      return parseRange(start, end, clock, tz, now);
    } catch {
      // Something is wrong: read each side apart, so that the error names the field (rare, so read twice).
    }
    const sides = [['start', start] as const, ['end', end] as const].map(
      ([field, text]) => text === undefined || f.read(field, () => (checkDate(text, clock, tz, now), true)),
    );
    if (!sides.every(Boolean)) return undefined;
    return f.read(end ? 'end' : 'start', () => parseRange(start, end, clock, tz, now));
  }

  private connector(f: FieldReader): Connector | undefined {
    const market = f.required('market', 'PJM');
    return market === undefined ? undefined : f.read('market', () => this.catalog.market(market));
  }

  private name(f: FieldReader, connector: Connector, defaultRun?: Run): SeriesName | undefined {
    const location = f.required('location', connector.locations[0]?.name ?? 'HUB');
    if (location !== undefined) this.checkName(f, location);
    const product = f.read('product', () => this.catalog.product(connector, f.text('product')));
    const run = f.read('run', () => this.catalog.run(connector, f.text('run') ?? defaultRun, product));
    if (location === undefined || run === undefined || product === undefined) return undefined;
    return { market: connector.market.id, location, run, product };
  }

  private presentation(f: FieldReader, marketClock: Clock | undefined): Presentation {
    const tzText = f.text('tz');
    const tz = f.read('tz', () => resolveTz(tzText, marketClock ?? UTC_TZ)) ?? UTC_TZ;
    const currency = f.text('currency')?.toUpperCase();
    if (currency !== undefined) this.checkCurrency(f, 'currency', currency);
    const asOfText = f.text('asof');
    const asOf =
      asOfText === undefined
        ? undefined
        : f.read('asof', () => asOfInstant(parseRange(asOfText, undefined, marketClock ?? UTC_TZ, tz, this.now())));
    return { tz, currency, unit: this.choice(f, 'unit', ENERGY_UNITS), asOf };
  }

  /** No source names a location with control characters or at such a length: refused before any lookup. */
  private checkName(f: FieldReader, location: string): void {
    if (location.length > MAX_LOCATION_CHARS) {
      f.fail(
        'location',
        'BAD_REQUEST',
        `The location is ${location.length} characters long; no market names one with more than ${MAX_LOCATION_CHARS}.`,
      );
    } else if (CONTROL_CHARACTER.test(location)) {
      f.fail(
        'location',
        'BAD_REQUEST',
        'The location holds a control character (such as a NUL or a line break); write the name as the market spells it.',
      );
    }
  }

  private checkCurrency(f: FieldReader, field: string, code: string): void {
    if (!CURRENCY_CODE.test(code))
      f.fail(field, 'BAD_REQUEST', `${field}=${code} is not a currency code; use three letters such as EUR, USD, JPY.`);
    else if (!isConvertible(code))
      f.fail(field, 'BAD_REQUEST', `${field}=${code}: the ECB publishes no reference rate for ${code}, so gridcell cannot convert it.`);
  }

  /** One value of a list, matched ignoring case; `fallback` when the field is absent. */
  private choice<T extends string>(
    f: FieldReader,
    field: string,
    list: readonly T[],
    fallback?: T,
    what = `${field} is one of`,
  ): T | undefined {
    const text = f.text(field);
    if (text === undefined) return fallback;
    const found = oneOf(list, text);
    if (!found) f.fail(field, 'BAD_REQUEST', `${field}=${text} is not valid: ${what} ${list.join(', ')}.`);
    return found;
  }

  private checkSize(f: FieldReader, connector: Connector | undefined, run: Run, range: TimeRange): void {
    const runInfo = connector?.market.runs.find((r) => r.id === run);
    if (!runInfo || range.instant) return;
    const expected = Math.round((range.to - range.from) / (runInfo.intervalMinutes * 60_000));
    if (expected > MAX_POINTS) {
      f.fail(
        'end',
        'RANGE_TOO_LARGE',
        `That range holds about ${expected.toLocaleString('en-US')} ${run} intervals, more than the ${MAX_POINTS.toLocaleString('en-US')} one answer may hold; ask for a shorter range or an interval=day average.`,
      );
    }
  }
}

const VALUE_NAMING = new Set<string>(VALUE_PARAMS.filter((p) => p !== 'start'));

/** `asof` a date-time is that instant; a day means every issue made by its end. */
function asOfInstant(range: TimeRange): number {
  return range.instant ? range.from : range.to;
}

/** The text of a lookup's fields other than `start`; undefined when it has a field `/value` does not take. */
function lookupKey(params: RawParams): string | undefined {
  let key = '';
  for (const name in params) {
    if (name === 'start') continue;
    if (!VALUE_NAMING.has(name)) return undefined;
    key += `${name}\u0000${params[name]}\u0000`;
  }
  return key;
}

/** `market` (or nothing): the market clock; `UTC` or `Z`; else an IANA zone or a fixed offset such as UTC-5. */
export function resolveTz(tz: string | undefined, marketClock: Clock): Clock {
  if (!tz || tz.toLowerCase() === MARKET_TZ) return marketClock;
  if (tz.toUpperCase() === UTC_TZ || tz.toUpperCase() === 'Z') return UTC_TZ;
  zoneOf(tz);
  return tz;
}
