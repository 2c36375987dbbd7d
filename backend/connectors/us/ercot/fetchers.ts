import type { HttpGet } from '../../../http/types';
import type { RequestContext } from '../../types';
import { fetchPages } from '../../shared/paging';
import { parseDocList, type MisDocument } from './mis';
import { idTokenOf } from './parse';
import { apiRequest, docDownloadRequest, docListRequest, nextApiPage, tokenRequest, type ApiEndpoint } from './requests';

/** Public API: log in for an id token, then every page of the settlement point's prices. */
export async function fetchApiPages(endpoint: ApiEndpoint, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const token = idTokenOf((await get(tokenRequest(ctx))).body, 'ERCOT login');
  return fetchPages(apiRequest(endpoint, ctx, token), nextApiPage, get, `ERCOT ${endpoint.emil} for ${ctx.period.key}`);
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
