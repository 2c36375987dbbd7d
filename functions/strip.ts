import { ApiError, apiGet, apiPath, type RequestBatcher } from '../client';
import { DATE_WORDS, DEFAULT_BLOCK, DEFAULT_STAT, INPUT_ERROR_CODES, type Block } from '../contract';
import { isBlank, optionalText, requiredText } from './args';
import { formatted, statFormat } from './cell-format';
import { functionError } from './errors';
import { parseOptions, STRIP_OPTION_KEYS, type StripRow } from './options';
import { readBlock } from './price';
import type { Cell } from './series-table';

/**
 * GRID.STRIP: a block statistic per period of a strip, months (or quarters, years) down and blocks
 * across, each cell one /aggregate call (one batch for the whole strip). Row labels are the
 * period texts the API reads ("2026-07", "Q3-2026", "CAL-2026"), so they can feed GRID.AVG.
 */

export interface StripArgs {
  market: unknown;
  location: unknown;
  period: unknown;
  blocks?: unknown;
  run?: unknown;
  options?: unknown;
}

/** A period of a strip: a calendar year, a quarter or a month. */
interface Period {
  kind: StripRow;
  year: number;
  /** 1-12 for a month, 1-4 for a quarter. */
  index: number;
}

const INPUT_CODES: readonly string[] = INPUT_ERROR_CODES;
const PERIOD_EXAMPLES = '"CAL-2026", "Q3-2026" or "2026-07"';
const MONTHS_IN: Record<StripRow, number> = { month: 1, quarter: 3, year: 12 };

export async function stripFormula(batcher: RequestBatcher, args: StripArgs): Promise<Cell[][]> {
  const market = requiredText(args.market, 'market', '"PJM"').toUpperCase();
  const location = requiredText(args.location, 'location', '"WESTERN HUB"');
  const period = readPeriod(args.period);
  const blocks = readBlocks(args.blocks);
  const run = optionalText(args.run, 'run', '"DA" or "RT"')?.toUpperCase();
  const options = parseOptions(args.options, STRIP_OPTION_KEYS);
  const rows = rowsOf(period, options.by ?? 'month');
  const stat = options.stat ?? DEFAULT_STAT;
  const cells = rows.map((row) =>
    blocks.map((block) =>
      apiGet(
        batcher,
        apiPath('/aggregate', {
          market,
          location,
          start: label(row),
          block,
          stat,
          run,
          product: options.product,
          currency: options.currency,
          unit: options.unit,
          background: '1',
        }),
      ),
    ),
  );
  const settled = await Promise.all(cells.map((row) => Promise.allSettled(row)));
  const failures = settled.flat().flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  // A wrong argument is wrong for every cell; data missing for some periods leaves those cells empty.
  const wrong = failures.find((e) => e instanceof ApiError && INPUT_CODES.includes(e.code));
  if (wrong !== undefined || (failures.length && failures.length === settled.flat().length)) throw wrong ?? failures[0];
  return [
    ['Period', ...blocks],
    ...rows.map((row, i): Cell[] => [
      label(row),
      ...settled[i].map((s) => (s.status === 'fulfilled' ? formatted(s.value.value, statFormat(stat)) : '')),
    ]),
  ];
}

function readPeriod(value: unknown): Period {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 9999)
    return { kind: 'year', year: value, index: 1 };
  const text = requiredText(value, 'period', PERIOD_EXAMPLES);
  let m: RegExpExecArray | null;
  if ((m = DATE_WORDS.year.exec(text))) return { kind: 'year', year: Number(m[1]), index: 1 };
  if ((m = DATE_WORDS.quarter.exec(text))) return { kind: 'quarter', year: Number(m[2]), index: Number(m[1]) };
  if ((m = DATE_WORDS.month.exec(text)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  throw functionError('invalidValue', `period "${text}" is not a year, quarter or month; write it like ${PERIOD_EXAMPLES}.`);
}

/** The blocks across: "ONPEAK,OFFPEAK", or a range of cells holding one block each. */
function readBlocks(value: unknown): Block[] {
  if (isBlank(value)) return [DEFAULT_BLOCK];
  const cells: unknown[] = Array.isArray(value) ? value.flat() : [value];
  const texts = cells.filter((v) => !isBlank(v)).flatMap((v) => String(v).split(','));
  if (!texts.length) return [DEFAULT_BLOCK];
  const blocks = texts.map((t) => readBlock(t.trim()));
  if (new Set(blocks).size !== blocks.length) throw functionError('invalidValue', `blocks "${texts.join(',')}" names a block twice.`);
  return blocks;
}

/** The periods of `by` that make up the period, in order. */
function rowsOf(period: Period, by: StripRow): Period[] {
  const months = MONTHS_IN[period.kind];
  const step = MONTHS_IN[by];
  if (step > months)
    throw functionError(
      'invalidValue',
      `by=${by} is longer than the period ${label(period)}; use by=month, or a longer period such as CAL-${period.year}.`,
    );
  const firstMonth = (period.index - 1) * months + 1;
  return Array.from({ length: months / step }, (_, i) => ({ kind: by, year: period.year, index: (firstMonth - 1 + i * step) / step + 1 }));
}

function label(p: Period): string {
  if (p.kind === 'year') return `CAL-${p.year}`;
  if (p.kind === 'quarter') return `Q${p.index}-${p.year}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}
