import {
  ENERGY_UNITS,
  FILL_MODES,
  INTERVALS,
  MARKET_TZ,
  oneOf,
  STATS,
  UTC_TZ,
  type EnergyUnit,
  type FillMode,
  type Interval,
  type Stat,
} from '../contract';
import { currencyCode } from './args';
import { functionError } from './errors';

/**
 * The `options` argument: `key=value; key=value`, keys and values case-insensitive.
 * A wrong key or value is a #VALUE! error that lists the valid ones.
 */

export const COLUMNS = ['start', 'end', 'value', 'utc'] as const;
export type Column = (typeof COLUMNS)[number];

export interface FormulaOptions {
  /** Absent: the market clock. */
  tz?: string;
  currency?: string;
  interval?: Interval;
  fill?: FillMode;
  unit?: EnergyUnit;
  /** GRID.AVG and GRID.STRIP: the statistic of a block. */
  stat?: Stat;
  /** GRID.STRIP: the rows of a strip. */
  by?: StripRow;
  /** A forecast as issued by this date-time (the API reads it). */
  asof?: string;
  /** GRID.AVG and GRID.STRIP of another product than the price: LOAD, GEN_GAS, AS_SPIN ... */
  product?: string;
  headers: boolean;
  columns: Column[];
}

/** The periods a strip's rows may be. */
export const STRIP_ROWS = ['month', 'quarter', 'year'] as const;
export type StripRow = (typeof STRIP_ROWS)[number];

export type OptionKey = 'tz' | 'currency' | 'interval' | 'fill' | 'unit' | 'headers' | 'columns' | 'stat' | 'by' | 'asof' | 'product';
export const SERIES_OPTION_KEYS: OptionKey[] = ['tz', 'currency', 'interval', 'headers', 'columns', 'fill', 'unit', 'asof'];
export const AGGREGATE_OPTION_KEYS: OptionKey[] = ['tz', 'currency', 'unit', 'stat', 'product', 'asof'];
export const STRIP_OPTION_KEYS: OptionKey[] = ['currency', 'unit', 'stat', 'by', 'product'];

const DEFAULTS: FormulaOptions = { headers: false, columns: ['start', 'value'] };

type Reader = (value: string, options: FormulaOptions) => void;

const READERS: Record<OptionKey, Reader> = {
  tz: (value, o) => {
    o.tz = readZone(value);
  },
  currency: (value, o) => {
    o.currency = currencyCode(value, 'currency');
  },
  interval: (value, o) => {
    o.interval = valid('interval', value, INTERVALS);
  },
  fill: (value, o) => {
    o.fill = valid('fill', value, FILL_MODES);
  },
  unit: (value, o) => {
    o.unit = valid('unit', value, ENERGY_UNITS);
  },
  stat: (value, o) => {
    o.stat = valid('stat', value, STATS);
  },
  by: (value, o) => {
    o.by = valid('by', value, STRIP_ROWS);
  },
  asof: (value, o) => {
    o.asof = value;
  },
  product: (value, o) => {
    o.product = value.toUpperCase();
  },
  headers: (value, o) => {
    o.headers = ['1', 'true', 'yes'].includes(valid('headers', value, ['1', '0', 'true', 'false', 'yes', 'no']));
  },
  columns: (value, o) => {
    o.columns = readColumns(value);
  },
};

export function parseOptions(text: unknown, allowed: OptionKey[]): FormulaOptions {
  const options: FormulaOptions = { ...DEFAULTS };
  if (text === null || text === undefined || text === '') return options;
  if (typeof text !== 'string') throw invalid(`options must be text like "tz=UTC; headers=1".`);
  const seen = new Set<string>();
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!allowed.includes(key as OptionKey)) throw invalid(`Unknown option "${key}". Valid options here: ${allowed.join(', ')}.`);
    if (seen.has(key)) throw invalid(`Option "${key}" is given twice.`);
    if (!value) throw invalid(`Option "${key}" needs a value, like ${key}=${EXAMPLES[key as OptionKey]}.`);
    seen.add(key);
    READERS[key as OptionKey](value, options);
  }
  return options;
}

const EXAMPLES: Record<OptionKey, string> = {
  tz: 'UTC',
  currency: 'EUR',
  interval: 'hour',
  fill: 'none',
  unit: 'MWh',
  headers: '1',
  columns: 'start,value',
  stat: 'max',
  by: 'quarter',
  asof: '2026-07-01T06:00',
  product: 'LOAD',
};

/** The value of `list` that `value` names, ignoring case. */
function valid<T extends string>(key: string, value: string, list: readonly T[]): T {
  const found = oneOf(list, value);
  if (!found) throw invalid(`${key}=${value} is not valid. Use one of: ${list.join(', ')}.`);
  return found;
}

/** `market` (the default), UTC, a fixed offset like UTC-5, or an IANA zone such as Europe/Berlin. */
function readZone(value: string): string | undefined {
  const is = (word: string) => value.toLowerCase() === word.toLowerCase();
  if (is(MARKET_TZ)) return undefined;
  if (is(UTC_TZ)) return UTC_TZ;
  if (/^utc[+-]\d{1,2}(:\d\d)?$/i.test(value)) return value.toUpperCase();
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw invalid(`tz=${value} is not a time zone. Use market, UTC, a fixed offset like UTC-5, or an IANA name like Europe/Berlin.`);
  }
}

function readColumns(value: string): Column[] {
  const columns = value.split(',').map((c) => valid('columns', c.trim(), COLUMNS));
  if (new Set(columns).size !== columns.length) throw invalid(`columns=${value} names a column twice.`);
  return columns;
}

function invalid(message: string): ReturnType<typeof functionError> {
  return functionError('invalidValue', message);
}
