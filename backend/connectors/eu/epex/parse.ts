import { GridError, type ParsedPoint, ParseError } from '../../../domain';
import { marketDay } from '../../../time/clock';
import type { Parser } from '../../types';
import { readJsonObject, requiredArray, requiredString } from '../../shared/json';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { periodBounds } from '../../shared/period';
import { sdacMtuMinutes } from '../sdac';
import { EPEX_CLOCK } from './market';

const MINUTE = 60_000;

/**
 * Energy-Charts /price: `{unix_seconds[], price[], unit}` with interval starts in UTC. The body does
 * not name its zone, so it is read only as the answer to a request; points outside the requested
 * market days (the request is padded) are dropped.
 */
export const parseEnergyCharts: Parser = (body, ctx) => {
  const { source, request } = ctx;
  if (!request?.location)
    throw new ParseError(source, 'an Energy-Charts answer does not name its bidding zone; it can only be read as the answer to a request');
  const json = readJsonObject(body, source, 'an Energy-Charts price answer');
  const seconds = requiredArray(json, 'unix_seconds', source);
  const prices = requiredArray(json, 'price', source);
  const unit = requiredString(json, 'unit', source);
  if (unit.replace(/\s+/g, '').toLowerCase() !== 'eur/mwh') throw new ParseError(source, `expected "unit" EUR / MWh, got ${unit}`);
  if (seconds.length !== prices.length)
    throw new ParseError(source, `"unix_seconds" has ${seconds.length} entries but "price" has ${prices.length}`);
  const starts = seconds.map((s, i) => readWholeNumber(s, source, `"unix_seconds"[${i}]`) * 1000);
  const { start: from, end: until } = periodBounds(request.period, EPEX_CLOCK);
  const points: ParsedPoint[] = [];
  starts.forEach((start, i) => {
    if (start < from || start >= until) return;
    const value = readNumber(prices[i], source, `"price" at ${new Date(start).toISOString()}`);
    if (value !== undefined)
      points.push({ location: request.location!.name, run: 'DA', product: 'LMP', start, end: start + intervalAt(starts, i), value });
  });
  if (!points.length)
    throw new GridError(
      'NOT_PUBLISHED',
      `${source}: Energy-Charts has no day-ahead prices for ${request.location.name} on ${request.period.key} yet.`,
    );
  return { points };
};

/**
 * The length of the interval starting at `starts[i]`: the shorter gap to a neighbour, so a hole in the
 * series or the hourly-to-15-minute switch never stretches a point.
 */
function intervalAt(starts: number[], i: number): number {
  const gaps = [starts[i] - starts[i - 1], starts[i + 1] - starts[i]].filter((g) => g > 0);
  return gaps.length ? Math.min(...gaps) : sdacMtuMinutes(marketDay(starts[i], EPEX_CLOCK)) * MINUTE;
}
