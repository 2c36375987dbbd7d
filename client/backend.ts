import { BATCH_PATH, CACHE_PATH, type ClearCacheResponse, type GetPath } from '../contract';
import { readAnswer, type AnswerOf, type ApiUrl } from './api';
import { apiBase } from './backend-url';
import { RequestBatcher } from './batcher';
import { requestJson } from './http';

/**
 * The configured backend, asked two ways: batched, for the formulas of a recalculation, or one
 * request at a time, cancellable, for the taskpane (a backfill step, a search as you type).
 */

export function createBackendBatcher(): RequestBatcher {
  return new RequestBatcher({
    post: (batch) =>
      requestJson(apiBase() + BATCH_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      }),
  });
}

/** GET in the batcher's next batch. */
export async function apiGet<P extends GetPath>(batcher: RequestBatcher, url: ApiUrl<P>): Promise<AnswerOf<P>> {
  return readAnswer(await batcher.get(url));
}

/** GET on its own, now. */
export function fetchApi<P extends GetPath>(url: ApiUrl<P>, signal?: AbortSignal): Promise<AnswerOf<P>> {
  return askNow(url, { signal });
}

export function clearCache(): Promise<ClearCacheResponse> {
  return askNow(CACHE_PATH, { method: 'DELETE' });
}

async function askNow<T>(path: string, init: RequestInit): Promise<T> {
  return readAnswer(await requestJson(apiBase() + path, init));
}
