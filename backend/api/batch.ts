import { unescape } from 'node:querystring';
import { match } from 'path-to-regexp';
import {
  API_PREFIX,
  BATCH_FORMS,
  BATCH_MAX_REQUESTS,
  oneOf,
  type BatchRequest,
  type BatchResponse,
  type CompactBatchResponse,
  type GetPath,
} from '../../contract';
import type { App } from '../app/app';
import { GridError } from '../domain';
import { LookupNames } from '../validation/requests';
import { brokenEscape, errorResponse } from './errors';
import { COMPACT_ANSWERS, GET_PATHS, GET_ROUTES } from './routes';

/** Paths without parameters are found by their text; the others by path-to-regexp, as Express routes them. */
const STATIC_PATHS = new Map<string, GetPath>(GET_PATHS.filter((path) => !path.includes(':')).map((path) => [path, path]));
const MATCHERS = GET_PATHS.filter((path) => path.includes(':')).map((path) => ({ path, match: match<Record<string, string>>(path) }));
const NO_PARAMS: Record<string, string> = {};

interface Answer {
  status: number;
  body: unknown;
}

/**
 * POST /batch in Microsoft Graph's JSON batching shape: each GET item is answered by the same
 * route handler as a direct call; identical URLs in one batch are answered once. With
 * `form: "compact"` the answer is `CompactBatchResponse` (statuses and bodies in the order asked).
 */
export async function answerBatch(app: App, body: Partial<BatchRequest> | undefined): Promise<BatchResponse | CompactBatchResponse> {
  if (!body || !Array.isArray(body.requests))
    throw new GridError('BAD_REQUEST', 'A batch is {"requests":[{"id":"1","method":"GET","url":"/series?..."}]}.');
  if (body.requests.length > BATCH_MAX_REQUESTS)
    throw new GridError('TOO_LARGE', `A batch may carry at most ${BATCH_MAX_REQUESTS} requests; this one has ${body.requests.length}.`);
  const form = body.form === undefined ? 'full' : typeof body.form === 'string' ? oneOf(BATCH_FORMS, body.form) : undefined;
  if (!form) throw new GridError('BAD_REQUEST', `A batch's "form" is one of ${BATCH_FORMS.join(', ')} (or left out).`);
  const requests = body.requests;
  const once = new Map<string, Answer | Promise<Answer>>();
  const queries = new BatchQueries();
  const names = new LookupNames();
  const answers: (Answer | Promise<Answer>)[] = new Array(requests.length);
  let waiting = false;
  for (let i = 0; i < requests.length; i++) {
    const item = requests[i];
    const method: unknown = item?.method ?? 'GET';
    const url = typeof item?.url === 'string' ? item.url : '';
    let answer = typeof method !== 'string' ? BAD_METHOD : !isGet(method) ? NOT_GET : once.get(url);
    if (!answer) {
      answer = answerGet(app, url, form === 'compact', queries, names);
      once.set(url, answer);
    }
    if (answer instanceof Promise) waiting = true;
    answers[i] = answer;
  }
  // eslint-disable-next-line @typescript-eslint/await-thenable -- a mix of answers and promises of answers
  const settled = waiting ? await Promise.all(answers) : (answers as Answer[]);
  if (form === 'compact') {
    const statuses: number[] = new Array(settled.length);
    const bodies: unknown[] = new Array(settled.length);
    for (let i = 0; i < settled.length; i++) {
      statuses[i] = settled[i].status;
      bodies[i] = settled[i].body;
    }
    return { statuses, bodies };
  }
  return {
    responses: settled.map(({ status, body }, i) => {
      const id = requests[i]?.id;
      return { id: typeof id === 'string' || typeof id === 'number' ? String(id) : String(i + 1), status, body };
    }),
  };
}

/** `GET` in any case; the usual spelling without a new string per item. */
function isGet(method: string): boolean {
  return method === 'GET' || method.toUpperCase() === 'GET';
}

const BAD_METHOD: Answer = {
  status: 400,
  body: { error: { code: 'BAD_REQUEST', message: 'A batch item\'s "method" is the text "GET" (or left out).' } },
};
const NOT_GET: Answer = { status: 405, body: { error: { code: 'BAD_REQUEST', message: 'Only GET requests can be batched.' } } };

