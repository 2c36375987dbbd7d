/**
 * MISO's market reports (`docs.misoenergy.org/marketreports/<YYYYMMDD>_da_expost_lmp.csv`) as a
 * simulated upstream. Answers are built from the recorded files in ../shared/fixtures/miso/: a day
 * with a recorded file (2025-11-02, the US fall-back day, still 24 hours ending EST) gets it as
 * recorded; any other day gets the recorded 2026-09-23 file with its date line re-stamped to the
 * day asked. What MISO does: one file per market day holding every node; a wrong name or a day not
 * published yet (after tomorrow, EST) is a 404. The spacing is the host limit gridcell keeps for
 * docs.misoenergy.org (one request a second), answered 429 when broken.
 *
 * `simulatedMisoApi` is the public five-minute ex-post API (`public-api.misoenergy.org/api/MarketPricing/
 * GetRealTimeFiveMinExPost/{Current,Rolling,Previous}`, no parameters), built from the recorded `Current`
 * answer (256 nodes at 16:50 EST, 2 October 2026): `Previous` gives each recorded node's row for every
 * interval of the previous EST day (288), `Rolling` for every interval of today that has ended, `Current`
 * for the latest; INTERVAL is the interval's start, EST, no offset. Any other path is a 404. MISO asks
 * that each link be polled at most once a minute: the spacing is 60 s, answered 429 when broken.
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const MISO_REPORTS_SPACING_MS = 1_000;
export const MISO_DA_FILE = 'miso/20260923_da_expost_lmp_reduced.csv';
export const MISO_DA_FALLBACK_FILE = 'miso/20251102_da_expost_lmp_reduced.csv';
export const MISO_API_SPACING_MS = 60_000;
export const MISO_FIVE_MIN_FILE = 'miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json';
const RECORDED: Record<string, string> = { '20251102': MISO_DA_FALLBACK_FILE, '20260923': MISO_DA_FILE };

export function simulatedMiso(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, MISO_REPORTS_SPACING_MS, (url) => {
    const file = /^\/marketreports\/(\d{4})(\d{2})(\d{2})_da_expost_lmp\.csv$/.exec(url.pathname);
    if (!file) return { status: 404, type: 'text/html', body: '<html><body><h1>404 - File or directory not found.</h1></body></html>' };
    const [, y, m, d] = file;
    const tomorrow = DateTime.fromMillis(time.now(), { zone: 'UTC-5' }).plus({ days: 1 }).toISODate()!;
    if (`${y}-${m}-${d}` > tomorrow)
      return { status: 404, type: 'text/html', body: '<html><body><h1>404 - File or directory not found.</h1></body></html>' };
    const recorded = RECORDED[`${y}${m}${d}`];
    if (recorded) return { status: 200, type: 'text/csv', body: readShared(recorded) };
    const lines = readShared(MISO_DA_FILE).toString('utf8').split('\n');
    lines[1] = lines[1].replace(/^\d{2}\/\d{2}\/\d{4}/, `${m}/${d}/${y}`);
    return { status: 200, type: 'text/csv', body: lines.join('\n') };
  });
}

export function simulatedMisoApi(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, MISO_API_SPACING_MS, (url) => {
    const form = /^\/api\/MarketPricing\/GetRealTimeFiveMinExPost\/(Current|Rolling|Previous)$/.exec(url.pathname)?.[1];
    if (!form)
      return { status: 404, type: 'application/json', body: '{"Message":"No HTTP resource was found that matches the request URI."}' };
    const recorded = JSON.parse(readShared(MISO_FIVE_MIN_FILE).toString('utf8')) as { headers: string[]; data: string[][] };
    const now = DateTime.fromMillis(time.now(), { zone: 'UTC-5' });
    const lastStart = now.minus({ minutes: 5 + (now.minute % 5) }).startOf('minute');
    const first = form === 'Previous' ? now.minus({ days: 1 }).startOf('day') : form === 'Rolling' ? now.startOf('day') : lastStart;
    const last = form === 'Previous' ? now.startOf('day').minus({ minutes: 5 }) : lastStart;
    const data: string[][] = [];
    for (let t = first; t <= last; t = t.plus({ minutes: 5 }))
      for (const row of recorded.data) data.push([t.toFormat("yyyy-MM-dd'T'HH:mm:ss"), ...row.slice(1)]);
    return { status: 200, type: 'application/json', body: JSON.stringify({ headers: recorded.headers, data }) };
  });
}
