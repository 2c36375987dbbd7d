/**
 * The Nord Pool Data Portal API (`dataportal-api.nordpoolgroup.com/api/DayAheadPrices`) as a
 * simulated upstream. Answers are built from the recorded answer
 * ../shared/fixtures/nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json: every area asked gets
 * SE3's recorded price of each hour of the CET day asked (hour 24's for a 25th), restamped with
 * that day's UTC delivery times, hourly before the 15-minute MTU (2025-10-01) and each hour's price
 * for its four quarters from it. It enforces what the portal does (and pynordpool follows): one
 * `date` per request, several areas comma-separated in `deliveryArea` (the recorded
 * DayAheadPrices_SE3-SE4 answer is one such request), 401 with no body for a day older than about
 * three months (no Nord Pool login), 204 with no body for a day not auctioned yet (tomorrow before
 * about 13:00 CET).
 */
import { DateTime } from 'luxon';
import { readShared } from '../fixtures';
import { simulatedUpstream, type SimulatedUpstream } from './upstream';
import type { SimulatedTime } from './time';

export const NORDPOOL_SE3_FILE = 'nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json';
/** Older days need a Nord Pool login (401). */
const KEEPS_DAYS = 93;
const ZONE = 'Europe/Oslo';
const MTU_15 = '2025-10-01';
const AREAS = new Set(['SE1', 'SE2', 'SE3', 'SE4', 'NO1', 'NO2', 'NO3', 'NO4', 'NO5', 'DK1', 'DK2', 'FI', 'EE', 'LV', 'LT', 'SYS']);

/** SE3's recorded price of each hour of 5 November 2024 (0..23), read from the file. */
export function recordedNordPoolSe3(): number[] {
  const doc = JSON.parse(readShared(NORDPOOL_SE3_FILE).toString('utf8')) as {
    multiAreaEntries: { entryPerArea: Record<string, number> }[];
  };
  return doc.multiAreaEntries.map((e) => e.entryPerArea.SE3);
}

export function simulatedNordPool(time: SimulatedTime): Promise<SimulatedUpstream> {
  return simulatedUpstream(time, 0, (url) => {
    const q = url.searchParams;
    const day = q.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { status: 400, body: 'date must be one delivery date, YYYY-MM-DD' };
    const areas = (q.get('deliveryArea') ?? '').split(',');
    if (q.get('market') !== 'DayAhead' || !areas.every((a) => AREAS.has(a))) return { status: 400, body: 'bad market or deliveryArea' };
    const now = DateTime.fromMillis(time.now(), { zone: ZONE });
    if (day < now.minus({ days: KEEPS_DAYS }).toISODate()!) return { status: 401, body: '' };
    if (day > now.plus({ days: now.hour >= 13 ? 1 : 0 }).toISODate()!) return { status: 204, body: '' };
    const recorded = recordedNordPoolSe3();
    const start = DateTime.fromISO(day, { zone: ZONE });
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    const minutes = day >= MTU_15 ? 15 : 60;
    const entries = [];
    for (let i = 0; i < hours; i++)
      for (let m = 0; m < 60; m += minutes) {
        const from = start.plus({ hours: i, minutes: m });
        entries.push({
          deliveryStart: from.toUTC().toISO({ suppressMilliseconds: true }),
          deliveryEnd: from.plus({ minutes }).toUTC().toISO({ suppressMilliseconds: true }),
          entryPerArea: Object.fromEntries(areas.map((a) => [a, recorded[Math.min(i, 23)]])),
        });
      }
    const answer = {
      deliveryDateCET: day,
      version: 3,
      updatedAt: `${start.minus({ days: 1 }).toISODate()}T12:15:03Z`,
      deliveryAreas: areas,
      market: 'DayAhead',
      multiAreaEntries: entries,
      currency: q.get('currency') ?? 'EUR',
      exchangeRate: 1,
      areaStates: [{ state: 'Final', areas }],
    };
    return { status: 200, type: 'application/json', body: JSON.stringify(answer) };
  });
}