/** One GET call given as a URL relative to /api/v1; a handler that answers at once is not waited for. */
function answerGet(app: App, url: string, compact: boolean, queries: BatchQueries, names: LookupNames): Answer | Promise<Answer> {
  try {
    if (!url.startsWith('/'))
      throw new GridError('BAD_REQUEST', `A batch url is a path such as /series?market=PJM&...; got "${url.slice(0, 80)}".`);
    const mark = url.indexOf('?');
    const fullPath = mark < 0 ? url : url.slice(0, mark);
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const route = findRoute(path, url);
    if (!route) throw new GridError('BAD_REQUEST', `No API route ${path}.`);
    const query = mark < 0 ? {} : queries.of(url, mark + 1);
    const answered = GET_ROUTES[route.path](app, query, route.params, names);
    const shape = compact ? COMPACT_ANSWERS[route.path] : undefined;
    return answered instanceof Promise ? settle(app, answered, shape) : ok(answered, shape);
  } catch (e) {
    return errorResponse(e, app.redact);
  }
}

function ok(body: unknown, shape: ((body: never) => unknown) | undefined): Answer {
  return { status: 200, body: shape ? shape(body as never) : body };
}

async function settle(app: App, answered: Promise<unknown>, shape: ((body: never) => unknown) | undefined): Promise<Answer> {
  try {
    return ok(await answered, shape);
  } catch (e) {
    return errorResponse(e, app.redact);
  }
}

function findRoute(path: string, url: string): { path: GetPath; params: Record<string, string> } | undefined {
  const known = STATIC_PATHS.get(path);
  if (known) return { path: known, params: NO_PARAMS };
  for (const m of MATCHERS) {
    let found;
    try {
      found = m.match(path);
    } catch {
      throw brokenEscape(url);
    }
    if (found) return { path: m.path, params: found.params };
  }
  return undefined;
}

const AMPERSAND = 0x26;

/**
 * A batch's query strings, read once for each text they share but their start's value: a
 * recalculation asks a few series at many instants, and only the instant is read again. A query
 * whose parameter names are escaped, or that names `start` twice, is read whole every time.
 */
class BatchQueries {
  /** By the URL with its start's value left out: its parameters (start empty), or null when it is read whole. */
  private readonly shared = new Map<string, Record<string, string> | null>();

  of(url: string, from: number): Record<string, string> {
    const value = startValue(url, from);
    if (!value) return queryParams(url, from);
    const key = url.slice(0, value.begin) + url.slice(value.end);
    let base = this.shared.get(key);
    if (base === undefined) this.shared.set(key, (base = plainNames(key, from) ? queryParams(key, from) : null));
    if (base === null) return queryParams(url, from);
    const query = { ...base };
    query.start = decoded(url.slice(value.begin, value.end));
    return query;
  }
}

/** Where the value of the one parameter named `start` is, when one is. */
function startValue(url: string, from: number): { begin: number; end: number } | undefined {
  let found = -1;
  for (let at = url.indexOf('start=', from); at >= 0; at = url.indexOf('start=', at + 1)) {
    if (at !== from && url.charCodeAt(at - 1) !== AMPERSAND) continue; // inside another name or a value
    if (found >= 0) return undefined;
    found = at;
  }
  if (found < 0) return undefined;
  const begin = found + 'start='.length;
  const end = url.indexOf('&', begin);
  return { begin, end: end < 0 ? url.length : end };
}

/** Whether no parameter name of a query string is escaped (so none but the one written `start` reads as start). */
function plainNames(url: string, from: number): boolean {
  for (let at = from; at < url.length;) {
    let end = url.indexOf('&', at);
    if (end < 0) end = url.length;
    const eq = url.indexOf('=', at);
    const name = url.slice(at, eq < 0 || eq > end ? end : eq);
    if (name.includes('%') || name.includes('+')) return false;
    at = end + 1;
  }
  return true;
}

/** A query string's parameters, the first of a repeated name kept, decoded as URLSearchParams does (`+` a space, a broken escape kept). */
function queryParams(url: string, from: number): Record<string, string> {
  const query: Record<string, string> = {};
  while (from < url.length) {
    let end = url.indexOf('&', from);
    if (end < 0) end = url.length;
    if (end > from) {
      const eq = url.indexOf('=', from);
      const split = eq < 0 || eq > end ? end : eq;
      const key = decoded(url.slice(from, split));
      if (!(key in query)) query[key] = split < end ? decoded(url.slice(split + 1, end)) : '';
    }
    from = end + 1;
  }
  return query;
}

function decoded(text: string): string {
  if (text.indexOf('%') < 0 && text.indexOf('+') < 0) return text;
  return unescape(text.replace(/\+/g, ' '));
}
