import type { KeyStore } from '../config';
import type { Connector, Report, RequestLimits } from '../connectors/types';
import { andThen, GridError, isGridError, isPromise, type LocationInfo, type MarketDay, type Maybe, type SeriesKey } from '../domain';
import type { CoverageRow, SeriesStore } from '../store/series-store';
import { addDays, marketDay } from '../time/clock';
import type { Catalog } from './catalog';
import { planWindows } from './fetch-plan';
import type { Cancellation, Fetcher } from './fetcher';
import { usableReports } from './report-choice';

/** A resolved series: which market, location, run and product a query names. */
export interface ResolvedSeries {
  connector: Connector;
  location: LocationInfo;
  run: string;
  product: string;
}

/** A market day that could not be had, and why. */
export interface DayFailure {
  day: MarketDay;
  error: GridError;
}

/** Requests a fetch would make for one window of one report (several when its locations exceed one request). */
export interface PlannedRequest {
  market: string;
  report: string;
  first: MarketDay;
  last: MarketDay;
  days: number;
  locations: string[];
  /** The source's archive form: every location comes back. */
  archive: boolean;
  requests: number;
  /** The source's spacing between requests. */
  spacingMs: number;
  /** Why these days cannot be fetched (no request is planned for them): a key not set, no source for the day. */
  problem?: string;
}

/** A series made sure of: its id (none when nothing is stored), how fresh, and the days that could not be had. */
export interface Ensured {
  seriesId: number | undefined;
  freshness: Freshness;
  missing: DayFailure[];
}

/** How fresh an answer is. */
export interface Freshness {
  provisional: boolean;
  stale: boolean;
  /** UTC ms (written as ISO text only by the answers that show it). */
  fetchedAt?: number;
}

/**
 * Most market days one request may fetch. A longer gap is a backfill the user starts knowingly
 * (a job with progress), never the side effect of a GET that any page could send.
 */
export const MAX_FETCH_DAYS = 62;

/**
 * A backfill asks the read path for its range a calendar year at a time (the largest window any
 * source takes), so that each source's own limits shape the requests; progress is read from coverage.
 */
export function backfillPieces(days: MarketDay[]): MarketDay[][] {
  const pieces: MarketDay[][] = [];
  for (const day of days) {
    const last = pieces[pieces.length - 1];
    if (last && last[0].slice(0, 4) === day.slice(0, 4)) last.push(day);
    else pieces.push([day]);
  }
  return pieces;
}

export interface ReadThroughOptions {
  offline: boolean;
  provisionalTtlSeconds: number;
  now: () => number;
}

/**
 * Makes sure the market days a query needs are in the cache: which are missing or stale in
 * coverage, fetched through the market's reports, and how fresh the result is. Offline, a day
 * never fetched is a NOT_CACHED error.
 */
