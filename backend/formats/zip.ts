import AdmZip from 'adm-zip';
import { Readable } from 'node:stream';
import { constants, crc32, createGunzip, inflateRawSync } from 'node:zlib';
import { GridError, ParseError } from '../domain';

export const ZIP_ENTRY_CAP = 512 * 1024 * 1024;
/** Bytes all the files of one zip may inflate to together, those of zips inside it included. */
export const ZIP_TOTAL_CAP = 1024 * 1024 * 1024;
const ZIP_MAX_ENTRIES = 10_000;
/**
 * Compressed bytes inflated to sniff the start of an entry: deflate inflates at most about 1,032
 * times its size, so even a zip bomb's head stays under 17 MiB.
 */
const HEAD_INPUT = 16 * 1024;

export interface ZipEntry {
  name: string;
  /** The inflated size its header declares (what reading it costs; it never inflates past it). */
  size: number;
  read(): Buffer;
  /** The entry inflated piece by piece, with the same checks as `read` (a large member of a download). */
  stream(): AsyncGenerator<Buffer>;
  /** About the first `max` bytes, inflating only the start of the entry (for sniffing a large one). */
  head(max?: number): Buffer;
}

/** What the entries of one zip may inflate to, and still may, shared with the zips nested in it. */
export interface InflateBudget {
  readonly total: number;
  left: number;
}

export function inflateBudget(total = ZIP_TOTAL_CAP): InflateBudget {
  return { total, left: total };
}

export interface ZipLimits {
  /** Largest inflated size of one entry. */
  cap?: number;
  /** Shared by every entry read: pass the outer zip's budget when reading a zip inside it. */
  budget?: InflateBudget;
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The files of a zip, each inflated only when read. An entry is refused before it is inflated
 * when its header declares more than `cap` bytes or more than the budget has left; it never
 * inflates past the size it declares, and must match its CRC-32. Entries that share their bytes
 * (one compressed file listed thousands of times, a known zip bomb) make the archive unreadable.
 */
export function zipEntries(bytes: Buffer, source: string, limits: ZipLimits = {}): ZipEntry[] {
  const cap = limits.cap ?? ZIP_ENTRY_CAP;
  const budget = limits.budget ?? inflateBudget();
  let entries: AdmZip.IZipEntry[];
  try {
    // adm-zip reads the central directory lazily: a damaged one only shows when entries are listed.
    entries = new AdmZip(bytes).getEntries().filter((e) => !e.isDirectory);
  } catch (e) {
    throw unreadable(source, e);
  }
  if (entries.length > ZIP_MAX_ENTRIES)
    throw new GridError('TOO_LARGE', `${source}: the zip holds ${entries.length} files, more than the ${ZIP_MAX_ENTRIES} allowed.`);
  refuseOverlaps(entries, source);
  return entries.map((entry) => zipEntry(entry, source, cap, budget));
}

function zipEntry(entry: AdmZip.IZipEntry, source: string, cap: number, budget: InflateBudget): ZipEntry {
  const { method, size, crc } = entry.header;
  const name = entry.entryName;
  const damaged = (why: string) => new ParseError(source, `zip entry ${name} ${why}; the archive is damaged, download it again`);
  const charge = (bytes: number): void => {
    if (bytes > budget.left)
      throw new GridError(
        'TOO_LARGE',
        `${source}: the files in the zip inflate to more than ${Math.round(budget.total / 1048576)} MiB together; refusing to read them.`,
      );
    budget.left -= bytes;
  };
  const compressed = (): Buffer => {
    if (entry.header.encrypted) throw new ParseError(source, `zip entry ${name} is encrypted; gridcell reads only plain zips`);
    if (method !== 0 && method !== 8)
      throw new ParseError(source, `zip entry ${name} uses compression method ${method}, which is not supported`);
    try {
      return entry.getCompressedData();
    } catch (e) {
      throw unreadable(source, e);
    }
  };
  /** Refuses an entry too large to read whole, charges the budget, and gives the compressed bytes. */
  const open = (): Buffer => {
    if (size > cap) throw tooLarge(source, name, cap);
    charge(size);
    return compressed();
  };
  const cannotInflate = (e: unknown): ParseError =>
    pastLimit(e)
      ? pastDeclared(source, name, size)
      : new ParseError(source, `zip entry ${name} cannot be inflated (${(e as Error).message}); the download may be truncated`);
  const checked = (out: Buffer): Buffer => {
    if (out.length !== size) throw damaged(`is ${out.length} bytes but its header says ${size}`);
    if (crc32(out) !== crc) throw damaged('fails its CRC-32 check');
    return out;
  };
  return {
    name,
    size,
    head(max = 65536): Buffer {
      const raw = compressed();
      if (method === 0) return raw.subarray(0, max);
      let out: Buffer;
      try {
        // A cut deflate stream inflates as far as it goes when it is flushed rather than finished.
        out = inflateRawSync(raw.subarray(0, HEAD_INPUT), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, size) });
      } catch (e) {
        if (pastLimit(e)) throw pastDeclared(source, name, size);
        throw unreadable(source, e);
      }
      charge(out.length);
      return out.subarray(0, max);
    },
    read(): Buffer {
      const raw = open();
      if (method === 0) return checked(raw);
      let out: Buffer;
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
      } catch (e) {
        throw cannotInflate(e);
      }
      return checked(out);
    },
    async *stream(): AsyncGenerator<Buffer> {
      const raw = open();
      // A deflated member is inflated as a gzip stream of its bytes, its CRC-32 and size in the
      // trailer: zlib then checks them on the thread that inflates, not the one that parses.
      const chunks = method === 8 ? Readable.from(asGzip(raw, crc, size)).pipe(createGunzip(INFLATE_AHEAD)) : [raw];
      let total = 0;
      let sum = 0;
      try {
        for await (const chunk of chunks as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > size) throw pastDeclared(source, name, size);
          if (method === 0) sum = crc32(chunk, sum);
          yield chunk;
        }
      } catch (e) {
        const check = failedCheck(e);
        if (check === 'length') throw damaged(`is ${total} bytes but its header says ${size}`);
        if (check === 'data') throw damaged('fails its CRC-32 check');
        throw e instanceof GridError ? e : cannotInflate(e);
      }
      if (total !== size) throw damaged(`is ${total} bytes but its header says ${size}`);
      if (method === 0 && sum !== crc) throw damaged('fails its CRC-32 check');
    },
  };
}

