import { createReadStream } from 'node:fs';
import { ParseError } from '../domain';
import { MAX_LINE_CHARS } from '../formats/csv';
import { zipEntries, type ZipEntry } from '../formats/zip';

/** Bytes per piece handed to a parser when a large file is streamed. */
export const PIECE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/** The one CSV member of a zip, when there is exactly one (checked like every zip entry: size, CRC, budget). */
export function soleCsvMember(zipBytes: Buffer, source: string): ZipEntry | undefined {
  const csv = zipEntries(zipBytes, source).filter((e) => /\.csv$/i.test(e.name));
  return csv.length === 1 ? csv[0] : undefined;
}

/** Line ends (LF, CRLF or a lone CR) in some bytes of a text. */
export function lineEnds(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) n++;
  for (let at = bytes.indexOf(CR); at >= 0; at = bytes.indexOf(CR, at + 1)) if (bytes[at + 1] !== LF) n++;
  return n;
}

/** Where a streamed file's bytes come from: an open file, or the one CSV member of a zip. */
export type PieceSource = { fd: number } | { zip: Buffer };

/** A streamed file's pieces (`linePieces`). */
export function piecesOf(source: PieceSource, name: string): AsyncGenerator<Buffer> {
  return linePieces('fd' in source ? fileChunks(source.fd) : soleCsvMember(source.zip, name)!.stream(), name);
}

/** The bytes of an open file, from its start. */
function fileChunks(fd: number): AsyncIterable<Buffer> {
  return createReadStream('', { fd, start: 0, autoClose: false, highWaterMark: 1024 * 1024 });
}

/** Just past the last line end (CR, LF or CRLF) before `before`, or 0 when there is none. */
function lastLineEnd(buffer: Buffer, before: number): number {
  const lf = buffer.lastIndexOf(LF, before - 1);
  // Only the tail after the last LF can hold a later lone CR: the piece is not scanned twice.
  return lf + 1 + buffer.subarray(lf + 1, before).lastIndexOf(CR) + 1;
}

/** Just past the first line end at or after `from`, or 0 when there is none. */
function nextLineEnd(buffer: Buffer, from: number): number {
  const lf = buffer.indexOf(LF, from);
  const cr = buffer.indexOf(CR, from);
  const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  if (at < 0) return 0;
  return buffer[at] === CR && buffer[at + 1] === LF ? at + 2 : at + 1;
}

/**
 * Cuts a byte stream at line ends (CR, LF or CRLF) into pieces of about `pieceBytes`, each
 * starting with the stream's first line (the CSV header), so every piece is a CSV file of its own.
 * The last piece is the stream's tail as it is: a stream cut in the middle of a line ends in a
 * piece without a final line break, which the CSV reader refuses.
 */
export async function* linePieces(chunks: AsyncIterable<Buffer>, source: string, pieceBytes = PIECE_BYTES): AsyncGenerator<Buffer> {
  let header: Buffer | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const piece = (body: Buffer): Buffer => {
    if (header) return Buffer.concat([header, body]);
    header = Buffer.from(body.subarray(0, nextLineEnd(body, 0)));
    return body;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < pieceBytes) continue;
    let buffer = Buffer.concat(pending);
    while (buffer.length >= pieceBytes) {
      // Cut at the last line end within the piece, or after a line longer than a piece.
      const cut = lastLineEnd(buffer, pieceBytes) || nextLineEnd(buffer, pieceBytes);
      if (cut === 0) break;
      yield piece(buffer.subarray(0, cut));
      buffer = buffer.subarray(cut);
    }
    if (buffer.length > MAX_LINE_CHARS)
      throw new ParseError(source, `a line is longer than ${MAX_LINE_CHARS / 1048576} MiB; this is not a CSV file`);
    pending = buffer.length ? [buffer] : [];
    pendingBytes = buffer.length;
  }
  const last = Buffer.concat(pending);
  if (last.length || !header) yield piece(last);
}
