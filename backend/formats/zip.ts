import AdmZip from 'adm-zip';
import { constants, inflateRawSync } from 'node:zlib';
import { GridError, ParseError } from '../domain';

export const ZIP_ENTRY_CAP = 512 * 1024 * 1024;
const ZIP_MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
  /** About the first `max` bytes, inflating only the start of the entry (for sniffing a large one). */
  head(max?: number): Buffer;
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The files of a zip, each inflated only when read and never past `cap` bytes whatever its header
 * claims (a zip bomb stops at the cap with a clear error).
 */
export function zipEntries(bytes: Buffer, source: string, cap = ZIP_ENTRY_CAP): ZipEntry[] {
  let entries: AdmZip.IZipEntry[];
  try {
    // adm-zip reads the central directory lazily: a damaged one only shows when entries are listed.
    entries = new AdmZip(bytes).getEntries().filter((e) => !e.isDirectory);
  } catch (e) {
    throw unreadable(source, e);
  }
  if (entries.length > ZIP_MAX_ENTRIES)
    throw new GridError('TOO_LARGE', `${source}: the zip holds ${entries.length} files, more than the ${ZIP_MAX_ENTRIES} allowed.`);
  return entries.map((entry) => ({
    name: entry.entryName,
    size: entry.header.size,
    head(max = 65536): Buffer {
      let raw: Buffer;
      try {
        raw = entry.getCompressedData();
      } catch (e) {
        throw unreadable(source, e);
      }
      if (entry.header.method === 0) return raw.subarray(0, max);
      try {
        // A cut deflate stream inflates as far as it goes when it is flushed rather than finished.
        return inflateRawSync(raw.subarray(0, max), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, max);
      } catch (e) {
        throw unreadable(source, e);
      }
    },
    read(): Buffer {
      if (entry.header.size > cap) throw tooLarge(source, entry.entryName, cap);
      let raw: Buffer;
      try {
        raw = entry.getCompressedData();
      } catch (e) {
        throw unreadable(source, e);
      }
      const method = entry.header.method;
      if (method === 0) {
        if (raw.length > cap) throw tooLarge(source, entry.entryName, cap);
        return raw;
      }
      if (method !== 8)
        throw new ParseError(source, `zip entry ${entry.entryName} uses compression method ${method}, which is not supported`);
      try {
        const out = inflateRawSync(raw, { maxOutputLength: cap });
        if (out.length !== entry.header.size)
          throw new ParseError(
            source,
            `zip entry ${entry.entryName} is ${out.length} bytes but its header says ${entry.header.size}; the archive is damaged`,
          );
        return out;
      } catch (e) {
        if (e instanceof GridError) throw e;
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
          throw tooLarge(source, entry.entryName, cap);
        throw new ParseError(
          source,
          `zip entry ${entry.entryName} cannot be inflated (${(e as Error).message}); the download may be truncated`,
        );
      }
    },
  }));
}

/** The only (or first matching) member of a zip. */
export function singleZipMember(
  bytes: Buffer,
  source: string,
  pattern: RegExp = /./,
  cap = ZIP_ENTRY_CAP,
): { name: string; bytes: Buffer } {
  const entry = zipEntries(bytes, source, cap).find((e) => pattern.test(e.name));
  if (!entry) throw new ParseError(source, `the zip holds no file matching ${pattern}`);
  return { name: entry.name, bytes: entry.read() };
}

function unreadable(source: string, e: unknown): ParseError {
  return new ParseError(source, `not a readable zip archive (${(e as Error).message}); the download may be truncated`);
}

export function tooLarge(source: string, name: string, cap: number): GridError {
  return new GridError(
    'TOO_LARGE',
    `${source}: zip entry ${name} inflates past the ${Math.round(cap / 1048576)} MiB cap; refusing to read it.`,
  );
}
