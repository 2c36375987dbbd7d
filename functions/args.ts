import { CURRENCY_CODE } from '../contract';
import { functionError } from './errors';

/** Plain arguments: Excel passes null (or an empty string) for an omitted or empty one. */

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function requiredText(value: unknown, name: string, example: string): string {
  if (isBlank(value)) throw functionError('invalidValue', `${name} is missing; for example ${example}.`);
  if (typeof value !== 'string' && typeof value !== 'number')
    throw functionError('invalidValue', `${name} must be text; for example ${example}.`);
  return String(value).trim();
}

export function optionalText(value: unknown, name: string, example: string): string | undefined {
  return isBlank(value) ? undefined : requiredText(value, name, example);
}

/** One word of `list` (in any case), or `fallback` when the argument is empty; `hint` follows the list in the error. */
export function optionalChoice<T extends string>(
  value: unknown,
  name: string,
  list: readonly T[],
  fallback: T,
  example: string,
  hint = '',
): T {
  const text = (optionalText(value, name, example) ?? fallback).toLowerCase();
  const found = list.find((word) => word === text);
  if (!found) throw functionError('invalidValue', `${name} "${text}" is not one of ${list.join(', ')}${hint}.`);
  return found;
}

export function currencyCode(value: unknown, name: string): string {
  const text = requiredText(value, name, '"EUR"');
  const code = text.toUpperCase();
  if (!CURRENCY_CODE.test(code))
    throw functionError('invalidValue', `${name} "${text}" is not a currency code. Use a three-letter code such as EUR or USD.`);
  return code;
}
