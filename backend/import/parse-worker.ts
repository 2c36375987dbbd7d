/**
 * The parsing thread of a streamed import (parsed-pieces.ts): reads the file's pieces, parses
 * each with the report's parser and hands the points over in columns, never more than
 * PIECES_AHEAD ahead of the writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectors } from '../connectors/registry';
import type { Report } from '../connectors/types';
import { GridError, pointColumns, type MarketInfo, type ParsedColumns } from '../domain';
import { findReport } from './recognize';
import { PIECES_AHEAD, type FromParser, type ParseJob } from './parsed-pieces';
import { piecesOf } from './pieces';

const port = parentPort!;
let credit = PIECES_AHEAD;
let wake: (() => void) | undefined;
port.on('message', () => {
  credit++;
  wake?.();
  wake = undefined;
});

function send(message: FromParser, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function buffersOf({ columns }: ParsedColumns): ArrayBuffer[] {
  return [columns.seriesIndex, columns.start, columns.end, columns.value].map((a) => a.buffer as ArrayBuffer);
}

async function* parsed(pieces: AsyncIterable<Buffer>, report: Report, market: MarketInfo, name: string): AsyncGenerator<ParsedColumns> {
  for await (const piece of pieces) {
    const { points, locations } = report.parse(piece, { market, source: name });
    yield { columns: pointColumns(points), locations };
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
