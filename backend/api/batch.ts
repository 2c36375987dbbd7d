import { match } from 'path-to-regexp';
import {
  API_PREFIX,
  BATCH_MAX_REQUESTS,
  type BatchRequest,
  type BatchResponse,
  type BatchResponseItem,
  type GetPath,
} from '../../contract';
import type { App } from '../app/app';
import { GridError } from '../domain';
import { brokenEscape, errorResponse } from './errors';
import { GET_PATHS, GET_ROUTES } from './routes';

const MATCHERS = GET_PATHS.map((path) => ({ path, match: match<Record<string, string>>(path) }));

/**
 * POST /batch in Microsoft Graph's JSON batching shape: each GET item is answered by the same
 * route handler as a direct call; identical URLs in one batch are answered once.
 */
export async function answerBatch(app: App, body: Partial<BatchRequest> | undefined): Promise<BatchResponse> {
  if (!body || !Array.isArray(body.requests))
    throw new GridError('BAD_REQUEST', 'A batch is {"requests":[{"id":"1","method":"GET","url":"/series?..."}]}.');
  if (body.requests.length > BATCH_MAX_REQUESTS)
    throw new GridError('TOO_LARGE', `A batch may carry at most ${BATCH_MAX_REQUESTS} requests; this one has ${body.requests.length}.`);
  const once = new Map<string, Promise<{ status: number; body: unknown }>>();
  const responses = await Promise.all(
    body.requests.map(async (item, i): Promise<BatchResponseItem> => {
      const id = typeof item?.id === 'string' || typeof item?.id === 'number' ? String(item.id) : String(i + 1);
      const method: unknown = item?.method ?? 'GET';
      if (typeof method !== 'string') {
        return {
          id,
          status: 400,
          body: { error: { code: 'BAD_REQUEST', message: 'A batch item\'s "method" is the text "GET" (or left out).' } },
        };
      }
      if (method.toUpperCase() !== 'GET') {
        return { id, status: 405, body: { error: { code: 'BAD_REQUEST', message: 'Only GET requests can be batched.' } } };
      }
      const url = typeof item?.url === 'string' ? item.url : '';
      let pending = once.get(url);
      if (!pending) {
        pending = answerGet(app, url);
        once.set(url, pending);
      }
      const answer = await pending;
      return { id, status: answer.status, body: answer.body };
    }),
  );
  return { responses };
}

/** One GET call given as a URL relative to /api/v1. */
async function answerGet(app: App, url: string): Promise<{ status: number; body: unknown }> {
  try {
    if (!url.startsWith('/'))
      throw new GridError('BAD_REQUEST', `A batch url is a path such as /series?market=PJM&...; got "${url.slice(0, 80)}".`);
    const mark = url.indexOf('?');
    const fullPath = mark < 0 ? url : url.slice(0, mark);
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const route = findRoute(path, url);
    if (!route) throw new GridError('BAD_REQUEST', `No API route ${path}.`);
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1))) if (!(k in query)) query[k] = v;
    return { status: 200, body: await GET_ROUTES[route.path](app, query, route.params) };
  } catch (e) {
    return errorResponse(e, app.redact);
  }
}

function findRoute(path: string, url: string): { path: GetPath; params: Record<string, string> } | undefined {
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
