/// <reference types="office-js" />
import { sheetValues, type JoinedTable } from './sheet-table';

/** Writing to the workbook. Only inside Excel; outside it the taskpane copies instead. */

const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

export function excelAvailable(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function';
}

export async function insertFormula(formula: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.getSelectedRange().getCell(0, 0).formulas = [[formula]];
    await context.sync();
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
    range.numberFormat = values.map((row, i) => row.map((_, j) => (i > 0 && j === 0 ? DATE_FORMAT : 'General')));
    sheet.tables.add(range, true);
    const runColumns = anchor.getOffsetRange(0, 1).getResizedRange(height - 1, width - 2);
    const chart = sheet.charts.add('Line', runColumns, 'Columns');
    chart.title.text = title;
    chart.axes.categoryAxis.setCategoryNames(anchor.getOffsetRange(1, 0).getResizedRange(height - 2, 0));
    chart.setPosition(anchor.getOffsetRange(0, width + 1), anchor.getOffsetRange(17, width + 8));
    await context.sync();
  });
}
