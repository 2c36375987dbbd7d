import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { GridError } from '../domain';
import { redactedUrl, redactor, secretValuesOf } from './secrets';
import type { HttpRequest, HttpResponse } from './types';

/**
 * A recording is `<key>.json` (request, status, headers, and `bodyFile`) beside its body file.
 * The key ignores secrets, so a recording made with a real key replays without one; what is
 * recorded holds none of the request's secrets, and no token of a login answer.
 */
export interface Recording {
  request: { method: string; url: string; body?: string };
  status: number;
  headers?: Record<string, string>;
  /** Body file, relative to the recording's folder and inside it. */
  bodyFile: string;
}

export function canonicalRequest(request: HttpRequest): string {
  const method = request.method ?? 'GET';
  let url = redactedUrl(request);
  try {
    const u = new URL(url);
    const secrets = new Set((request.secrets ?? []).map((s) => s.toLowerCase()));
    const params = [...u.searchParams].filter(([k]) => !secrets.has(k.toLowerCase())).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = '';
    url = `${u.toString()}${params.length ? '?' + params.map(([k, v]) => `${k}=${v}`).join('&') : ''}`;
  } catch {
    /* keep as given */
  }
  return `${method} ${url}${request.body ? `\n${request.body}` : ''}`;
}

export function replayKey(request: HttpRequest): string {
  return createHash('sha256').update(canonicalRequest(request)).digest('hex').slice(0, 24);
}

/** The recorded answer to the request; its body is read only from a regular file inside the folder, at most `maxBytes` of it. */
export function readRecording(dir: string, request: HttpRequest, maxBytes: number): HttpResponse | undefined {
  const key = replayKey(request);
  const metaFile = join(dir, `${key}.json`);
  if (!existsSync(metaFile)) return undefined;
  const named = `The recording ${key}.json in the replay folder ${dir}`;
  let meta: Partial<Recording>;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Partial<Recording>;
  } catch {
    throw new GridError('UNSAFE_INPUT', `${named} is not valid JSON; record it again.`);
  }
  if (typeof meta.bodyFile !== 'string' || typeof meta.status !== 'number')
    throw new GridError('UNSAFE_INPUT', `${named} has no "status" number or no "bodyFile" name; record it again.`);
  const root = realpathSync(dir);
  const wanted = resolve(root, meta.bodyFile);
  const bodyPath = existsSync(wanted) ? realpathSync(wanted) : undefined;
  const shown = JSON.stringify(meta.bodyFile.slice(0, 100));
  if (!bodyPath) throw new GridError('NOT_CACHED', `${named} names the body file ${shown}, which is not there.`);
  if (!bodyPath.startsWith(root + sep))
    throw new GridError(
      'UNSAFE_INPUT',
      `${named} names the body file ${shown}, outside the folder; gridcell reads bodies only from inside it.`,
    );
  const stat = statSync(bodyPath);
  if (!stat.isFile()) throw new GridError('UNSAFE_INPUT', `${named} names ${shown}, which is not a regular file.`);
  if (stat.size > maxBytes) throw new GridError('TOO_LARGE', `${named} has a body larger than the ${capText(maxBytes)} cap.`);
  return { url: request.url, status: meta.status, headers: meta.headers ?? {}, body: readFileSync(bodyPath) };
}

/**
 * Records an answer: an upstream's body with the request's secrets and token fields masked, or,
 * for a test's recording, a copy of the given file as it is.
 */
export function writeRecording(
  dir: string,
  request: HttpRequest,
  response: { status: number; headers?: Record<string, string> },
  body: Buffer | { file: string },
): string {
  mkdirSync(dir, { recursive: true });
  const key = replayKey(request);
  const bodyFile = `${key}.body`;
  const secrets = secretValuesOf(request);
  const redact = redactor(secrets);
  if (Buffer.isBuffer(body)) writeFileSync(join(dir, bodyFile), redactedBody(body, secrets));
  else copyFileSync(body.file, join(dir, bodyFile));
  const headers = Object.entries(response.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'set-cookie');
  const meta: Recording = {
    request: { method: request.method ?? 'GET', url: redactedUrl(request), body: request.body && redact(request.body) },
    status: response.status,
    headers: response.headers && Object.fromEntries(headers.map(([name, value]) => [name, redact(value)])),
    bodyFile,
  };
  writeFileSync(join(dir, `${key}.json`), JSON.stringify(meta, null, 2));
  return key;
}

/** Text is redacted as text; other bytes one by one (latin1 keeps each byte), against the secrets' UTF-8 bytes. */
function redactedBody(body: Buffer, secrets: string[]): Buffer {
  const encoding = isUtf8(body) ? 'utf8' : 'latin1';
  const text = body.toString(encoding);
  const values = encoding === 'utf8' ? secrets : secrets.map((s) => Buffer.from(s, 'utf8').toString('latin1'));
  const clean = redactor(values)(text);
  return clean === text ? body : Buffer.from(clean, encoding);
}

/** A size cap as a person reads it: `200 MiB`, or `1000 bytes` under a MiB. */
export function capText(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MiB` : `${bytes} bytes`;
}
