import type { App } from '../app/app';
import { GridError, type MarketDay } from '../domain';
import type { IngestEntry } from './plan';

/** What fetching one market day of an entry gave: its points over every location and product. */
export interface DayFetched {
  points: number;
  /** Every series of the day is final: it is not fetched again. */
  final: boolean;
}

export type DayFetcher = (entry: IngestEntry, day: MarketDay) => Promise<DayFetched>;

/**
 * Fetches a day through the app's one read path, every location and product at once (so that the
 * fetcher asks the source for them together): a day cached and fresh is answered without a request,
 * and what comes is stored as any answer is. The first failure is thrown once all have ended.
 */
export function appDayFetcher(app: App): DayFetcher {
  return async (entry, day) => {
    const asked = entry.products.flatMap((product) =>
      entry.locations.map((location) =>
        Promise.resolve().then(() =>
          app.series(app.requests.series({ market: entry.market, run: entry.run, location, product, start: day })),
        ),
      ),
    );
    const answers = await Promise.allSettled(asked);
    const failed = answers.find((a) => a.status === 'rejected');
    if (failed) throw failed.reason;
    const series = answers.map((a) => (a as PromiseFulfilledResult<Awaited<ReturnType<App['series']>>>).value);
    if (series.some((s) => s.quality.stale))
      throw new GridError('UPSTREAM', `${entry.market} ${entry.run} ${day}: the source could not be reached; the cached day is kept.`);
    return {
      points: series.reduce((n, s) => n + s.points.length, 0),
      final: series.every((s) => !s.quality.provisional),
    };
  };
}
