import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PieceSource } from './pieces';
import { GridError, type ParsedColumns } from '../domain';

/** What the parsing thread is asked: a report of a market, and where the file's pieces come from. */
export interface ParseJob {
  report: string;
  market: string;
  /** The file's name, as errors name it. */
  name: string;
  source: PieceSource;
}

export type FromParser =
  { kind: 'piece'; piece: ParsedColumns } | { kind: 'done' } | { kind: 'error'; code: GridError['code']; message: string };

/**
 * The parsing thread's young generation: its garbage dies young (rows of one piece), and V8's
 * default lets it grow to tens of MB of resident memory without making the parse any faster.
 */
const WORKER_YOUNG_MB = 4;

/** Pieces the parsing thread may hand over before the writer has taken them: memory stays flat. */
export const PIECES_AHEAD = 2;

/**
 * Parses the pieces on a worker thread while this one writes: the pieces come back in columns
 * (typed arrays, moved rather than copied, and moved back once written to carry later pieces),
 * at most PIECES_AHEAD unwritten at a time. An error
 * there comes back as the same GridError; stopping early (the write failed) ends the worker.
 */
export async function* parsedInWorker(job: ParseJob): AsyncGenerator<ParsedColumns> {
  const worker = startWorker(job);
  const queue: FromParser[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const arrived = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: FromParser) => {
    queue.push(message);
    arrived();
  });
  worker.on('error', (e) => {
    failure = e;
    arrived();
  });
  worker.on('exit', () => {
    failure ??= new GridError('INTERNAL', `${job.name}: the parsing thread stopped before the end of the file.`);
    arrived();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw new GridError(message.code, message.message);
      yield message.piece;
      const { seriesIndex, start, end, value } = message.piece.columns;
      const buffers = [seriesIndex, start, end, value].map((a) => a.buffer as ArrayBuffer);
      worker.postMessage(buffers, buffers);
    }
  } finally {
    worker.removeAllListeners();
    void worker.terminate();
  }
}

/** The worker's script beside this module: bundled JavaScript, or TypeScript through tsx. */
function startWorker(job: ParseJob): Worker {
  const compiled = join(__dirname, 'parse-worker.js');
  const transfer = 'zip' in job.source ? [job.source.zip.buffer as ArrayBuffer] : [];
  const options = { workerData: job, transferList: transfer, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
  if (existsSync(compiled)) return new Worker(compiled, options);
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'parse-worker.ts'))});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
