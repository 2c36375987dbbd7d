/**
 * Numbers as formatted cells: a date stays an Excel serial and a price a number (so formulas can
 * use them), but each carries the number format Excel shows it with. Hosts that know formatted
 * values get them (ExcelApi 1.19 `Double`, 1.16 `FormattedNumber`); others get the plain number.
 */

import { COUNT_FORMAT, PRICE_FORMAT } from '../client';

/** A count is a whole number; every other statistic is a price. */
export function statFormat(stat: string): string {
  return stat === 'count' ? COUNT_FORMAT : PRICE_FORMAT;
}

export interface FormattedValue {
  type: 'Double' | 'FormattedNumber';
  basicValue: number;
  numberFormat: string;
}

export type NumberCell = number | FormattedValue;

interface Requirements {
  isSetSupported(name: string, version: string): boolean;
}

/** The formatted value type the running Excel understands, if any. */
export function formattedValueType(): FormattedValue['type'] | undefined {
  const requirements = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office?.context?.requirements;
  if (!requirements) return undefined;
  if (requirements.isSetSupported('ExcelApi', '1.19')) return 'Double';
  if (requirements.isSetSupported('ExcelApi', '1.16')) return 'FormattedNumber';
  return undefined;
}

/** A number for a cell: formatted where the host can, as is where it cannot. */
export function formatted(value: number, numberFormat: string, type = formattedValueType()): NumberCell {
  return type ? { type, basicValue: value, numberFormat } : value;
}
