import { mayStream } from '../import/importer';
import { startParsingThread } from '../import/parsed-pieces';

/**
 * What `gridcell import FILE...` starts before it opens the app: when a file may be streamed, its
 * parsing thread, so that the thread's start overlaps the app's. Unused, the thread waits without
 * holding the process.
 */
export function startImportAhead(files: string[]): void {
  if (files.some(mayStream)) startParsingThread();
}
