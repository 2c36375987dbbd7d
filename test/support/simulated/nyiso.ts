/**
 * NYISO's public files (`mis.nyiso.com/public/csv/damlbmp/<YYYYMMDD>damlbmp_zone.csv`) as a simulated
 * upstream. Answers are built from the recorded file ../shared/fixtures/nyiso/20260923damlbmp_zone.csv:
 * each Eastern market day asked gets the recorded rows of every zone hour by hour (hour 23's for a
 * 25th), stamped with that day's wall times as NYISO writes them (the fall-back day's 01:00 twice, in
 * file order; the spring day without 02:00). What NYISO does: one file per market day holding every
 * zone, so a file is the same whoever asks; a day not published yet (after tomorrow) is a 404.
 * NYISO documents no request spacing.
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const NYISO_DAM_FILE = 'nyiso/20260923damlbmp_zone.csv';
const ZONE = 'America/New_York';

/** The recorded file: header, and its rows by hour (0..23) in file order. */
function recorded(): { header: string; byHour: string[][][] } {
  const lines = readShared(NYISO_DAM_FILE).toString('utf8').trim().split(/\r?\n/);
  const byHour: string[][][] = Array.from({ length: 24 }, () => []);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    byHour[Number(/ (\d{2}):/.exec(cells[0])![1])].push(cells);
  }
  return { header: lines[0], byHour };
}

/** The recorded LBMP of a zone at an hour (0..23) of 23 September 2026, read from the file. */
export function recordedNyisoLbmp(zone: string, hour: number): number {
  return Number(recorded().byHour[hour].find((c) => c[1] === zone)![3]);
}

export function simulatedNyiso(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url) => {
    const file = /\/public\/csv\/damlbmp\/(\d{4})(\d{2})(\d{2})damlbmp_zone\.csv$/.exec(url.pathname);
    if (!file) return { status: 404, body: 'Not Found' };
    const day = `${file[1]}-${file[2]}-${file[3]}`;
    const tomorrow = DateTime.fromMillis(time.now(), { zone: ZONE }).plus({ days: 1 }).toISODate()!;
    if (day > tomorrow) return { status: 404, body: 'Not Found' };
    const { header, byHour } = recorded();
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    const out = [header];
    for (let i = 0; i < hours; i++) {
      const stamp = start.plus({ hours: i }).toFormat('MM/dd/yyyy HH:mm');
      for (const cells of byHour[Math.min(i, 23)]) out.push([stamp, ...cells.slice(1)].join(','));
    }
    return { status: 200, type: 'text/csv', body: `${out.join('\r\n')}\r\n` };
  });
}
