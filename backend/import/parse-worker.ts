/**
 * The parsing thread of a streamed import (parsed-pieces.ts): reads the file (or inflates its zip
 * member), cuts it into pieces and parses each with the report's parser, answering with the
 * points in columns, in buffers the writer gave back where they fit. It keeps at most
 * PIECES_AHEAD pieces unwritten, so memory stays flat however fast it parses.
 */
import { parentPort } from 'node:worker_threads';
import { codeCompiled } from '../code-cache';
import { connectors } from '../connectors/registry';
import { GridError, type PointColumns } from '../domain';
import { findReport } from './recognize';
import { columnBuffers, parseToColumns, Signal, type FromParser, type ParseJob, type ToParser } from './parsed-pieces';
import { lineEnds, piecesOf, type PieceSource } from './pieces';

/**
 * Pieces parsed but not yet written, at most. A piece takes a millisecond or two either side, so
 * a pause of either thread (a collection, SQLite spilling pages) would stall the other at 3; 16
 * pieces of columns are under 1 MB (5-minute file in-process, 16 interleaved rounds: 1,699 -> 1,658 ms).
 */
const PIECES_AHEAD = 16;

const port = parentPort!;
/**
 * Buffers of written pieces, handed back: they carry the next pieces, so the import's memory
 * does not grow with buffers waiting for a major collection.
 */
const returned: ArrayBuffer[][] = [];
let written = 0;
const room = new Signal();

// The thread may start before its file is known (startParsingThread): the job is its first message.
port.on('message', (message: ToParser) => {
  if (message.kind === 'job') return parse(message.job);
  returned.push(message.buffers);
  written++;
  room.fire();
});

/** A report the registry does not know is no fault of the file: it fails the thread (the writer sees it stop). */
function parse(job: ParseJob): void {
  const { connector, report } = findReport(connectors, job.report);
  void (async () => {
    try {
      let parsed = 0;
      let linesBefore = 0; // line ends of the file before a piece's rows (after its copy of the header)
      for await (const piece of piecesOf(asBuffers(job.source), job.name)) {
        while (parsed - written >= PIECES_AHEAD) await room.wait();
        const lineOffset = Math.max(0, linesBefore - 1);
        linesBefore += lineEnds(piece) - (parsed > 0 ? 1 : 0);
        const { columns, locations } = parseToColumns(report, connector.market, job.name, piece, lineOffset);
        const out = { columns: inReturnedBuffers(columns), locations };
        send({ kind: 'piece', piece: out }, columnBuffers(out.columns));
        if (++parsed === 1) codeCompiled();
      }
      send({ kind: 'end' });
    } catch (e) {
      const error = e instanceof GridError ? e : new GridError('INTERNAL', `parsing failed: ${(e as Error).message}`);
      send({ kind: 'error', code: error.code, message: error.message });
    }
  })();
}

function send(message: FromParser, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** A zip's bytes arrive as a plain Uint8Array; the zip reader wants a Buffer over them. */
function asBuffers(source: PieceSource): PieceSource {
  return 'zip' in source ? { zip: Buffer.from(source.zip.buffer, source.zip.byteOffset, source.zip.byteLength) } : source;
}

/** The columns copied into buffers the writer gave back (or new ones, a quarter larger, for the pieces to come). */
function inReturnedBuffers(columns: PointColumns): PointColumns {
  const n = columns.start.length;
  const spare = returned.pop();
  const fits = (at: number, bytes: number) => spare && spare[at].byteLength >= bytes;
  const buffer = (at: number, bytes: number) => (fits(at, bytes) ? spare![at] : new ArrayBuffer(Math.ceil(bytes * 1.25)));
  const seriesIndex = new Uint32Array(buffer(0, 4 * n), 0, n);
  const [start, end, value] = [1, 2, 3].map((at) => new Float64Array(buffer(at, 8 * n), 0, n));
  seriesIndex.set(columns.seriesIndex);
  start.set(columns.start);
  end.set(columns.end);
  value.set(columns.value);
  return { series: columns.series, seriesIndex, start, end, value };
}
