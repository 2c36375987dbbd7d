import { GridError, type ParsedPoint, ParseError, type ParseResult } from '../../../domain';
import { decodeText } from '../../../formats/text';
import { marketDay } from '../../../time/clock';
import type { ParseContext, Parser } from '../../types';
import { readInstant } from '../../shared/dates';
import { isObject, readJsonObject, requiredArray, requiredObject, requiredString } from '../../shared/json';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { entsoeA44Parser } from '../entsoe-parse';
import { sdacMtuMinutes } from '../sdac';
import { ENTSOE_AREAS, NORDPOOL_CLOCK } from './market';

const HOUR = 3_600_000;

type Entries = 'multiAreaEntries' | 'multiIndexEntries';

interface AreaPrice {
  location: string;
  start: number;
  end: number;
  value: number;
}

/** DayAheadPrices: `multiAreaEntries[{deliveryStart, deliveryEnd, entryPerArea}]`, times in UTC. */
export const parseDayAheadPrices: Parser = (body, ctx) => parseNordPool(body, ctx, 'multiAreaEntries');

/** DayAheadPriceIndices: the same entries under `multiIndexEntries`. */
export const parseDayAheadPriceIndices: Parser = (body, ctx) => parseNordPool(body, ctx, 'multiIndexEntries');

function parseNordPool(body: Buffer, ctx: ParseContext, entriesKey: Entries): ParseResult {
  const source = ctx.source;
  const asked = ctx.request?.period.key ?? 'that day';
  // The API answers 204 with no body, or 200 with version 0 and empty lists, before the auction result.
  if (decodeText(body).trim() === '') throw notPublished(asked);
  const json = readJsonObject(body, source, 'a Nord Pool day-ahead answer');
  const day = typeof json.deliveryDateCET === 'string' ? json.deliveryDateCET : asked;
  const entries = json[entriesKey];
  if (json.version === 0 || (Array.isArray(entries) && entries.length === 0)) throw notPublished(day);
  const currency = requiredString(json, 'currency', source);

  const prices: AreaPrice[] = [];
  const guard = new RowGuard(source, { where: (i) => `${entriesKey}[${i}]` });
  for (const [i, item] of requiredArray(json, entriesKey, source).entries()) {
    const entry = requiredObject(item, source, `${entriesKey}[${i}]`);
    const start = readInstant(requiredString(entry, 'deliveryStart', source), source, 'deliveryStart');
    const end = readInstant(requiredString(entry, 'deliveryEnd', source), source, 'deliveryEnd');
    if (!(end > start)) throw new ParseError(source, `deliveryEnd is not after deliveryStart at ${new Date(start).toISOString()}`);
    const perArea = entry.entryPerArea;
    if (!isObject(perArea)) throw new ParseError(source, `missing field "entryPerArea" at ${new Date(start).toISOString()}`);
    for (const [area, price] of Object.entries(perArea)) {
      const location = requiredText(area, source, `${entriesKey}[${i}], an area of "entryPerArea"`);
      guard.check(location, start, i);
      const value = readNumber(price, source, `the ${location} price at ${new Date(start).toISOString()}`);
      if (value !== undefined) prices.push({ location, start, end, value });
    }
  }

  if (!prices.length) throw notPublished(day);
  const points = hourlyBeforeMtuChange(prices, source).map((p): ParsedPoint => {
    const point: ParsedPoint = { ...p, run: 'DA', product: 'LMP' };
    if (currency !== 'EUR') point.currency = currency;
    return point;
  });
  return { points };
}

/**
 * Before the 15-minute MTU (2025-10-01) a sub-hourly answer only repeats each hour's price, so it is
 * stored as the hourly price it is. Quarters that disagree or leave part of the hour uncovered are
 * not a repeated hourly price, and are refused.
 */
function hourlyBeforeMtuChange(prices: AreaPrice[], source: string): AreaPrice[] {
  const out: AreaPrice[] = [];
  const hours = new Map<string, AreaPrice & { covered: number }>();
  for (const p of prices) {
    const short = p.end - p.start < HOUR;
    if (!short || sdacMtuMinutes(marketDay(p.start, NORDPOOL_CLOCK)) !== 60) {
      out.push(p);
      continue;
    }
    const hourStart = p.start - (p.start % HOUR);
    const key = `${p.location}|${hourStart}`;
    const hour = hours.get(key);
    if (!hour) {
      hours.set(key, { location: p.location, start: hourStart, end: hourStart + HOUR, value: p.value, covered: p.end - p.start });
      continue;
    }
    if (hour.value !== p.value) {
      throw new ParseError(
        source,
        `${p.location} has different prices within the hour ${new Date(hourStart).toISOString()} on a day before the 15-minute MTU`,
      );
    }
    hour.covered += p.end - p.start;
  }
  for (const { covered, ...hour } of hours.values()) {
    if (covered !== HOUR)
      throw new ParseError(
        source,
        `${hour.location} covers only ${covered / 60_000} minutes of the hour ${new Date(hour.start).toISOString()}`,
      );
    out.push(hour);
  }
  return out.sort((a, b) => a.start - b.start || a.location.localeCompare(b.location));
}

function notPublished(day: string): GridError {
  return new GridError(
    'NOT_PUBLISHED',
    `Nord Pool has not published day-ahead prices for ${day} yet; they appear after the auction (about 13:00 CET the day before).`,
  );
}

const readA44 = entsoeA44Parser({ requestedDaysOnly: true });

/**
 * ENTSO-E A44 publication document for a Nordic or Baltic area (`../entsoe-parse.ts`), its areas
 * named by EIC code as Nord Pool names them. Read as the answer to a request, only the requested
 * days are kept (ENTSO-E may send the next day along).
 */
export const parseEntsoeA44: Parser = (body, ctx) => {
  const { points } = readA44(body, ctx);
  const stranger = points.find((p) => !ENTSOE_AREAS.has(p.location));
  if (stranger) throw new ParseError(ctx.source, `${stranger.location} is not a Nordic or Baltic area Nord Pool asks ENTSO-E for`);
  return { points };
};
