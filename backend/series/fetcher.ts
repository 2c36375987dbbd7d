import type { KeyStore } from '../config';
import { fetchAndParse } from '../connectors/fetch';
import type { Connector, Report, RequestContext } from '../connectors/types';
import { GridError, type LocationInfo, type MarketDay, type ParseResult, type SeriesKey } from '../domain';
import type { HttpClient } from '../http/client';
import { scrub } from '../http/secrets';
import { marketDay } from '../time/clock';
import { planWindows, type FetchWindow } from './fetch-plan';
import { keysFor } from './report-choice';
import { MemorySessionCache } from './session-cache';
import type { SeriesWriter } from './write-path';

/** What a fetch asks a report for: one series' run and product at a location. */
export interface FetchTarget {
  connector: Connector;
  report: Report;
  run: string;
  product: string;
  location: LocationInfo;
}

/** A job's way to stop a fetch between requests. */
export interface Cancellation {
  readonly cancelled: boolean;
}

/**
 * How long a window waits for other locations asking the same window (the formulas of one batch
 * arrive together) before its request is sent.
 */
const GATHER_MS = 15;

interface Member {
  location: LocationInfo;
  /** Settles when the request carrying this location is written. */
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Gathering {
  target: FetchTarget;
  window: FetchWindow;
  /** By location name: a location asked twice in the moment joins once. */
  members: Map<string, Member>;
}

/**
 * Fetches market days through the http layer and hands what comes back to the write path. The
 * missing days are planned into the fewest windows the report allows (`planWindows`); locations
 * asking the same window within a moment share one request where the source takes several; a
 * day another caller is already fetching is waited for, not fetched again. A window is written
 * whole or not at all, so a failure leaves the cache as it was and the days are asked again.
 */
export class Fetcher {
  /** `report\0scope\0day` -> the fetch that brings it. */
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly gatherings = new Map<string, Gathering>();
  private readonly session: MemorySessionCache;

  constructor(
    private readonly http: HttpClient,
    private readonly keys: KeyStore,
    private readonly writer: SeriesWriter,
    private readonly now: () => number,
  ) {
    this.session = new MemorySessionCache(now);
  }

  /**
   * Fetches the days for the target; the error of each day that could not be had. Under a
   * cancellation (a job's), the windows go one after another and none starts once it is cancelled.
   */
  async fetch(target: FetchTarget, days: readonly MarketDay[], cancellation?: Cancellation): Promise<Map<MarketDay, GridError>> {
    const { report, location } = target;
    const failures = new Map<MarketDay, GridError>();
    const waits: Promise<void>[] = [];
    const toPlan: MarketDay[] = [];
    for (const day of days) {
      const running = this.inflight.get(inflightKey(report, location.name, day)) ?? this.inflight.get(inflightKey(report, '*', day));
      if (running) waits.push(running.catch((e) => void failures.set(day, asGridError(e))));
      else toPlan.push(day);
    }
    const today = marketDay(this.now(), target.connector.market.clock);
    for (const window of planWindows(report, toPlan, today)) {
      if (cancellation?.cancelled) {
        for (const day of window.period.days) failures.set(day, CANCELLED);
        continue;
      }
      const scope = report.scope === 'location' && !window.archive ? location.name : '*';
      const fetched = this.fetchWindow(target, window);
      for (const day of window.period.days) {
        const key = inflightKey(report, scope, day);
        this.inflight.set(key, fetched);
        void fetched.then(
          () => this.inflight.delete(key),
          () => this.inflight.delete(key),
        );
      }
      const settled = fetched.catch((e) => window.period.days.forEach((day) => failures.set(day, asGridError(e))));
      if (cancellation) await settled;
      else waits.push(settled);
    }
    await Promise.all(waits);
    return failures;
  }

  /** One day; throws its error. */
  async fetchDay(target: FetchTarget, day: MarketDay): Promise<void> {
    const failure = (await this.fetch(target, [day])).get(day);
    if (failure) throw failure;
  }

