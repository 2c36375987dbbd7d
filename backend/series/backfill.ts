import { randomUUID } from 'node:crypto';
import type { JobResponse } from '../../contract';
import { GridError } from '../domain';
import { dayRange } from '../time/range';
import type { BackfillQuery } from './queries';
import { MAX_FETCH_DAYS } from './read-through';
import type { SeriesService } from './service';

interface Job {
  response: JobResponse;
  cancelled: boolean;
  finished: Promise<void>;
}

/** Finished jobs kept for their progress to be read; the oldest are dropped beyond this. */
const KEPT_JOBS = 100;

/**
 * Long ranges fetched in the background: the range is asked of the read path in pieces of at
 * most MAX_FETCH_DAYS days, each piece stored as it comes (cancelling loses nothing fetched).
 */
export class Backfills {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly service: SeriesService,
    private readonly clockOf: (market: string) => string,
    private readonly now: () => number,
  ) {}

  start(q: BackfillQuery): JobResponse {
    const days = q.range.days;
    const response: JobResponse = {
      id: randomUUID(),
      state: 'running',
      market: q.market,
      location: q.location,
      run: q.run,
      product: q.product,
      first: days[0],
      last: days[days.length - 1],
      daysDone: 0,
      daysTotal: days.length,
      problems: [],
      startedAt: new Date(this.now()).toISOString(),
    };
    const job: Job = { response, cancelled: false, finished: Promise.resolve() };
    job.finished = this.run(job, q);
    this.jobs.set(response.id, job);
    this.forgetOld();
    return { ...response };
  }

  list(): JobResponse[] {
    return [...this.jobs.values()].map((j) => ({ ...j.response }));
  }

  get(id: string): JobResponse {
    return { ...this.job(id).response };
  }

  cancel(id: string): JobResponse {
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
  private async run(job: Job, q: BackfillQuery): Promise<void> {
    const r = job.response;
    const clock = this.clockOf(q.market);
    const problems = new Set<string>();
    const days = q.range.days;
    let pieces = 0;
    let failed = 0;
    for (let i = 0; i < days.length && !job.cancelled; i += MAX_FETCH_DAYS) {
      const piece = days.slice(i, i + MAX_FETCH_DAYS);
      pieces++;
      try {
        await this.service.points({ ...q, tz: clock, range: dayRange(piece[0], piece[piece.length - 1], clock) });
      } catch (e) {
        failed++;
        problems.add(e instanceof GridError ? e.message : `gridcell hit an unexpected error: ${(e as Error).message}`);
        r.problems = [...problems];
      }
      r.daysDone += piece.length;
    }
    r.state = job.cancelled ? 'cancelled' : failed === pieces ? 'failed' : 'done';
    r.endedAt = new Date(this.now()).toISOString();
  }

  private forgetOld(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) return;
      if (job.response.state !== 'running') this.jobs.delete(id);
    }
  }
}
