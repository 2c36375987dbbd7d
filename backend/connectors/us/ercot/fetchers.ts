import { isGridError } from '../../../domain';
import type { HttpGet } from '../../../http/types';
import type { RequestContext } from '../../types';
import { fetchPages } from '../../shared/paging';
import { firstAndLastDay } from '../../shared/period';
import {
  archivedDamDocument,
  archivedIntervalDocuments,
  bulkDocuments,
  damPostingWindow,
  intervalPostingWindow,
  parseArchiveList,
  type ArchiveDocument,
} from './archive';
import { ERCOT_USERNAME_ENV } from './market';
import { parseDocList, type MisDocument } from './mis';
import { idTokenOf } from './parse';
import {
  apiRangeRequest,
  apiRequest,
  archiveBulkDownloadRequests,
  archiveDownloadRequest,
  archiveListRequest,
  docDownloadRequest,
  docListRequest,
  nextApiPage,
  tokenRequest,
  type ApiEndpoint,
  type RangeEndpoint,
} from './requests';

/**
 * Runs `use` with an ERCOT id token, reused through `ctx.session` until it expires (one login an
 * hour, not one per request). A token the API refuses is dropped and `use` runs once more with a
 * new one.
 */
async function withIdToken<T>(ctx: RequestContext, get: HttpGet, use: (token: string) => Promise<T>): Promise<T> {
  const login = async () => idTokenOf((await get(tokenRequest(ctx))).body, 'ERCOT login');
  const session = ctx.session;
  if (!session) return use((await login()).value);
  // The session is per gridcell process; the key tells two ERCOT accounts apart without holding the password.
  const key = `ercot-id-token:${ctx.keys[ERCOT_USERNAME_ENV] ?? ''}`;
  const token = await session.reuse(key, login);
  try {
    return await use(token);
  } catch (e) {
    if (!isGridError(e, 'MISSING_KEY')) throw e;
    session.forget(key);
    return use(await session.reuse(key, login));
  }
}

/** Public API: every page of the settlement point's prices for the period's delivery days. */
export async function fetchApiPages(endpoint: ApiEndpoint, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const what = `ERCOT ${endpoint.emil} for ${ctx.period.key}`;
  return withIdToken(ctx, get, (token) => fetchPages(apiRequest(endpoint, ctx, token), nextApiPage, get, what));
}

/** Public API: every page of a system-wide report (every zone or service) for the period's days. */
export async function fetchApiRangePages(endpoint: RangeEndpoint, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const what = `ERCOT ${endpoint.emil} for ${ctx.period.key}`;
  return withIdToken(ctx, get, (token) => fetchPages(apiRangeRequest(endpoint, ctx, token), nextApiPage, get, what));
}

/**
 * Public API archive of day-ahead documents, for days older than the report endpoints keep: the
 * archive list of the period's posting window (each delivery day is posted the day before), then
 * each day's document downloaded (a zip holding the MIS CSV, every settlement point).
 */
export async function fetchArchivedDamDocuments(emil: string, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const [first, last] = firstAndLastDay(ctx.period);
  return withIdToken(ctx, get, async (token) => {
    const docs = await archivedDocuments(emil, damPostingWindow(first, last), ctx, get, token, (listed, day) => [
      archivedDamDocument(listed, day, emil),
    ]);
    const bodies: Buffer[] = [];
    for (const doc of docs) bodies.push((await get(archiveDownloadRequest(emil, doc.docId, ctx, token))).body);
    return bodies;
  });
}

/**
 * Public API archive of real-time interval documents (NP6-905-CD, one per 15 minutes, ~96 a day),
 * for days older than the report endpoints keep: through one id token, the archive list of the
 * period's posting window (`intervalPostingWindow`), each day's documents (the latest posting of
 * each, CSV only), then all of them in bulk downloads of at most `ARCHIVE_BULK_MAX_DOCS` docIds,
 * every document of each answer unzipped from it (each a zip holding the MIS CSV, every
 * settlement point). A day ~100 documents: one list page and one download for up to a week.
 */
export async function fetchArchivedIntervalDocuments(emil: string, what: string, ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const [first, last] = firstAndLastDay(ctx.period);
  return withIdToken(ctx, get, async (token) => {
    const docs = await archivedDocuments(emil, intervalPostingWindow(first, last), ctx, get, token, (listed, day) =>
      archivedIntervalDocuments(listed, day, emil, what),
    );
    const bodies: Buffer[] = [];
    for (const request of archiveBulkDownloadRequests(
      emil,
      docs.map((d) => d.docId),
      ctx,
      token,
    )) {
      const asked = (JSON.parse(request.body ?? '{}') as { docIds?: unknown[] }).docIds?.length ?? 0;
      bodies.push(...bulkDocuments((await get(request)).body, request.url, asked));
    }
    return bodies;
  });
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
  const bodies: Buffer[] = [];
  for (const doc of documentsOfDays(ctx.period.days, (day) => pick(docs, day)))
    bodies.push((await get(docDownloadRequest(doc.docId))).body);
  return bodies;
}

/** The archive's documents posted in the window: those `pick` chooses for each day of the period. */
async function archivedDocuments(
  emil: string,
  window: { from: string; to: string },
  ctx: RequestContext,
  get: HttpGet,
  token: string,
  pick: (listed: ArchiveDocument[], day: string) => ArchiveDocument[],
): Promise<ArchiveDocument[]> {
  const list = archiveListRequest(emil, window.from, window.to, ctx, token);
  const pages = await fetchPages(list, nextApiPage, get, `ERCOT ${emil} archive for ${ctx.period.key}`);
  const listed = pages.flatMap((page) => parseArchiveList(page, list.url));
  return documentsOfDays(ctx.period.days, (day) => pick(listed, day));
}

/** The documents `pick` chooses for each day, each once (one document may hold several days). */
function documentsOfDays<D extends { docId: string }>(days: string[], pick: (day: string) => D[]): D[] {
  const wanted = new Map<string, D>();
  for (const day of days) for (const doc of pick(day)) wanted.set(doc.docId, doc);
  return [...wanted.values()];
}
