import { median } from './stats';

/**
 * A design budget: the figure must stay below (`max`) or above (`min`) the limit; `inclusive`
 * when the goal says "at most" or "at least" (the limit itself is met).
 */
export interface Budget {
  kind: 'max' | 'min';
  limit: number;
  inclusive?: boolean;
}

/** One line of the bench table: a median over several runs, or a figure skipped with its reason. */
export interface Figure {
  name: string;
  unit: string;
  /** Median of `runs`. */
  value?: number;
  runs?: number[];
  budget?: Budget;
  note?: string;
  skipped?: string;
}

/** A figure from its runs: the median is its value. */
export function measured(name: string, unit: string, runs: number[], extra: Pick<Figure, 'budget' | 'note'> = {}): Figure {
  return { name, unit, value: median(runs), runs, ...extra };
}

export function skipped(name: string, reason: string): Figure {
  return { name, unit: '', skipped: reason };
}

export function verdict(f: Figure): string {
  if (!f.budget || f.value === undefined) return '';
  const { kind, limit, inclusive } = f.budget;
  const met =
    kind === 'max' ? f.value < limit || (!!inclusive && f.value === limit) : f.value > limit || (!!inclusive && f.value === limit);
  return met ? 'met' : 'MISSED';
}

function num(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function budgetText(f: Figure): string {
  if (!f.budget) return '-';
  const sign = (f.budget.kind === 'max' ? '<' : '>') + (f.budget.inclusive ? '=' : '');
  return `${sign} ${num(f.budget.limit)} ${f.unit}`;
}

/** The figures as a plain-text table (also pasted into BENCHMARKS.md). */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) =>
    f.skipped
      ? [f.name, `skipped: ${f.skipped}`, '', '', '']
      : [f.name, `${num(f.value!)} ${f.unit}`, budgetText(f), verdict(f), `${f.runs!.length}${f.note ? `; ${f.note}` : ''}`],
  );
  const head = ['figure', 'median', 'budget', 'verdict', 'runs; note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The budgets a run missed, in words. */
export function missed(figures: Figure[]): string[] {
  return figures.filter((f) => verdict(f) === 'MISSED').map((f) => `${f.name}: ${num(f.value!)} ${f.unit}, budget ${budgetText(f)}`);
}
