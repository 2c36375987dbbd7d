import { isGridError } from '../../../domain';
import type { HttpGet } from '../../../http/types';
import type { RequestContext } from '../../types';
import { fetchPages } from '../../shared/paging';
import { ERCOT_USERNAME_ENV } from './market';
import { parseDocList, type MisDocument } from './mis';
import { idTokenOf } from './parse';
import { apiRequest, docDownloadRequest, docListRequest, nextApiPage, tokenRequest, type ApiEndpoint } from './requests';

/**
 * Public API: every page of the settlement point's prices, with an id token reused until it
 * expires (one login an hour, not one per request). A token the API refuses is dropped and
 * replaced once.
 */
export async function fetchApiPages(endpoint: ApiEndpoint, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const login = async () => idTokenOf((await get(tokenRequest(ctx))).body, 'ERCOT login');
  const what = `ERCOT ${endpoint.emil} for ${ctx.period.key}`;
  const session = ctx.session;
  if (!session) return fetchPages(apiRequest(endpoint, ctx, (await login()).value), nextApiPage, get, what);
  // The session is per gridcell process; the key tells two ERCOT accounts apart without holding the password.
  const key = `ercot-id-token:${ctx.keys[ERCOT_USERNAME_ENV] ?? ''}`;
  const token = await session.reuse(key, login);
  try {
    return await fetchPages(apiRequest(endpoint, ctx, token), nextApiPage, get, what);
  } catch (e) {
    if (!isGridError(e, 'MISSING_KEY')) throw e;
    session.forget(key);
    return fetchPages(apiRequest(endpoint, ctx, await session.reuse(key, login)), nextApiPage, get, what);
  }
}

/** MIS: the report's document list, the documents that hold the period's days, each downloaded (a zip). */
export async function fetchMisDocuments(
  reportTypeId: number,
  pick: (docs: MisDocument[], day: string) => MisDocument[],
  ctx: RequestContext,
  get: HttpGet,
): Promise<Buffer[]> {
  const list = docListRequest(reportTypeId);
  const docs = parseDocList((await get(list)).body, list.url);
  const wanted = new Map<string, MisDocument>();
  for (const day of ctx.period.days) for (const doc of pick(docs, day)) wanted.set(doc.docId, doc);
  const bodies: Buffer[] = [];
  for (const doc of wanted.values()) bodies.push((await get(docDownloadRequest(doc.docId))).body);
  return bodies;
}
