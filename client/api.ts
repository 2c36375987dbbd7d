import type { GetEndpoints, GetPath } from '../contract';
import { errorFromAnswer } from './api-error';
import type { JsonAnswer } from './http';

/** GET requests built from the contract's endpoints, and reading their answers. */

declare const endpoint: unique symbol;

/** A GET URL relative to /api/v1 that remembers its endpoint, so that its answer's type is known. */
export type ApiUrl<P extends GetPath> = string & { readonly [endpoint]: P };

type ParamsOf<P extends GetPath> = GetEndpoints[P]['params'];
export type AnswerOf<P extends GetPath> = GetEndpoints[P]['response'];

/** The params argument of `apiPath`: optional for an endpoint that needs none. */
type ParamsArg<P extends GetPath> = Record<never, never> extends ParamsOf<P> ? [params?: ParamsOf<P>] : [params: ParamsOf<P>];

/**
 * `/series?market=PJM&...`: a `:name` segment takes its parameter's value (encoded), the others
 * make the query. Absent or empty parameters are left out and the order is kept, so identical
 * calls give identical URLs.
 */
export function apiPath<P extends GetPath>(path: P, ...[params]: ParamsArg<P>): ApiUrl<P> {
  const values: Partial<Record<string, string>> = { ...params };
  const inPath = new Set<string>();
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    inPath.add(name);
    return encodeURIComponent(values[name] ?? '');
  });
  const query = Object.entries(values)
    .filter((entry): entry is [string, string] => !inPath.has(entry[0]) && entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return (query ? `${filled}?${query}` : filled) as ApiUrl<P>;
}

/** The backend accepted the question and is fetching its range in the background (202 FETCHING). */
export function isFetching({ status, body }: JsonAnswer): boolean {
  return status === 202 && (body as { error?: { code?: unknown } } | null)?.error?.code === 'FETCHING';
}

/** The body of a successful answer; any other answer (a FETCHING one too) throws the ApiError it explains. */
export function readAnswer<T>(answer: JsonAnswer): T {
  const { status, body } = answer;
  if (status >= 200 && status < 300 && !isFetching(answer)) return body as T;
  throw errorFromAnswer(status, body);
}
