import type { KeyStore } from '../config';
import { fetchAndParse, periodOf } from '../connectors/fetch';
import type { Connector, Report } from '../connectors/types';
import { GridError, type LocationInfo, type MarketDay, type ParseResult, type Period } from '../domain';
import type { HttpClient } from '../http/client';
import { scrub } from '../http/secrets';
import type { WriteSummary } from '../store/series-store';
import { keysFor } from './report-choice';
import type { SeriesWriter } from './write-path';

/** What one fetch asks a report for. */
export interface FetchRequest {
  connector: Connector;
  report: Report;
  day: MarketDay;
  run: string;
  product: string;
  location: LocationInfo;
}

/**
 * Fetches report periods through the http layer and hands them to the write path. Concurrent
 * callers asking for the same report period share one fetch.
 */
export class Fetcher {
  private readonly inflight = new Map<string, Promise<WriteSummary>>();

  constructor(
    private readonly http: HttpClient,
    private readonly keys: KeyStore,
    private readonly writer: SeriesWriter,
  ) {}

  fetchPeriod(request: FetchRequest): Promise<WriteSummary> {
    const { report, day, location } = request;
    const period = periodOf(report, day);
    const scope = report.scope === 'location' ? location.name : '*';
    const key = `${report.id}\u0000${period.key}\u0000${scope}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.run(request, period).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async run({ connector, report, run, product, location }: FetchRequest, period: Period): Promise<WriteSummary> {
    const market = connector.market;
    const ctx = { period, run, product, location: report.scope === 'location' ? location : undefined, keys: keysFor(report, this.keys) };
    let result: ParseResult;
    try {
      result = await fetchAndParse(connector, report, ctx, (r) => this.http.get(r), report.id);
    } catch (e) {
      const message = scrub((e as Error).message, Object.values(ctx.keys));
      this.writer.recordError(market.id, message);
      if (e instanceof GridError) throw new GridError(e.code, message);
      throw new GridError('UPSTREAM', `${report.id}: ${message}`);
    }
    return this.writer.write(market, [result], { source: `fetch:${report.id}`, provisional: report.provisional });
  }
}
