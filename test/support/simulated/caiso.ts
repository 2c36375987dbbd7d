/**
 * CAISO OASIS SingleZip (`/oasisapi/SingleZip?queryname=PRC_LMP&market_run_id=DAM...`) as a
 * simulated upstream. Answers are built from the recorded zip
 * ../shared/fixtures/caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip: every
 * node asked gets the recorded rows of each operating hour (hour 24's for a 25th), re-stamped with
 * the GMT interval of the Pacific day asked. It enforces what OASIS documents: one request per 5 s
 * (429 sooner), at most 31 days per query, several nodes in one comma-separated `node`.
 */
import AdmZip from 'adm-zip';
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { daysFrom, simulatedUpstream, type Answer, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const OASIS_SPACING_MS = 5_000;
const MAX_DAYS = 31;
const ZONE = 'America/Los_Angeles';

function recorded(): { header: string; byHour: Map<number, string[][]> } {
  const zip = new AdmZip(readShared('caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip'));
  const lines = zip.getEntries()[0].getData().toString('utf8').trim().split(/\r?\n/);
  const byHour = new Map<number, string[][]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const hour = Number(cells[3]);
    byHour.set(hour, [...(byHour.get(hour) ?? []), cells]);
  }
  return { header: lines[0], byHour };
}

const gmt = (t: DateTime) => `${t.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss")}-00:00`;

function csvFor(first: string, last: string, nodes: string[]): string {
  const { header, byHour } = recorded();
  const out = [header];
  for (const day of daysFrom(first, last)) {
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    for (let i = 0; i < hours; i++) {
      const from = start.plus({ hours: i });
      for (const node of nodes)
        for (const row of byHour.get(Math.min(i + 1, 24))!) {
          const cells = [...row];
          cells[0] = gmt(from);
          cells[1] = gmt(from.plus({ hours: 1 }));
          cells[2] = day;
          cells[3] = String(i + 1);
          cells[5] = cells[6] = cells[7] = cells[11] = node;
          out.push(cells.join(','));
        }
    }
  }
  return `${out.join('\n')}\n`;
}

/** OASIS's GMT form `20230101T08:00-0000` to the Pacific market day it starts. */
function pacificDay(stamp: string, endOfRange = false): string {
  const t = DateTime.fromFormat(stamp, "yyyyMMdd'T'HH:mmZZZ", { zone: 'utc' }).setZone(ZONE);
  return (endOfRange ? t.minus({ minutes: 1 }) : t).toISODate()!;
}

/** OASIS's answer to a SingleZip query: a zip of the CSV for its window and nodes, or its refusal of a window over 31 days. */
export function oasisAnswer(url: URL): Answer {
  const q = url.searchParams;
  const first = pacificDay(q.get('startdatetime')!);
  const last = pacificDay(q.get('enddatetime')!, true);
  if (daysFrom(first, last).length > MAX_DAYS) return { status: 400, body: `OASIS serves at most ${MAX_DAYS} days per query.` };
  const nodes = q.get('node')!.split(',');
  const zip = new AdmZip();
  zip.addFile(`${first.replace(/-/g, '')}_${last.replace(/-/g, '')}_PRC_LMP_DAM_v12.csv`, Buffer.from(csvFor(first, last, nodes)));
  return { status: 200, type: 'application/x-zip-compressed', body: zip.toBuffer() };
}

/** `busyFirst`: the first request is answered 429 (OASIS busy), to see how soon the client asks again. */
export function simulatedOasis(time: SimulatedTime, { busyFirst = false } = {}): Promise<SimulatedUpstream> {
  let answered = 0;
  return simulatedUpstream(time, OASIS_SPACING_MS, (url) =>
    busyFirst && answered++ === 0 ? { status: 429, body: 'Too many requests' } : oasisAnswer(url),
  );
}

/** The recorded LMP of an operating hour (1-24), read from the recorded file. */
export function recordedOasisLmp(hour: number): number {
  const row = recorded()
    .byHour.get(hour)!
    .find((cells) => cells[9] === 'LMP')!;
  return Number(row[14]);
}
