import { DATE_WORD_FORMS, isDateWord, type MarketSummary } from '../contract';
import { byId, el, fieldValue, textField, textOf, type FluentCheckbox } from './dom';
import {
  argumentsOf,
  buildFormula,
  cellReference,
  fieldsOf,
  isPeriod,
  sheetOf,
  stripBlocks,
  type CellRefs,
  type FieldName,
  type FormulaFields,
  type GridFunction,
} from './formula';

/**
 * The formula builder's fields beyond the plain inputs: dates as picked or as words, a strip's
 * period and blocks, and cells of the sheet standing for arguments ("Cell" beside a field puts the
 * selection's address into the formula instead of the field's value).
 */

/** Where the builder takes what is chosen above it (market, location, the picked range). */
export interface Chosen {
  market?: MarketSummary;
  location?: string;
  start: string;
  end: string;
}

/** A cell standing for an argument: the selection's address as Excel gave it, fixed ($A$1) or relative. */
interface CellChoice {
  address: string;
  fixed: boolean;
}

/** Market and location are usually header cells: fixed references; the others relative, to fill down. */
const FIXED_BY_DEFAULT: FieldName[] = ['market', 'location'];
const WORD_EXAMPLES = DATE_WORD_FORMS.join(', ');

const cells: Partial<Record<FieldName, CellChoice>> = {};
/** The sheet of the last cell picked: where the formula is most likely inserted (references to it go without its name). */
let lastSheet: string | undefined;
let periodTyped = false;

export function chosenFunction(): GridFunction {
  return fieldValue('formula-function') as GridFunction;
}

/** A date field: the date picked above, a word typed (checked against the contract's words) or none. */
function dateField(name: 'start' | 'end', picked: string): { value: string; error?: string } {
  const as = fieldValue(`formula-${name}-as`);
  const word = textField(`formula-${name}-word`);
  word.hidden = as !== 'word';
  if (as === 'none') return { value: '' };
  if (as === 'picked') return { value: picked };
  const typed = textOf(word).trim();
  if (!typed) return { value: '', error: `Type a word or period: ${WORD_EXAMPLES}.` };
  if (!isDateWord(typed)) return { value: '', error: `"${typed}" is not a date word or period; write one of ${WORD_EXAMPLES}.` };
  return { value: typed };
}

