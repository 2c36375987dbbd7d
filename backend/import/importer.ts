import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import type { Connector, Report } from '../connectors/types';
import { GridError, type MarketInfo } from '../domain';
import { isZip } from '../formats/zip';
import type { OpenWrite, SeriesWriter } from '../series/write-path';
import type { WriteSummary } from '../store/series-store';
import { parsedPieces, parseToColumns } from './parsed-pieces';
import { soleCsvMember, type PieceSource } from './pieces';
import { recognize } from './recognize';

/** Largest file `gridcell import` reads. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;
/** Files (or zip members) larger than this are streamed when their report allows it. */
export const STREAM_THRESHOLD = 8 * 1024 * 1024;
const SNIFF_BYTES = 1024 * 1024;

/**
 * Whether `importFile` may stream this file, so that a parsing thread is worth starting before it
 * (`startParsingThread`): a file larger than STREAM_THRESHOLD, or a zip whose one CSV member is.
 * A file that cannot be read is not: its import fails on its own.
 */
export function mayStream(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const size = fstatSync(fd).size;
    if (size > STREAM_THRESHOLD) return true;
    if (!isZip(readHead(fd, 4))) return false;
    return (soleCsvMember(readHead(fd, size), basename(path))?.size ?? 0) > STREAM_THRESHOLD;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface ImportOutcome {
  file: string;
  market: string;
  reports: string[];
  series: number;
  points: number;
  changed: number;
  days: string[];
}

/**
 * Feeds a file a user downloaded by hand through the same parsers as a fetch, and stores it in
 * one transaction: a file that is not recognized, or is malformed, stores nothing. A large file
 * whose rows parse on their own is streamed in pieces, so memory stays flat as files grow.
 */
export class Importer {
  constructor(
    private readonly connectors: readonly Connector[],
    private readonly writer: SeriesWriter,
  ) {}

  async importFile(path: string, forcedReport?: string): Promise<ImportOutcome> {
    const name = basename(path);
    const fd = openRegularFile(path);
    try {
      const size = fstatSync(fd).size;
      if (size > IMPORT_MAX_BYTES)
        throw new GridError('TOO_LARGE', `${name} is ${size} bytes, more than gridcell imports at once; split it.`);
      const head = readHead(fd, Math.min(size, SNIFF_BYTES));
      if (!isZip(head) && size > STREAM_THRESHOLD) {
        const [part] = recognize(this.connectors, name, head, forcedReport);
        if (part.report.rowsIndependent) return await this.importStream(name, part.connector, part.report, { fd });
      }
      const bytes = size > head.length ? readFileSync(fd) : head;
      if (isZip(bytes)) {
        const [part] = recognize(this.connectors, name, bytes, forcedReport);
        const member = part.report.rowsIndependent ? soleCsvMember(bytes, name) : undefined;
        if (member && member.size > STREAM_THRESHOLD) return await this.importStream(name, part.connector, part.report, { zip: bytes });
      }
      return await this.importBytes(name, bytes, forcedReport);
    } finally {
      closeSync(fd);
    }
  }

  async importBytes(name: string, bytes: Buffer, forcedReport?: string): Promise<ImportOutcome> {
    const parts = recognize(this.connectors, name, bytes, forcedReport);
    const connector = parts[0].connector;
    if (parts.some((p) => p.connector !== connector))
      throw new GridError('UNRECOGNIZED_FILE', `${name} mixes files of several markets; import them one at a time.`);
    const market = connector.market;
    const results = parts.map((part) => parseToColumns(part.report, market, part.name, part.read()));
    const reports = parts.map((p) => p.report.id);
    if (results.every((r) => r.columns.start.length === 0)) throw noValues(name, reports);
    return outcome(name, market, reports, await this.writer.write(market, results, { source: `import:${name}` }));
  }

  /**
   * Parses and writes piece by piece inside one write transaction; any error rolls all of it
   * back. A worker thread reads and parses the pieces while this one writes.
   */
  private async importStream(name: string, connector: Connector, report: Report, source: PieceSource): Promise<ImportOutcome> {
    const market = connector.market;
    const parsed = parsedPieces(source, report, market, name);
    // Asked for at once, the first piece starts the parsing thread on the file while the write
    // opens (a transaction, and the market's clock read for the first time: ~10 ms).
    let next = parsed.next();
    // Its error is taken where it is awaited; until then (a write may wait for another process's) it is not unhandled.
    next.catch(() => undefined);
    let write: OpenWrite | undefined;
    let points = 0;
    try {
      write = await this.writer.open(market, { source: `import:${name}`, streamed: true });
      for (let piece = await next; !piece.done; piece = await (next = parsed.next())) {
        await write.add(piece.value);
        points += piece.value.columns.start.length;
      }
      if (!points) throw noValues(name, [report.id]);
      return outcome(name, market, [report.id], await write.commit());
    } catch (e) {
      await write?.abort();
      await next.catch(() => undefined); // the piece asked for, or the error that ended the parse
      await parsed.return(undefined);
      throw e;
    }
  }
}

function outcome(name: string, market: MarketInfo, reports: string[], summary: WriteSummary): ImportOutcome {
  return {
    file: name,
    market: market.id,
    reports: [...new Set(reports)],
    series: summary.series,
    points: summary.points,
    changed: summary.changed,
    days: summary.days,
  };
}

function noValues(name: string, reports: string[]): GridError {
  return new GridError('PARSE', `${name}: recognized as ${reports.join(', ')} but it holds no values.`);
}

/**
 * The file opened for reading, when it is a regular file. Opened without blocking, so that a named
 * pipe is refused instead of waiting forever for a writer.
 */
function openRegularFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw cannotOpen(path, e as NodeJS.ErrnoException);
  }
  const refusal = notAFile(path, fstatSync(fd));
  if (refusal) {
    closeSync(fd);
    throw refusal;
  }
  return fd;
}

function notAFile(path: string, stats: Stats): GridError | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return isAFolder(path);
  const kind = stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
  return new GridError('BAD_REQUEST', `${path} is ${kind}, not a file; save the download to a file and import that.`);
}

function isAFolder(path: string): GridError {
  return new GridError('BAD_REQUEST', `${path} is a folder, not a file; import the files in it (gridcell import FOLDER/*).`);
}

function cannotOpen(path: string, e: NodeJS.ErrnoException): GridError {
  switch (e.code) {
    case 'ENOENT':
      return new GridError('BAD_REQUEST', `${path}: no such file.`);
    case 'EACCES':
    case 'EPERM':
      return new GridError(
        'BAD_REQUEST',
        `${path} cannot be read: permission denied. Check the file's permissions, or copy it somewhere you can read.`,
      );
    case 'EISDIR':
      return isAFolder(path);
    default:
      return new GridError('BAD_REQUEST', `${path} cannot be opened (${e.code ?? e.message}).`);
  }
}

function readHead(fd: number, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const read = readSync(fd, head, 0, bytes, 0);
  return head.subarray(0, read);
}
