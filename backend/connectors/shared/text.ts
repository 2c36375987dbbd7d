import { ParseError } from '../../domain';

/** A text cell or JSON value, trimmed; empty, null or absent is undefined. */
export function optionalText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A text cell that must hold something (a location name): a ParseError naming `where` otherwise. */
export function requiredText(value: unknown, source: string, where: string): string {
  const text = optionalText(value);
  if (text === undefined) throw new ParseError(source, `${where} is missing or empty`);
  return text;
}
