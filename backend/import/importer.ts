import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { GridError } from '../errors';
import type { Connector, ParsedPoint, LocationInfo } from '../connectors/types';
import type { SeriesStore } from '../store/series-store';
import { coveredDays } from '../series/coverage';
import { storeParsed } from '../series/store-result';
import { recognize } from './recognize';

/** Largest file `gridcell import` reads. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;

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
 * one transaction: a file that is not recognized, or is malformed, stores nothing.
 */
export class Importer {
  constructor(
    private readonly connectors: Connector[],
    private readonly store: SeriesStore,
    private readonly now: () => number,
    private readonly onWrite: () => void,
  ) {}

  importFile(path: string, forcedReport?: string): ImportOutcome {
    const name = basename(path);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new GridError('BAD_REQUEST', `${path}: no such file.`);
    }
    if (size > IMPORT_MAX_BYTES) throw new GridError('TOO_LARGE', `${name} is ${size} bytes, more than gridcell imports at once; split it.`);
    return this.importBytes(name, readFileSync(path), forcedReport);
  }

  importBytes(name: string, bytes: Buffer, forcedReport?: string): ImportOutcome {
    const parts = recognize(this.connectors, name, bytes, forcedReport);
    const connector = parts[0].connector;
    if (parts.some((p) => p.connector !== connector)) throw new GridError('UNRECOGNIZED_FILE', `${name} mixes files of several markets; import them one at a time.`);
    const market = connector.market;
    const points: ParsedPoint[] = [];
    const locations: LocationInfo[] = [];
    for (const part of parts) {
      const result = part.report.parse(part.bytes, { market, source: part.name });
      for (const p of result.points) points.push(p);
      locations.push(...(result.locations ?? []));
    }
    if (!points.length) throw new GridError('PARSE', `${name}: recognized as ${parts.map((p) => p.report.id).join(', ')} but it holds no values.`);
    const summary = storeParsed(this.store, connector, {
      points,
      locations,
      coverage: coveredDays(points, market.id, market.clock, market.currency).map((c) => ({ series: c.series, day: c.day, partial: !c.whole })),
      source: `import:${name}`,
      now: this.now(),
    });
    this.onWrite();
    return { file: name, market: market.id, reports: [...new Set(parts.map((p) => p.report.id))], series: summary.series, points: summary.points, changed: summary.changed, days: summary.days };
  }
}
