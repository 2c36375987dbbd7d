import type { HttpRequest } from './types';

export const MASK = '***';
/** A secret cut short (by a truncation, or at the end of what was read) is still found from this many of its first characters on. */
export const MIN_FRAGMENT = 8;
/** Fields of login answers, and query parameters, whose values are credentials (OAuth and OpenID tokens). */
const TOKEN_NAMES = ['id_token', 'access_token', 'refresh_token'];
const TOKEN_VALUES = new RegExp(
  `("(?:${TOKEN_NAMES.join('|')})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"|\\b((?:${TOKEN_NAMES.join('|')})=)[^&\\s"'<]*`,
  'gi',
);

/** Text with every trace of some secrets removed. */
export type Redact = (text: string) => string;

/** The request's URL with secret query parameters, and token parameters, masked. */
export function redactedUrl(request: HttpRequest): string {
  const names = new Set([...(request.secrets ?? []).map((s) => s.toLowerCase()), ...TOKEN_NAMES]);
  try {
    const url = new URL(request.url);
    const masked = [...url.searchParams.keys()].filter((key) => names.has(key.toLowerCase()));
    if (!masked.length) return request.url;
    for (const key of masked) url.searchParams.set(key, MASK);
    return url.toString();
  } catch {
    return request.url;
  }
}

/**
 * Removes the given secret values from any text, in every form an upstream or a message may echo
 * them in: as given, JSON-escaped (once or twice, `\/`, `\uXXXX`), URL- and form-encoded,
 * XML-escaped, inside base64 (a Basic login, at any byte alignment), in any letter case, and cut
 * short: a run of MIN_FRAGMENT characters or more that starts or ends a form is masked, so a
 * value cut by a truncation, or escaped some other way in its middle, leaves at most its odd
 * characters. Token fields of login answers (`"id_token":"..."`, `access_token=...`) are masked
 * whatever their value.
 */
export function redactor(secretValues: readonly string[]): Redact {
  const forms = [...new Set(secretValues.filter((v) => v.length > 0).flatMap(encodings))].map(asciiLower);
  if (!forms.length) return scrubTokens;
  const ends = new Set(forms.flatMap((f) => [f.slice(0, MIN_FRAGMENT), f.slice(-MIN_FRAGMENT)]));
  const pattern = new RegExp([...ends].map((e) => e.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'gi');
  return (text) => {
    const clean = scrubTokens(text);
    const cuts: [number, number][] = [];
    pattern.lastIndex = 0;
    for (let hit = pattern.exec(clean); hit; hit = pattern.exec(clean)) {
      for (const form of forms) {
        const ahead = matchedAhead(clean, hit.index, form);
        if (ahead) cuts.push([hit.index, hit.index + ahead]);
        const behind = form.length > MIN_FRAGMENT ? matchedBehind(clean, hit.index + MIN_FRAGMENT, form) : 0;
        if (behind) cuts.push([hit.index + MIN_FRAGMENT - behind, hit.index + MIN_FRAGMENT]);
      }
      pattern.lastIndex = hit.index + 1;
    }
    if (!cuts.length) return clean;
    cuts.sort((a, b) => a[0] - b[0]);
    let out = '';
    let from = 0;
    for (const [start, end] of cuts) {
      if (end <= from) continue;
      out += clean.slice(from, Math.max(from, start)) + (start >= from ? MASK : '');
      from = end;
    }
    return out + clean.slice(from);
  };
}

/** Replaces every known secret value in a text (see `redactor`). */
export function scrub(text: string, secretValues: string[]): string {
  return redactor(secretValues)(text);
}

/** Masks the values of token fields (`"id_token": "..."`, `refresh_token=...`). */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_VALUES, (_whole, jsonField: string | undefined, param: string | undefined) =>
    jsonField ? `${jsonField}${MASK}"` : `${param}${MASK}`,
  );
}

/** Secret values carried by this request: named header and query values, a Bearer token, a Basic login and its two halves. */
export function secretValuesOf(request: HttpRequest): string[] {
  const names = new Set((request.secrets ?? []).map((s) => s.toLowerCase()));
  if (!names.size) return [];
  const values: string[] = [];
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    if (!names.has(k.toLowerCase())) continue;
    const credentials = v.replace(/^(Bearer|Basic)\s+/i, '');
    values.push(v, credentials);
    if (/^Basic\s/i.test(v)) {
      const login = Buffer.from(credentials, 'base64').toString('utf8');
      values.push(login, ...login.split(':'));
    }
  }
  try {
    for (const [k, v] of new URL(request.url).searchParams) if (names.has(k.toLowerCase())) values.push(v);
  } catch {
    /* not a URL: nothing to take */
  }
  return values.filter((v) => v.length > 0);
}

/** How many characters of `form` (lower case) the text holds from `at` on: all of them, or a start long enough to count; else 0. */
function matchedAhead(text: string, at: number, form: string): number {
  let n = 0;
  while (n < form.length && at + n < text.length && lowerCode(text.charCodeAt(at + n)) === form.charCodeAt(n)) n++;
  return n === form.length || n >= MIN_FRAGMENT ? n : 0;
}

/** How many of the last characters of `form` the text holds just before `end`, when that is long enough to count; else 0. */
function matchedBehind(text: string, end: number, form: string): number {
  let n = 0;
  while (n < form.length && end - n > 0 && lowerCode(text.charCodeAt(end - n - 1)) === form.charCodeAt(form.length - n - 1)) n++;
  return n >= MIN_FRAGMENT ? n : 0;
}

function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [
    value,
    json,
    JSON.stringify(json).slice(1, -1),
    json.replace(/\//g, '\\/'),
    json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    uriEncoded(value),
    new URLSearchParams([['', value]]).toString().slice(1),
    value.replace(/[&<>"']/g, (c) => `&${XML_ENTITIES[c]};`),
  ];
  // In base64 a value starts at one of three byte alignments; only the characters its own bytes decide are fixed.
  const bytes = Buffer.from(value, 'utf8');
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const fixed = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (fixed.length >= MIN_FRAGMENT) forms.push(fixed, fixed.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

const XML_ENTITIES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

function uriEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // a lone surrogate (possible in a JSON config file) has no URL form
  }
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(lowerCode(c.charCodeAt(0))));
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
