import type { RequestBatcher } from './batcher';
import { errorFromApi } from './errors';
import type { JsonAnswer } from './http';

/** API paths (relative to /api/v1) and reading their answers. */

export type QueryParams = Record<string, string | undefined>;

/** `/series?market=PJM&...`; absent parameters are left out, order kept so identical calls match. */
export function apiPath(path: string, params: QueryParams = {}): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** The body of a successful answer; any other answer throws the error Excel shows. */
export function readAnswer<T>({ status, body }: JsonAnswer): T {
  if (status >= 200 && status < 300) return body as T;
  throw errorFromApi(status, body);
}

export async function apiGet<T>(batcher: RequestBatcher, path: string): Promise<T> {
  return readAnswer<T>(await batcher.get(path));
}
