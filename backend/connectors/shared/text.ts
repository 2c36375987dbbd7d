import { ParseError } from '../../domain';
import { at } from './numbers';

/** A text cell or JSON value, trimmed; empty, null or absent is undefined. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A text cell that must hold something (a location name): a ParseError naming `where` otherwise. */
export function requiredText(value: unknown, source: string, where: string, line?: number): string {
  const text = optionalText(value);
  if (text === undefined) throw new ParseError(source, `${at(where, line)} is missing or empty`);
  return text;
}
