/// <reference types="office-js" />
import { DATE_TIME_FORMAT, PRICE_FORMAT } from '../client';
import { sheetOf } from './formula';
import { sheetValues, type JoinedTable } from './sheet-table';

/** Writing to the workbook. Only inside Excel; outside it the taskpane copies instead. */

export function excelAvailable(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function';
}

/**
 * Writes a formula into the selected cell. `formula` may be made for the selection's sheet (its
 * name given, from the selection's address), so that references to that sheet go without its name.
 * Answers the formula written.
 */
export async function insertFormula(formula: string | ((sheet: string | undefined) => string | undefined)): Promise<string | undefined> {
  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRange();
    let written = typeof formula === 'string' ? formula : undefined;
    if (typeof formula === 'function') {
      selection.load('address');
      await context.sync();
      written = formula(sheetOf(selection.address));
    }
    if (!written) return undefined;
    selection.getCell(0, 0).formulas = [[written]];
    await context.sync();
    return written;
  });
}

/** The address of the selection, with its sheet (`Sheet1!C2`, `'My sheet'!A1:B3`). */
export async function selectedAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRange();
    selection.load('address');
    await context.sync();
    return selection.address;
  });
}

/** The table at the selected cell, as an Excel table, with a line chart of its runs beside it. */
export async function insertTable(table: JoinedTable, title: string): Promise<void> {
  const values = sheetValues(table);
  const height = values.length;
  const width = values[0].length;
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const anchor = context.workbook.getSelectedRange().getCell(0, 0);
    const range = anchor.getResizedRange(height - 1, width - 1);
    range.values = values;
    // The same formats a formula's cells carry: the interval start as a date-time, the prices as prices.
    range.numberFormat = values.map((row, i) => row.map((_, j) => (i === 0 ? 'General' : j === 0 ? DATE_TIME_FORMAT : PRICE_FORMAT)));
    sheet.tables.add(range, true);
    const runColumns = anchor.getOffsetRange(0, 1).getResizedRange(height - 1, width - 2);
    const chart = sheet.charts.add('Line', runColumns, 'Columns');
    chart.title.text = title;
    chart.axes.categoryAxis.setCategoryNames(anchor.getOffsetRange(1, 0).getResizedRange(height - 2, 0));
    chart.setPosition(anchor.getOffsetRange(0, width + 1), anchor.getOffsetRange(17, width + 8));
    await context.sync();
  });
}
