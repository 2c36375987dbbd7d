import AdmZip from 'adm-zip';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { GridError, ParseError } from '../domain';
import { tooLarge, ZIP_ENTRY_CAP } from '../formats/zip';

/** Bytes per piece handed to a parser when a large file is streamed. */
export const PIECE_BYTES = 1024 * 1024;
/** A line longer than this is no CSV row (a zip bomb of one endless line is refused early). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** The one CSV member of a zip, when there is exactly one: name, inflated size, its compressed bytes. */
export function soleCsvMember(zipBytes: Buffer): { name: string; size: number; method: number; raw: () => Buffer } | undefined {
  const csv = new AdmZip(zipBytes).getEntries().filter((e) => !e.isDirectory && /\.csv$/i.test(e.entryName));
  if (csv.length !== 1) return undefined;
  const entry = csv[0];
  return { name: entry.entryName, size: entry.header.size, method: entry.header.method, raw: () => entry.getCompressedData() };
}

/** A zip member inflated as a stream, never past the cap, checked against the size its header gives. */
export async function* inflatedMember(
  member: NonNullable<ReturnType<typeof soleCsvMember>>,
  source: string,
  cap = ZIP_ENTRY_CAP,
): AsyncGenerator<Buffer> {
  if (member.method !== 8 && member.method !== 0)
    throw new ParseError(source, `zip entry ${member.name} uses compression method ${member.method}, which is not supported`);
  if (member.size > cap) throw tooLarge(source, member.name, cap);
  const raw = Readable.from([member.raw()]);
  const stream = member.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) throw tooLarge(source, member.name, cap);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof GridError) throw e;
    throw new ParseError(source, `zip entry ${member.name} cannot be inflated (${(e as Error).message}); the download may be truncated`);
  }
  if (total !== member.size)
    throw new ParseError(source, `zip entry ${member.name} is ${total} bytes but its header says ${member.size}; the archive is damaged`);
}

export function fileChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}

/**
 * Cuts a byte stream at line ends into pieces of about `pieceBytes`, each starting with the
 * stream's first line (the CSV header), so every piece is a CSV file of its own.
 */
export async function* linePieces(chunks: AsyncIterable<Buffer>, source: string, pieceBytes = PIECE_BYTES): AsyncGenerator<Buffer> {
  let header: Buffer | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const piece = (body: Buffer): Buffer => {
    if (header) return Buffer.concat([header, body]);
    header = Buffer.from(body.subarray(0, body.indexOf(0x0a) + 1));
    return body;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < pieceBytes) continue;
    let buffer = Buffer.concat(pending);
    while (buffer.length >= pieceBytes) {
      // Cut at the last line end within the piece, or after a line longer than a piece.
      const cut = buffer.lastIndexOf(0x0a, pieceBytes - 1) + 1 || buffer.indexOf(0x0a, pieceBytes) + 1;
      if (cut === 0) break;
      yield piece(buffer.subarray(0, cut));
      buffer = buffer.subarray(cut);
    }
    if (buffer.length > MAX_LINE_BYTES)
      throw new ParseError(source, `a line is longer than ${MAX_LINE_BYTES / 1048576} MiB; this is not a CSV file`);
    pending = buffer.length ? [buffer] : [];
    pendingBytes = buffer.length;
  }
  const last = Buffer.concat(pending);
  if (last.length || !header) yield piece(last);
}
