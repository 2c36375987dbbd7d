import type { HttpRequest } from './types';

const MASK = '***';

/** The request's URL with secret query parameters masked. */
export function redactedUrl(request: HttpRequest): string {
  const secrets = new Set((request.secrets ?? []).map((s) => s.toLowerCase()));
  if (!secrets.size) return request.url;
  try {
    const url = new URL(request.url);
    for (const key of [...url.searchParams.keys()]) if (secrets.has(key.toLowerCase())) url.searchParams.set(key, MASK);
    return url.toString();
  } catch {
    return request.url;
  }
}

/** Replaces every known secret value in a text. */
export function scrub(text: string, secretValues: string[]): string {
  let out = text;
  for (const v of secretValues) if (v) out = out.split(v).join(MASK);
  return out;
}

/** Secret values carried by this request (header values and query values named as secrets). */
export function secretValuesOf(request: HttpRequest): string[] {
  const names = new Set((request.secrets ?? []).map((s) => s.toLowerCase()));
  if (!names.size) return [];
  const values: string[] = [];
  for (const [k, v] of Object.entries(request.headers ?? {}))
    if (names.has(k.toLowerCase())) values.push(v.replace(/^(Bearer|Basic)\s+/i, ''), v);
  try {
    for (const [k, v] of new URL(request.url).searchParams) if (names.has(k.toLowerCase())) values.push(v);
  } catch {
    /* not a URL: nothing to take */
  }
  return values.filter((v) => v.length > 0);
}
