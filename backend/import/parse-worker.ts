/**
 * The parsing thread of a streamed import (parsed-pieces.ts): parses each piece it is given with
 * the report's parser and answers with the points in columns, in buffers the writer gave back
 * where they fit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectors } from '../connectors/registry';
import { GridError, type PointColumns } from '../domain';
import { findReport } from './recognize';
import { columnBuffers, parsePiece, type FromParser, type ParseJob, type ToParser } from './parsed-pieces';

const port = parentPort!;
const job = workerData as ParseJob;
const { connector, report } = findReport(connectors, job.report);
/**
 * Buffers of written pieces, handed back: they carry the next pieces, so the import's memory
 * does not grow with buffers waiting for a major collection.
 */
const returned: ArrayBuffer[][] = [];

port.on('message', (message: ToParser) => {
  if (message.kind === 'buffers') {
    returned.push(message.buffers);
    return;
  }
  try {
    const bytes = Buffer.from(message.piece.buffer, message.piece.byteOffset, message.piece.byteLength);
    const { columns, locations } = parsePiece(report, connector.market, job.name, bytes, message.lineOffset);
    const piece = { columns: inReturnedBuffers(columns), locations };
    send({ kind: 'piece', piece }, columnBuffers(piece.columns));
  } catch (e) {
    const error = e instanceof GridError ? e : new GridError('INTERNAL', `parsing failed: ${(e as Error).message}`);
    send({ kind: 'error', code: error.code, message: error.message });
  }
});

function send(message: FromParser, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
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
