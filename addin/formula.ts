/** The =GRID. formula that asks for what the market browser shows. */

export interface FormulaRequest {
  market: string;
  location: string;
  start: string;
  end: string;
  run?: string;
}

export function gridFormula(f: FormulaRequest): string {
  const args = [text(f.market), text(f.location), excelDate(f.start)];
  if (f.end !== f.start || f.run) args.push(f.end !== f.start ? excelDate(f.end) : '');
  if (f.run) args.push(text(f.run));
  return `=GRID.LMP(${args.join(',')})`;
}

function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** `2025-07-01` -> `DATE(2025,7,1)`. */
function excelDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `DATE(${year},${month},${date})`;
}
