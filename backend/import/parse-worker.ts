/**
 * The parsing thread of a streamed import (parsed-pieces.ts): reads the file's pieces, parses
 * each with the report's parser and hands the points over in columns, never more than
 * PIECES_AHEAD ahead of the writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectors } from '../connectors/registry';
import type { Report } from '../connectors/types';
import { GridError, pointColumns, type MarketInfo, type ParsedColumns, type ParseResult, type PointColumns } from '../domain';
import { findReport } from './recognize';
import { PIECES_AHEAD, type FromParser, type ParseJob } from './parsed-pieces';
import { piecesOf } from './pieces';

const port = parentPort!;
let credit = PIECES_AHEAD;
let wake: (() => void) | undefined;
/**
 * The writer hands each piece's buffers back as it takes the next: they carry the next pieces,
 * so the import's memory does not grow with buffers waiting for a major collection.
 */
const returned: ArrayBuffer[][] = [];
port.on('message', (buffers: ArrayBuffer[]) => {
  returned.push(buffers);
  credit++;
  wake?.();
  wake = undefined;
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

function buffersOf({ columns }: ParsedColumns): ArrayBuffer[] {
  return [columns.seriesIndex, columns.start, columns.end, columns.value].map((a) => a.buffer as ArrayBuffer);
}

function fromObjects({ points, locations }: ParseResult): ParsedColumns {
  return { columns: pointColumns(points), locations };
}

async function* parsed(pieces: AsyncIterable<Buffer>, report: Report, market: MarketInfo, name: string): AsyncGenerator<ParsedColumns> {
  for await (const piece of pieces) {
    const ctx = { market, source: name };
    const { columns, locations } = report.parseColumns?.(piece, ctx) ?? fromObjects(report.parse(piece, ctx));
    yield { columns: inReturnedBuffers(columns), locations };
  }
}

async function run(job: ParseJob): Promise<void> {
  const { connector, report } = findReport(connectors, job.report);
  for await (const piece of parsed(piecesOf(job.source, job.name), report, connector.market, job.name)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    send({ kind: 'piece', piece }, buffersOf(piece));
  }
  send({ kind: 'done' });
}

run(workerData as ParseJob).catch((e: unknown) => {
  const error = e instanceof GridError ? e : new GridError('INTERNAL', `parsing failed: ${(e as Error).message}`);
  send({ kind: 'error', code: error.code, message: error.message });
});
