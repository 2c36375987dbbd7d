import { DATE_WORDS, isDateWord } from '../contract';

/** The =GRID. formulas the taskpane writes: any function of the add-in from the fields of the formula builder. */

export const GRID_FUNCTIONS = [
  'LMP',
  'PRICE',
  'AVG',
  'STRIP',
  'LIVE',
  'STATUS',
  'LOCATIONS',
  'MARKETS',
  'FX',
  'QUALITY',
  'LOAD',
  'FUELMIX',
  'AS',
] as const;
export type GridFunction = (typeof GRID_FUNCTIONS)[number];

/**
 * Every field of the builder. Dates are `YYYY-MM-DD` market days (written `DATE(y,m,d)`) or the
 * contract's relative words and periods (`MTD`, `T-1`, `2026-07`, `Q3-2026`, `CAL-2026`, written
 * as text for the backend to resolve on the market clock). `stat` and `by` are written into the
 * options argument.
 */
export interface FormulaFields {
  market?: string;
  location?: string;
  start?: string;
  end?: string;
  period?: string;
  blocks?: string;
  run?: string;
  product?: string;
  block?: string;
  form?: string;
  stat?: string;
  by?: string;
  options?: string;
  search?: string;
  from?: string;
  to?: string;
  view?: string;
}
export type FieldName = keyof FormulaFields;

/** Fields whose value is an argument's cell reference instead of a literal, e.g. `{ market: '$A$1' }`. */
export type CellRefs = Partial<Record<FieldName, string>>;

interface Argument {
  field: FieldName;
  required?: boolean;
  date?: boolean;
  /** The builder's fields written into this (options) argument as `key=value`. */
  keys?: FieldName[];
}

const SERIES: Argument[] = [
  { field: 'market', required: true },
  { field: 'location', required: true },
  { field: 'start', required: true, date: true },
  { field: 'end', date: true },
  { field: 'run' },
  { field: 'product' },
  { field: 'options' },
];

/** Each function's arguments in the order Excel takes them (functions/functions.ts). */
export const FUNCTION_ARGUMENTS: Record<GridFunction, Argument[]> = {
  LMP: SERIES,
  PRICE: SERIES,
  AVG: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'block' },
    { field: 'run' },
    { field: 'options', keys: ['stat'] },
  ],
  STRIP: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'period', required: true },
    { field: 'blocks' },
    { field: 'run' },
    { field: 'options', keys: ['stat', 'by'] },
  ],
  LIVE: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'run' },
    { field: 'product' },
    { field: 'form' },
  ],
  STATUS: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'product' },
  ],
  LOCATIONS: [{ field: 'market', required: true }, { field: 'search' }],
  MARKETS: [],
  FX: [
    { field: 'from', required: true },
    { field: 'to', required: true },
    { field: 'start', required: true, date: true },
  ],
  QUALITY: [
    { field: 'market', required: true },
    { field: 'location' },
    { field: 'start', date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'view' },
  ],
  // GRID.LOAD's kind is a run (ACTUAL, FORECAST, DA); GRID.AS's service is an AS_ product.
  LOAD: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'options' },
  ],
  FUELMIX: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'options' },
  ],
  AS: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'product', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'options' },
  ],
};

/** The fields a function takes: its arguments, with the option fields (stat, by) after the options they go into. */
export function fieldsOf(fn: GridFunction): FieldName[] {
  return FUNCTION_ARGUMENTS[fn].flatMap((a) => [a.field, ...(a.keys ?? [])]);
}

/** The fields of a function that are arguments of their own (a cell may stand for them). */
export function argumentsOf(fn: GridFunction): FieldName[] {
  return FUNCTION_ARGUMENTS[fn].map((a) => a.field);
}

const PICKED_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A cell or a range of cells, on this sheet or another: `C2`, `$A$1`, `B1:C1`, `Sheet2!$A$1`, `'My sheet'!A1`. */
const CELL_REF = /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;

/** Whether the text can stand in a date argument: a picked day or a relative word or period. */
export function isDateText(text: string): boolean {
  return PICKED_DAY.test(text.trim()) || isDateWord(text);
}

/** Whether the text is a strip's period: `CAL-2026`, `Q3-2026` or `2026-07`. */
export function isPeriod(text: string): boolean {
  const t = text.trim();
  const month = DATE_WORDS.month.exec(t);
  return DATE_WORDS.year.test(t) || DATE_WORDS.quarter.test(t) || (!!month && Number(month[2]) >= 1 && Number(month[2]) <= 12);
}

export function isCellRef(text: string): boolean {
  return CELL_REF.test(text.trim());
}

