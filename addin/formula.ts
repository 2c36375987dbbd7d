/** The =GRID. formulas the taskpane writes: any function of the add-in from the fields of the formula builder. */

export const GRID_FUNCTIONS = ['LMP', 'PRICE', 'AVG', 'LIVE', 'LOCATIONS', 'MARKETS', 'FX', 'QUALITY'] as const;
export type GridFunction = (typeof GRID_FUNCTIONS)[number];

/** Every field of the builder; dates are `YYYY-MM-DD` market days. */
export interface FormulaFields {
  market?: string;
  location?: string;
  start?: string;
  end?: string;
  run?: string;
  product?: string;
  block?: string;
  options?: string;
  search?: string;
  from?: string;
  to?: string;
  view?: string;
}
export type FieldName = keyof FormulaFields;

interface Argument {
  field: FieldName;
  required?: boolean;
  date?: boolean;
}

/** Each function's arguments in the order Excel takes them (functions/functions.ts). */
export const FUNCTION_ARGUMENTS: Record<GridFunction, Argument[]> = {
  LMP: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'product' },
    { field: 'options' },
  ],
  PRICE: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'run' },
    { field: 'product' },
    { field: 'options' },
  ],
  AVG: [
    { field: 'market', required: true },
    { field: 'location', required: true },
    { field: 'start', required: true, date: true },
    { field: 'end', date: true },
    { field: 'block' },
    { field: 'run' },
    { field: 'options' },
  ],
  LIVE: [{ field: 'market', required: true }, { field: 'location', required: true }, { field: 'run' }, { field: 'product' }],
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
};

/** The fields a function takes. */
export function fieldsOf(fn: GridFunction): FieldName[] {
  return FUNCTION_ARGUMENTS[fn].map((a) => a.field);
}

/**
 * `=GRID.FN(...)` from the fields, or undefined while a required one is empty. Empty optional
 * arguments are left empty (trailing ones dropped); a one-day range of a series or an average is
 * written with its start only.
 */
export function buildFormula(fn: GridFunction, fields: FormulaFields): string | undefined {
  const values = { ...fields };
  if ((fn === 'LMP' || fn === 'PRICE' || fn === 'AVG') && values.end === values.start) values.end = undefined;
  const args: string[] = [];
  for (const arg of FUNCTION_ARGUMENTS[fn]) {
    const value = values[arg.field]?.trim();
    if (!value) {
      if (arg.required) return undefined;
      args.push('');
      continue;
    }
    if (arg.date && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    args.push(arg.date ? excelDate(value) : text(value));
  }
  while (args.length && args[args.length - 1] === '') args.pop();
  return `=GRID.${fn}(${args.join(',')})`;
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

function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** `2025-07-01` -> `DATE(2025,7,1)`. */
function excelDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `DATE(${year},${month},${date})`;
}
