/**
 * PJM Data Miner 2 (`api.pjm.com/api/v1/da_hrl_lmps`) as a simulated upstream. Its answers are
 * built from the recorded hub file ../shared/fixtures/pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv:
 * a day asked is answered with the recorded rows of 1 or 2 July 2025 (by the day's parity), hour
 * by hour of the Eastern day asked, stamped with that day's real UTC and EPT times. It enforces
 * what PJM documents and gridstatus' pjm.py / decorators.py follow: one request per 10 s (non-member
 * rate), pages of at most 50,000 rows, a date range within one calendar year, and past the archive
 * cut-off (731 days) no `pnode_id` filter and no `Fields` (HTTP 400 as PJM answers it).
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { daysFrom, simulatedUpstream, type Answer, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const PJM_SPACING_MS = 10_000;
const MAX_ROWS = 50_000;
const ARCHIVE_AFTER_DAYS = 731;
const ZONE = 'America/New_York';

interface HubRow {
  pnodeId: number;
  name: string;
  type: string;
  prices: Record<string, number>;
}

/** Recorded rows by day (0: 1 July, 1: 2 July), Eastern hour and pnode id. */
function recordedHubs(): Map<string, HubRow> {
  const lines = readShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv').toString('utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const rows = new Map<string, HubRow>();
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    const ept = /^(\d+)\/(\d+)\/\d+ (\d+):00:00 (AM|PM)$/.exec(c[col('datetime_beginning_ept')])!;
    const hour = (Number(ept[3]) % 12) + (ept[4] === 'PM' ? 12 : 0);
    const prices: Record<string, number> = {};
    for (const p of ['system_energy_price_da', 'total_lmp_da', 'congestion_price_da', 'marginal_loss_price_da'])
      prices[p] = Number(c[col(p)]);
    rows.set(`${Number(ept[2]) - 1}|${hour}|${c[col('pnode_id')]}`, {
      pnodeId: Number(c[col('pnode_id')]),
      name: c[col('pnode_name')],
      type: c[col('type')],
      prices,
    });
  }
  return rows;
}

export const PJM_HUB_IDS = [...new Set([...recordedHubs().values()].map((r) => String(r.pnodeId)))];

function items(first: string, last: string, ids: string[]): Record<string, unknown>[] {
  const recorded = recordedHubs();
  const out: Record<string, unknown>[] = [];
  for (const day of daysFrom(first, last)) {
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    for (let i = 0; i < hours; i++) {
      const at = start.plus({ hours: i });
      const recordedHour = Math.min(i, 23);
      for (const id of ids) {
        const row = recorded.get(`${at.day % 2 === 1 ? 0 : 1}|${recordedHour}|${id}`);
        if (!row) continue;
        out.push({
          datetime_beginning_utc: at.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss"),
          datetime_beginning_ept: at.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
          pnode_id: row.pnodeId,
          pnode_name: row.name,
          type: row.type,
          row_is_current: true,
          version_nbr: 1,
          ...row.prices,
        });
      }
    }
  }
  return out;
}

function refused(message: string): Answer {
  return { status: 400, type: 'application/json', body: JSON.stringify({ errors: [{ message }] }) };
}

/** `failOnce`: the first request for a page after the first (`StartRow` > 1) answers 503, as a flaky PJM does. */
export function simulatedPjm(time: SimulatedTime, { failOnce = false } = {}): Promise<SimulatedUpstream> {
  let failed = false;
  return simulatedUpstream(time, PJM_SPACING_MS, (url, headers) => {
    if (!headers['ocp-apim-subscription-key']) return { status: 401, body: 'Access denied due to missing subscription key.' };
    if (failOnce && !failed && Number(url.searchParams.get('StartRow')) > 1) {
      failed = true;
      return { status: 503, body: 'Service unavailable' };
    }
    const q = url.searchParams;
    const range = /^(\d{4}-\d{2}-\d{2})T00:00to(\d{4}-\d{2}-\d{2})T23:59$/.exec(q.get('datetime_beginning_ept') ?? '');
    if (!range) return refused('datetime_beginning_ept is required');
    const [, first, last] = range;
    if (first.slice(0, 4) !== last.slice(0, 4)) return refused('A date range may not span a year boundary.');
    const today = DateTime.fromMillis(time.now(), { zone: ZONE }).toISODate()!;
    const archived = first < DateTime.fromISO(today).minus({ days: ARCHIVE_AFTER_DAYS }).toISODate()!;
    if (archived && (q.has('pnode_id') || q.has('Fields')))
      return refused('Archived data can only be filtered by date: remove pnode_id and Fields.');
    const ids = archived ? PJM_HUB_IDS : (q.get('pnode_id') ?? '').split(';');
    const rowCount = Math.min(Number(q.get('RowCount') ?? MAX_ROWS), MAX_ROWS);
    const startRow = Number(q.get('StartRow') ?? 1);
    const all = items(first, last, ids);
    const page = all.slice(startRow - 1, startRow - 1 + rowCount);
    const self = new URL(`https://api.pjm.com${url.pathname}${url.search}`);
    const links = [{ rel: 'self', href: self.toString() }];
    if (startRow - 1 + rowCount < all.length) {
      self.searchParams.set('StartRow', String(startRow + rowCount));
      links.push({ rel: 'next', href: self.toString() });
    }
    return { status: 200, type: 'application/json', body: JSON.stringify({ totalRows: all.length, items: page, links }) };
  });
}
