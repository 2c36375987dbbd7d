import type { BatchRequest, CompactBatchResponse } from '../contract';
import { ApiError, errorFromAnswer } from './api-error';
import type { JsonAnswer } from './http';

/**
 * Collects the GET requests of one recalculation and sends them as few POST /batch requests as
 * possible (the idea of Microsoft's custom-functions batching sample), answered in the compact
 * form (a `/value` body is its value alone). The same URL asked again before its answer arrives is
 * asked once; every caller gets the answer to its own URL.
 */

export type PostBatch = (batch: BatchRequest) => Promise<JsonAnswer>;

export interface BatcherOptions {
  post: PostBatch;
  /** How long calls are collected before they travel: one recalculation's worth. */
  collectMs?: number;
  /** Most requests in one POST. */
  maxPerRequest?: number;
}

interface Waiting {
  promise: Promise<JsonAnswer>;
  resolve(answer: JsonAnswer): void;
  reject(error: unknown): void;
}

export class RequestBatcher {
  /** Asked and not yet answered, by URL. */
  private readonly waiting = new Map<string, Waiting>();
  private queued: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: BatcherOptions) {}

  /** GET `url` (relative to /api/v1) in the next batch. */
  get(url: string): Promise<JsonAnswer> {
    const known = this.waiting.get(url);
    if (known) return known.promise;
    const waiting = deferred();
    this.waiting.set(url, waiting);
    this.queued.push(url);
    this.timer ??= setTimeout(() => this.flush(), this.options.collectMs ?? 20);
    return waiting.promise;
  }

  private flush(): void {
    const urls = this.queued;
    this.queued = [];
    this.timer = undefined;
    const max = this.options.maxPerRequest ?? 2000;
    for (let i = 0; i < urls.length; i += max) void this.send(urls.slice(i, i + max));
  }

  private async send(urls: string[]): Promise<void> {
    try {
      const answer = await this.options.post({ requests: urls.map((url, i) => ({ id: String(i), method: 'GET', url })), form: 'compact' });
      const { statuses, bodies } = compactAnswer(answer);
      for (let i = 0; i < urls.length && i < statuses.length; i++) {
        this.settle(urls[i], (w) => w.resolve({ status: statuses[i], body: bodies[i] }));
      }
      const unanswered = new ApiError(
        'The gridcell backend left this request out of its batch answer. Recalculate to ask again.',
        'LEFT_OUT_OF_BATCH',
      );
      for (const url of urls) this.settle(url, (w) => w.reject(unanswered));
    } catch (error) {
      for (const url of urls) this.settle(url, (w) => w.reject(error));
    }
  }

  /** Answers the callers of `url` once; later calls for an answered URL do nothing. */
  private settle(url: string, answer: (waiting: Waiting) => void): void {
    const waiting = this.waiting.get(url);
    if (!waiting) return;
    this.waiting.delete(url);
    answer(waiting);
  }
}

function compactAnswer(answer: JsonAnswer): CompactBatchResponse {
  if (answer.status !== 200) throw errorFromAnswer(answer.status, answer.body);
  const body = answer.body as Partial<CompactBatchResponse> | null;
  if (!Array.isArray(body?.statuses) || !Array.isArray(body.bodies)) {
    throw new ApiError(
      'The gridcell backend sent a batch answer without "statuses" and "bodies". Is the backend address right?',
      'NOT_GRIDCELL_JSON',
      answer.status,
    );
  }
  return body as CompactBatchResponse;
}

function deferred(): Waiting {
  let resolve!: Waiting['resolve'];
  let reject!: Waiting['reject'];
  const promise = new Promise<JsonAnswer>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