export class ReadThrough {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
    private readonly fetcher: Fetcher,
    private readonly keys: KeyStore,
    readonly options: ReadThroughOptions,
  ) {}

  /**
   * With `partial`, a day that cannot be had (not cached offline, not published, its fetch
   * failed, beyond what one request fetches) is listed in `missing` instead of failing the whole
   * range; only a range with no day at all is an error (the first day's).
   */
  async ensure(
    resolved: ResolvedSeries,
    days: MarketDay[],
    currency = resolved.connector.market.currency,
    partial = false,
    job?: Cancellation,
  ): Promise<Ensured> {
    const { connector, location, run, product } = resolved;
    const market = connector.market;
    const key: SeriesKey = { market: market.id, location: location.name, run, product, currency };
    const now = this.options.now();
    let seriesId = await this.store.findSeries(key);
    let provisional = false;
    let stale = false;
    let fetchedAt = 0;
    const wanted: { day: MarketDay; cached: boolean }[] = [];
    const covered = await this.coverageOf(seriesId, days);
    for (const [i, day] of days.entries()) {
      const cov = covered[i];
      if (cov) fetchedAt = Math.max(fetchedAt, cov.fetchedAt);
      if (cov && !this.needsFetch(cov, now)) {
        provisional ||= !cov.final;
        continue;
      }
      wanted.push({ day, cached: !!cov });
    }
    const failed: DayFailure[] = [];
    if (wanted.length && (this.options.offline || (partial && wanted.length > MAX_FETCH_DAYS))) {
      // Nothing is fetched: offline, or (partial) more days than one request may fetch.
      const absent = wanted.filter((m) => !m.cached).map((m) => m.day);
      if (absent.length) {
        if (!partial || absent.length === days.length) throw this.notFetched(key, absent, wanted.length);
        for (const day of absent) failed.push({ day, error: this.notFetched(key, [day], wanted.length) });
      }
      if (absent.length < wanted.length) stale = provisional = true;
    } else if (wanted.length) {
      if (wanted.length > MAX_FETCH_DAYS && !job) throw needsBackfill(key, wanted.length);
      const failures = await this.fetchDays(
        resolved,
        wanted.map((m) => m.day),
        job,
      );
      seriesId = await this.store.findSeries(key);
      const today = marketDay(now, market.clock);
      const fetched = await this.coverageOf(
        seriesId,
        wanted.map((w) => w.day),
      );
      for (const [i, { day, cached }] of wanted.entries()) {
        const cov = fetched[i];
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
        if (!failure && cached) continue;
        const error =
          failure ??
          (day >= today
            ? new GridError('NOT_PUBLISHED', `${market.id} ${run} ${product} for ${location.name} on ${day} is not published yet.`)
            : new GridError('NO_DATA', `${market.id} published no ${run} ${product} for ${location.name} on ${day}.`));
        if (!partial) throw error;
        failed.push({ day, error });
      }
    }
    if (failed.length && failed.length === days.length) throw failed[0].error;
    return {
      seriesId,
      freshness: { provisional, stale, fetchedAt: fetchedAt || undefined },
      missing: failed,
    };
  }

  /**
   * The requests fetching these days for these series would make, planned as a fetch would plan
   * them now; nothing is fetched. Days already cached (final, or provisional and fresh) need none.
   */
  async plan(series: ResolvedSeries[], days: MarketDay[]): Promise<PlannedRequest[]> {
    const now = this.options.now();
    const groups = new Map<string, PlannedRequest & { limits: RequestLimits | undefined }>();
    for (const { connector, location, run, product } of series) {
      const market = connector.market;
      const today = marketDay(now, market.clock);
      const seriesId = await this.store.findSeries({ market: market.id, location: location.name, run, product, currency: market.currency });
      const byReport = new Map<Report, MarketDay[]>();
      const spacingMs = Math.max(0, ...Object.values(market.hosts).map((h) => h.minIntervalMs ?? 0));
      const covered = await this.coverageOf(seriesId, days);
      for (const [i, day] of days.entries()) {
        const cov = covered[i];
        if ((cov && !this.needsFetch(cov, now)) || day > addDays(today, 1)) continue;
        let report: Report;
        try {
          report = usableReports(connector, run, product, day, location, this.keys, today)[0];
        } catch (e) {
          // No source can fetch the day (a key not set, a day no report serves): planned as a problem, no request.
          const error = e as GridError;
          const key = ['\u0001', location.name, error.code].join('\u0000');
          const group = groups.get(key) ?? {
            market: market.id,
            report: '',
            first: day,
            last: day,
            days: 0,
            locations: [location.name],
            archive: false,
            requests: 0,
            spacingMs,
            problem: error.message,
            limits: undefined,
          };
          group.last = day;
          group.days++;
          groups.set(key, group);
          continue;
        }
        byReport.set(report, [...(byReport.get(report) ?? []), day]);
      }
      for (const [report, reportDays] of byReport)
        for (const window of planWindows(report, reportDays, today)) {
          const key = [report.id, run, product, window.period.key, window.archive].join('\u0000');
          const group = groups.get(key) ?? {
            market: market.id,
            report: report.id,
            first: window.period.days[0],
            last: window.period.days[window.period.days.length - 1],
            days: window.period.days.length,
            locations: [],
            archive: window.archive,
            requests: 0,
            spacingMs,
            limits: report.scope === 'location' ? report.limits : undefined,
          };
          group.locations.push(location.name);
          groups.set(key, group);
        }
    }
    return [...groups.values()].map(({ limits, ...planned }) => ({
      ...planned,
      requests: planned.problem ? 0 : planned.archive || !limits ? 1 : Math.ceil(planned.locations.length / (limits.maxLocations ?? 1)),
    }));
  }

  /** Days (over the series) whose coverage was written at or after `since`: a job's progress. */
  async daysStored(series: ResolvedSeries[], days: MarketDay[], since: number): Promise<number> {
    let stored = 0;
    for (const { connector, location, run, product } of series) {
      const market = connector.market;
      const seriesId = await this.store.findSeries({ market: market.id, location: location.name, run, product, currency: market.currency });
      for (const cov of await this.coverageOf(seriesId, days)) if ((cov?.fetchedAt ?? -1) >= since) stored++;
    }
    return stored;
  }

  /** Each day's coverage of a series (none for a series never stored), asked together. */
  private coverageOf(seriesId: number | undefined, days: MarketDay[]): Promise<(CoverageRow | undefined)[]> {
    return seriesId === undefined
      ? Promise.resolve(days.map(() => undefined))
      : Promise.all(days.map(async (day) => this.store.coverage(seriesId, day)));
  }

  /** A cached day is fetched again only while provisional and older than the provisional TTL. */
  private needsFetch(cov: { final: boolean; fetchedAt: number }, now: number): boolean {
    return !cov.final && now - cov.fetchedAt >= this.options.provisionalTtlSeconds * 1000;
  }

  /**
   * The series when every day is in the cache and fresh; undefined when some day needs fetching,
   * which `ensure` then does (its own reading of the coverage answers a cached range the same
   * way). `ids`: series ids by currency already found, and where the one found is kept.
   */
  cached(
    resolved: ResolvedSeries,
    days: MarketDay[],
    currency = resolved.connector.market.currency,
    ids?: Map<string, number>,
  ): Maybe<Ensured | undefined> {
    const known = ids?.get(currency);
    if (known !== undefined) return this.cachedDays(known, days);
    const { connector, location, run, product } = resolved;
    const found = this.store.findSeries({ market: connector.market.id, location: location.name, run, product, currency });
    const use = (seriesId: number | undefined) => {
      if (seriesId === undefined) return undefined;
      ids?.set(currency, seriesId);
      return this.cachedDays(seriesId, days);
    };
    return andThen(found, use);
  }

  /** `cached` once the series is known: every day covered and fresh, read at once where the store holds the coverage. */
  private cachedDays(seriesId: number, days: MarketDay[]): Maybe<Ensured | undefined> {
    const rows: Maybe<CoverageRow | undefined>[] = new Array(days.length);
    let waiting = false;
    for (let i = 0; i < days.length; i++) {
      rows[i] = this.store.coverage(seriesId, days[i]);
      if (isPromise(rows[i])) waiting = true;
    }
    return waiting
      ? Promise.all(rows.map(async (row) => row)).then((all) => this.fresh(seriesId, all))
      : this.fresh(seriesId, rows as (CoverageRow | undefined)[]);
  }

  private fresh(seriesId: number, coverage: (CoverageRow | undefined)[]): Ensured | undefined {
    const now = this.options.now();
    let provisional = false;
    let fetchedAt = 0;
    for (const cov of coverage) {
      if (!cov || this.needsFetch(cov, now)) return undefined;
      if (cov.fetchedAt > fetchedAt) fetchedAt = cov.fetchedAt;
      if (!cov.final) provisional = true;
    }
    return { seriesId, freshness: { provisional, stale: false, fetchedAt }, missing: [] };
  }

  /** Why days are not fetched: offline, or more of them than one request fetches. */
  private notFetched(key: SeriesKey, days: MarketDay[], wanted: number): GridError {
    return this.options.offline ? notCached(key, days) : needsBackfill(key, wanted);
  }

  /**
   * The location a name means. One the catalog does not know may still be a node the market
   * publishes ("any node by name"): online, and where reports fetch per location, it is tried
   * before being refused.
   */
  async location(connector: Connector, name: string, run: string, product: string, day: MarketDay): Promise<LocationInfo> {
    try {
      return await this.catalog.location(connector, name);
    } catch (e) {
      const perLocation = connector.reports.some((r) => r.scope === 'location' && r.runs.includes(run) && (r.request || r.fetch));
      if (this.options.offline || !perLocation || /[^A-Za-z0-9_.\- ]/.test(name)) throw e;
      const candidate: LocationInfo = { name: name.trim().toUpperCase(), type: 'NODE' };
      try {
        await this.ensure({ connector, location: candidate, run, product }, [day]);
        return await this.catalog.location(connector, candidate.name);
      } catch {
        throw e;
      }
    }
  }

  /**
   * Fetches the days in as few requests as each report allows. Days are asked of the first
   * usable report; a day it does not bring (not published: a final file not out yet) is asked of
   * the next. Returns the error of each day that could not be had.
   */
  private async fetchDays(resolved: ResolvedSeries, days: MarketDay[], job?: Cancellation): Promise<Map<MarketDay, GridError>> {
    const { connector, location, run, product } = resolved;
    const failures = new Map<MarketDay, GridError>();
    const today = marketDay(this.options.now(), connector.market.clock);
    const tomorrow = addDays(today, 1);
    // Each day's reports in order, as report choice gives them (keys, first and last days served).
    const chains = new Map<MarketDay, Report[]>();
    for (const day of days) {
      if (day > tomorrow) {
        failures.set(
          day,
          new GridError('NOT_PUBLISHED', `${connector.market.id} ${run} for ${day} is not published yet: that day is in the future.`),
        );
        continue;
      }
      try {
        chains.set(day, usableReports(connector, run, product, day, location, this.keys, today));
      } catch (e) {
        failures.set(day, e as GridError);
      }
    }
    for (let step = 0; chains.size; step++) {
      const byReport = new Map<Report, MarketDay[]>();
      for (const [day, chain] of chains) {
        const report = chain[step];
        byReport.set(report, [...(byReport.get(report) ?? []), day]);
      }
      const startedAt = this.options.now();
      const results = await Promise.all(
        [...byReport].map(async ([report, reportDays]) => ({
          reportDays,
          failed: await this.fetcher.fetch({ connector, report, run, product, location }, reportDays, job),
        })),
      );
      const seriesId = await this.store.findSeries({
        market: connector.market.id,
        location: location.name,
        run,
        product,
        currency: connector.market.currency,
      });
      for (const { reportDays, failed } of results) {
        const covered = await this.coverageOf(seriesId, reportDays);
        for (const [i, day] of reportDays.entries()) {
          const chain = chains.get(day)!;
          chains.delete(day);
          const failure = failed.get(day);
          const brought = !failure && (covered[i]?.fetchedAt ?? -1) >= startedAt;
          // A day a fixed file did not bring has no data (a weekend of a daily series); a day a date-range
          // answer did not bring may be in the next report (not verified yet: the unverified feed).
          const missed = failure ? isGridError(failure, 'NOT_PUBLISHED') : !chain[step].periodOf;
          const handOver = step + 1 < chain.length && !brought && !job?.cancelled && missed;
          if (handOver) chains.set(day, chain);
          else if (failure) failures.set(day, failure);
        }
      }
    }
    return failures;
  }
}

function needsBackfill(key: SeriesKey, days: number): GridError {
  return new GridError(
    'NEEDS_BACKFILL',
    `${key.market} ${key.location} ${key.run} ${key.product}: ${days} days of that range are not in the cache, more than the ${MAX_FETCH_DAYS} one request fetches. Backfill the range first (a backfill job: the taskpane's Backfill), then ask again.`,
  );
}

function notCached(key: SeriesKey, days: MarketDay[]): GridError {
  const shown = days.length > 4 ? `${days.slice(0, 3).join(', ')} ... ${days[days.length - 1]} (${days.length} days)` : days.join(', ');
  return new GridError(
    'NOT_CACHED',
    `${key.market} ${key.location} ${key.run} ${key.product} for ${shown} is not in the cache, and gridcell is offline. Import the source's file for those days, or go online.`,
  );
}