  private fetchWindow(target: FetchTarget, window: FetchWindow): Promise<void> {
    const { report } = target;
    if (report.scope !== 'location' || window.archive) return this.send(target, window, []);
    if ((report.limits?.maxLocations ?? 1) <= 1) return this.send(target, window, [target.location]);
    return this.gather(target, window);
  }

  /** Joins (or opens) the gathering of locations for this window; it is sent when the moment passes. */
  private gather(target: FetchTarget, window: FetchWindow): Promise<void> {
    const key = [target.report.id, target.run, target.product, window.period.key].join('\u0000');
    let gathering = this.gatherings.get(key);
    if (!gathering) {
      gathering = { target, window, members: new Map() };
      this.gatherings.set(key, gathering);
      setTimeout(() => this.sendGathered(key), GATHER_MS);
    }
    const name = target.location.name;
    let member = gathering.members.get(name);
    if (!member) {
      let settle!: Pick<Member, 'resolve' | 'reject'>;
      const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      member = { location: target.location, done, ...settle };
      gathering.members.set(name, member);
    }
    return member.done;
  }

  private sendGathered(key: string): void {
    const gathering = this.gatherings.get(key)!;
    this.gatherings.delete(key);
    const members = [...gathering.members.values()];
    const size = gathering.target.report.limits?.maxLocations ?? 1;
    for (let i = 0; i < members.length; i += size) {
      const group = members.slice(i, i + size);
      this.send(
        gathering.target,
        gathering.window,
        group.map((m) => m.location),
      ).then(
        () => group.forEach((m) => m.resolve()),
        (e) => group.forEach((m) => m.reject(e)),
      );
    }
  }

  /** One request (and its pages) for the window at these locations (none: the whole market), written whole. */
  private async send(target: FetchTarget, window: FetchWindow, locations: LocationInfo[]): Promise<void> {
    const { connector, report, run, product } = target;
    const market = connector.market;
    const ctx: RequestContext = {
      period: window.period,
      run,
      product,
      location: locations[0],
      locations: locations.length > 1 ? locations : undefined,
      archive: window.archive || undefined,
      keys: keysFor(report, this.keys),
      session: this.session,
      now: this.now(),
    };
    let result: ParseResult;
    try {
      result = await fetchAndParse(connector, report, ctx, (r) => this.http.get(r), report.id);
    } catch (e) {
      const message = scrub((e as Error).message, Object.values(ctx.keys));
      this.writer.recordError(market.id, message);
      if (e instanceof GridError) throw new GridError(e.code, message);
      throw new GridError('UPSTREAM', `${report.id}: ${message}`);
    }
    // A fixed file read whole (a year of EIA, the ECB history) says which past days it has no value for.
    const checked = report.periodOf
      ? emptyDays(result, window, locations.length ? locations : [target.location], target, this.now())
      : undefined;
    await this.writer.write(market, [result], { source: `fetch:${report.id}`, provisional: report.provisional, checked });
  }
}

const CANCELLED = new GridError('FETCHING', 'The fetch was cancelled before these days were asked for; ask again to fetch them.');

/** The series-days of the window (ended days only) the file holds no value for. */
function emptyDays(
  result: ParseResult,
  window: FetchWindow,
  locations: LocationInfo[],
  { connector, run, product }: FetchTarget,
  now: number,
): { series: SeriesKey; day: MarketDay }[] {
  const market = connector.market;
  const today = marketDay(now, market.clock);
  const held = new Set<string>();
  for (const p of result.points)
    if (p.run === run && p.product === product) held.add(`${p.location}\u0000${marketDay(p.start, market.clock)}`);
  const out: { series: SeriesKey; day: MarketDay }[] = [];
  for (const location of locations)
    for (const day of window.period.days)
      if (day < today && !held.has(`${location.name}\u0000${day}`))
        out.push({ series: { market: market.id, location: location.name, run, product, currency: market.currency }, day });
  return out;
}

function inflightKey(report: Report, scope: string, day: MarketDay): string {
  return `${report.id}\u0000${scope}\u0000${day}`;
}

function asGridError(e: unknown): GridError {
  return e instanceof GridError ? e : new GridError('INTERNAL', (e as Error).message);
}
