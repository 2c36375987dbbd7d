import type { JobResponse } from '../../contract';
import type { BackfillQuery, PlannedRequest } from '../app/app';

const BAR_WIDTH = 24;
const SHOWN_LOCATIONS = 3;

export const BACKFILL_USAGE = 'gridcell backfill MARKET LOCATION... --from DATE --to DATE [--run RUN] [--product P] [--dry-run]';

function seconds(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function locationsShown(names: string[]): string {
  return names.length > SHOWN_LOCATIONS
    ? `${names.slice(0, SHOWN_LOCATIONS).join(', ')} and ${names.length - SHOWN_LOCATIONS} more`
    : names.join(', ');
}

/** The request plan of a dry run, one line per window, and what it should take at each source's spacing. */
export function planText(q: BackfillQuery, plan: PlannedRequest[]): string[] {
  const head = `Plan for ${q.market} ${q.run} ${q.product} at ${locationsShown(q.locations)}, ${q.range.days[0]} to ${q.range.days[q.range.days.length - 1]}:`;
  if (!plan.length) return [head, '  nothing to fetch: every day is already in the cache.'];
  const requests = plan.reduce((n, p) => n + p.requests, 0);
  const total = plan.reduce((s, p) => s + (p.requests * p.spacingMs) / 1000, 0);
  const spacing = Math.max(...plan.map((p) => p.spacingMs)) / 1000;
  return [
    head,
    ...plan.map((p) => {
      const when = `${p.first === p.last ? p.first : `${p.first}..${p.last}`} (${p.days} day${p.days === 1 ? '' : 's'})`;
      if (p.problem) return `  ${when}  ${locationsShown(p.locations)}  not fetched: ${p.problem}`;
      return `  ${p.report}  ${when}  ${p.archive ? 'archive form: every location' : locationsShown(p.locations)}  ${p.requests} request${p.requests === 1 ? '' : 's'}`;
    }),
    requests
      ? `${requests} request${requests === 1 ? '' : 's'}${spacing ? ` at ${q.market}'s spacing of ${spacing} s` : ''}: about ${seconds(total)} (further pages of large answers come on top).`
      : 'No request can be made as things stand: see why above.',
  ];
}

/** `[#########---------------]  40%  12 of 31 days, 3 of 5 requests, about 40 s left` */
export function progressLine(job: JobResponse): string {
  const share = job.daysTotal ? job.daysDone / job.daysTotal : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const left = job.secondsLeft === undefined ? '' : `, about ${seconds(job.secondsLeft)} left`;
  return `  [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${job.daysDone} of ${job.daysTotal} days, ${job.requestsDone} of ${job.requestsPlanned} requests${left}`;
}
