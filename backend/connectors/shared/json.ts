import { ParseError } from '../../domain';
import { decodeText } from '../../formats/text';
import { describeStart } from './markup';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON body; anything else (an HTML error page, truncated text) is a ParseError saying what came instead. */
export function readJson(body: Buffer, source: string, what: string): unknown {
  const text = decodeText(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ParseError(source, `expected ${what} as JSON, got ${describeStart(text)}`);
  }
  // JSON carries a NUL only as the escape \u0000 (not after an escaped backslash); it would end up in names as it is.
  if (text.includes('\\u0000') && /(?<!\\)(?:\\\\)*\\u0000/.test(text))
    throw new ParseError(source, 'a text in the JSON holds a NUL character (\\u0000): the answer is damaged');
  return value;
}

/** A JSON body that must be an object. */
export function readJsonObject(body: Buffer, source: string, what: string): JsonObject {
  const value = readJson(body, source, what);
  if (!isObject(value)) throw new ParseError(source, `expected ${what} as a JSON object`);
  return value;
}

/** A value (a list entry, a field) that must be an object. */
export function requiredObject(value: unknown, source: string, what: string): JsonObject {
  if (!isObject(value)) throw new ParseError(source, `${what} is not an object`);
  return value;
}

/** A body's JSON for following its page links; undefined when it is not JSON (its parser says so). */
export function jsonOrUndefined(body: Buffer): unknown {
  try {
    return JSON.parse(decodeText(body));
  } catch {
    return undefined;
  }
}

function at(where: string | undefined): string {
  return where ? `${where}: ` : '';
}

/** A field that must be present (it may be null), named in the error with the place it was looked for. */
export function requiredField(obj: JsonObject, key: string, source: string, where?: string): unknown {
  if (!(key in obj))
    throw new ParseError(source, `${at(where)}missing field "${key}" (fields were: ${Object.keys(obj).slice(0, 12).join(', ') || 'none'})`);
  return obj[key];
}

export function requiredArray(obj: JsonObject, key: string, source: string, where?: string): unknown[] {
  const value = requiredField(obj, key, source, where);
  if (!Array.isArray(value)) throw new ParseError(source, `${at(where)}field "${key}" is not a list`);
  return value;
}

export function requiredString(obj: JsonObject, key: string, source: string, where?: string): string {
  const value = requiredField(obj, key, source, where);
  if (typeof value !== 'string' || value === '') throw new ParseError(source, `${at(where)}field "${key}" is not a text`);
  return value;
}
