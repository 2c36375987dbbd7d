import type { Connector } from '../backend/connectors/types';
import type { SeriesWriter } from '../backend/series/write-path';
import { dayBounds, daysBetween } from '../backend/time/clock';

const HOUR = 3_600_000;

export interface Seeded {
  locations: string[];
  /** UTC start of every hour of the year, in order. */
  hours: number[];
  points: number;
}

/** A price that looks like one: a daily shape and some noise, two decimals, deterministic. */
function price(hour: number, location: number): number {
  const h = new Date(hour).getUTCHours();
  const noise = Math.sin((hour / HOUR) * 12.9898 + location * 78.233) * 43758.5453;
  return Math.round((35 + 15 * Math.sin(((h - 6) / 24) * 2 * Math.PI) + (noise - Math.floor(noise)) * 10) * 100) / 100;
}

/**
 * A year of hourly DA LMP for some of the market's locations, written through the write path
 * every import and fetch ends in; every day is whole and past, so its coverage is final and the
 * read path answers from the cache and never fetches.
 */
export async function seedYear(writer: SeriesWriter, connector: Connector, year: number, locationCount: number): Promise<Seeded> {
  const market = connector.market;
  const days = daysBetween(`${year}-01-01`, `${year}-12-31`);
  const from = dayBounds(days[0], market.clock).start;
  const to = dayBounds(days[days.length - 1], market.clock).end;
  const hours: number[] = [];
  for (let t = from; t < to; t += HOUR) hours.push(t);
  const locations = connector.locations.slice(0, locationCount).map((l) => l.name);
  let count = 0;
  for (const [li, location] of locations.entries()) {
    const points = hours.map((start) => ({ location, run: 'DA', product: 'LMP', start, end: start + HOUR, value: price(start, li) }));
    await writer.write(market, [{ points }], { source: 'bench:seed' });
    count += points.length;
  }
  return { locations, hours, points: count };
}
