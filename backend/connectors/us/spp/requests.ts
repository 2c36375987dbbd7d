import type { HttpRequest } from '../../../http/types';
import { dayBounds, pad, parseDay, wallFields, wallTimeInstants } from '../../../time/clock';
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

const HOUR = 3_600_000;
/** How long after its hour an hourly forecast file is asked for: SPP posts it within minutes. */
const MTLF_POSTING_MS = 15 * 60_000;

/**
 * The Operations Mid-Term Load Forecast file published at `published` (UTC ms, on the hour):
 * `mtlf-vs-actual?path=/YYYY/MM/DD/OP-MTLF-YYYYMMDDHH00.csv`, named by its local (Central) publication
 * time; the second 01:00 of the fall-back day carries a `d` suffix (as the RTBM interval files do).
 */
export function mtlfRequest(published: number): HttpRequest {
  const stamp = wallStamp(published);
  const name = `OP-MTLF-${compactDay(stamp.date)}${stamp.hhmm}${stamp.repeated ? 'd' : ''}.csv`;
  return { url: `${BASE}/mtlf-vs-actual?path=${folder(stamp.date)}/${stamp.day}/${name}` };
}

/**
 * The forecast file read for a market day: the one published at the day's start (00:00 Central),
 * or, for a day not begun yet, the newest one posted by `now` (its hour, 15 minutes on).
 */
export function mtlfForecastPublished(day: string, now: number): number {
  const start = dayBounds(day, sppMarket.clock).start;
  const newest = Math.floor((now - MTLF_POSTING_MS) / HOUR) * HOUR;
  return Math.min(start, newest);
}

/**
 * The files whose averaged actual load (the 24 hours before publication) covers a market day: the
 * ones published at 12:00 Central on the day and 24 hours later. Their windows meet, so together
 * they hold every hour of the day (23, 24 or 25) whether or not the hour of publication is in a file.
 */
export function mtlfActualPublished(day: string): number[] {
  const { year, month, day: d } = parseDay(day);
  const noon = wallTimeInstants(sppMarket.clock, year, month, d, 12)[0];
  return [noon, noon + 24 * HOUR];
}

/** The generation mix of one balancing authority over the last 365 days (five-minute rows). */
export function genMixRequest(baa: string): HttpRequest {
  return { url: `${BASE}/generation-mix-historical?path=/${baa}/GenMix365_${baa}.csv` };
}

/** The day-ahead reserve MCPs of a market day (named after its first interval, ending 01:00). */
export function daMcpRequest(day: string): HttpRequest {
  return { url: `${BASE}/da-mcp?path=${folder(day)}/DA-MCP-${compactDay(day)}0100.csv` };
}

/** The real-time reserve MCPs of a whole market day, published once the day is over. */
export function rtbmMcpDailyRequest(day: string): HttpRequest {
  return { url: `${BASE}/rtbm-mcp?path=${folder(day)}/By_Day/RTBM-MCP-DAILY-${compactDay(day)}.csv` };
}
