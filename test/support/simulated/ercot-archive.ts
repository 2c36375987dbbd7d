/**
 * The archive of ERCOT's Public API (`/api/public-reports/archive/np4-190-cd` and
 * `/archive/np6-905-cd`) as the simulated ERCOT serves it (see ./ercot.ts for the login and the
 * report endpoint). Day-ahead (NP4-190-CD):
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
 *
 * Real time (NP6-905-CD, one SPPHLZNP6905 document per 15-minute interval):
 *
 * - `GET /archive/np6-905-cd?postDatetimeFrom=..&postDatetimeTo=..&size=..&page=..` lists the
 *   interval documents posted in the window, in pages of `size`: each interval's document is
 *   posted 20 s after its interval ends (Central wall time; the last interval of day D on D+1 at
 *   00:00:20), as a CSV zip (`SPPHLZNP6905_<yyyyMMdd>_<HHmm interval end>_csv`, `xhr` added in the
 *   repeated hour of the fall-back day) and an XML zip;
 * - `POST /archive/np6-905-cd/download` with the JSON body `{"docIds": [...]}` answers one zip whose
 *   members, named `<docId>.zip`, are the documents' own zips (one CSV each), as gridstatus reads
 *   ERCOT's bulk download; more than 1,000 docIds (the limit gridstatus documents) is a 400, an
 *   unknown or XML docId a 404.
 *
 * No recorded NP6-905-CD file exists in ../shared/fixtures/ercot (SOURCES.md: "Still not found:
 * NP6-905-CD SPPHLZNP6905 CSV"; the NP6-788-CD SCED file there holds SCED LMPs, not settlement point
 * prices), so each interval CSV is written in the MIS NP6-905-CD layout (DeliveryDate,DeliveryHour,
 * DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag) from the
 * recorded DAM API answers' hourly HB_HUBAVG prices: for an hour's four intervals the hour's price
 * plus 0, 0.25, 0.50 and 0.75 (so that intervals differ). 2025-11-02 has the recorded 25 hours (100
 * intervals, DSTFlag true written Y), 2026-03-08 the 23 hours of
 * ../shared/fixtures/ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2026-03-08.json (92), any
 * other day the 24 standard hours of 2025-11-02 (96); every hub and load zone gets the same prices.
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
  /** Delivery days whose document(s) the archive does not hold (day-ahead and real-time). */
  lacks?: string[];
}

/** The request as it came: method, body, and where to note each bulk download's docIds. */
export interface ArchiveRequest {
  method: string;
  body: Buffer;
  bulk: string[][];
}

