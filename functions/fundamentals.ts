import { ApiError, apiGet, apiPath, PRICE_FORMAT, serialFromIsoWallTime, type RequestBatcher } from '../client';
import { AS_PREFIX, GEN_PREFIX, LOAD_PRODUCT, type SeriesResponse } from '../contract';
import { isBlank, requiredText } from './args';
import { formatted, formattedValueType } from './cell-format';
import { apiDate, parseDateArg } from './dates';
import { functionError } from './errors';
import { parseOptions, SERIES_OPTION_KEYS } from './options';
import { priceFormula } from './price';
import { timeFormatOf, type Cell } from './series-table';

/** GRID.LOAD, GRID.AS and GRID.FUELMIX: fundamentals through the same read path as prices. */

export interface LoadArgs {
  market: unknown;
  location: unknown;
  start: unknown;
  end?: unknown;
  run?: unknown;
  options?: unknown;
}

/** Load on run ACTUAL (the product's default), FORECAST, DA (cleared) or another run of the market (RTH: an hourly actual beside a five-minute one). */
export function loadFormula(batcher: RequestBatcher, args: LoadArgs): Promise<Cell[][]> {
  return priceFormula(batcher, { ...args, product: LOAD_PRODUCT });
}

export interface AncillaryArgs extends LoadArgs {
  service: unknown;
}

/** An ancillary service's clearing price: `service` as the vocabulary names it (REG_UP, SPIN ...), with or without `AS_`. */
export function ancillaryFormula(batcher: RequestBatcher, args: AncillaryArgs): Promise<Cell[][]> {
  const service = requiredText(args.service, 'service', '"SPIN" or "REG_UP"')
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const product = service.startsWith(AS_PREFIX) ? service : AS_PREFIX + service;
  return priceFormula(batcher, { ...args, product });
}

export interface FuelMixArgs {
  market: unknown;
  location: unknown;
  start: unknown;
  end?: unknown;
  options?: unknown;
}

/**
 * Generation by fuel: a header row [Start, fuel ...] then one row per interval, one column per fuel
 * the market publishes that has values in the range. The first fuel is asked alone, so that one
 * fetch of the market's mix fills the cache for the others.
 */
export async function fuelMixFormula(batcher: RequestBatcher, args: FuelMixArgs): Promise<Cell[][]> {
  const market = requiredText(args.market, 'market', '"ERCOT"').toUpperCase();
  const location = requiredText(args.location, 'location', '"ERCOT"');
  const start = parseDateArg(args.start, 'start');
  const end = isBlank(args.end) ? undefined : parseDateArg(args.end, 'end');
  const options = parseOptions(args.options, SERIES_OPTION_KEYS);
  const { markets } = await apiGet(batcher, apiPath('/markets'));
  const fuels = markets.find((m) => m.id === market)?.products.filter((p) => p.dataset === 'generation') ?? [];
  if (!fuels.length)
    throw functionError(
      'notAvailable',
      `${market} publishes no generation by fuel in gridcell. GRID.MARKETS() lists each market's datasets.`,
    );
  const ask = (product: string) =>
    apiGet(
      batcher,
      apiPath('/series', {
        market,
        location,
        start: apiDate(start),
        end: end && apiDate(end),
        run: 'ACTUAL',
        product,
        tz: options.tz,
        interval: options.interval,
        partial: '1',
        background: '1',
      }),
    ).catch((e: unknown) => e);
  const first = await ask(fuels[0].id);
  const answers = [first, ...(await Promise.all(fuels.slice(1).map((f) => ask(f.id))))];
  return fuelTable(answers);
}

/** The fuels answered with values, side by side on the union of their interval starts; the first failure when none has any. */
export function fuelTable(answers: (SeriesResponse | unknown)[]): Cell[][] {
  const withValues = answers.filter((a): a is SeriesResponse => isSeries(a) && a.points.some((p) => p.value !== null));
  if (!withValues.length) {
    const failure = answers.find((a) => a instanceof ApiError);
    if (failure) throw failure;
    throw functionError('notAvailable', 'No generation by fuel for this location and period yet.');
  }
  const starts = [...new Set(withValues.flatMap((a) => a.points.map((p) => p.start)))].sort((a, b) => Date.parse(a) - Date.parse(b));
  const byFuel = withValues.map((a) => new Map(a.points.map((p) => [p.start, p.value])));
  const type = formattedValueType();
  const timeFormat = timeFormatOf(withValues[0].points[0]);
  const header: Cell[] = [`Start (${withValues[0].tz})`, ...withValues.map((a) => `${a.product.slice(GEN_PREFIX.length)} (${a.unit})`)];
  const rows = starts.map((start): Cell[] => [
    formatted(serialFromIsoWallTime(start), timeFormat, type),
    ...byFuel.map((values) => {
      const value = values.get(start);
      return value === null || value === undefined ? '' : formatted(value, PRICE_FORMAT, type);
    }),
  ]);
  return [header, ...rows];
}

function isSeries(answer: unknown): answer is SeriesResponse {
  return typeof answer === 'object' && answer !== null && Array.isArray((answer as SeriesResponse).points);
}
