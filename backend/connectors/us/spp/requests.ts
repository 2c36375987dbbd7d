import type { HttpRequest } from '../../../http/types';
import { dayBounds, pad, wallFields, wallTimeInstants } from '../../../time/clock';
import { compactDay } from '../../shared/dates';
import { SPP_HOST, sppMarket } from './market';

const BASE = `https://${SPP_HOST}/file-browser-api/download`;
const FIVE_MINUTES = 5 * 60_000;

function folder(day: string): string {
  return `/${day.slice(0, 4)}/${day.slice(5, 7)}`;
}

/** The day-ahead file of a market day (named after its first interval, ending 01:00). */
export function daLmpRequest(day: string): HttpRequest {
  return { url: `${BASE}/da-lmp-by-settlement-location?path=${folder(day)}/By_Day/DA-LMP-SL-${compactDay(day)}0100.csv` };
}

/** The RTBM roll-up of a whole market day, published once the day is over. */
export function rtbmDailyRequest(day: string): HttpRequest {
  return { url: `${BASE}/rtbm-lmp-by-location?path=${folder(day)}/By_Day/RTBM-LMP-DAILY-SL-${compactDay(day)}.csv` };
}

/** `YYYYMMDD` and `HHMM` of an instant on SPP's clock, and whether it is the second time the wall clock shows it (fall-back day). */
function wallStamp(t: number): { day: string; date: string; hhmm: string; repeated: boolean } {
  const f = wallFields(t, sppMarket.clock);
  const date = `${f.year}-${pad(f.month)}-${pad(f.day)}`;
  const instants = wallTimeInstants(sppMarket.clock, f.year, f.month, f.day, f.hour, f.minute);
  return { day: pad(f.day), date, hhmm: `${pad(f.hour)}${pad(f.minute)}`, repeated: instants.length === 2 && instants[1] === t };
}

/**
 * The RTBM interval file of the 5-minute interval ending at `end` (UTC ms). SPP files an interval
 * in the folder of its local START day (`/YYYY/MM/By_Interval/DD/`) under the local END time,
 * so the day's last interval (23:55-00:00) is the next day's `...0000.csv` in this day's folder.
 * On the fall-back day an end time the wall clock shows the second time carries a `d` suffix
 * (`RTBM-LMP-SL-202511020100d.csv` ends at 01:00 CST, after `...0100.csv` at 01:00 CDT).
 */
export function rtbmIntervalRequest(end: number): HttpRequest {
  const start = wallStamp(end - FIVE_MINUTES);
  const stamp = wallStamp(end);
  const name = `RTBM-LMP-SL-${compactDay(stamp.date)}${stamp.hhmm}${stamp.repeated ? 'd' : ''}.csv`;
  return { url: `${BASE}/rtbm-lmp-by-location?path=${folder(start.date)}/By_Interval/${start.day}/${name}` };
}

/**
 * One request per 5-minute RTBM interval of the market day, in time order: 288 on a normal day,
 * 276 on the spring-forward day, 300 on the fall-back day (its repeated hour's files named `...d`).
 */
export function rtbmIntervalRequests(day: string): HttpRequest[] {
  const { start, end } = dayBounds(day, sppMarket.clock);
  const requests: HttpRequest[] = [];
  for (let t = start + FIVE_MINUTES; t <= end; t += FIVE_MINUTES) requests.push(rtbmIntervalRequest(t));
  return requests;
}
