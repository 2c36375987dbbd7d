import { GridError } from '../domain';
import type { Connector, FileSample, Report } from '../connectors/types';
import { headText } from '../formats/text';
import { isZip, zipEntries } from '../formats/zip';

export interface Recognized {
  connector: Connector;
  report: Report;
  /** Name of the file, or `file:member` for a zip member. */
  name: string;
  /** The file's or member's bytes, inflated only when asked for (a large member may be streamed instead). */
  read(): Buffer;
}

/** Zip members larger than this are recognized from their first bytes only. */
const WHOLE_MEMBER_SNIFF = 8 * 1024 * 1024;

/** What detectors see: the content without a UTF-8 byte-order mark (Excel and Notepad add one when they save a CSV). */
function sample(name: string, bytes: Buffer): FileSample {
  const content = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return { name, head: headText(content), bytes: content };
}

function claimant(connectors: readonly Connector[], file: FileSample): { connector: Connector; report: Report } | undefined {
  for (const connector of connectors) {
    for (const report of connector.reports) {
      if (report.detect?.(file)) return { connector, report };
    }
  }
  return undefined;
}

export function findReport(connectors: readonly Connector[], id: string): { connector: Connector; report: Report } {
  for (const connector of connectors) {
    const report = connector.reports.find((r) => r.id.toLowerCase() === id.toLowerCase());
    if (report) return { connector, report };
  }
  const ids = connectors.flatMap((c) => c.reports.map((r) => r.id));
  throw new GridError('BAD_REQUEST', `There is no report "${id}". Reports: ${ids.join(', ')}.`);
}

/**
 * Which report a file is, from its content: the file itself first (some reports are zips), then
 * each member of a zip. `forced` skips the sniffing.
 */
export function recognize(connectors: readonly Connector[], name: string, bytes: Buffer, forced?: string): Recognized[] {
  if (forced) {
    const { connector, report } = findReport(connectors, forced);
    return [{ connector, report, name, read: () => bytes }];
  }
  const whole = claimant(connectors, sample(name, bytes));
  if (whole) return [{ ...whole, name, read: () => bytes }];
  if (isZip(bytes)) {
    const members: Recognized[] = [];
    for (const entry of zipEntries(bytes, name)) {
      const content = entry.size > WHOLE_MEMBER_SNIFF ? entry.head() : entry.read();
      const hit = claimant(connectors, sample(entry.name, content));
      if (hit)
        members.push({ ...hit, name: `${name}:${entry.name}`, read: content.length === entry.size ? () => content : () => entry.read() });
    }
    if (members.length) return members;
  }
  throw new GridError(
    'UNRECOGNIZED_FILE',
    `${name}: gridcell does not recognize this file as any report it reads. Check that it is an unmodified download, or name the report with --report (see "gridcell markets").`,
  );
}
