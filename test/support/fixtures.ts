import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The recorded real files beside the repo (../shared/fixtures); absent in a bare clone. */
export const SHARED_FIXTURES = process.env.GRIDCELL_SHARED_FIXTURES || resolve(__dirname, '../../../shared/fixtures');

export function sharedPath(relative: string): string {
  return join(SHARED_FIXTURES, relative);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}

export function readShared(relative: string): Buffer {
  return readFileSync(sharedPath(relative));
}

/**
 * `describe` when the real files are there. When they are not (a bare clone), the suite's body is
 * never run (it may read the files as it loads) and one skipped test names what is missing.
 */
export function describeShared(relative: string | string[]): (name: string, body: () => void) => void {
  const files = Array.isArray(relative) ? relative : [relative];
  if (files.every(hasShared)) return describe;
  const missing = files.filter((f) => !hasShared(f));
  return (name) => describe.skip(name, () => test.skip(`needs ${missing.join(', ')} from ../shared/fixtures`, () => undefined));
}

/** Our own small fixtures, written in the real formats, under test/fixtures. */
export function ownPath(relative: string): string {
  return resolve(__dirname, '../fixtures', relative);
}

export function readOwn(relative: string): Buffer {
  return readFileSync(ownPath(relative));
}
