import { randomUUID } from 'node:crypto';
import type { JobResponse } from '../../contract';
import { GridError } from '../domain';
import { dayRange } from '../time/range';
import type { BackfillQuery } from './queries';
import { backfillPieces, type PlannedRequest } from './read-through';
import type { SeriesService } from './service';

interface Job {
  query: BackfillQuery;
  startedAt: number;
  response: JobResponse;
  cancelled: boolean;
  finished: Promise<void>;
  /** The request meter when the job started, and the plan's time per request. */
  requestsBefore: number;
  secondsPerRequest: number;
}

/** Finished jobs kept for their progress to be read; the oldest are dropped beyond this. */
const KEPT_JOBS = 100;

/** What a job reads besides the read path: its plan, how many upstream requests have been made, what coverage holds. */
export interface BackfillMeters {
  plan(q: BackfillQuery): Promise<PlannedRequest[]>;
  requestsMade(): number;
  /** Days of the range (over its locations) stored since `since`. */
  daysStored(q: BackfillQuery, since: number): Promise<number>;
}

/** The estimated time of a plan: each request after the source's spacing. */
export function planSeconds(plan: PlannedRequest[]): number {
  return plan.reduce((sum, p) => sum + (p.requests * p.spacingMs) / 1000, 0);
}

/**
 * Long ranges fetched in the background, for one location or a portfolio: the range is asked of
 * the read path in pieces of at most MAX_FETCH_DAYS days, every location of a piece at once (so
 * that the fetcher asks the source for them together), each piece stored as it comes. Cancelling
 * loses nothing fetched, and a job started again fetches only what coverage still lacks.
 */
export class Backfills {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly service: SeriesService,
    private readonly clockOf: (market: string) => string,
    private readonly now: () => number,
    private readonly meters: BackfillMeters,
  ) {}

  async start(q: BackfillQuery): Promise<JobResponse> {
    const days = q.range.days;
    const plan = await this.meters.plan(q);
    const response: JobResponse = {
      id: randomUUID(),
      state: 'running',
      market: q.market,
      location: q.location,
      locations: q.locations,
      run: q.run,
      product: q.product,
      first: days[0],
      last: days[days.length - 1],
      daysDone: 0,
      daysTotal: days.length * q.locations.length,
      requestsPlanned: plan.reduce((sum, p) => sum + p.requests, 0),
      requestsDone: 0,
      secondsLeft: planSeconds(plan),
      problems: [],
      startedAt: new Date(this.now()).toISOString(),
    };
    const job: Job = {
      query: q,
      startedAt: this.now(),
      response,
      cancelled: false,
      finished: Promise.resolve(),
      requestsBefore: this.meters.requestsMade(),
      secondsPerRequest: response.requestsPlanned ? response.secondsLeft! / response.requestsPlanned : 0,
    };
    job.finished = this.run(job);
    this.jobs.set(response.id, job);
    this.forgetOld();
    return { ...response };
  }

  /** The newest job that fills exactly this range for these series, if any (a formula asking again joins it, or reads how it ended). */
  async latest(q: BackfillQuery): Promise<JobResponse | undefined> {
    const same = (a: BackfillQuery) =>
      a.market === q.market &&
      a.run === q.run &&
      a.product === q.product &&
      a.locations.join('\u0000') === q.locations.join('\u0000') &&
      a.range.days[0] === q.range.days[0] &&
      a.range.days.length === q.range.days.length;
    const job = [...this.jobs.values()].reverse().find((j) => same(j.query));
    return job && this.get(job.response.id);
  }

  list(): Promise<JobResponse[]> {
    return Promise.all([...this.jobs.keys()].map((id) => this.get(id)));
  }

  async get(id: string): Promise<JobResponse> {
    const job = this.job(id);
    if (job.response.state === 'running') await this.meter(job);
    return { ...job.response };
  }

  cancel(id: string): Promise<JobResponse> {
    this.job(id).cancelled = true;
    return this.get(id);
  }

  /** Resolves when the job has ended, however it ended. */
  async finished(id: string): Promise<JobResponse> {
    await this.job(id).finished;
    return this.get(id);
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new GridError('UNKNOWN_JOB', `There is no backfill job "${id}"; list them with GET /api/v1/jobs.`);
    return job;
  }

  /** Never rejects: whatever goes wrong becomes a problem of the job; a job whose every piece failed has failed. */
  private async run(job: Job): Promise<void> {
    const { response: r, query: q } = job;
    const clock = this.clockOf(q.market);
    const problems = new Set<string>();
    const days = q.range.days;
    let pieces = 0;
    let failed = 0;
    let piecesDone = 0;
    for (const piece of backfillPieces(days)) {
      if (job.cancelled) break;
      const range = dayRange(piece[0], piece[piece.length - 1], clock);
      const asked = await Promise.allSettled(
        q.locations.map(async (location) => this.service.points({ ...q, location, tz: clock, range }, false, job)),
      );
      for (const result of asked) {
        pieces++;
        if (result.status === 'fulfilled') continue;
        const e = result.reason as Error;
        failed++;
        problems.add(e instanceof GridError ? e.message : `gridcell hit an unexpected error: ${e.message}`);
        r.problems = [...problems];
      }
      piecesDone += piece.length * q.locations.length;
      r.daysDone = Math.max(r.daysDone, piecesDone);
    }
    await this.meter(job);
    r.secondsLeft = undefined;
    r.state = job.cancelled ? 'cancelled' : failed === pieces ? 'failed' : 'done';
    r.endedAt = new Date(this.now()).toISOString();
  }

  /** Days stored and requests made since the job started (a count of the process's upstream requests), and the time the rest should take. */
  private async meter(job: Job): Promise<void> {
    const r = job.response;
    try {
      r.daysDone = Math.max(r.daysDone, await this.meters.daysStored(job.query, job.startedAt));
    } catch {
      // Progress is read from the cache; a cache closing under a running job leaves the count as it was.
    }
    r.requestsDone = this.meters.requestsMade() - job.requestsBefore;
    if (r.state === 'running') r.secondsLeft = Math.max(0, r.requestsPlanned - r.requestsDone) * job.secondsPerRequest;
  }

  private forgetOld(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) return;
      if (job.response.state !== 'running') this.jobs.delete(id);
    }
  }
}