/** The archive's answer to a request under `/archive/...`, or undefined when the path is not the archive's. */
export function archiveAnswer(url: URL, options: ArchiveOptions = {}, request?: ArchiveRequest): Answer | undefined {
  if (url.pathname.includes('/archive/np6-905-cd')) return rtArchiveAnswer(url, options, request);
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

// ---- Real time: NP6-905-CD interval documents -------------------------------------------------

export const RT_SPRING_FORWARD_DAY = '2026-03-08';
/** The most docIds one bulk download takes (gridstatus: "maximum batch size support by ERCOT API is 1000"). */
export const BULK_MAX_DOCS = 1000;

/** One interval row of a real-time document: hour ending (1..24), interval (1..4), price, DSTFlag. */
export type RtRow = [number, number, number, boolean];

/** The hourly recorded rows a real-time day is built from, in file order. */
function hourlyRows(day: string): Row[] {
  if (day === RT_SPRING_FORWARD_DAY)
    return (JSON.parse(readShared('ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2026-03-08.json').toString('utf8')) as { data: Row[] })
      .data;
  return archivedRows(day);
}

/** The interval rows of a delivery day's real-time documents, in file order (hour by hour, interval by interval). */
export function archivedRtRows(day: string): RtRow[] {
  return hourlyRows(day).flatMap(([, hour, , price, dst]) =>
    [1, 2, 3, 4].map((i): RtRow => [Number(hour.slice(0, 2)), i, Math.round((price + (i - 1) * 0.25) * 100) / 100, dst]),
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const compact = (day: string) => day.replace(/-/g, '');

interface RtDoc {
  docId: string;
  friendlyName: string;
  postDatetime: string;
  day: string;
  row: RtRow;
  csv: boolean;
}

/** A delivery day's interval documents (CSV and XML renditions), with their posting times. */
function rtDocs(day: string): RtDoc[] {
  return archivedRtRows(day).flatMap((row) => {
    const [hour, interval, , dst] = row;
    const end = (hour - 1) * 60 + interval * 15;
    const stamp = `${pad2(Math.floor(end / 60))}${pad2(end % 60)}`;
    const postDatetime = end === 1440 ? `${addDay(day, 1)}T00:00:20` : `${day}T${stamp.slice(0, 2)}:${stamp.slice(2)}:20`;
    const base = `SPPHLZNP6905_${compact(day)}_${stamp}${dst ? 'xhr' : ''}`;
    const id = `9${compact(day)}${stamp}${dst ? 1 : 0}`;
    return [
      { docId: `${id}1`, friendlyName: `${base}_csv`, postDatetime, day, row, csv: true },
      { docId: `${id}2`, friendlyName: `${base}_xml`, postDatetime, day, row, csv: false },
    ];
  });
}

function pointType(point: string): string {
  if (point === 'HB_HUBAVG' || point === 'HB_BUSAVG') return 'SH';
  return point.startsWith('HB_') ? 'HU' : 'LZ';
}

function rtCsvOf(day: string, [hour, interval, price, dst]: RtRow): string {
  const [y, m, d] = day.split('-');
  const lines = ['DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag'];
  for (const point of ARCHIVE_POINTS)
    lines.push(`${m}/${d}/${y},${hour},${interval},${point},${pointType(point)},${price.toFixed(2)},${dst ? 'Y' : 'N'}`);
  return `${lines.join('\n')}\n`;
}

function rtZipOf(doc: RtDoc): Buffer {
  const zip = new AdmZip();
  const name = doc.friendlyName.replace(/_csv$/, '');
  zip.addFile(
    `cdr.00012301.0000000000000000.${compact(doc.postDatetime.slice(0, 10))}.${doc.postDatetime.slice(11).replace(/:/g, '')}.${name}.csv`,
    Buffer.from(rtCsvOf(doc.day, doc.row)),
  );
  return zip.toBuffer();
}

const json = (status: number, body: unknown): Answer => ({ status, type: 'application/json', body: JSON.stringify(body) });

function rtArchiveAnswer(url: URL, options: ArchiveOptions, request: ArchiveRequest | undefined): Answer {
  const lacks = new Set(options.lacks ?? []);
  if (url.pathname.endsWith('/archive/np6-905-cd/download')) {
    if (request?.method !== 'POST') return json(405, { code: 405, message: 'POST the docIds' });
    let docIds: unknown;
    try {
      docIds = (JSON.parse(request.body.toString('utf8')) as { docIds?: unknown }).docIds;
    } catch {
      return json(400, { code: 400, message: 'The body is not JSON' });
    }
    if (!Array.isArray(docIds) || !docIds.length) return json(400, { code: 400, message: 'docIds required' });
    request.bulk.push(docIds.map(String));
    if (docIds.length > BULK_MAX_DOCS) return json(400, { code: 400, message: `At most ${BULK_MAX_DOCS} docIds per download` });
    const outer = new AdmZip();
    for (const id of docIds.map(String)) {
      const m = /^9(\d{4})(\d{2})(\d{2})\d{6}$/.exec(id);
      const day = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
      const doc = day && !lacks.has(day) ? rtDocs(day).find((d) => d.docId === id && d.csv) : undefined;
      if (!doc) return json(404, { code: 404, message: `No archive with docId ${id}` });
      outer.addFile(`${id}.zip`, rtZipOf(doc));
    }
    return { status: 200, type: 'application/octet-stream', body: outer.toBuffer() };
  }
  const q = url.searchParams;
  const from = q.get('postDatetimeFrom');
  const to = q.get('postDatetimeTo');
  if (!from || !to) return json(400, { code: 400, message: 'postDatetime range required' });
  const archives = daysFrom(addDay(from.slice(0, 10), -1), to.slice(0, 10))
    .filter((day) => !lacks.has(day))
    .flatMap(rtDocs)
    .filter((d) => d.postDatetime >= from && d.postDatetime <= to)
    .map((d) => ({
      docId: Number(d.docId),
      friendlyName: d.friendlyName,
      postDatetime: d.postDatetime,
      _links: { endpoint: { href: `https://api.ercot.com/api/public-reports/archive/np6-905-cd?download=${d.docId}` } },
    }));
  const size = Number(q.get('size') ?? 1000);
  const page = Number(q.get('page') ?? 1);
  const totalPages = Math.max(1, Math.ceil(archives.length / size));
  return json(200, {
    _meta: { totalRecords: archives.length, pageSize: size, totalPages, currentPage: page },
    product: { emilId: 'NP6-905-CD', name: 'Settlement Point Prices at Resource Nodes, Hubs and Load Zones' },
    archives: archives.slice((page - 1) * size, page * size),
  });
}
