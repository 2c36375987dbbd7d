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

/** `describe` when the real file is there, `describe.skip` (reported as skipped) when it is not. */
export function describeShared(relative: string | string[]): jest.Describe {
  const files = Array.isArray(relative) ? relative : [relative];
  return files.every(hasShared) ? describe : describe.skip;
}

/** Our own small fixtures, written in the real formats, under test/fixtures. */
export function ownPath(relative: string): string {
  return resolve(__dirname, '../fixtures', relative);
}

export function readOwn(relative: string): Buffer {
  return readFileSync(ownPath(relative));
}
