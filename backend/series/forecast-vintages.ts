import { GridError, type Maybe, type SeriesKey, type StoredPoint, vintageOf } from '../domain';
import type { SeriesStore } from '../store/series-store';
import { formatInstant } from '../time/clock';

/**
 * A forecast "as of" an instant: interval by interval, the value of the latest issue made by then
 * among the issues the cache holds (each fetched or imported forecast is kept under its vintage
 * run, `backend/domain/forecast.ts`). Sources publish only their current forecast, so older issues
 * are those gridcell stored when they were current. `read` is the read path's own reading of a
 * series over the asked range (an instant finds the interval holding it).
 */
export async function forecastAsOf(
  store: SeriesStore,
  key: Omit<SeriesKey, 'currency'>,
  asOf: number,
  read: (seriesId: number) => Maybe<StoredPoint[]>,
): Promise<StoredPoint[]> {
  const issues = (await store.seriesOf(key.market, key.location))
    .map((s) => ({ id: s.id, key: s.key, vintage: vintageOf(s.key.run) }))
    .filter((s) => s.vintage?.run === key.run && s.vintage.issued <= asOf && s.key.product === key.product)
    .sort((a, b) => b.vintage!.issued - a.vintage!.issued);
  if (!issues.length) {
    throw new GridError(
      'NO_DATA',
      `No ${key.market} ${key.location} ${key.product} forecast issued by ${formatInstant(asOf, 'UTC')} is in the cache. ` +
        'gridcell keeps each issue it fetched or imported; ask without asof= for the latest.',
    );
  }
  // Asked together (a desk store answers them in one query per kind), taken latest issue first.
  const issued = await Promise.all(issues.map(async (issue) => read(issue.id)));
  const byStart = new Map<number, StoredPoint>();
  for (const points of issued) for (const p of points) if (!byStart.has(p.start)) byStart.set(p.start, p);
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
