import { read } from 'node:fs';
import { promisify } from 'node:util';
import { ParseError } from '../domain';
import { MAX_LINE_CHARS } from '../formats/csv';
import { zipEntries, type ZipEntry } from '../formats/zip';

/**
 * Bytes per piece handed to a parser when a large file is streamed. A piece's text (with its copy
 * of the header line) stays under V8's largest young object, 128 KiB: a larger string is made in
 * large-object space, on fresh pages every time, and decoding it cost ten times as much (25 ms
 * instead of 3 on the CAISO zip's 32 MB).
 */
export const PIECE_BYTES = 120 * 1024;

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

/** A streamed file's pieces (`linePieces`): each one is good until the next is asked for. */
export function piecesOf(source: PieceSource, name: string): AsyncGenerator<Buffer> {
  return linePieces('fd' in source ? fileChunks(source.fd) : soleCsvMember(source.zip, name)!.stream(), name);
}

const readAt = promisify(read);
const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of an open file, from its start, in one reused buffer (each chunk is copied out before
 * the next is read). The file stays the caller's: a stream over the descriptor would close it when
 * an error stops the parse early, and the caller's own close would then fail, or close another
 * file that had taken the number since.
 */
async function* fileChunks(fd: number): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES);
  for (let position = 0; ;) {
    const { bytesRead } = await readAt(fd, buffer, 0, FILE_CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** Just past the last line end (CR, LF or CRLF) before `before`, or 0 when there is none. */
function lastLineEnd(buffer: Buffer, before: number): number {
  const lf = buffer.lastIndexOf(LF, before - 1);
  // Only the tail after the last LF can hold a later lone CR: the piece is not scanned twice.
  const cut = lf + 1 + buffer.subarray(lf + 1, before).lastIndexOf(CR) + 1;
  // A CR whose LF lies just past `before` ends its line with that LF.
  return cut > 0 && buffer[cut - 1] === CR && buffer[cut] === LF ? cut + 1 : cut;
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
 *
 * The stream is gathered in one working buffer, and each piece is copied out of it into one
 * output buffer, the same for every piece: a piece is read before the next is asked for (the
 * parsing thread's loop), and holds its bytes only until then. A buffer per piece would be left
 * for the collector, which a bytes reader (formats/plain-csv.ts) that makes little other garbage
 * calls seldom: the CAISO day's import peaked 8 MB higher.
 */
export async function* linePieces(chunks: AsyncIterable<Buffer>, source: string, pieceBytes = PIECE_BYTES): AsyncGenerator<Buffer> {
  let header: Buffer | undefined;
  let work = Buffer.allocUnsafeSlow(2 * pieceBytes);
  let out = Buffer.allocUnsafeSlow(0);
  let held = 0;
  const piece = (end: number): Buffer => {
    // The first piece starts with the header; every later one gets a copy of it first.
    const prefix = header ?? Buffer.alloc(0);
    header ??= Buffer.from(work.subarray(0, nextLineEnd(work.subarray(0, end), 0)));
    const length = prefix.length + end;
    if (out.length < length) out = Buffer.allocUnsafeSlow(Math.max(length, 2 * pieceBytes + prefix.length));
    prefix.copy(out);
    work.copy(out, prefix.length, 0, end);
    work.copy(work, 0, end, held);
    held -= end;
    return out.subarray(0, length);
  };
  for await (const chunk of chunks) {
    // A chunk may be any size (a stored zip member comes whole): it is taken in as much as fits.
    for (let at = 0; at < chunk.length;) {
      if (held === work.length) {
        if (held > MAX_LINE_CHARS)
          throw new ParseError(source, `a line is longer than ${MAX_LINE_CHARS / 1048576} MiB; this is not a CSV file`);
        const larger = Buffer.allocUnsafeSlow(2 * work.length);
        work.copy(larger, 0, 0, held);
        work = larger;
      }
      const taken = Math.min(chunk.length - at, work.length - held);
      chunk.copy(work, held, at, at + taken);
      held += taken;
      at += taken;
      while (held >= pieceBytes) {
        // Cut at the last line end within the piece, or after a line longer than a piece.
        const view = work.subarray(0, held);
        const cut = lastLineEnd(view, pieceBytes) || nextLineEnd(view, pieceBytes);
        if (cut === 0) break;
        yield piece(cut);
      }
    }
    if (held > MAX_LINE_CHARS)
      throw new ParseError(source, `a line is longer than ${MAX_LINE_CHARS / 1048576} MiB; this is not a CSV file`);
  }
  if (held || !header) yield piece(held);
}
