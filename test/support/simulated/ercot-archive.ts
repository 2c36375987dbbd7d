/**
 * The archive of ERCOT's Public API (`/api/public-reports/archive/np4-190-cd`) as the simulated
 * ERCOT serves it (see ./ercot.ts for the login and the report endpoint):
 *
 * - `GET /archive/np4-190-cd?postDatetimeFrom=..&postDatetimeTo=..&size=..` lists, in ERCOT's
 *   `ProductHistory` layout (`_meta`, `product`, `archives[]` of `docId`, `friendlyName`,
 *   `postDatetime`, `_links.endpoint.href`), the DAMSPNP4190 documents posted in the window: one
 *   day-ahead document per delivery day, posted at 12:32:39 Central the day before, each as a CSV
 *   zip and an XML zip (as the MIS lists them);
 * - `GET /archive/np4-190-cd?download={docId}` answers the CSV zip.
 *
 * No recorded DAMSPNP4190 CSV exists in ../shared/fixtures/ercot (SOURCES.md: "no MIS DAM CSV
 * zip"), so each document's CSV is written in the MIS layout
 * (DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag, LF line ends) from the
 * recorded API answer ../shared/fixtures/ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json:
 * HB_HUBAVG's recorded prices (all 25 rows on 2025-11-02, DSTFlag true written Y; the 24 standard
 * hours on any other day), written for every hub and load zone gridcell knows (as the simulated
 * API answers any settlement point with them), so that a document holds many settlement points.
 */
import AdmZip from 'adm-zip';
import { ercotLocations } from '../../../backend/connectors/us/ercot/market';
import { readShared } from '../fixtures';
import { daysFrom } from './upstream';
import type { Answer } from './upstream';

type Row = [string, string, string, number, boolean];

export const ARCHIVE_FALL_BACK_DAY = '2025-11-02';
/** The settlement points of every archived document: ERCOT's hubs and load zones. */
export const ARCHIVE_POINTS = ercotLocations.filter((l) => l.type === 'HUB' || l.type === 'ZONE').map((l) => l.name);

function recordedRows(): Row[] {
  const doc = JSON.parse(readShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json').toString('utf8')) as {
    data: Row[];
  };
  return doc.data;
}

/** The recorded rows a delivery day's document holds, in file order: the fall-back day whole, else its 24 standard hours. */
export function archivedRows(day: string): Row[] {
  const rows = recordedRows();
  return day === ARCHIVE_FALL_BACK_DAY ? rows : rows.filter((r) => !r[4]);
}

const csvDocId = (day: string) => `7${day.replace(/-/g, '')}1`;
const xmlDocId = (day: string) => `7${day.replace(/-/g, '')}2`;
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function csvOf(day: string): string {
  const [y, m, d] = day.split('-');
  const lines = ['DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag'];
  for (const [, hour, , price, dst] of archivedRows(day))
    for (const point of ARCHIVE_POINTS) lines.push(`${m}/${d}/${y},${hour},${point},${price.toFixed(2)},${dst ? 'Y' : 'N'}`);
  return `${lines.join('\n')}\n`;
}

function zipOf(day: string): Buffer {
  const zip = new AdmZip();
  const posted = addDay(day, -1).replace(/-/g, '');
  zip.addFile(`cdr.00012331.0000000000000000.${posted}.123240246.DAMSPNP4190.csv`, Buffer.from(csvOf(day)));
  return zip.toBuffer();
}

export interface ArchiveOptions {
  /** Delivery days whose document the archive does not hold. */
  lacks?: string[];
}

/** The archive's answer to a request under `/archive/np4-190-cd`, or undefined when the path is not the archive's. */
export function archiveAnswer(url: URL, options: ArchiveOptions = {}): Answer | undefined {
  if (!url.pathname.endsWith('/archive/np4-190-cd')) return undefined;
  const q = url.searchParams;
  const lacks = new Set(options.lacks ?? []);
  const download = q.get('download');
  if (download !== null) {
    const m = /^7(\d{4})(\d{2})(\d{2})1$/.exec(download);
    const day = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
    if (!day || lacks.has(day))
      return { status: 404, type: 'application/json', body: JSON.stringify({ code: 404, message: 'No archive with that docId' }) };
    return { status: 200, type: 'application/octet-stream', body: zipOf(day) };
  }
  const from = q.get('postDatetimeFrom');
  const to = q.get('postDatetimeTo');
  if (!from || !to)
    return { status: 400, type: 'application/json', body: JSON.stringify({ code: 400, message: 'postDatetime range required' }) };
  const archives = daysFrom(from.slice(0, 10), to.slice(0, 10))
    .filter((posted) => `${posted}T12:32:39` >= from && `${posted}T12:32:39` <= to && !lacks.has(addDay(posted, 1)))
    .flatMap((posted) => {
      const day = addDay(posted, 1);
      return [
        { docId: Number(csvDocId(day)), friendlyName: 'DAMSPNP4190_csv', postDatetime: `${posted}T12:32:39` },
        { docId: Number(xmlDocId(day)), friendlyName: 'DAMSPNP4190_xml', postDatetime: `${posted}T12:32:39` },
      ].map((a) => ({
        ...a,
        _links: { endpoint: { href: `https://api.ercot.com/api/public-reports/archive/np4-190-cd?download=${a.docId}` } },
      }));
    });
  const size = Number(q.get('size') ?? 1000);
  const meta = {
    totalRecords: archives.length,
    pageSize: size,
    totalPages: Math.max(1, Math.ceil(archives.length / size)),
    currentPage: 1,
  };
  return {
    status: 200,
    type: 'application/json',
    body: JSON.stringify({
      _meta: meta,
      product: { emilId: 'NP4-190-CD', name: 'DAM Settlement Point Prices' },
      archives: archives.slice(0, size),
    }),
  };
}
