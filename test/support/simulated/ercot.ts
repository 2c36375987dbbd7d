/**
 * ERCOT's Public API as a simulated upstream: the B2C login (`.../oauth2/v2.0/token`) hands out id
 * tokens that expire after an hour of simulated time (401 after, as the API answers an expired
 * token), and `np4-190-cd/dam_stlmnt_pnt_prices` answers any range of delivery days for one
 * settlement point, in pages of `size` rows, built from the recorded answer
 * ../shared/fixtures/ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json: each day
 * asked gets that day's 24 standard-hour prices in order. At most 30 API requests a minute (one
 * per 2 s; 429 sooner); the login is not counted. The archive (`/archive/np4-190-cd` and
 * `/archive/np6-905-cd`, their lists, downloads and the bulk download, same token and spacing) is
 * served by ./ercot-archive.ts (the bulk download is a POST whose JSON body names the documents).
 */
import { readShared } from '../fixtures';
import { archiveAnswer, type ArchiveOptions } from './ercot-archive';
import { daysFrom, simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const ERCOT_API_SPACING_MS = 2_000;
const TOKEN_MS = 3_600_000;

type Row = [string, string, string, number, boolean];

function recorded(): { doc: Record<string, unknown>; hours: Row[] } {
  const doc = JSON.parse(readShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json').toString('utf8')) as Record<
    string,
    unknown
  >;
  // The fall-back day's repeated 02:00 (DSTFlag true) is left out: 24 standard hours.
  const hours = (doc.data as Row[]).filter((r) => !r[4]);
  return { doc, hours };
}

export const recordedErcotPrice = (hourEnding: number): number => recorded().hours[hourEnding - 1][3];

export interface SimulatedErcot extends SimulatedUpstream {
  /** Logins served so far. */
  logins(): number;
  /** The docIds of each bulk download asked (`POST /archive/{emil}/download`), in order. */
  bulkDownloads(): string[][];
  /** Every token issued stops working (revoked before its hour is up). */
  revokeTokens(): void;
}

/** `archive`: what the archive (`/archive/np4-190-cd`, see ./ercot-archive.ts) lacks. */
export async function simulatedErcot(time: SimulatedTime, archive: ArchiveOptions = {}): Promise<SimulatedErcot> {
  const issued = new Map<string, number>();
  const state = { logins: 0 };
  const bulk: string[][] = [];
  const upstream = await simulatedUpstream(
    time,
    ERCOT_API_SPACING_MS,
    (url, headers, { method, body }) => {
      if (url.pathname.endsWith('/oauth2/v2.0/token')) {
        state.logins++;
        const token = `simulated-id-token-${state.logins}`;
        issued.set(token, time.now());
        return { status: 200, type: 'application/json', body: JSON.stringify({ id_token: token, expires_in: String(TOKEN_MS / 1000) }) };
      }
      const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
      const at = token === undefined ? undefined : issued.get(token);
      if (at === undefined || time.now() - at >= TOKEN_MS) return { status: 401, body: 'Invalid or expired token' };
      const archived = archiveAnswer(url, archive, { method, body, bulk });
      if (archived) return archived;
      const q = url.searchParams;
      const point = q.get('settlementPoint')!;
      const { doc, hours } = recorded();
      const rows = daysFrom(q.get('deliveryDateFrom')!, q.get('deliveryDateTo')!).flatMap((day) =>
        hours.map((r): Row => [day, r[1], point, r[3], false]),
      );
      const size = Number(q.get('size') ?? 100);
      const page = Number(q.get('page') ?? 1);
      const totalPages = Math.max(1, Math.ceil(rows.length / size));
      const answer = {
        ...doc,
        _meta: { totalRecords: rows.length, pageSize: size, totalPages, currentPage: page },
        data: rows.slice((page - 1) * size, page * size),
        _links: {},
      };
      return { status: 200, type: 'application/json', body: JSON.stringify(answer) };
    },
    (url) => !url.pathname.endsWith('/oauth2/v2.0/token'),
  );
  return { ...upstream, logins: () => state.logins, bulkDownloads: () => bulk, revokeTokens: () => issued.clear() };
}
