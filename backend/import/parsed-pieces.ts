import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Report } from '../connectors/types';
import { GridError, pointColumns, type MarketInfo, type ParsedColumns, type PointColumns } from '../domain';
import type { PieceSource } from './pieces';

/** What the parsing thread is asked: which report of which market, the file's name for its errors, and where its bytes are. */
export interface ParseJob {
  report: string;
  market: string;
  name: string;
  source: PieceSource;
}

/** To the parsing thread: its job first, then each written piece's buffers, to carry a later piece (and room to parse one more). */
export type ToParser = { kind: 'job'; job: ParseJob } | { kind: 'buffers'; buffers: ArrayBuffer[] };

/** From the parsing thread, in the file's order: each piece, then the end or the error that stopped it. */
export type FromParser =
  { kind: 'piece'; piece: ParsedColumns } | { kind: 'end' } | { kind: 'error'; code: GridError['code']; message: string };

/**
 * The parsing thread's young generation: its garbage dies young (a piece's text and rows, inflated
 * chunks). V8's default lets it grow to tens of MB of resident memory without making the parse any
 * faster. Reports read as bytes (formats/plain-csv.ts) make little garbage, and at 4 MB the CAISO
 * day's import peaks 7 MB lower than at 8 (the 16-day file 6 MB lower, the 5-minute file 7); a
 * report read as text keeps more of a piece's text past a collection (the 16-day file read as
 * text: 6 MB higher).
 */
const WORKER_YOUNG_MB = 4;

/** A report's reading of a file or of one piece of it, in columns (with its own parser's, when it has one). */
export function parseToColumns(report: Report, market: MarketInfo, name: string, bytes: Buffer, lineOffset = 0): ParsedColumns {
  const ctx = { market, source: name, lineOffset };
  if (report.parseColumns) return report.parseColumns(bytes, ctx);
  const { points, locations } = report.parse(bytes, ctx);
  return { columns: pointColumns(points), locations };
}

/** One waiter woken by the next `fire`. */
export class Signal {
  private waiting: (() => void) | undefined;

  wait(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  fire(): void {
    this.waiting?.();
    this.waiting = undefined;
  }
}

/**
 * The pieces of a streamed file, parsed, in the file's order, while the caller writes them. A
 * worker thread reads the file (inflating a zip member), cuts it into pieces and parses them, a
 * few pieces ahead of the writer; this thread only writes, and none of the file's bytes pass
 * through it. Pieces come as columns (typed arrays, moved rather than copied) and go back once
 * written to carry later pieces. An error comes in the order of the pieces, as the same
 * GridError; stopping early ends the worker before this returns (the file stays open until then).
 */
export async function* parsedPieces(source: PieceSource, report: Report, market: MarketInfo, name: string): AsyncGenerator<ParsedColumns> {
  const worker = startWorker({ report: report.id, market: market.id, name, source });
  const arrived: (FromParser | { kind: 'lost'; error: Error })[] = [];
  const arrival = new Signal();
  const take = (message: (typeof arrived)[number]) => {
    arrived.push(message);
    arrival.fire();
  };
  worker.on('message', take);
  worker.on('error', (error: Error) => take({ kind: 'lost', error }));
  worker.on('exit', () =>
    take({ kind: 'lost', error: new GridError('INTERNAL', `${name}: the parsing thread stopped before the end of the file.`) }),
  );
  try {
    for (;;) {
      const message = arrived.shift();
      if (!message) await arrival.wait();
      else if (message.kind === 'piece') {
        yield message.piece;
        const buffers = columnBuffers(message.piece.columns);
        worker.postMessage({ kind: 'buffers', buffers } satisfies ToParser, buffers);
      } else if (message.kind === 'end') return;
      else if (message.kind === 'error') throw new GridError(message.code, message.message);
      else throw message.error;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The buffers under a piece's columns, in the order the parsing thread reuses them. */
export function columnBuffers({ seriesIndex, start, end, value }: PointColumns): ArrayBuffer[] {
  return [seriesIndex, start, end, value].map((a) => a.buffer as ArrayBuffer);
}

/**
 * A parsing thread started before its job is known, and its fate until a job takes it: a thread
 * that fails or stops while waiting is not handed out.
 */
let spare: { worker: Worker; gone: boolean } | undefined;

/**
 * Starts the next streamed import's parsing thread now, so that its start (about 45 ms: a thread,
 * its bundle and the parsers) overlaps the caller's own: `gridcell import` calls it before it
 * opens the app. It holds no file until a job takes it, and it does not keep the process alive.
 */
export function startParsingThread(): void {
  if (parsingThreadWaiting()) return;
  const waiting = { worker: newWorker(), gone: false };
  const lose = () => (waiting.gone = true);
  waiting.worker.on('error', lose).on('exit', lose).unref();
  spare = waiting;
}

/** Whether a parsing thread started ahead is waiting for its job. */
export function parsingThreadWaiting(): boolean {
  return spare !== undefined && !spare.gone;
}

/**
 * The spare thread, or a new one, given its job. A zip's bytes are moved to it (not copied) when
 * they own their buffer; the caller does not read them again.
 */
function startWorker(job: ParseJob): Worker {
  const taken = parsingThreadWaiting() ? spare!.worker : undefined;
  spare = undefined;
  const worker = taken ?? newWorker();
  worker.removeAllListeners().ref();
  const transfer = 'zip' in job.source && ownsItsBuffer(job.source.zip) ? [job.source.zip.buffer as ArrayBuffer] : [];
  worker.postMessage({ kind: 'job', job } satisfies ToParser, transfer);
  return worker;
}

/**
 * The worker's script beside this module: bundled JavaScript (with its code cache, when the
 * bundle's loader is built beside it: code-cache.ts), or TypeScript through tsx.
 */
function newWorker(): Worker {
  const options = { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
  const compiled = join(__dirname, 'parse-worker.js');
  const loader = join(__dirname, 'code-cache.js');
  const script = (code: string) => new Worker(code, { ...options, eval: true });
  if (!existsSync(compiled))
    return script(
      `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'parse-worker.ts'))});`,
    );
  if (!existsSync(loader)) return new Worker(compiled, options);
  return script(`require(${JSON.stringify(loader)}).requireBundle(${JSON.stringify(compiled)}, 'thread');`);
}

function ownsItsBuffer(bytes: Buffer): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
