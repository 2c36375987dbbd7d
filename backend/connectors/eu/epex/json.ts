import { ParseError } from '../../../domain';
import { decodeText } from '../../../formats/text';

export type JsonObject = Record<string, unknown>;

/** A JSON object body; anything else (an HTML error page, an array, truncated text) is a ParseError. */
export function readJsonObject(body: Buffer, source: string, what: string): JsonObject {
  const text = decodeText(body).trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ParseError(source, `expected ${what} as JSON but got ${JSON.stringify(text.slice(0, 60))}...`);
  }
  if (!isObject(value)) throw new ParseError(source, `expected ${what} as a JSON object`);
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required array field, named in the error when missing. */
export function requiredArray(obj: JsonObject, key: string, source: string): unknown[] {
  const value = obj[key];
  if (!Array.isArray(value)) throw new ParseError(source, `missing field "${key}"`);
  return value;
}

/** A required string field, named in the error when missing. */
export function requiredString(obj: JsonObject, key: string, source: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new ParseError(source, `missing field "${key}"`);
  return value;
}
