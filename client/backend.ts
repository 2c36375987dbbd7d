import {
  BATCH_PATH,
  CACHE_PATH,
  CLIENT_HEADER,
  JOBS_PATH,
  KEYS_PATH,
  type JobResponse,
  type ClearCacheResponse,
  type CompactAnswerOf,
  type GetPath,
  type KeyRequest,
  type KeyResponse,
} from '../contract';
import { isFetching, readAnswer, type AnswerOf, type ApiUrl } from './api';
import { accessToken, apiBase } from './backend-url';
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
        headers: { ...backendHeaders(), 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      }),
  });
}

/** How often a range being fetched in the background is asked for again. */
export const FETCHING_POLL_MS = 3000;

/**
 * GET in the batcher's next batch, answered in the batch's compact form. A range the backend is fetching in the background (FETCHING)
 * is asked for again until it is in: the formula stays busy meanwhile, never an error.
 */
export async function apiGet<P extends GetPath>(
  batcher: RequestBatcher,
  url: ApiUrl<P>,
  pollMs = FETCHING_POLL_MS,
): Promise<CompactAnswerOf<P>> {
  for (;;) {
    const answer = await batcher.get(url);
    if (!isFetching(answer)) return readAnswer(answer);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** GET on its own, now. */
export function fetchApi<P extends GetPath>(url: ApiUrl<P>, signal?: AbortSignal): Promise<AnswerOf<P>> {
  return askNow(url, { signal });
}

export function clearCache(): Promise<ClearCacheResponse> {
  return askNow(CACHE_PATH, { method: 'DELETE' });
}

/** Sends an API key to the backend once, to keep in its config file; the answer says only whether it is set. */
export function saveApiKey(env: string, value: string): Promise<KeyResponse> {
  const body: KeyRequest = { value };
  return askNow(
    `${KEYS_PATH}/${encodeURIComponent(env)}`,
    { method: 'PUT', body: JSON.stringify(body) },
    { 'Content-Type': 'application/json' },
  );
}

/** Stops a backfill job between its requests; what it stored stays. */
export function cancelJob(id: string): Promise<JobResponse> {
  return askNow(`${JOBS_PATH}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Removes an API key from the backend's config file. */
export function removeApiKey(env: string): Promise<KeyResponse> {
  return askNow(`${KEYS_PATH}/${encodeURIComponent(env)}`, { method: 'DELETE' });
}

async function askNow<T>(path: string, init: Omit<RequestInit, 'headers'>, headers: Record<string, string> = {}): Promise<T> {
  return readAnswer(await requestJson(apiBase() + path, { ...init, headers: { ...backendHeaders(), ...headers } }));
}

/** What every request to the backend carries: the header it requires of a POST or DELETE, and the access token when one is set. */
function backendHeaders(): Record<string, string> {
  const token = accessToken();
  return { [CLIENT_HEADER]: '1', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
}
