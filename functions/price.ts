import { apiGet, apiPath, PRICE_FORMAT, type RequestBatcher } from '../client';
import { BLOCKS, DEFAULT_BLOCK, DEFAULT_STAT, oneOf, type Block } from '../contract';
import { isBlank, optionalText, requiredText } from './args';
import { formatted, statFormat, type NumberCell } from './cell-format';
import { apiDate, parseDateArg } from './dates';
import { functionError } from './errors';
import { AGGREGATE_OPTION_KEYS, parseOptions, SERIES_OPTION_KEYS } from './options';
import { seriesTable, singleValue, type Cell } from './series-table';

/** GRID.LMP / GRID.PRICE and GRID.AVG: prices of one location from /series and /aggregate. */

export interface PriceArgs {
  market: unknown;
  location: unknown;
  start: unknown;
  end?: unknown;
  run?: unknown;
  product?: unknown;
  options?: unknown;
}

export function seriesIdentity(args: Pick<PriceArgs, 'market' | 'location' | 'run' | 'product'>) {
  return {
    market: requiredText(args.market, 'market', '"PJM"').toUpperCase(),
    location: requiredText(args.location, 'location', '"WESTERN HUB"'),
    run: optionalText(args.run, 'run', '"DA" or "RT"')?.toUpperCase(),
    product: optionalText(args.product, 'product', '"LMP"')?.toUpperCase(),
  };
}

/**
 * Spilled [start, value] rows for a day or a range; one value (the interval holding that wall
 * time, the first one in a repeated fall-back hour) when `start` is a date-time and there is no `end`.
 * A range is asked as a partial answer on the expected intervals (`fill=none` unless the options
 * fill otherwise): a day that is not available spills as empty cells instead of failing the range.
 */
export async function priceFormula(batcher: RequestBatcher, args: PriceArgs): Promise<Cell[][]> {
  const { market, location, run, product } = seriesIdentity(args);
  const start = parseDateArg(args.start, 'start');
  const end = isBlank(args.end) ? undefined : parseDateArg(args.end, 'end');
  const options = parseOptions(args.options, SERIES_OPTION_KEYS);
  const single = start.kind === 'time' && !end;
  const common = {
    market,
    location,
    start: apiDate(start),
    run,
    product,
    tz: options.tz,
    currency: options.currency,
    unit: options.unit,
    asof: options.asof,
  };
  // One price at a time, with nothing to average or fill: the compact answer (start and value), most of a recalculation.
  if (single && !options.interval && !options.fill) {
    const value = await apiGet(batcher, apiPath('/value', common));
    if (value === null)
      throw functionError(
        'notAvailable',
        `No ${[run, product ?? 'price'].filter(Boolean).join(' ')} for ${market} ${location} at that time yet.`,
      );
    return [[formatted(value, PRICE_FORMAT)]];
  }
  const path = apiPath('/series', {
    market,
    location,
    start: apiDate(start),
    end: end && apiDate(end),
    run,
    product,
    tz: options.tz,
    currency: options.currency,
    interval: options.interval,
    fill: options.fill ?? (single ? undefined : 'none'),
    unit: options.unit,
    asof: options.asof,
    partial: single ? undefined : '1',
    background: single ? undefined : '1',
  });
  const answer = await apiGet(batcher, path);
  return single ? [[singleValue(answer)]] : seriesTable(answer, options);
}

export interface AverageArgs extends Omit<PriceArgs, 'product'> {
  block?: unknown;
}

/**
 * A statistic (the mean unless `stat=` says otherwise) of a block. With no `end`, the start's whole
 * period: its day, or the month of "2026-07", the quarter of "Q3-2026", the days of "MTD" ...
 */
export async function averageFormula(batcher: RequestBatcher, args: AverageArgs): Promise<NumberCell> {
  const { market, location, run } = seriesIdentity(args);
  const start = parseDateArg(args.start, 'start');
  const end = isBlank(args.end) ? undefined : parseDateArg(args.end, 'end');
  const block = readBlock(args.block);
  const options = parseOptions(args.options, AGGREGATE_OPTION_KEYS);
  const stat = options.stat ?? DEFAULT_STAT;
  const path = apiPath('/aggregate', {
    market,
    location,
    start: apiDate(start),
    end: end && apiDate(end),
    block,
    stat,
    run,
    product: options.product,
    tz: options.tz,
    currency: options.currency,
    unit: options.unit,
    asof: options.asof,
    background: '1',
  });
  return formatted((await apiGet(batcher, path)).value, statFormat(stat));
}

export function readBlock(value: unknown): Block {
  const text = optionalText(value, 'block', '"ONPEAK"');
  if (text === undefined) return DEFAULT_BLOCK;
  const block = oneOf(BLOCKS, text);
  if (!block) throw functionError('invalidValue', `block "${text.toUpperCase()}" is not known. Use one of: ${BLOCKS.join(', ')}.`);
  return block;
}
