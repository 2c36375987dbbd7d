import { PRICE_COMPONENTS } from '../../../../contract';
import { GridError } from '../../../domain';
import type { HttpGet } from '../../../http/types';
import type { Report, RequestContext } from '../../types';
import { ifPublished, isNotPublished } from '../../shared/not-published';
import { sppFileKind, sppLmpParser } from './parse';
import { daLmpRequest, rtbmDailyRequest, rtbmIntervalRequests } from './requests';

const PRODUCTS: string[] = [...PRICE_COMPONENTS];
/** Interval files asked for at once: one hour. */
const INTERVAL_BATCH = 12;

export const sppDaLmp: Report = {
  id: 'spp.da_lmp_sl',
  description: 'SPP day-ahead LMP by settlement location (DA-LMP-SL), hourly',
  runs: ['DA'],
  products: PRODUCTS,
  scope: 'market',
  validFrom: '2014-03-01',
  // One file per market day in the file browser (By_Day), every settlement location in it: no limits.
  request: (ctx) => daLmpRequest(ctx.period.key),
  parse: sppLmpParser('DA', 60),
  detect: (file) => sppFileKind(file) === 'DA',
};

export const sppRtbmLmp: Report = {
  id: 'spp.rtbm_lmp_sl',
  description: 'SPP real-time (RTBM) LMP by settlement location, 5-minute: the daily file, or the interval files while the day is running',
  runs: ['RT5'],
  products: PRODUCTS,
  scope: 'market',
  validFrom: '2014-03-01',
  // One daily file (or its 288 interval files) per market day, every settlement location in it: no limits.
  fetch: fetchRtbmDay,
  parse: sppLmpParser('RT5', 5),
  detect: (file) => sppFileKind(file) === 'RT5',
};

/**
 * The daily roll-up when SPP has published it (the day is over); otherwise every interval
 * file published so far. A missing interval is skipped; a whole hour missing ends the walk
 * (that is where publication stands).
 */
async function fetchRtbmDay(ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const day = ctx.period.key;
  const daily = await ifPublished(get(rtbmDailyRequest(day)));
  if (daily) return [daily.body];
  const requests = rtbmIntervalRequests(day);
  const bodies: Buffer[] = [];
  for (let i = 0; i < requests.length; i += INTERVAL_BATCH) {
    const settled = await Promise.allSettled(requests.slice(i, i + INTERVAL_BATCH).map((r) => get(r)));
    let found = 0;
    for (const s of settled) {
      if (s.status === 'fulfilled') {
        bodies.push(s.value.body);
        found++;
      } else if (!isNotPublished(s.reason)) {
        throw s.reason;
      }
    }
    if (found === 0) break;
  }
  if (!bodies.length) throw new GridError('NOT_PUBLISHED', `SPP has not published real-time prices for ${day} yet.`);
  return bodies;
}
