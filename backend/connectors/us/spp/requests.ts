import type { HttpRequest } from '../../../http/types';
import { dayBounds, pad, wallFields } from '../../../time/clock';
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

/**
 * One request per 5-minute RTBM interval of the market day, in time order. Files are named
 * by the local interval END (the day's last one is the next day's 00:00); the fall-back day's
 * repeated wall times give one file name, asked for once.
 */
export function rtbmIntervalRequests(day: string): HttpRequest[] {
  const { start, end } = dayBounds(day, sppMarket.clock);
  const urls = new Set<string>();
  for (let t = start + FIVE_MINUTES; t <= end; t += FIVE_MINUTES) {
    const f = wallFields(t, sppMarket.clock);
    const date = `${f.year}-${pad(f.month)}-${pad(f.day)}`;
    urls.add(
      `${BASE}/rtbm-lmp-by-location?path=${folder(date)}/By_Interval/${pad(f.day)}/RTBM-LMP-SL-${compactDay(date)}${pad(f.hour)}${pad(f.minute)}.csv`,
    );
  }
  return [...urls].map((url) => ({ url }));
}
