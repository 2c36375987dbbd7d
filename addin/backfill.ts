import { apiPath, fetchApi, isCancellation } from '../client';
import type { Interval, SeriesPoint, SeriesResponse } from '../contract';
import type { PreviewLine } from './datasets';
import { failureMessage } from './failure-message';
import { plannedSteps } from './range';

/**
 * Loads a range for the preview step by step (day by day, or month by month for long ranges) so a
 * long backfill shows its progress and can be cancelled. Every step the backend answered is in its
 * cache: cancelling loses nothing already fetched.
 */

export interface RunSeries {
  /** The line's name in the legend and the table: the run of a price, the fuel of a mix. */
  label: string;
  run: string;
  product: string;
  points: SeriesPoint[];
  currency: string;
  unit: string;
  tz: string;
}

export interface BackfillRequest {
  market: string;
  location: string;
  lines: PreviewLine[];
  start: string;
  end: string;
  /** Averages over this interval; the source's own intervals when absent. */
  interval?: Extract<Interval, 'hour' | 'day'>;
  signal: AbortSignal;
  onProgress(daysDone: number, daysNeeded: number): void;
}

export interface BackfillResult {
  series: RunSeries[];
  /** Messages of the steps that failed (data not published, not cached ...), each once. */
  problems: string[];
  cancelled: boolean;
}

export async function backfill(request: BackfillRequest): Promise<BackfillResult> {
  const steps = plannedSteps(request.start, request.end);
  const needed = steps.reduce((sum, step) => sum + step.days, 0);
  const series = new Map<PreviewLine, RunSeries>();
  const problems = new Set<string>();
  let done = 0;
  request.onProgress(done, needed);
  for (const step of steps) {
    if (request.signal.aborted) break;
    const answers = await Promise.allSettled(
      request.lines.map((line) =>
        fetchApi(
          apiPath('/series', {
            market: request.market,
            location: request.location,
            start: step.start,
            end: step.end,
            run: line.run,
            ...(line.product ? { product: line.product } : {}),
            ...(request.interval ? { interval: request.interval } : {}),
          }),
          request.signal,
        ),
      ),
    );
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') keep(series, request.lines[i], answer.value);
      else if (!isCancellation(answer.reason)) problems.add(failureMessage(answer.reason));
    });
    if (request.signal.aborted) break;
    done += step.days;
    request.onProgress(done, needed);
  }
  return { series: request.lines.flatMap((line) => series.get(line) ?? []), problems: [...problems], cancelled: request.signal.aborted };
}

/** Keyed by the line asked for; a price is labelled with the run the backend answered with (RT may be RTH). */
function keep(series: Map<PreviewLine, RunSeries>, asked: PreviewLine, answer: SeriesResponse): void {
  const known = series.get(asked);
  if (known) known.points = known.points.concat(answer.points);
  else
    series.set(asked, {
      label: asked.product ? asked.label : answer.run,
      run: answer.run,
      product: answer.product,
      points: [...answer.points],
      currency: answer.currency,
      unit: answer.unit,
      tz: answer.tz,
    });
}
