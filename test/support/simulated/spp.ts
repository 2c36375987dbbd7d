/**
 * SPP's Marketplace file browser (`portal.spp.org/file-browser-api/download/da-lmp-by-settlement-location
 * ?path=/YYYY/MM/By_Day/DA-LMP-SL-<YYYYMMDD>0100.csv`) as a simulated upstream. Answers are built from
 * the recorded files in ../shared/fixtures/spp/: a day with a recorded file (the fall-back day
 * 2025-11-02 with its 25 hours, the spring day 2026-03-08 with 23, both in the legacy layout) gets
 * it as recorded; any other Central day gets the rows of 2026-09-23 hour by hour, stamped with that
 * day's hour-ending Central time and its GMT end. What SPP does: one file per market day holding
 * every settlement location, filed in the folder of its year and month; a wrong path or a day not
 * published yet (after tomorrow) is a 404. SPP documents no request spacing.
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const SPP_DA_FILE = 'spp/DA-LMP-SL-202609230100_reduced.csv';
export const SPP_DA_FALLBACK_FILE = 'spp/DA-LMP-SL-202511020100_reduced_legacy_noBAA_fallback.csv';
export const SPP_DA_SPRING_FILE = 'spp/DA-LMP-SL-202603080100_reduced_legacy_noBAA.csv';
const RECORDED: Record<string, string> = {
  '2025-11-02': SPP_DA_FALLBACK_FILE,
  '2026-03-08': SPP_DA_SPRING_FILE,
  '2026-09-23': SPP_DA_FILE,
};
const ZONE = 'America/Chicago';
const NOT_FOUND = { status: 404, type: 'application/json', body: '{"message":"File not found"}' };

/** The recorded 2026-09-23 file: header, and its rows by hour ending (1..24) in file order. */
function recorded(): { header: string; byHourEnding: string[][][] } {
  const lines = readShared(SPP_DA_FILE).toString('utf8').trim().split(/\r?\n/);
  const byHourEnding: string[][][] = Array.from({ length: 25 }, () => []);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const hour = Number(/ (\d{2}):/.exec(cells[0])![1]);
    byHourEnding[hour === 0 ? 24 : hour].push(cells);
  }
  return { header: lines[0], byHourEnding };
}

export function simulatedSpp(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url) => {
    if (url.pathname !== '/file-browser-api/download/da-lmp-by-settlement-location') return NOT_FOUND;
    const file = /^\/(\d{4})\/(\d{2})\/By_Day\/DA-LMP-SL-(\d{4})(\d{2})(\d{2})0100\.csv$/.exec(url.searchParams.get('path') ?? '');
    if (!file || file[1] !== file[3] || file[2] !== file[4]) return NOT_FOUND;
    const day = `${file[3]}-${file[4]}-${file[5]}`;
    if (day > DateTime.fromMillis(time.now(), { zone: ZONE }).plus({ days: 1 }).toISODate()!) return NOT_FOUND;
    if (RECORDED[day]) return { status: 200, type: 'text/csv', body: readShared(RECORDED[day]) };
    const { header, byHourEnding } = recorded();
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    const out = [header];
    for (let i = 0; i < hours; i++) {
      const end = start.plus({ hours: i + 1 });
      const stamps = [end.toFormat('MM/dd/yyyy HH:mm:ss'), end.toUTC().toFormat('MM/dd/yyyy HH:mm:ss')];
      for (const cells of byHourEnding[Math.min(i + 1, 24)]) out.push([...stamps, ...cells.slice(2)].join(','));
    }
    return { status: 200, type: 'text/csv', body: `${out.join('\n')}\n` };
  });
}