/** A raw deflate stream framed as gzip (RFC 1952): a bare 10-byte header, then a trailer of the CRC-32 and size it must inflate to. */
function asGzip(deflated: Buffer, crc: number, size: number): Buffer[] {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return [header, deflated, trailer];
}

/** Which of a gzip trailer's checks zlib failed, if it failed one: the CRC-32 (data) or the size (length). */
function failedCheck(e: unknown): 'data' | 'length' | undefined {
  if ((e as NodeJS.ErrnoException).code !== 'Z_DATA_ERROR') return undefined;
  return /incorrect (data|length) check/.exec((e as Error).message)?.[1] as 'data' | 'length' | undefined;
}

/**
 * Inflating runs on libuv's thread pool: with a chunk read ahead, it inflates the next 256 KiB
 * while the caller parses the last (16 KiB chunks left the caller waiting). Larger chunks and
 * read-ahead (1 MiB, 4 MiB) were no faster and left tens of MB of dead buffers between collections.
 */
const INFLATE_AHEAD = { chunkSize: 256 * 1024, highWaterMark: 256 * 1024 };

/** Each entry's compressed bytes must end before the next entry's local header starts. */
function refuseOverlaps(entries: AdmZip.IZipEntry[], source: string): void {
  const byOffset = [...entries].sort((a, b) => a.header.offset - b.header.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const [a, b] = [byOffset[i - 1], byOffset[i]];
    if (a.header.offset + a.header.compressedSize > b.header.offset)
      throw new ParseError(
        source,
        `zip entries ${a.entryName} and ${b.entryName} share their bytes; no archiver writes that (it is a zip bomb or a damaged file), so it is refused`,
      );
  }
}

/** The only (or first matching) member of a zip. */
export function singleZipMember(
  bytes: Buffer,
  source: string,
  pattern: RegExp = /./,
  cap = ZIP_ENTRY_CAP,
): { name: string; bytes: Buffer } {
  const entry = zipEntries(bytes, source, { cap }).find((e) => pattern.test(e.name));
  if (!entry) throw new ParseError(source, `the zip holds no file matching ${pattern}`);
  return { name: entry.name, bytes: entry.read() };
}

/** zlib's answer to output past `maxOutputLength`. */
export function pastLimit(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

function unreadable(source: string, e: unknown): ParseError {
  return new ParseError(source, `not a readable zip archive (${(e as Error).message}); the download may be truncated`);
}

function pastDeclared(source: string, name: string, size: number): ParseError {
  return new ParseError(
    source,
    `zip entry ${name} inflates past the ${size} bytes its header declares; the archive is damaged or made to exhaust memory, so it is refused`,
  );
}

function tooLarge(source: string, name: string, cap: number): GridError {
  return new GridError(
    'TOO_LARGE',
    `${source}: zip entry ${name} inflates past the ${Math.round(cap / 1048576)} MiB cap; refusing to read it.`,
  );
}
