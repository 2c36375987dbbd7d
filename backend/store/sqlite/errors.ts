import { GridError } from '../../domain';

/**
 * An SQLite failure as the person at the keyboard needs it: which file, what is wrong with it and
 * what to do. Anything that is not SQLite's goes on as it is.
 */
export function cacheError(e: unknown, path: string): unknown {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const detail = (e as Error).message;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new GridError(
      'CACHE_BUSY',
      `The cache ${path} is being written by another gridcell process (an import?); try again when it has finished.`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new GridError(
      'CACHE_UNUSABLE',
      `The cache file ${path} is damaged (${detail}). Move it aside or delete it: gridcell then makes a new one and fetches prices again.`,
    );
  }
  if (code === 'SQLITE_FULL')
    return new GridError('CACHE_UNUSABLE', `The disk that holds the cache file ${path} is full; free some space and try again.`);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new GridError(
      'CACHE_UNUSABLE',
      `gridcell cannot write the cache file ${path} (${detail}). Check that its folder is writable, or set GRIDCELL_DB to another file.`,
    );
  }
  return new GridError('CACHE_UNUSABLE', `gridcell could not use the cache file ${path} (${detail}).`);
}
