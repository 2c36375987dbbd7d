import { GridError } from '../errors';
import type { KeyStore } from '../config';
import { fetchAndParse, periodOf } from '../connectors/fetch';
import type { Connector, LocationInfo, ParseResult, Report } from '../connectors/types';
import type { HttpClient } from '../http/client';
import { scrub } from '../http/secrets';
import { marketDay } from '../time/clock';
import type { SeriesStore, WriteSummary } from '../store/series-store';
import { coveredDays } from './coverage';
import { keysFor } from './report-choice';
import { storeParsed } from './store-result';

/**
 * Fetches report periods through the http layer and stores them: points, locations and
 * coverage in one transaction. Concurrent callers asking for the same report period share one fetch.
 */
export class Fetcher {
  private readonly inflight = new Map<string, Promise<WriteSummary>>();

  constructor(
    private readonly store: SeriesStore,
    private readonly http: HttpClient,
    private readonly keys: KeyStore,
    private readonly now: () => number,
    private readonly onWrite: () => void,
  ) {}

  fetchPeriod(connector: Connector, report: Report, day: string, run: string, product: string, location: LocationInfo): Promise<WriteSummary> {
    const period = periodOf(report, day);
    const scope = report.scope === 'location' ? location.name : '*';
    const key = `${report.id}\u0000${period.key}\u0000${scope}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.run(connector, report, period, run, product, location).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async run(connector: Connector, report: Report, period: ReturnType<typeof periodOf>, run: string, product: string, location: LocationInfo): Promise<WriteSummary> {
    const market = connector.market;
    const ctx = {
      period,
      run,
      product,
      location: report.scope === 'location' ? location : undefined,
      keys: keysFor(report, this.keys),
    };
    let result: ParseResult;
    try {
      result = await fetchAndParse(connector, report, ctx, (r) => this.http.get(r), report.id);
    } catch (e) {
      const message = scrub((e as Error).message, Object.values(ctx.keys));
      this.store.recordError(market.id, message);
      if (e instanceof GridError) throw new GridError(e.code, message);
      throw new GridError('UPSTREAM', `${report.id}: ${message}`);
    }
    // Days of the period are kept as the source has them; other days a download happens to
    // hold (a monthly archive) only when whole.
    const wanted = new Set(period.days);
    const covered = coveredDays(result.points, market.id, market.clock, market.currency).filter((c) => wanted.has(c.day) || c.whole);
    const keptDays = new Set(covered.map((c) => c.day));
    const points = result.points.filter((p) => keptDays.has(marketDay(p.start, market.clock)));
    const summary = storeParsed(this.store, connector, {
      points,
      locations: result.locations,
      coverage: covered.map(({ series, day }) => ({ series, day })),
      source: `fetch:${report.id}`,
      now: this.now(),
      provisional: report.provisional,
    });
    this.onWrite();
    return summary;
  }
}
