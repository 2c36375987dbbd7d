import { ApiError } from './api-error';

/** One HTTP exchange with the backend, as JSON; transport failures are ApiErrors that name the backend. */

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/** `init.signal` cancels (the caller's AbortError is rethrown as is); `timeoutMs` bounds the wait. */
export async function requestJson(url: string, init: RequestInit = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<JsonAnswer> {
  const base = new URL(url).origin;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const cancelled = init.signal;
  const onCancel = () => timeout.abort();
  cancelled?.addEventListener('abort', onCancel);
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { ...init, signal: timeout.signal, headers: { Accept: 'application/json', ...init.headers } });
    status = response.status;
    text = await response.text();
  } catch (thrown) {
    if (cancelled?.aborted) throw thrown;
    if (timeout.signal.aborted) {
      throw new ApiError(
        `The gridcell backend at ${base} did not answer within ${Math.ceil(timeoutMs / 1000)} s. Try again in a moment.`,
        'TIMED_OUT',
      );
    }
    throw new ApiError(
      `Cannot reach the gridcell backend at ${base}. Start it with "gridcell serve", or set its address in the gridcell taskpane's settings.`,
      'UNREACHABLE',
    );
  } finally {
    clearTimeout(timer);
    cancelled?.removeEventListener('abort', onCancel);
  }
  return { status, body: parseJson(text, status, base) };
}

/** Whether a request failed because its caller cancelled it. */
export function isCancellation(thrown: unknown): boolean {
  return (thrown as { name?: string } | null)?.name === 'AbortError';
}

function parseJson(text: string, status: number, base: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      `${base} answered (status ${status}) with something that is not gridcell's JSON. Is the backend address right?`,
      'NOT_GRIDCELL_JSON',
      status,
    );
  }
}
