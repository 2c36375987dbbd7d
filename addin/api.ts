import { readAnswer } from '../functions/api';
import { apiBase } from '../functions/backend-url';
import { requestJson } from '../functions/http';

/** The taskpane's own calls: one request each, cancellable (a backfill step, a search as you type). */
export async function fetchApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  return readAnswer<T>(await requestJson(apiBase() + path, init));
}

export function isCancellation(thrown: unknown): boolean {
  return (thrown as { name?: string })?.name === 'AbortError';
}