function showError(id: string, error: string | undefined, input?: HTMLElement): void {
  const p = byId(id);
  p.hidden = !error;
  p.textContent = error ?? '';
  if (input) {
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** The fields of the builder (the market, location and dates from above), and the problems to say beside them. */
export function builderFields(chosen: Chosen): FormulaFields {
  const start = dateField('start', chosen.start);
  const end = dateField('end', chosen.end);
  const fn = chosenFunction();
  const takes = fieldsOf(fn);
  showError('formula-start-error', takes.includes('start') && !cells.start ? start.error : undefined, byId('formula-start-word'));
  showError('formula-end-error', takes.includes('end') && !cells.end ? end.error : undefined, byId('formula-end-word'));
  const period = textField('formula-period');
  if (!periodTyped && /^\d{4}/.test(chosen.start)) period.value = `CAL-${chosen.start.slice(0, 4)}`;
  const periodText = textOf(period);
  const periodError =
    periodText.trim() && !isPeriod(periodText) ? `"${periodText.trim()}" is not a period; write CAL-2026, Q3-2026 or 2026-07.` : undefined;
  showError('formula-period-error', takes.includes('period') && !cells.period ? periodError : undefined, period);
  byId('formula-market').textContent = chosen.market?.id ?? 'pick one above';
  byId('formula-location').textContent = chosen.location ?? 'pick one above';
  const blocks = [...document.querySelectorAll<FluentCheckbox>('#formula-blocks fluent-checkbox')]
    .filter((b) => b.checked)
    .map((b) => b.value);
  return {
    market: chosen.market?.id,
    location: chosen.location,
    start: start.value,
    end: end.value,
    period: periodText,
    blocks: blocks.join(','),
    run: fieldValue('formula-run'),
    product: fieldValue('formula-product'),
    block: fieldValue('formula-block'),
    form: fieldValue('formula-form'),
    stat: fieldValue('formula-stat'),
    by: fieldValue('formula-by'),
    options: fieldValue('formula-options'),
    search: fieldValue('formula-search'),
    from: fieldValue('formula-from').toUpperCase(),
    to: fieldValue('formula-to').toUpperCase(),
    view: fieldValue('formula-view'),
  };
}

/** The cells standing for arguments of the chosen function, written for a formula on `sheet`. */
export function cellRefs(sheet: string | undefined = lastSheet): CellRefs {
  const args = argumentsOf(chosenFunction());
  const refs: CellRefs = {};
  for (const [field, cell] of Object.entries(cells) as [FieldName, CellChoice][])
    if (args.includes(field)) refs[field] = cellReference(cell.address, sheet, cell.fixed);
  return refs;
}

/** The builder's formula for a sheet (the one of the last cell picked unless said), or undefined while incomplete. */
export function builtFormula(chosen: Chosen, sheet?: string): string | undefined {
  return buildFormula(chosenFunction(), builderFields(chosen), cellRefs(sheet ?? lastSheet));
}

/** A strip's blocks for the market, as checkboxes: on- and off-peak (or base and peak) ticked. */
export function showStripBlocks(market: MarketSummary): void {
  const ticked = stripBlocks(market.blocks);
  byId('formula-blocks').replaceChildren(
    ...market.blocks.map((b) =>
      el(
        'label',
        { class: 'check' },
        el('fluent-checkbox', { value: b, checked: ticked.includes(b), name: 'formula-block-across' }),
        ` ${b}`,
      ),
    ),
  );
}

/**
 * In Excel: a "Cell" button beside each argument field; clicked, the selection's address (read by
 * `address()`) stands for the argument until it is cleared. `changed` redraws the formula.
 */
export function setUpCellButtons(address: () => Promise<string>, changed: () => void, report: (message: string) => void): void {
  byId('cell-hint').hidden = false;
  for (const field of document.querySelectorAll<HTMLElement>('#formula-fields .field[data-field]')) {
    const name = field.dataset.field as FieldName;
    if (name === 'stat' || name === 'by') continue; // written into the options, not arguments of their own
    const use = el(
      'button',
      {
        type: 'button',
        class: 'use-cell',
        'data-for': name,
        title: 'Use the cell selected in the sheet for this argument',
        'aria-label': `Use the selected cell for ${name}`,
      },
      'Cell',
    );
    const anchor = el('button', { type: 'button', class: 'cell-address', 'data-for': name });
    const clear = el(
      'button',
      { type: 'button', class: 'cell-clear', 'data-for': name, 'aria-label': `Use the value for ${name} instead of a cell` },
      '×',
    );
    const chip = el('span', { class: 'cell-ref', hidden: true }, anchor, clear);
    field.querySelector(':scope > label, :scope > .label')?.after(chip);
    // Beside the field's own control (a word typed for a date goes under both).
    const control = field.querySelector(':scope > fluent-dropdown, :scope > fluent-text-input, :scope > output, :scope > .checks');
    if (control) control.after(use);
    else field.append(use);
    use.addEventListener('click', async () => {
      try {
        const picked = await address();
        cells[name] = { address: picked, fixed: FIXED_BY_DEFAULT.includes(name) };
        lastSheet = sheetOf(picked) ?? lastSheet;
        changed();
      } catch (thrown) {
        report(`Could not read the selected cell: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      }
    });
    anchor.addEventListener('click', () => {
      const cell = cells[name];
      if (cell) cell.fixed = !cell.fixed;
      changed();
    });
    clear.addEventListener('click', () => {
      delete cells[name];
      changed();
    });
  }
}

/** Shows each argument's cell (its address in place of the field's own control), after every change. */
export function showCells(): void {
  for (const field of document.querySelectorAll<HTMLElement>('#formula-fields .field[data-field]')) {
    const name = field.dataset.field as FieldName;
    const chip = field.querySelector<HTMLElement>('.cell-ref');
    if (!chip) continue;
    const ref = cells[name] ? cellReference(cells[name].address, lastSheet, cells[name].fixed) : undefined;
    chip.hidden = !ref;
    field.classList.toggle('by-cell', !!ref);
    const anchor = chip.querySelector<HTMLButtonElement>('.cell-address')!;
    anchor.textContent = ref ?? '';
    anchor.title = cells[name]?.fixed ? 'Fixed; click for a relative reference' : 'Relative; click for a fixed reference';
  }
}

/** Whether a cell stands for the field. */
export function byCell(field: FieldName): boolean {
  return !!cells[field];
}

/** The period field was typed in: it no longer follows the range's year. */
export function periodEdited(): void {
  periodTyped = fieldValue('formula-period').trim() !== '';
}
