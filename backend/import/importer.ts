import { closeSync, openSync, readSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { GridError } from '../errors';
import type { Connector, ParsedPoint, LocationInfo, Report } from '../connectors/types';
import type { SeriesStore, WriteSummary } from '../store/series-store';
import { CoverageTally, coveredDays } from '../series/coverage';
import { storeParsed, writeMeta } from '../series/store-result';
import { isZip } from '../formats/zip';
import { fileChunks, inflatedMember, linePieces, soleCsvMember } from './pieces';
import { recognize } from './recognize';

/** Largest file `gridcell import` reads. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;
/** Files (or zip members) larger than this are streamed when their report allows it. */
export const STREAM_THRESHOLD = 8 * 1024 * 1024;
const SNIFF_BYTES = 1024 * 1024;

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
    private readonly connectors: Connector[],
    private readonly store: SeriesStore,
    private readonly now: () => number,
    private readonly onWrite: () => void,
  ) {}

  async importFile(path: string, forcedReport?: string): Promise<ImportOutcome> {
    const name = basename(path);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new GridError('BAD_REQUEST', `${path}: no such file.`);
    }
    if (size > IMPORT_MAX_BYTES) throw new GridError('TOO_LARGE', `${name} is ${size} bytes, more than gridcell imports at once; split it.`);
    const head = readHead(path, Math.min(size, SNIFF_BYTES));
    if (!isZip(head) && size > STREAM_THRESHOLD) {
      const [part] = recognize(this.connectors, name, head, forcedReport);
      if (part.report.rowsIndependent) return this.importStream(name, part.connector, part.report, linePieces(fileChunks(path), name));
    }
    const bytes = size > head.length ? readFileSync(path) : head;
    if (isZip(bytes)) {
      const [part] = recognize(this.connectors, name, bytes, forcedReport);
      const member = part.report.rowsIndependent ? soleCsvMember(bytes) : undefined;
      if (member && member.size > STREAM_THRESHOLD) return this.importStream(name, part.connector, part.report, linePieces(inflatedMember(member, name), name));
    }
    return this.importBytes(name, bytes, forcedReport);
  }

  importBytes(name: string, bytes: Buffer, forcedReport?: string): ImportOutcome {
    const parts = recognize(this.connectors, name, bytes, forcedReport);
    const connector = parts[0].connector;
    if (parts.some((p) => p.connector !== connector)) throw new GridError('UNRECOGNIZED_FILE', `${name} mixes files of several markets; import them one at a time.`);
    const market = connector.market;
    const points: ParsedPoint[] = [];
    const locations: LocationInfo[] = [];
    for (const part of parts) {
      const result = part.report.parse(part.read(), { market, source: part.name });
      for (const p of result.points) points.push(p);
      locations.push(...(result.locations ?? []));
    }
    const reports = parts.map((p) => p.report.id);
    if (!points.length) throw noValues(name, reports);
    const summary = storeParsed(this.store, connector, {
      points,
      locations,
      coverage: coveredDays(points, market.id, market.clock, market.currency).map((c) => ({ series: c.series, day: c.day, partial: !c.whole })),
      source: `import:${name}`,
      now: this.now(),
    });
    return this.outcome(name, connector, reports, summary);
  }

  /** Parses and writes piece by piece inside one write transaction; any error rolls all of it back. */
  private async importStream(name: string, connector: Connector, report: Report, pieces: AsyncIterable<Buffer>): Promise<ImportOutcome> {
    const market = connector.market;
    const writer = this.store.beginWrite(writeMeta(connector, `import:${name}`, this.now()));
    const tally = new CoverageTally(market.id, market.clock, market.currency);
    try {
      for await (const piece of pieces) {
        const result = report.parse(piece, { market, source: name });
        writer.points(result.points);
        writer.locations(result.locations ?? []);
        tally.add(result.points);
      }
      const coverage = tally.days().map((c) => ({ series: c.series, day: c.day, partial: !c.whole }));
      if (!coverage.length) throw noValues(name, [report.id]);
      return this.outcome(name, connector, [report.id], writer.commit(coverage));
    } catch (e) {
      writer.abort();
      throw e;
    }
  }

  private outcome(name: string, connector: Connector, reports: string[], summary: WriteSummary): ImportOutcome {
    this.onWrite();
    return { file: name, market: connector.market.id, reports: [...new Set(reports)], series: summary.series, points: summary.points, changed: summary.changed, days: summary.days };
  }
}

function noValues(name: string, reports: string[]): GridError {
  return new GridError('PARSE', `${name}: recognized as ${reports.join(', ')} but it holds no values.`);
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const read = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