/**
 * `=GRID.FN(...)` from the fields, or undefined while a required one is empty or a date, period or
 * cell reference is not one. A field in `refs` is written as its cell reference instead. Empty
 * optional arguments are left empty (trailing ones dropped); a one-day range of a series, an
 * average or a status is written with its start only.
 */
export function buildFormula(fn: GridFunction, fields: FormulaFields, refs: CellRefs = {}): string | undefined {
  const values = { ...fields };
  if ((fn === 'LMP' || fn === 'PRICE' || fn === 'AVG' || fn === 'STATUS') && !refs.start && !refs.end && values.end === values.start)
    values.end = undefined;
  const args: string[] = [];
  for (const arg of FUNCTION_ARGUMENTS[fn]) {
    const ref = refs[arg.field]?.trim();
    if (ref) {
      if (!isCellRef(ref)) return undefined;
      args.push(ref);
      continue;
    }
    const value = (arg.keys ? withOptions(values.options, arg.keys, values) : values[arg.field])?.trim();
    if (!value) {
      if (arg.required) return undefined;
      args.push('');
      continue;
    }
    if (arg.date) {
      const written = dateArgument(value);
      if (!written) return undefined;
      args.push(written);
    } else if (arg.field === 'period') {
      if (!isPeriod(value)) return undefined;
      args.push(text(value.toUpperCase()));
    } else args.push(text(value));
  }
  while (args.length && args[args.length - 1] === '') args.pop();
  return `=GRID.${fn}(${args.join(',')})`;
}

/** `2025-07-01` -> `DATE(2025,7,1)`; a word or period -> `"MTD"`; anything else undefined. */
export function dateArgument(value: string): string | undefined {
  const day = PICKED_DAY.exec(value.trim());
  if (day) return `DATE(${Number(day[1])},${Number(day[2])},${Number(day[3])})`;
  if (isDateWord(value)) return text(value.trim().toUpperCase());
  return undefined;
}

/** The options text with the builder's option fields first (`stat=max; by=quarter; ...`), replacing the same keys typed. */
function withOptions(typed: string | undefined, keys: FieldName[], fields: FormulaFields): string {
  const chosen = keys.filter((k) => fields[k]?.trim()).map((k) => `${k}=${fields[k]?.trim()}`);
  const rest = (typed ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !keys.some((k) => fields[k]?.trim() && part.toLowerCase().startsWith(`${k}=`)));
  return [...chosen, ...rest].join('; ');
}

export interface FormulaRequest {
  market: string;
  location: string;
  start: string;
  end: string;
  run?: string;
}

/** The GRID.LMP formula of what the market browser shows. */
export function gridFormula(f: FormulaRequest): string {
  return buildFormula('LMP', f) as string;
}

/** A strip's blocks for a market: on- and off-peak where it has them, else base and peak, else all hours (no blocks). */
export function stripBlocks(blocks: readonly string[]): string[] {
  const pair = (a: string, b: string) => blocks.includes(a) && blocks.includes(b);
  if (pair('ONPEAK', 'OFFPEAK')) return ['ONPEAK', 'OFFPEAK'];
  if (pair('BASE', 'PEAK')) return ['BASE', 'PEAK'];
  return blocks.filter((b) => b !== 'ATC');
}

/** The one-click strip: the calendar year of `day` in months, the market's strip blocks across. */
export function stripFormula(market: string, location: string, day: string, blocks: readonly string[]): string | undefined {
  const year = PICKED_DAY.exec(day)?.[1];
  if (!year) return undefined;
  return buildFormula('STRIP', { market, location, period: `CAL-${year}`, blocks: stripBlocks(blocks).join(',') });
}

/**
 * A selection's address as Excel gives it (`Sheet1!C2`, `'My sheet'!A1:B1`) made into a reference
 * for a formula on `sheet`: without the sheet when it is the same one; fixed (`$C$2`) when asked.
 */
export function cellReference(address: string, sheet: string | undefined, fixed: boolean): string {
  const bang = address.lastIndexOf('!');
  const where = bang >= 0 ? address.slice(0, bang) : '';
  const cells = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, '');
  const written = fixed ? cells.replace(/([A-Za-z]+)(\d+)/g, '$$$1$$$2') : cells;
  const name = where.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  return where && name !== sheet ? `${where}!${written}` : written;
}

/** The sheet of an address (`'My sheet'!A1` -> `My sheet`), or undefined. */
export function sheetOf(address: string): string | undefined {
  const bang = address.lastIndexOf('!');
  return bang >= 0
    ? address
        .slice(0, bang)
        .replace(/^'(.*)'$/, '$1')
        .replace(/''/g, "'")
    : undefined;
}

function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
