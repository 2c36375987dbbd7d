import { GridError } from '../../../domain';
import type { HttpGet, HttpRequest } from '../../../http/types';
import type { RequestContext } from '../../types';
import { parseDocList, type MisDocument } from './mis';
import { idTokenOf } from './parse';
import { apiRequest, docDownloadRequest, docListRequest, nextApiPage, tokenRequest, type ApiEndpoint } from './requests';

const MAX_PAGES = 1000;

/** Public API: log in for an id token, then every page of the settlement point's prices. */
export async function fetchApiPages(endpoint: ApiEndpoint, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const login = tokenRequest(ctx);
  const token = idTokenOf((await get(login)).body, 'ERCOT login');
  const bodies: Buffer[] = [];
  let request: HttpRequest | undefined = apiRequest(endpoint, ctx, token);
  while (request) {
    if (bodies.length >= MAX_PAGES) throw new GridError('TOO_LARGE', `ERCOT ${endpoint.emil}: more than ${MAX_PAGES} pages for ${ctx.period.key}.`);
    const response = await get(request);
    bodies.push(response.body);
    request = nextApiPage(response.body, request);
  }
  return bodies;
}

/** MIS: the report's document list, the documents that hold the period's days, each downloaded (a zip). */
export async function fetchMisDocuments(reportTypeId: number, pick: (docs: MisDocument[], day: string) => MisDocument[], ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const list = docListRequest(reportTypeId);
  const docs = parseDocList((await get(list)).body, list.url);
  const wanted = new Map<string, MisDocument>();
  for (const day of ctx.period.days) for (const doc of pick(docs, day)) wanted.set(doc.docId, doc);
  const bodies: Buffer[] = [];
  for (const doc of wanted.values()) bodies.push((await get(docDownloadRequest(doc.docId))).body);
  return bodies;
}
