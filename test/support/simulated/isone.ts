/**
 * The ISO New England web services (`webservices.iso-ne.com/api/v1.1/hourlylmp/da/final/day/<YYYYMMDD>
 * /location/<id>.json`) as a simulated upstream. Answers are built from the recorded answers in
 * ../shared/fixtures/isone/ for the hub (.H.INTERNAL_HUB, location 4000): a day with a recorded answer
 * (the fall-back day 2025-11-02, 25 hours, and 2026-09-23) gets it as recorded; any other Eastern day
 * gets the rows of 2026-09-23 hour by hour, `BeginDate` stamped with that day's wall time and offset.
 * What ISO-NE documents: HTTP basic auth (401 without it), one day and one location per request (no
 * range form), a path it does not know or a location without a recording is a 404, a day not
 * published yet (after tomorrow) answers an empty list. ISO-NE documents no request spacing.
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const ISONE_HUB_FILE = 'isone/hourlylmp_da_final_day_20260923_location_4000.json';
export const ISONE_HUB_FALLBACK_FILE = 'isone/hourlylmp_da_final_day_20251102_location_4000.json';
const RECORDED: Record<string, string> = { '2025-11-02': ISONE_HUB_FALLBACK_FILE, '2026-09-23': ISONE_HUB_FILE };
const ZONE = 'America/New_York';

type Row = { BeginDate: string } & Record<string, unknown>;

export function simulatedIsone(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url, headers) => {
    if (!/^Basic \S+/.test(headers.authorization ?? ''))
      return {
        status: 401,
        type: 'text/html',
        body: '<html><body>401 Unauthorized: This request requires HTTP authentication.</body></html>',
      };
    const path = /^\/api\/v1\.1\/hourlylmp\/da\/final\/day\/(\d{4})(\d{2})(\d{2})\/location\/(\d+)\.json$/.exec(url.pathname);
    if (!path || path[4] !== '4000') return { status: 404, type: 'application/json', body: '{"error":"Not Found"}' };
    const day = `${path[1]}-${path[2]}-${path[3]}`;
    if (day > DateTime.fromMillis(time.now(), { zone: ZONE }).plus({ days: 1 }).toISODate()!)
      return { status: 200, type: 'application/json', body: '{"HourlyLmps":""}' };
    if (RECORDED[day]) return { status: 200, type: 'application/json', body: readShared(RECORDED[day]) };
    const rows = (JSON.parse(readShared(ISONE_HUB_FILE).toString('utf8')) as { HourlyLmps: { HourlyLmp: Row[] } }).HourlyLmps.HourlyLmp;
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    const out: Row[] = [];
    for (let i = 0; i < hours; i++)
      out.push({ ...rows[Math.min(i, 23)], BeginDate: start.plus({ hours: i }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ") });
    return { status: 200, type: 'application/json', body: JSON.stringify({ HourlyLmps: { HourlyLmp: out } }) };
  });
}
