import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, dirname, resolve } from 'node:path';
import { redactedUrl } from './secrets';
import type { HttpRequest, HttpResponse } from './types';

/**
 * A recording is `<key>.json` (request, status, headers, and `bodyFile`) beside its body file.
 * The key ignores secrets, so a recording made with a real key replays without one.
 */
export interface Recording {
  request: { method: string; url: string; body?: string };
  status: number;
  headers?: Record<string, string>;
  /** Body file, relative to the recording's folder or absolute. */
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

export function readRecording(dir: string, request: HttpRequest): HttpResponse | undefined {
  const metaFile = join(dir, `${replayKey(request)}.json`);
  if (!existsSync(metaFile)) return undefined;
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Recording;
  const bodyPath = isAbsolute(meta.bodyFile) ? meta.bodyFile : resolve(dirname(metaFile), meta.bodyFile);
  return { url: request.url, status: meta.status, headers: meta.headers ?? {}, body: readFileSync(bodyPath) };
}

export function writeRecording(
  dir: string,
  request: HttpRequest,
  response: { status: number; headers?: Record<string, string> },
  body: Buffer | { file: string },
): string {
  mkdirSync(dir, { recursive: true });
  const key = replayKey(request);
  let bodyFile: string;
  if (Buffer.isBuffer(body)) {
    bodyFile = `${key}.body`;
    writeFileSync(join(dir, bodyFile), body);
  } else {
    bodyFile = resolve(body.file);
  }
  const meta: Recording = {
    request: { method: request.method ?? 'GET', url: redactedUrl(request), body: request.body },
    status: response.status,
    headers: response.headers,
    bodyFile,
  };
  writeFileSync(join(dir, `${key}.json`), JSON.stringify(meta, null, 2));
  return key;
}
