import type { JobResponse } from '../../contract';
import { GridError } from '../domain';
import { planSeconds, type Backfills } from './backfill';
import type { BackfillQuery, PointsQuery } from './queries';
import { MAX_FETCH_DAYS, type PlannedRequest } from './read-through';
import type { SeriesService } from './service';

/**
 * A fetch planned to take longer than this (requests at each source's spacing) is not made inside
 * one answer: gridcell's client waits 120 s for an answer, and a recalculation should not.
 */
export const FOREGROUND_SECONDS = 20;
/** Nor one of more requests than this, whatever the spacing (sources without one still take time per file). */
export const FOREGROUND_REQUESTS = 12;

/**
 * Long ranges asked by gridcell's own clients (`background=1`): a short fetch is answered at once;
 * a long one (or one beyond what a request may fetch) becomes a backfill job, answered FETCHING
 * with its progress until the days are in, when the same question is answered from the cache. A
 * question asked again while its job runs joins the job; once the job has ended it is answered as
 * any other (days the job could not get are missing, or the error says why).
 */
export class BackgroundFetches {
  private readonly deciding = new Map<string, Promise<void>>();

  constructor(
    private readonly service: SeriesService,
    private readonly backfills: Backfills,
    private readonly offline: boolean,
  ) {}

  async answer<T>(q: PointsQuery, ask: () => Promise<T>): Promise<T> {
    if (this.offline) return ask();
    const fill: BackfillQuery = {
      market: q.market,
      location: q.location,
      locations: [q.location],
      run: q.run,
      product: q.product,
      range: q.range,
    };
    // The same question asked twice at once (two cells) is decided once: the second sees the first's job.
    const key = [fill.market, fill.location, fill.run, fill.product, fill.range.from, fill.range.to].join('\u0000');
    const decided = (this.deciding.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.decide(fill));
    this.deciding.set(key, decided);
    try {
      await decided;
    } finally {
      if (this.deciding.get(key) === decided) this.deciding.delete(key);
    }
    return ask();
  }

  /** Fails with FETCHING while a job fetches the range (started here when the range is too long to answer at once). */
  private async decide(fill: BackfillQuery): Promise<void> {
    const latest = await this.backfills.latest(fill);
    if (latest?.state === 'running') throw fetching(latest);
    // A job for this range has ended: what it stored is answered, and what it could not get says why (no second job).
    if (latest) return;
    let plan: PlannedRequest[];
    try {
      plan = await this.service.plan(fill);
    } catch {
      return; // a name the catalog does not know yet (any node by name): the answer says what it is
    }
    const requests = plan.reduce((n, p) => n + p.requests, 0);
    const wanted = plan.reduce((n, p) => n + p.days, 0);
    const seconds = planSeconds(plan);
    if (requests === 0 || (wanted <= MAX_FETCH_DAYS && seconds <= FOREGROUND_SECONDS && requests <= FOREGROUND_REQUESTS)) return;
    throw fetching(await this.backfills.start(fill));
  }
}

function fetching(job: JobResponse): GridError {
  const left = job.secondsLeft ? `, about ${Math.ceil(job.secondsLeft)} s left` : '';
  return new GridError(
    'FETCHING',
    `${job.market} ${job.location} ${job.run} ${job.product}: fetching ${job.daysDone} of ${job.daysTotal} days in the background${left}. The cell fills in when they are in; the taskpane shows the fetch and can cancel it.`,
  );
}
