import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Report } from '../connectors/types';
import { lineEnds } from './pieces';
import { GridError, pointColumns, type MarketInfo, type ParsedColumns, type PointColumns } from '../domain';

/** What the parsing thread is asked: which report of which market, and the file's name for its errors. */
export interface ParseJob {
  report: string;
  market: string;
  name: string;
}

/** To the parsing thread: a piece to parse (`ParseContext.lineOffset`), or a written piece's buffers to carry a later one. */
export type ToParser = { kind: 'piece'; piece: Uint8Array; lineOffset: number } | { kind: 'buffers'; buffers: ArrayBuffer[] };

/** From the parsing thread, one answer per piece, in order. */
export type FromParser = { kind: 'piece'; piece: ParsedColumns } | { kind: 'error'; code: GridError['code']; message: string };

/**
 * The parsing thread's young generation: its garbage dies young (rows of one piece), and V8's
 * default lets it grow to tens of MB of resident memory without making the parse any faster.
 */
const WORKER_YOUNG_MB = 4;

/** Pieces read but not yet written, at most: memory stays flat. */
const PIECES_AHEAD = 3;

/** A report's reading of one piece, in columns. */
export function parsePiece(report: Report, market: MarketInfo, name: string, piece: Buffer, lineOffset: number): ParsedColumns {
  const ctx = { market, source: name, lineOffset };
  if (report.parseColumns) return report.parseColumns(piece, ctx);
  const { points, locations } = report.parse(piece, ctx);
  return { columns: pointColumns(points), locations };
}

/** One waiter woken by the next `fire`. */
class Signal {
  private waiting: (() => void) | undefined;

  wait(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  fire(): void {
    this.waiting?.();
    this.waiting = undefined;
  }
}

interface Pending {
  promise: Promise<ParsedColumns>;
  resolve: (piece: ParsedColumns) => void;
  reject: (error: Error) => void;
}

function pending(): Pending {
  let resolve!: (piece: ParsedColumns) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<ParsedColumns>((res, rej) => ([resolve, reject] = [res, rej]));
  promise.catch(() => undefined); // awaited in order later; an early failure is not unhandled
  return { promise, resolve, reject };
}

/**
 * The pieces of a streamed file, parsed, in the file's order, while the caller writes them: this
 * thread reads and cuts the file and parses the first piece itself (while the worker starts);
 * the worker thread parses the rest. Pieces cross as bytes and come back as columns (typed
 * arrays, moved rather than copied, and moved back once written to carry later pieces). An error
 * comes in the order of the pieces, as the same GridError; stopping early ends the worker.
 */
export async function* parsedPieces(
  pieces: AsyncIterable<Buffer>,
  report: Report,
  market: MarketInfo,
  name: string,
): AsyncGenerator<ParsedColumns> {
  const worker = startWorker({ report: report.id, market: market.id, name });
  const answers: Pending[] = []; // read, not yet written, in order
  const sent: Pending[] = []; // sent to the worker, not yet answered
  let read = 0;
  let written = 0;
  let ended: { error?: unknown } | undefined;
  let stopped = false;
  const room = new Signal(); // the writer took a piece
  const arrival = new Signal(); // a piece was read, or the file ended

  worker.on('message', (message: FromParser) => {
    const answer = sent.shift();
    if (message.kind === 'piece') answer?.resolve(message.piece);
    else answer?.reject(new GridError(message.code, message.message));
  });
  let gone: Error | undefined; // the worker stopped: what it was sent, or is sent later, fails with this
  const lost = (error: Error) => {
    gone ??= error;
    for (const answer of sent.splice(0)) answer.reject(gone);
  };
  worker.on('error', lost);
  worker.on('exit', () => lost(new GridError('INTERNAL', `${name}: the parsing thread stopped before the end of the file.`)));

  const feed = async () => {
    try {
      let linesBefore = 0; // line ends of the file before a piece's rows (after its copy of the header)
      for await (const piece of pieces) {
        while (read - written >= PIECES_AHEAD && !stopped) await room.wait();
        if (stopped) return;
        const answer = pending();
        answers.push(answer);
        const lineOffset = Math.max(0, linesBefore - 1);
        linesBefore += lineEnds(piece) - (read > 0 ? 1 : 0);
        if (read++ === 0) {
          try {
            answer.resolve(parsePiece(report, market, name, piece, lineOffset));
          } catch (e) {
            answer.reject(e as Error);
          }
        } else if (gone) {
          answer.reject(gone);
        } else {
          sent.push(answer);
          const bytes = ownedBytes(piece);
          worker.postMessage({ kind: 'piece', piece: bytes, lineOffset } satisfies ToParser, [bytes.buffer as ArrayBuffer]);
        }
        arrival.fire();
      }
      ended = {};
    } catch (error) {
      ended = { error };
    }
    arrival.fire();
  };
  const feeding = feed();

  try {
    for (;;) {
      const answer = answers.shift();
      if (answer) {
        const piece = await answer.promise;
        yield piece;
        written++;
        const buffers = columnBuffers(piece.columns);
        worker.postMessage({ kind: 'buffers', buffers } satisfies ToParser, buffers);
        room.fire();
      } else if (ended) {
        if (ended.error) throw ended.error;
        return;
      } else {
        await arrival.wait();
      }
    }
  } finally {
    stopped = true;
    room.fire();
    worker.removeAllListeners();
    void worker.terminate();
    await feeding;
  }
}

/** The buffers under a piece's columns, in the order the parsing thread reuses them. */
export function columnBuffers({ seriesIndex, start, end, value }: PointColumns): ArrayBuffer[] {
  return [seriesIndex, start, end, value].map((a) => a.buffer as ArrayBuffer);
}

/** A piece's bytes as an array that owns its buffer, so that handing it over moves rather than copies it. */
function ownedBytes(piece: Buffer): Uint8Array {
  return piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength ? piece : new Uint8Array(piece);
}

/** The worker's script beside this module: bundled JavaScript, or TypeScript through tsx. */
function startWorker(job: ParseJob): Worker {
  const compiled = join(__dirname, 'parse-worker.js');
  const options = { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
  if (existsSync(compiled)) return new Worker(compiled, options);
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'parse-worker.ts'))});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
