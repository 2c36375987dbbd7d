import { constants, gunzipSync } from 'node:zlib';
import { GridError, ParseError } from '../domain';
import { pastLimit } from './zip';

// A gzip body or file (a download the server did not mark as gzip, a saved .gz), inflated with a cap.

/** The most a gzip body may inflate to. */
const GZIP_CAP = 256 * 1024 * 1024;

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The body itself, or inflated when it is gzip (by its magic bytes): a source may answer with a gzip
 * body that the HTTP layer inflates only when Content-Encoding says so (PJM Data Miner 2's
 * `download=True`), and a saved download is gzip on disk.
 */
export function gunzipped(body: Buffer, source: string): Buffer {
  if (!isGzip(body)) return body;
  try {
    return gunzipSync(body, { maxOutputLength: GZIP_CAP });
  } catch (e) {
    if (e instanceof RangeError || pastLimit(e))
      throw new GridError('TOO_LARGE', `${source}: the gzip body inflates past ${GZIP_CAP / 1024 / 1024} MiB; refusing it.`);
    throw new ParseError(source, 'the gzip body is damaged or cut short (it does not inflate); download it again');
  }
}

/** The start of a gzip file inflated as far as its first bytes go (for `detect`), or undefined when it is not gzip. */
export function gzipHead(bytes: Buffer): string | undefined {
  if (!isGzip(bytes)) return undefined;
  try {
    return gunzipSync(bytes.subarray(0, 16 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 4 * 1024 * 1024 }).toString(
      'latin1',
    );
  } catch {
    return undefined;
  }
}
