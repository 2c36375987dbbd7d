import { apiGet, apiPath, utcSerialFromIso, type RequestBatcher } from '../client';
import type { SeriesQuality } from '../contract';
import { isBlank } from './args';
import { apiDate, parseDateArg } from './dates';
import type { Row } from './listings';
import { seriesIdentity, type PriceArgs } from './price';

/**
 * GRID.STATUS: how complete and how fresh a range of one series is, as two columns of label and
 * value: where the data came from, when it was fetched, whether it is final, the intervals
 * expected and present, and a row per missing day saying why it is missing.
 */

export type StatusArgs = Omit<PriceArgs, 'options'>;

/** final: no day will be revised; provisional: some may be; stale: the source could not be reached, cached data served. */
export type State = 'final' | 'provisional' | 'stale';

export async function statusFormula(batcher: RequestBatcher, args: StatusArgs): Promise<Row[]> {
  const start = parseDateArg(args.start, 'start');
  const end = isBlank(args.end) ? undefined : parseDateArg(args.end, 'end');
  const path = apiPath('/series', { ...seriesIdentity(args), start: apiDate(start), end: end && apiDate(end), partial: '1' });
  return statusRows((await apiGet(batcher, path)).quality);
}

export function stateOf(quality: Pick<SeriesQuality, 'stale' | 'provisional'>): State {
  return quality.stale ? 'stale' : quality.provisional ? 'provisional' : 'final';
}

function statusRows(q: SeriesQuality): Row[] {
  const missing = q.missing ?? [];
  return [
    ['Sources', (q.sources ?? []).join(', ')],
    ['Fetched at (UTC)', q.fetchedAt ? utcSerialFromIso(q.fetchedAt) : ''],
    ['Oldest fetch (UTC)', q.oldestFetchedAt ? utcSerialFromIso(q.oldestFetchedAt) : ''],
    ['State', stateOf(q)],
    ['Days', q.days ?? ''],
    ['Final days', q.finalDays ?? ''],
    ['Expected intervals', q.expected],
    ['Present intervals', q.present],
    ['Missing days', missing.length],
    ...missing.map((m): Row => [m.day, m.message]),
  ];
}
