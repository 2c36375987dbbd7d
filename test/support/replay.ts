import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecording } from '../../backend/http/replay';
import type { HttpRequest } from '../../backend/http/types';

export interface ReplayEntry {
  /** The request the connector is expected to make, written out in the test from the source's documentation. */
  request: HttpRequest;
  /** Absolute path of the recorded body (a file in ../shared/fixtures or test/fixtures). */
  file: string;
  status?: number;
  headers?: Record<string, string>;
}

/** A temporary replay folder answering exactly these requests with these recorded bodies. */
export function replayFolder(entries: ReplayEntry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-replay-'));
  for (const e of entries) writeRecording(dir, e.request, { status: e.status ?? 200, headers: e.headers }, { file: e.file });
  return dir;
}
