import { apiPath, cancelJob, fetchApi } from '../client';
import type { JobResponse } from '../contract';
import { el } from './dom';
import { failureMessage } from './failure-message';

/** How often the list is read from the backend while the pane is open. */
export const RUNNING_FETCHES_POLL_MS = 2000;

const ENDED_WORDS: Record<Exclude<JobResponse['state'], 'running'>, string> = {
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * The fetches the backend runs in the background (backfills, and long ranges asked by formulas),
 * with their progress and a Cancel button each, read every couple of seconds.
 */
export function watchRunningFetches(list: HTMLElement): void {
  // A fetch seen running while the pane is open stays listed once it ends, so that it is seen to end.
  const seenRunning = new Set<string>();
  const poll = async (): Promise<void> => {
    try {
      const { jobs } = await fetchApi(apiPath('/jobs'));
      for (const job of jobs) if (job.state === 'running') seenRunning.add(job.id);
      show(
        list,
        jobs.filter((j) => seenRunning.has(j.id)),
        poll,
      );
    } catch {
      // The backend is out of reach: the markets panel says so; the list keeps what it last showed.
    } finally {
      setTimeout(() => void poll(), RUNNING_FETCHES_POLL_MS);
    }
  };
  void poll();
}

function show(list: HTMLElement, jobs: JobResponse[], refresh: () => Promise<void>): void {
  list.replaceChildren(...(jobs.length ? jobs.map((job) => row(job, refresh)) : [el('li', { class: 'note' }, 'No fetch is running.')]));
}

function row(job: JobResponse, refresh: () => Promise<void>): HTMLElement {
  const where = job.locations.length > 1 ? `${job.location} and ${job.locations.length - 1} more` : job.location;
  const left = job.state === 'running' && job.secondsLeft ? `, about ${Math.ceil(job.secondsLeft)} s left` : '';
  const state = job.state === 'running' ? '' : ` (${ENDED_WORDS[job.state]})`;
  const item = el(
    'li',
    { class: 'fetch', 'data-state': job.state },
    el('span', { class: 'fetch-name' }, `${job.market} ${where} ${job.run} ${job.product}, ${job.first} to ${job.last}${state}`),
    el('progress', { max: String(Math.max(1, job.daysTotal)), value: String(job.daysDone), 'aria-label': 'Days fetched' }),
    el(
      'span',
      { class: 'fetch-progress' },
      `${job.daysDone} of ${job.daysTotal} days, ${job.requestsDone} of ${job.requestsPlanned} requests${left}`,
    ),
  );
  if (job.state === 'running') {
    const cancel = el(
      'fluent-button',
      { type: 'button', size: 'small', 'aria-label': `Cancel the fetch of ${job.market} ${where}` },
      'Cancel',
    );
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      cancelJob(job.id).then(
        () => void refresh(),
        (e: unknown) => item.append(el('span', { class: 'error' }, failureMessage(e))),
      );
    });
    item.append(cancel);
  }
  if (job.problems.length) item.append(el('span', { class: 'note' }, job.problems[0]));
  return item;
}
